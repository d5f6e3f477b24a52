"""No leaks: resident memory stays flat over a million calls.

This measures RSS (from /proc/self/statm), not time. After a warm-up that
lets the allocators and the per-thread parse arena reach their steady state,
a million more calls must not grow RSS by more than a few MiB; a leak of even
8 bytes per call would add 8 MB. The numbers are written to rss.json in the
working directory (the meson build dir).
"""

import gc
import json
import os

import pytest

import libsanitize
from libsanitize import Policy

CALLS = int(os.environ.get("LIBSANITIZE_RSS_CALLS", "1000000"))
ALLOWED_GROWTH = 4 << 20  # bytes


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc")
@pytest.mark.skipif(bool(os.environ.get("LIBSANITIZE_UNDER_ASAN")),
                    reason="ASan's quarantine grows RSS by design")
def test_rss_flat_over_a_million_calls():
    ugc = Policy.ugc()
    with_cb = (Policy().allow_elements("p", "a").allow_attribute("title")
               .allow_attribute("href", "a").allow_url_schemes("https")
               .set_attribute_filter(lambda e, a, v: v if a == "href" else v.upper())
               .set_url_scheme_callback("https", lambda url: "evil" not in url))
    inputs_str = [
        '<p onclick="x()" title="t">Hello <b>World</b> <a href="https://e.org/">l</a></p>',
        '<a href="https://evil.example/">x</a><script>bad()</script>',
        "text é 漢字 \ud800",
    ]
    inputs_bytes = [s.encode("utf-8", "surrogatepass") for s in inputs_str]
    errors = Policy().set_limit(libsanitize.Limit.INPUT_BYTES, 4)

    def one_round(i):
        k = i % 3
        ugc.sanitize(inputs_str[k])
        with_cb.sanitize(inputs_bytes[k])
        if i % 50 == 0:
            try:
                errors.sanitize("too long")
            except libsanitize.SanitizeError:
                pass
        if i % 100 == 0:  # policies created and freed (gc and close)
            p = Policy.strict().allow_elements("b").set_attribute_filter(lambda e, a, v: True)
            p.sanitize("<b>x</b>")
            if i % 200 == 0:
                p.close()
        libsanitize.escape_text(inputs_str[k])

    # Each round makes 3+ calls; CALLS counts rounds (so well over CALLS calls).
    warmup = max(CALLS // 5, 1000)
    for i in range(warmup):
        one_round(i)
    gc.collect()
    before = rss_bytes()
    samples = []
    for i in range(CALLS):
        one_round(i)
        if i % (CALLS // 10 or 1) == 0:
            samples.append(rss_bytes())
    gc.collect()
    after = rss_bytes()
    result = {"rounds": CALLS, "calls_per_round": 3, "warmup_rounds": warmup,
              "rss_before": before, "rss_after": after, "growth": after - before,
              "samples": samples}
    with open("rss.json", "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result))
    assert after - before < ALLOWED_GROWTH, result
