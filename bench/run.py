#!/usr/bin/python3
"""Runs the libsanitize benchmark and writes docs/performance.md and .png.

    /usr/bin/python3 bench/run.py            # full run (20-40 minutes; more on a loaded machine)
    /usr/bin/python3 bench/run.py --smoke    # CI check, well under a minute

Run it from anywhere; paths are relative to the repository. It builds what it
needs into bench/out/ (gitignored): a release build of the project
(bench/out/build, `meson setup --buildtype=release`, `ninja -j1`), the Go
peer (GOPATH mode on Debian's sources) and the Rust peer (offline, Debian's
crate registry). Peers whose toolchain or library is missing are reported as
"not installed" and skipped.

The full run interleaves: for each of --rounds rounds, every tier is run by
every runner in a freshly shuffled order, one process per (runner, tier) (one
per file for the pathological tier, with a timeout). Per document, the median
over rounds of each runner's per-call CPU median is used.

--smoke runs two tiny and two comment files with few iterations, through the
libsanitize runners and the peers that are already built or installed (it
builds nothing but the project itself if needed), checks every record, and
writes nothing under docs/. It exits non-zero only if a runner crashed,
timed out, printed something unreadable, or was inconsistent (output that
changes from call to call, Python output different from C output, a missing
record, or a libsanitize error on these ordinary inputs).
"""

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, "out")
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
TIERS = ["tiny", "comment", "multilingual", "article", "page", "pathological"]

# Display order and labels; "group" decides which targets an implementation counts for.
IMPLS = [
    ("libsanitize-c", "libsanitize (C)"),
    ("libsanitize-py", "libsanitize (Python)"),
    ("gumbo-parse-arena", "gumbo parse only, arena (baseline)"),
    ("gumbo-parse", "gumbo parse only, malloc (baseline)"),
    ("memcpy", "memcpy (baseline)"),
    ("bluemonday", "bluemonday (Go)"),
    ("ammonia", "ammonia (Rust)"),
    ("lxml", "lxml Cleaner (Python/C)"),
    ("sanitize-html", "sanitize-html (Node)"),
    ("bleach", "bleach (Python)"),
    ("html5lib", "html5lib sanitizer (Python)"),
    ("dompurify", "DOMPurify + jsdom (Node)"),
]
LABEL = dict(IMPLS)
PEERS = ["bluemonday", "ammonia", "lxml", "sanitize-html", "bleach", "html5lib", "dompurify"]

PEER_CONFIG = """\
Every peer is configured as close to bluemonday's `UGCPolicy()` (the policy libsanitize's
`SANITIZE_PRESET_UGC` reproduces) as its knobs allow. The element and attribute lists are in
`bench/peers/ugc.json` (72 elements; the global attributes `dir lang id title`; the per-element
attributes of bluemonday's `policies.go`; schemes `http https mailto`; content dropped with
`script style frame frameset iframe noembed noframes noscript nostyle object title`). Each peer
object is built once and reused for every call; inputs are decoded to the language's string
type once, outside the timing (the C runners take bytes).

| peer | version | configuration | where it differs from UGC |
|---|---|---|---|
| bluemonday (Go) | {bluemonday} | `bluemonday.UGCPolicy()`, `SanitizeBytes`; `bench/peers/go/bluemonday_bench.go`, built with `GO111MODULE=off GOPATH=/usr/share/gocode go build` | none: it is the reference. Tokenizer only, no tree building. |
| ammonia (Rust) | {ammonia} | `Builder::default()` with `tags` = the 72 UGC elements, `tag_attributes` and `generic_attributes` = the UGC names, `url_schemes` = http/https/mailto, `url_relative(PassThrough)`, `link_rel(Some("nofollow"))`, `strip_comments(true)`, `clean_content_tags` = the drop-content set; `bench/peers/rust/src/main.rs`, `cargo build --release --offline` (lto, codegen-units=1) against `/usr/share/cargo/registry` with Debian's rustc | no value patterns (any value of an allowed attribute is kept, URLs are checked by scheme); `rel="nofollow"` only on `a`. html5ever tree builder. |
| lxml Cleaner (Python + libxml2) | {lxml} | `lxml.html.clean.Cleaner(scripts, javascript, comments, style, inline_style, links, meta, page_structure, processing_instructions, embedded, frames, forms, annoying_tags = True, kill_tags` = drop-content set, `allow_tags` = UGC elements, `remove_unknown_tags=False, safe_attrs_only=True, safe_attrs` = union of the UGC attribute names, `add_nofollow=True)`, on `lxml.html.fragment_fromstring(text, create_parent="div")`, serialized with `lxml.html.tostring(..., encoding="unicode")` | attributes are allowed by name on every element (one global set), no value patterns, its own `javascript:` URL check instead of a scheme allowlist; libxml2's HTML 4 parser (not HTML5); output wrapped in one `<div>`. |
| sanitize-html (Node) | {sanitize_html} | `allowedTags` = UGC elements, `allowedAttributes` = UGC per element plus `'*'`: the global ones, `allowedSchemes` = http/https/mailto, `allowProtocolRelative: true`, `disallowedTagsMode: 'discard'`, `nonTextTags` = drop-content set + `textarea option`, `transformTags.a` adds `rel="nofollow"` to links with href; `bench/peers/node/bench.js` | no value patterns; htmlparser2 (not an HTML5 tree builder). |
| bleach (Python) | {bleach} | `bleach.sanitizer.Cleaner(tags` = UGC elements, `attributes` = UGC per element plus `'*'`: the global ones, `protocols` = http/https/mailto, `strip=True, strip_comments=True)`, reused | no value patterns; no `rel="nofollow"` (that needs bleach's linkify, not used); the text of dropped `script`/`style` is kept as escaped text (bleach has no drop-content set). html5lib tokenizer inside. |
| html5lib sanitizer (Python) | {html5lib} | `html5lib.HTMLParser(tree=etree).parseFragment`, then `html5lib.filters.sanitizer.Filter(allowed_elements` = UGC elements, `allowed_attributes` = union of UGC attribute names, `allowed_protocols` = http/https/mailto + `data` with no allowed content type), then `HTMLSerializer(quote_attr_values="always", omit_optional_tags=False)` | disallowed tags are escaped as text instead of removed (html5lib's only mode); attributes by name on every element; `data` is listed only to work around html5lib 1.1 raising `KeyError` on a `data:` URL (every `data:` URL is still removed). |
| DOMPurify on jsdom (Node) | {dompurify} | `DOMPurify(new JSDOM('').window)`, `ALLOWED_TAGS` = UGC elements, `ALLOWED_ATTR` = union of UGC attribute names, `ALLOWED_URI_REGEXP` = DOMPurify's default narrowed to http/https/mailto + relative, `FORBID_CONTENTS` = drop-content set, an `afterSanitizeAttributes` hook adding `rel="nofollow"` to `a`/`area` with href | attributes by name on every element; DOMPurify's own extra checks (DOM clobbering, mXSS) on top. jsdom parses with parse5 (HTML5). |

Node runners warm the JIT up for 100 ms of CPU per document before sampling.
"""


def log(msg):
    sys.stderr.write("[bench] %s\n" % msg)
    sys.stderr.flush()


def rel(p):
    return os.path.relpath(p, ROOT)


# --------------------------------------------------------------------------- setup

def sh(cmd, cwd=ROOT, env=None, timeout=None):
    """Runs a build command; returns (ok, combined output)."""
    e = dict(os.environ)
    if env:
        e.update(env)
    try:
        r = subprocess.run(cmd, cwd=cwd, env=e, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as ex:
        return False, str(ex)
    return r.returncode == 0, r.stdout.decode("utf-8", "replace")


def build_project(build_dir):
    if not os.path.exists(os.path.join(build_dir, "build.ninja")):
        log("meson setup %s --buildtype=release" % rel(build_dir))
        ok, out = sh(["meson", "setup", build_dir, "--buildtype=release"])
        if not ok:
            return False, out
    log("ninja -C %s -j1" % rel(build_dir))
    return sh(["ninja", "-C", build_dir, "-j1"])


def newer(target, sources):
    if not os.path.exists(target):
        return False
    t = os.path.getmtime(target)
    return all(os.path.getmtime(s) <= t for s in sources)


def dpkg_version(pkg):
    ok, out = sh(["dpkg-query", "-W", "-f=${Version}", pkg])
    return out.strip() if ok and out.strip() else None


def setup_go(build, peers_dir):
    src = os.path.join(BENCH, "peers", "go", "bluemonday_bench.go")
    exe = os.path.join(peers_dir, "bluemonday_bench")
    go = shutil.which("go") or ("/usr/lib/go/bin/go" if os.path.exists("/usr/lib/go/bin/go") else None)
    if newer(exe, [src]):
        return [exe], None
    if not build:
        return None, "not built (smoke mode builds no peer)"
    if not go or not os.path.isdir("/usr/share/gocode/src/github.com/microcosm-cc/bluemonday"):
        return None, "not installed (apt-get install golang-go golang-github-microcosm-cc-bluemonday-dev)"
    log("go build bluemonday_bench")
    ok, out = sh([go, "build", "-o", exe, src], cwd=os.path.dirname(src),
                 env={"GO111MODULE": "off", "GOPATH": "/usr/share/gocode", "GOFLAGS": "-p=1"})
    if not ok:
        return None, "build failed: " + out.strip().splitlines()[-1] if out.strip() else "build failed"
    return [exe], None


def setup_rust(build, peers_dir):
    crate = os.path.join(BENCH, "peers", "rust")
    target = os.path.join(OUT, "rust-target")
    exe = os.path.join(target, "release", "ammonia_bench")
    srcs = [os.path.join(crate, "src", "main.rs"), os.path.join(crate, "Cargo.toml")]
    if newer(exe, srcs):
        return [exe], None
    if not build:
        return None, "not built (smoke mode builds no peer)"
    cargo = "/usr/bin/cargo" if os.path.exists("/usr/bin/cargo") else shutil.which("cargo")
    have = os.path.isdir("/usr/share/cargo/registry") and any(
        d.startswith("ammonia-") for d in os.listdir("/usr/share/cargo/registry"))
    if not cargo or not have or not os.path.exists("/usr/bin/rustc"):
        return None, "not installed (apt-get install cargo rustc librust-ammonia-dev)"
    # Cargo.lock is generated (gitignored); one written by another cargo
    # (e.g. a rustup toolchain on PATH) is in a format Debian's cannot read.
    lock = os.path.join(crate, "Cargo.lock")
    if os.path.exists(lock):
        os.remove(lock)
    env = {}
    # Debian's crates (tendril 0.4.0) need Debian's rustc 1.63; newer ones reject them.
    if os.path.exists("/usr/bin/rustc"):
        env = {"RUSTC": "/usr/bin/rustc", "RUSTDOC": "/usr/bin/rustdoc"}
    log("cargo build --release --offline -j1 (ammonia peer; a few minutes the first time)")
    ok, out = sh([cargo, "build", "--release", "--offline", "-j1", "--target-dir", target],
                 cwd=crate, env=env, timeout=1800)
    if not ok:
        tail = out.strip().splitlines()[-1] if out.strip() else ""
        return None, "build failed: " + tail
    return [exe], None


def setup_python_peer(lib, module):
    ok, out = sh([PY, "-c", "import %s" % module])
    if not ok:
        pkg = {"bleach": "python3-bleach", "lxml": "python3-lxml", "html5lib": "python3-html5lib"}[lib]
        return None, "not installed (apt-get install %s)" % pkg
    return [PY, os.path.join(BENCH, "peers", "python", "peers.py"), "--lib", lib], None


def setup_node(build):
    node_dir = os.path.join(BENCH, "peers", "node")
    node = shutil.which("node")
    if not node:
        return None, "not installed (node)"
    mods = os.path.join(node_dir, "node_modules")
    need = ["dompurify", "jsdom", "sanitize-html"]
    if not all(os.path.isdir(os.path.join(mods, m)) for m in need):
        if not build or not shutil.which("npm"):
            return None, "not installed (cd bench/peers/node && npm ci)"
        log("npm ci in bench/peers/node")
        ok, out = sh(["npm", "ci", "--no-audit", "--no-fund"], cwd=node_dir, timeout=600)
        if not ok:
            return None, "npm ci failed"
    return [node, os.path.join(node_dir, "bench.js")], None


# --------------------------------------------------------------------------- running

class Runner:
    def __init__(self, name, cmd, impls, env=None, extra=(), tier_extra=None, tier_impls=None):
        self.name, self.cmd, self.impls, self.env, self.extra = name, cmd, impls, env, list(extra)
        self.tier_extra, self.tier_impls = tier_extra or {}, tier_impls or {}


def run_process(runner, files, timing, timeout, round_no, tier, problems):
    """Runs one runner process; returns its records (JSON objects)."""
    cmd = runner.cmd + runner.extra + runner.tier_extra.get(tier, []) + timing + files
    env = dict(os.environ)
    if runner.env:
        env.update(runner.env)
    t0 = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
        out, err, rc, timed_out = p.stdout, p.stderr, p.returncode, False
    except subprocess.TimeoutExpired as ex:
        out, err, rc, timed_out = ex.stdout or b"", ex.stderr or b"", None, True
    wall = time.monotonic() - t0
    recs = []
    for line in out.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            problems.append("%s: unreadable output line %r" % (runner.name, line[:120]))
            continue
        rec["round"], rec["tier"], rec["runner_name"] = round_no, tier, runner.name
        recs.append(rec)
    seen = {(r.get("impl"), r.get("file")) for r in recs if not r.get("meta")}
    for f in files:
        for impl in runner.tier_impls.get(tier, runner.impls):
            if (impl, f) not in seen:
                why = "timeout after %.0f s" % wall if timed_out else "no record (exit %s)" % rc
                recs.append({"impl": impl, "file": f, "ok": False, "error": why, "missing": True,
                             "timed_out": timed_out, "round": round_no, "tier": tier,
                             "runner_name": runner.name})
    if timed_out:
        problems.append("%s timed out on %s (%s)" % (runner.name, tier, " ".join(map(rel, files))[:200]))
    elif rc != 0:
        msg = err.decode("utf-8", "replace").strip().splitlines()
        problems.append("%s crashed on %s: exit %s %s" % (runner.name, tier, rc,
                                                          msg[-1] if msg else ""))
    return recs, (rc == 0 and not timed_out)


class RecordSink(list):
    """The run's records, also written to the results file as they come (so that
    an interrupted run can still be rendered with --report-only)."""

    def __init__(self, path):
        super().__init__()
        self.f = open(path, "w")

    def append(self, r):
        super().append(r)
        self.f.write(json.dumps(r) + "\n")
        self.f.flush()

    def extend(self, rs):
        for r in rs:
            self.append(r)

    def close(self, run):
        self.f.write(json.dumps(run) + "\n")
        self.f.close()


def tier_files(corpus, tier, limit=None):
    d = os.path.join(corpus, tier)
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".html"))
    files = [rel(f) for f in files]
    return files[:limit] if limit else files


# --------------------------------------------------------------------------- doubling inputs

# Rounds of the doubling measurement; the ratios pool their turns (see turn_ratios()).
DOUBLING_ROUNDS = 3


def gen_doubling(dirpath, corpus):
    """Writes inputs of sizes N, 2N, 4N for each shape; returns {shape: [paths]}."""
    os.makedirs(dirpath, exist_ok=True)
    with open(os.path.join(corpus, "article", "nodejs_path_body.html"), encoding="utf-8") as f:
        article = f.read()
    with open(os.path.join(corpus, "comment", "comment_02_xss_mixed.html"), encoding="utf-8") as f:
        xss = f.read()
    ents = "&amp;&lt;&CounterClockwiseContourIntegral;&#65;&#x1F600;&copy&notin;&bogus;&#0;&#x110000;&#xD800; "
    shapes = {
        "text": (lambda n: "<p>" + "lorem ipsum dolor sit amet " * n + "</p>", 2500),
        "article_repeated": (lambda n: article * n, 1),
        "deep_nesting_closed": (lambda n: "<div>" * n + "x" + "</div>" * n, 2500),
        "unclosed_div": (lambda n: "<div>x" * n, 2500),
        "unclosed_formatting": (lambda n: "<p>" + "<b>x<i>y" * n, 2500),
        "attrs_distinct": (lambda n: "<p " + " ".join("a%d=%d" % (i, i) for i in range(n)) + ">x</p>", 1250),
        "attr_value_long": (lambda n: '<a href="https://example.com/' + "a" * n + '">x</a>', 262144),
        "entities": (lambda n: "<p>" + ents * n + "</p>", 2500),
        "xss_repeated": (lambda n: xss * n, 16),
        "strong_unclosed": (lambda n: "<strong>" * n + "x", 1024),
    }
    out = {}
    for name, (fn, base) in shapes.items():
        paths = []
        for k in (1, 2, 4):
            p = os.path.join(dirpath, "%s_x%d.html" % (name, k))
            with open(p, "w", encoding="utf-8") as f:
                f.write(fn(base * k))
            paths.append(rel(p))
        out[name] = paths
    return out


def thread_summary(th_recs, problems):
    """The two-thread measurement of one runner (bench_c or bench_py.py
    --threads-scaling): medians and the speed-up; None if absent."""
    if not th_recs:
        return None
    if any(x["errors"] for x in th_recs):
        problems.append("thread scaling: sanitize errors (%s)" % th_recs[0].get("impl"))

    def runs(threads, rep=None):
        return [x for x in th_recs if x["threads"] == threads and rep in (None, x["rep"])]

    def by_cpus(threads):
        # the median docs/s of each CPU set the runs were pinned to, in order
        sets = sorted({tuple(x.get("cpus") or []) for x in runs(threads)})
        return [med([x["docs_per_s"] for x in runs(threads) if tuple(x.get("cpus") or []) == s])
                for s in sets]

    def docs_per_cpu_s(x):
        return x["docs"] / x["thread_cpu_s"] if x["thread_cpu_s"] > 0 else None

    th = {"seconds": th_recs[0]["seconds"], "reps": 1 + max(x["rep"] for x in th_recs),
          "one": by_cpus(1), "two": by_cpus(2), "rep_ratios": []}
    eff = []
    for two in sorted(runs(2), key=lambda x: x["rep"]):
        ones = runs(1, two["rep"])
        one = sum(y["docs_per_s"] for y in ones) / len(ones) if ones else 0
        if one:
            th["rep_ratios"].append(two["docs_per_s"] / one)
        one_eff = [e for e in map(docs_per_cpu_s, ones) if e]
        if one_eff and docs_per_cpu_s(two):
            eff.append(docs_per_cpu_s(two) / (sum(one_eff) / len(one_eff)))
    th["ratio"] = med(th["rep_ratios"]) or 0.0
    th["cpu_ratio"] = med(eff) or 0.0
    return th


# Tiers of the two-thread measurement: what a second thread gains depends on
# the size of the documents (in Python, the GIL hand-over per call).
THREAD_TIERS = ("tiny", "comment", "article")


def run_thread_scaling(runners, files, seconds, reps, records, problems, crashed, tier):
    """bench_c's and bench_py.py's --threads-scaling on the files of a tier."""
    runs = [(r, []) for r in runners if r.name == "c"]
    # Python: one call per document, and sanitize_many() on lists of 64.
    runs += [(r, extra) for r in runners if r.name == "py" for extra in ([], ["--batch", "64"])]
    for r, extra in runs:
        env = dict(os.environ, **(r.env or {}))
        try:
            p = subprocess.run(r.cmd + ["--threads-scaling", "--seconds", str(seconds),
                                        "--reps", str(reps)] + extra + files,
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, timeout=300 + 6 * seconds * reps)
        except subprocess.TimeoutExpired:
            problems.append("thread scaling run timed out (%s)" % r.name)
            continue
        for x in (json.loads(y) for y in p.stdout.decode().splitlines() if y.strip()):
            if x.get("mode") == "threads":
                x["thread_tier"] = tier  # not "tier": these are not per-document records
                records.append(x)
        if p.returncode != 0:
            problems.append("thread scaling run exited %s (%s)" % (p.returncode, r.name))
            crashed.add(r.name)


def run_doubling(bench_c, shapes, rounds, budget_ms, records, problems, crashed):
    """Measures every shape's sizes N, 2N and 4N, rounds times."""
    for rnd in range(1, rounds + 1):
        for shape, paths in shapes.items():
            # The three sizes in one process, their samples interleaved, so
            # that the ratios compare samples taken moments apart (see the
            # report's method).
            try:
                p = subprocess.run([bench_c, "--modes", "sanitize,gumbo_arena",
                                    "--budget-ms", str(budget_ms), "--max-doc-ms", "2000",
                                    "--min-samples", "3", "--interleave-files"] + paths,
                                   cwd=ROOT, stdout=subprocess.PIPE, timeout=600)
            except subprocess.TimeoutExpired:
                problems.append("doubling run timed out on %s" % shape)
                continue
            for x in p.stdout.decode().splitlines():
                if x.strip():
                    r = json.loads(x)
                    r["tier"], r["round"] = "doubling", rnd
                    records.append(r)
            if p.returncode != 0:
                problems.append("doubling run exited %s on %s" % (p.returncode, shape))
                crashed.add("c")


# --------------------------------------------------------------------------- aggregation

def med(v):
    return statistics.median(v) if v else None


def per_doc(records):
    """{(impl, file): aggregated record} over rounds."""
    groups = {}
    for r in records:
        if r.get("meta") or r.get("mode") in ("threads", "overhead") or r.get("impl") is None:
            continue
        groups.setdefault((r["impl"], r["file"]), []).append(r)
    agg = {}
    for key, rs in groups.items():
        good = [r for r in rs if r.get("ok")]
        a = {"impl": key[0], "file": key[1], "tier": rs[0].get("tier"),
             "bytes_in": next((r["bytes_in"] for r in rs if "bytes_in" in r), None),
             "rounds": len(rs), "ok_rounds": len(good)}
        if good:
            a["cpu_us"] = med([r["cpu_median_us"] for r in good])
            a["cpu_min_us"] = min(r["cpu_min_us"] for r in good)
            a["wall_us"] = med([r["wall_median_us"] for r in good])
            a["bytes_out"] = good[0].get("bytes_out")
            a["peak_rss_kb"] = max(r.get("peak_rss_kb", 0) for r in good)
            a["calls"] = sum(r.get("calls", 0) for r in good)
        else:
            a["error"] = rs[0].get("error", "failed")
            # time to fail, when the runner measured it (a deadline, say)
            t = [r["cpu_median_us"] for r in rs if "cpu_median_us" in r]
            if t:
                a["fail_cpu_us"] = med(t)
        agg[key] = a
    return agg


def tier_summary(agg, impl, tier, files, base_impl="libsanitize-c"):
    docs = [agg.get((impl, f)) for f in files]
    ok = [d for d in docs if d and "cpu_us" in d]
    failed = [d for d in docs if d and "cpu_us" not in d]
    if not ok and not failed:
        return None
    s = {"n": len(files), "ok": len(ok), "failed": failed}
    if ok:
        s["median_us"] = med([d["cpu_us"] for d in ok])
        tot_t = sum(d["cpu_us"] for d in ok)
        tot_b = sum(d["bytes_in"] for d in ok)
        s["mb_s"] = tot_b / tot_t if tot_t > 0 else None  # bytes/µs = MB/s
        s["rss_mb"] = max(d.get("peak_rss_kb", 0) for d in ok) / 1024.0
        # ratio to the base over the documents both completed
        common = [(d, agg.get((base_impl, d["file"]))) for d in ok]
        common = [(d, b) for d, b in common if b and "cpu_us" in b]
        if common:
            s["ratio"] = sum(d["cpu_us"] for d, _ in common) / sum(b["cpu_us"] for _, b in common)
            s["ratio_docs"] = len(common)
            per = [d["cpu_us"] / b["cpu_us"] for d, b in common]
            s["ratio_min_doc"] = min(per)
            s["ratio_max_doc"] = max(per)
    return s


# The memory target of issue 5: at most ~16x the input plus a small constant
# (the arena's first chunk, the scratch buffers, the runtime's own pages).
MEM_FACTOR = 16
MEM_CONST = 1 << 20


def beyond_constant(doc):
    """(memory, input bytes, file) -> memory above MEM_CONST per input byte."""
    return max(0, doc[0] - MEM_CONST) / max(doc[1], 1)


def fmt_kib(nbytes):
    return "{:,.0f} KiB".format(nbytes / 1024.0)


def fmt_us(v):
    if v is None:
        return "–"
    if v >= 100000:
        return "{:,.0f}".format(v)
    if v >= 100:
        return "{:,.0f}".format(v)
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def fmt_x(v):
    if v is None:
        return "–"
    if v >= 100:
        return "%.0f×" % v
    if v >= 10:
        return "%.1f×" % v
    return "%.2f×" % v


# --------------------------------------------------------------------------- report

def machine_info():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and model == "unknown":
                    model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            mem = "%.0f GiB" % (int(f.readline().split()[1]) / 1048576)
    except (OSError, ValueError, IndexError):
        pass
    return {"cpu": model, "cores": os.cpu_count(), "mem": mem,
            "uname": " ".join(platform.uname()[i] for i in (0, 2, 3, 4)),
            "load": " ".join("%.2f" % x for x in os.getloadavg())}


def write_plot(path, summaries, impls, tiers):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib missing (apt-get install python3-matplotlib): no plot")
        return False
    shown = [i for i in impls if i != "memcpy" and any(
        summaries.get((i, t)) and summaries[(i, t)].get("mb_s") for t in tiers)]
    fig, ax = plt.subplots(figsize=(12, 5.5))
    width = 0.8 / max(1, len(shown))
    cmap = plt.get_cmap("tab20")
    for k, impl in enumerate(shown):
        xs, ys = [], []
        for j, t in enumerate(tiers):
            s = summaries.get((impl, t))
            if s and s.get("mb_s"):
                xs.append(j + (k - (len(shown) - 1) / 2) * width)
                ys.append(s["mb_s"])
        ax.bar(xs, ys, width, label=LABEL.get(impl, impl), color=cmap(k))
    ax.set_yscale("log")
    ax.set_xticks(range(len(tiers)))
    ax.set_xticklabels(tiers)
    ax.set_ylabel("throughput, MB/s of input (log scale; CPU time)")
    ax.set_title("UGC sanitizing throughput per corpus tier (higher is better)")
    ax.grid(axis="y", which="both", alpha=0.3)
    ax.legend(fontsize=8, ncol=2, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def report(args, ctx):
    agg = ctx["agg"]
    tiers = ctx["tiers"]
    files = ctx["files"]
    impls_present = [i for i, _ in IMPLS if any(k[0] == i for k in agg)]
    summaries = {}
    for impl in impls_present:
        for t in tiers:
            s = tier_summary(agg, impl, t, files[t])
            if s:
                summaries[(impl, t)] = s
    L = []
    w = L.append
    w("# Performance")
    w("")
    w("<!-- Generated by bench/run.py: do not edit by hand; rerun the command below. -->")
    w("")
    w("All numbers on this page were produced by one run of")
    w("")
    w("```")
    w(ctx["command"])
    w("```")
    w("")
    if ctx.get("partial"):
        w("from the repository root, after which nothing was edited. **That run was stopped "
          "before it finished: this page shows the records it had written** (rounds and tiers "
          "it had not reached are missing; the harness did not record its start time, duration "
          "or the library's source state).")
    else:
        w("from the repository root, after which nothing was edited. The run took %.0f minutes, "
          "starting %s (UTC). Library source measured: %s (built by the run as a release build "
          "in `bench/out/build`)." % (ctx["elapsed"] / 60, ctx["started"], ctx.get("git", "?")))
    w("")
    if ctx.get("rerendered"):
        w("This page was rendered again from that run's records (`bench/out/results.jsonl`) with "
          "`--report-only`; the numbers are that run's.")
        w("")
    m = ctx["machine"]
    if ctx.get("partial"):
        load = "Load average when the page was rendered: %s." % m["load"]
    else:
        load = "Load average at the start: %s; at the end: %s." % (m["load"], ctx["load_end"])
    w("**Machine.** %s, %s cores, %s RAM; `%s`. %s "
      "The machine is shared with other jobs, so absolute times carry noise; runners are "
      "interleaved so that noise hits all of them alike, and times are CPU times." % (
          m["cpu"], m["cores"], m["mem"], m["uname"], load))
    w("")
    w("**Corpus.** `../shared/corpus` (43 files in six tiers, described in its README). "
      "Rounds: %d; per (document, runner) at least %d samples and %d ms of CPU per round, "
      "a document needing more than %d ms per call is run once per round." % (
          args.rounds, args.min_samples, args.budget_ms, args.max_doc_ms))
    w("")
    w("## Results per tier")
    w("")
    w("Each cell: **median CPU µs per document** over the tier's documents · **MB/s** (the tier's "
      "bytes divided by the sum of its per-document CPU times) · **× C**, the time relative to "
      "libsanitize's C API on the same documents (sum of times; above 1 is slower than "
      "libsanitize). A document's time is the median over rounds of the median per-call CPU "
      "time of its samples. \"n/m\" marks tiers where only n of m documents completed.")
    w("")
    hdr = "| implementation | " + " | ".join(tiers) + " |"
    w(hdr)
    w("|---|" + "---|" * len(tiers))
    for impl in [i for i, _ in IMPLS]:
        if impl not in impls_present:
            continue
        cells = []
        for t in tiers:
            s = summaries.get((impl, t))
            if not s:
                cells.append("–")
                continue
            if not s["ok"]:
                cells.append("failed (%s)" % s["failed"][0].get("error", "?"))
                continue
            c = "%s µs · %s MB/s" % (fmt_us(s["median_us"]),
                                     ("%.1f" % s["mb_s"]) if s["mb_s"] < 1000 else "{:,.0f}".format(s["mb_s"]))
            if impl != "libsanitize-c" and s.get("ratio") is not None:
                c += " · " + fmt_x(s["ratio"])
            if s["ok"] < s["n"]:
                c += " (%d/%d)" % (s["ok"], s["n"])
            cells.append(c)
        w("| %s | %s |" % (LABEL.get(impl, impl), " | ".join(cells)))
    for name, why in ctx["skipped"].items():
        w("| %s | %s |" % (LABEL.get(name, name), " | ".join([why] + [""] * (len(tiers) - 1))))
    w("")
    if ctx.get("plot"):
        w("![throughput per tier](performance.png)")
        w("")
    # failures
    fails = [a for a in agg.values() if "cpu_us" not in a]
    if fails:
        w("Documents an implementation did not complete (every round):")
        w("")
        for a in sorted(fails, key=lambda a: (a["impl"], a["file"])):
            extra = ""
            if a.get("fail_cpu_us") is not None:
                extra = " after %s µs CPU" % fmt_us(a["fail_cpu_us"])
            w("- %s, `%s`: %s%s" % (LABEL.get(a["impl"], a["impl"]), os.path.basename(a["file"]),
                                     a.get("error", "?"), extra))
        w("")
    partial = [a for a in agg.values() if "cpu_us" in a and a["ok_rounds"] < a["rounds"]]
    if partial:
        w("Documents that failed in some rounds only: " + ", ".join(
            "%s `%s` (%d/%d)" % (LABEL.get(a["impl"], a["impl"]), os.path.basename(a["file"]),
                                 a["ok_rounds"], a["rounds"]) for a in partial) + ".")
        w("")
    # RSS
    w("Peak RSS of the runner process (MB, the largest over the tier's processes; the C runner "
      "holds the four C modes in one process):")
    w("")
    w(hdr)
    w("|---|" + "---|" * len(tiers))
    for impl in [i for i, _ in IMPLS]:
        if impl not in impls_present or impl in ("gumbo-parse", "gumbo-parse-arena", "memcpy"):
            continue
        cells = []
        for t in tiers:
            s = summaries.get((impl, t))
            cells.append("%.1f" % s["rss_mb"] if s and s.get("ok") else "–")
        w("| %s | %s |" % (LABEL.get(impl, impl), " | ".join(cells)))
    w("")
    # targets
    w("## Targets (issue 5)")
    w("")
    w("| target | measured | met? |")
    w("|---|---|---|")
    for row in ctx["targets"]:
        w("| %s | %s | %s |" % row)
    w("")
    # gumbo
    w("## libsanitize against its parser")
    w("")
    w("Time of `sanitize_html` (UGC) relative to gumbo parsing the same bytes alone "
      "(`gumbo_parse_with_options`, body fragment, `max_errors=0`), sum of CPU times over "
      "the documents both completed, and the spread of the per-document ratios:")
    w("")
    w("| tier | vs gumbo on a bump arena (min – max per document) | vs gumbo with malloc + destroy | memcpy, MB/s |")
    w("|---|---|---|---|")
    for t in tiers:
        c = summaries.get(("libsanitize-c", t))
        if not c:
            continue
        row = []
        for base in ("gumbo-parse-arena", "gumbo-parse"):
            s = tier_summary(agg, "libsanitize-c", t, files[t], base_impl=base)
            if s and s.get("ratio") is not None:
                txt = fmt_x(s["ratio"])
                if base == "gumbo-parse-arena":
                    txt += " (%s – %s)" % (fmt_x(s["ratio_min_doc"]), fmt_x(s["ratio_max_doc"]))
                if s["ratio_docs"] < s["n"]:
                    txt += " on %d/%d" % (s["ratio_docs"], s["n"])
                row.append(txt)
            else:
                row.append("–")
        mc = summaries.get(("memcpy", t))
        row.append("{:,.0f}".format(mc["mb_s"]) if mc and mc.get("mb_s") else "–")
        w("| %s | %s |" % (t, " | ".join(row)))
    w("")
    # python overhead
    ov = ctx.get("overhead")
    if ov:
        w("## Python call overhead")
        w("")
        w("`bench_py.py --overhead`, in one Python process per round: batches of C calls "
          "(`sanitize_html` + `sanitize_free` in a C loop, bench/c_loop.c, loaded with ctypes) "
          "and of the three Python calls below take turns on each of the %d tiny documents "
          "(%s), about 2 ms a batch, %.0f turns a document (median). Each Python batch is "
          "compared with the C batch of its own turn, so that both see the machine in the same "
          "state. (Measured in separate processes, as before 0.2.0, this shared VM drifted "
          "between runs by more than the overhead: in one run `sanitize(bytes)` came out "
          "further above C than `sanitize(str)`, which does more, on 8 of the 11 documents.) "
          "Medians over documents and rounds:" % (
              ov["n"], ov["sizes"], ov["turns"]))
        w("")
        w("| call | µs per call | above C: median of the per-turn differences | above C: difference of minimums |")
        w("|---|---|---|---|")
        w("| C `sanitize_html` + `sanitize_free` | %s | – | – |" % fmt_us(ov["c"]))
        for label, key in (("`Policy.ugc().sanitize(str)`", "str"),
                           ("`Policy.sanitize(bytes)`", "bytes"),
                           ("bare CFFI `lib.sanitize_html` + `ffi.unpack` + `sanitize_free`", "raw")):
            w("| %s | %s | %s | %s |" % (label, fmt_us(ov[key]), fmt_us(ov[key + "_over"]),
                                          fmt_us(ov[key + "_over_min"])))
        w("")
        w("`Policy.sanitize` takes `sanitize_html_into` into a buffer of the thread's for "
          "inputs of up to 8,192 characters or bytes, which spares the bare call's `sanitize_free` and copy "
          "(docs/python.md).")
        w("")
    # threads
    ths = ctx.get("threads")
    if ths:
        w("## Two threads")
        w("")
        w("`bench_c --threads-scaling` (C API) and `bench_py.py --threads-scaling` (Python: "
          "`sanitize(str)`, and with `--batch 64` `sanitize_many()` on lists of 64 documents, "
          "which releases the GIL once per list): each repetition runs one thread pinned to the first CPU, one pinned "
          "to the second, then two threads (one per CPU) sharing one frozen UGC policy, each "
          "sanitizing the documents of one tier round-robin for a fixed wall time. The "
          "speed-up is the median over the repetitions of (two threads' docs/s) / (the mean of "
          "the two single-thread runs of the same repetition). The mean, because the two vCPUs "
          "of this VM need not be equally fast (on one day a single thread did 2,070 or 3,280 "
          "docs/s depending on which one it ran on, two threads 5,370 every time): the mean is "
          "what a thread the scheduler puts on either CPU gets, and two threads scaling "
          "perfectly do twice that. Medians over the repetitions; the last column near 1 means "
          "the threads do not slow each other down (inside the library, or in Python by "
          "handing the GIL over: a call releases it for the C part and takes it back, so on "
          "small documents two Python threads spend their time waiting for each other; "
          "docs/python.md, Threads).")
        w("")
        w("| API | tier | s per run × repetitions | one thread, docs/s (per CPU) | two threads, docs/s | "
          "speed-up (per repetition) | two threads' docs per CPU s / one's |")
        w("|---|---|---|---|---|---|---|")
        for (impl, tier), th in ths.items():
            w("| %s | %s | %.1f × %d | %s | %s | **%.2f×** (%s) | %.2f |" % (
                impl, tier, th["seconds"], th["reps"],
                " / ".join("{:,.0f}".format(v) for v in th["one"]),
                " / ".join("{:,.0f}".format(v) for v in th["two"]),
                th["ratio"], ", ".join("%.2f" % r for r in th["rep_ratios"]), th["cpu_ratio"]))
        w("")
    # doubling
    db = ctx.get("doubling")
    if db:
        w("## Linearity: doubling the input")
        w("")
        w("Generated inputs of sizes N, 2N and 4N for each shape (`gen_doubling` in bench/run.py), "
          "CPU time per call of libsanitize (C) and of gumbo's parse alone (arena). The three "
          "sizes of a shape are measured in one `bench_c --interleave-files` process, sample by "
          "sample in turn (N, 2N, 4N, N, 2N, 4N, …), %s. A ratio is the median over "
          "every turn of those runs of (time of the larger size) / (time of the smaller) within "
          "the turn: the two samples are moments apart, so a change of this VM's speed between "
          "measurements, which reached 1.8×, cannot pass for a change of the time per byte. "
          "The times shown are the median over the runs. A ratio of 2 is linear, 4 "
          "quadratic." % ("once" if ctx["doubling_rounds"] == 1 else "%d times" % ctx["doubling_rounds"]))
        w("")
        w("| shape | bytes N / 2N / 4N | libsanitize µs N / 2N / 4N | ratio 2N/N, 4N/2N | turns | gumbo arena ratio 2N/N, 4N/2N |")
        w("|---|---|---|---|---|---|")
        for shape, row in db.items():
            w("| %s | %s | %s | %s | %s | %s |" % (shape, row["bytes"], row["times"], row["ratios"],
                                                  row["turns"], row["gumbo_ratios"]))
        w("")
    # memory
    mem = ctx.get("memory")
    if mem:
        w("## Memory of one call")
        w("")
        w("Resident memory one `sanitize_html` call (UGC) adds to a fresh process: "
          "`bench_c --memory FILE`, one process per document, VmHWM after three calls minus "
          "VmRSS before the first (so it includes the arena and the scratch buffers the thread "
          "keeps for the next call, and the output). The target allows %s× the input plus %s." % (
              MEM_FACTOR, fmt_kib(MEM_CONST)))
        w("")
        w("| tier | documents | median | largest (memory − %s) / input | documents over the target |"
          % fmt_kib(MEM_CONST))
        w("|---|---|---|---|---|")
        for t in tiers:
            rows = mem.get(t)
            if not rows:
                continue
            worst = max(rows, key=beyond_constant)
            over = [x for x in rows if x[0] > MEM_FACTOR * x[1] + MEM_CONST]
            w("| %s | %d | %s | %.1f× (%s, `%s`) | %s |" % (
                t, len(rows), fmt_kib(med([x[0] for x in rows])), beyond_constant(worst),
                fmt_kib(worst[0]), os.path.basename(worst[2]),
                ", ".join("`%s` %s = %.0f× of %s" % (os.path.basename(x[2]), fmt_kib(x[0]),
                                                     x[0] / max(x[1], 1), fmt_kib(x[1]))
                          for x in over) or "none"))
        w("")
    # problems
    if ctx["problems"]:
        w("## Problems seen during the run")
        w("")
        for p in ctx["problems"][:60]:
            w("- " + p.replace("|", "\\|"))
        w("")
    w("## Versions")
    w("")
    for impl, v in sorted(ctx["versions"].items()):
        w("- %s: %s" % (LABEL.get(impl, impl), v))
    w("")
    w("## Peer configurations")
    w("")
    w(PEER_CONFIG.format(**{k: ctx["versions"].get(v, "–") for k, v in (
        ("bluemonday", "bluemonday"), ("ammonia", "ammonia"), ("lxml", "lxml"),
        ("sanitize_html", "sanitize-html"), ("bleach", "bleach"), ("html5lib", "html5lib"),
        ("dompurify", "dompurify"))}))
    w("## Method")
    w("")
    w("""\
- **Runners.** `bench/bench_c.c` (C API; built by meson as `bench_c`), `bench/bench_py.py`
  (Python binding), and one runner per peer under `bench/peers/` (Go, Rust, Python, Node). All
  follow one protocol: flags `--budget-ms --max-doc-ms --sample-us --min-samples --max-samples`,
  then files; one JSON line per (file, implementation) with `cpu_median_us`, `cpu_min_us`,
  `wall_median_us`, `wall_min_us`, `peak_rss_kb`, `bytes_in`, `bytes_out`, `samples`, `calls`.
- **Timing.** Each document is first sanitized once (a cold warm-up call), then in runs of 1, 2,
  4, ... warm calls until one run takes 0.2 ms, which sizes the batch (Node instead warms its
  JIT up for 100 ms and sizes from those calls). A *sample* is a batch of calls taking about 2
  ms of CPU; its per-call time is the batch time over the batch size: the two clock reads of a
  sample (the process CPU clock: 1.3 µs a read from C on this VM) are then spread over hundreds
  of calls of a tiny document. Samples are taken until the document has had `--budget-ms` of CPU
  and at least `--min-samples` samples, or until the next sample would pass `--max-doc-ms`. CPU
  time is the process CPU clock (`CLOCK_PROCESS_CPUTIME_ID`, `process.cpuUsage()` in Node), so
  work a runtime does on helper threads (Go's and V8's garbage collectors) is counted; wall time
  is recorded too. The C runner interleaves its four modes (`sanitize`, `gumbo`, `gumbo_arena`,
  `memcpy`) sample by sample within each document. With `--overhead`, the Python runner
  likewise alternates batches of C calls (bench/c_loop.c) and of three kinds of Python call
  on the tiny tier (section "Python call overhead").
- **Interleaving.** Every round runs every tier through every runner in a new random order;
  one process per (runner, tier), one per file for the pathological tier (with a timeout; a
  file that times out is not retried in later rounds).
- **Baselines.** `gumbo`: `gumbo_parse_with_options` with `fragment_context = GUMBO_TAG_BODY`,
  `max_errors = 0`, malloc, then `gumbo_destroy_output`. `gumbo_arena`: the same parse with a
  bump allocator reset per document (no destroy) — the fastest way to drive gumbo 0.10.1.
  Gumbo parses are abandoned after `--deadline-ms` (3 s) of CPU from inside the allocator.
- **Consistency checks.** Every call's output length (C: its hash) must equal the first
  call's; the Python binding's output must hash equal to the C output for every document;
  every expected record must be present. `--smoke` fails on any violation.
- Raw records of the run: `bench/out/results.jsonl` (not committed).
""")
    return "\n".join(L) + "\n", summaries


def compute_targets(summaries, tiers, ctx):
    rows = []
    fast = [t for t in tiers]
    for impl, name in (("libsanitize-c", "C"), ("libsanitize-py", "Python")):
        worst, detail, ok_all = None, [], True
        for t in fast:
            mine = summaries.get((impl, t))
            best = None
            for peer in ("bluemonday", "ammonia"):
                s = summaries.get((peer, t))
                if s and s.get("mb_s"):
                    if best is None or s["mb_s"] > best[1]:
                        best = (peer, s["mb_s"])
            if not mine or not mine.get("mb_s") or best is None:
                detail.append("%s: n/a" % t)
                ok_all = False
                continue
            x = mine["mb_s"] / best[1]
            detail.append("%s %s (vs %s)" % (t, fmt_x(x), best[0]))
            if x < 2.0 or mine["ok"] < mine["n"]:
                ok_all = False
        rows.append(("libsanitize (%s) ≥ 2× faster than the faster of bluemonday and ammonia, "
                     "every tier (throughput)" % name, "; ".join(detail),
                     "yes" if ok_all else "**no**"))
        detail, ok_all = [], True
        for t in fast:
            mine, bl = summaries.get((impl, t)), summaries.get(("bleach", t))
            if not mine or not bl or not mine.get("mb_s") or not bl.get("mb_s"):
                detail.append("%s: n/a" % t)
                ok_all = False
                continue
            x = mine["mb_s"] / bl["mb_s"]
            detail.append("%s %s" % (t, fmt_x(x)))
            if x < 50:
                ok_all = False
        rows.append(("libsanitize (%s) ≥ 50× faster than bleach, every tier" % name,
                     "; ".join(detail), "yes" if ok_all else "**no**"))
    detail, ok_all = [], True
    for t in tiers:
        s = tier_summary(ctx["agg"], "libsanitize-c", t, ctx["files"][t], base_impl="gumbo-parse-arena")
        if not s or s.get("ratio") is None:
            detail.append("%s: n/a" % t)
            ok_all = False
            continue
        detail.append("%s %+.0f%%%s" % (t, (s["ratio"] - 1) * 100, "" if s["ratio_docs"] == s["n"] else
                                        " (on the %d of %d documents both completed)" % (s["ratio_docs"], s["n"])))
        # A document only gumbo failed to finish counts for libsanitize; one
        # libsanitize did not finish counts against it.
        if s["ratio"] > 1.10 or s["ok"] < s["n"]:
            ok_all = False
    rows.append(("libsanitize (C) within 10% of gumbo parse-only (arena, fragment, max_errors=0)",
                 "; ".join(detail), "yes" if ok_all else "**no**"))
    ov = ctx.get("overhead")
    if ov:
        rows.append(("Python per-call overhead < 1 µs (tiny inputs, str API)",
                     "%s µs above C (bytes API: %s µs; bare CFFI: %s µs)" % (
                         fmt_us(ov["str_over"]), fmt_us(ov["bytes_over"]), fmt_us(ov["raw_over"])),
                     "yes" if ov["str_over"] < 1.0 else "**no**"))
    for (api, docs), th in (ctx.get("threads") or {}).items():
        rows.append(("two threads ≥ 1.8× one thread (shared policy, %s, %s)" % (api, docs), "%.2f×" % th["ratio"],
                     "yes" if th["ratio"] >= 1.8 else "**no**"))
    mem = ctx.get("memory")
    if mem:
        docs = [x for t in tiers for x in mem.get(t, [])]
        over = [x for x in docs if x[0] > MEM_FACTOR * x[1] + MEM_CONST]
        worst = max(docs, key=beyond_constant)
        text = "%d of %d documents within" % (len(docs) - len(over), len(docs))
        if over:
            text += "; over: " + ", ".join("%s %.0f×" % (os.path.basename(x[2]), x[0] / max(x[1], 1))
                                            for x in over)
        else:
            text += "; largest %.1f× beyond the constant (%s)" % (
                beyond_constant(worst), os.path.basename(worst[2]))
        rows.append(("peak memory of one call ≤ %s× the input + %s (C API, fresh process)" % (
            MEM_FACTOR, fmt_kib(MEM_CONST)), text, "yes" if not over else "**no**"))
    db = ctx.get("doubling_raw")
    if db:
        worst = max(db, key=lambda x: x[1])
        bad = sorted({s for s, r in db if r > 2.2})
        rows.append(("doubling the input ≤ 2.2× the time (generated shapes, libsanitize C)",
                     "worst %s %.2f×%s" % (worst[0], worst[1],
                                           ("; over 2.2: " + ", ".join(bad)) if bad else ""),
                     "yes" if not bad else "**no**"))
    return rows


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="quick CI check; writes nothing under docs/")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--build-dir", default=os.path.join(OUT, "build"),
                    help="meson build dir of the project (configured --buildtype=release if absent)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--budget-ms", type=int, default=100)
    ap.add_argument("--max-doc-ms", type=int, default=1500)
    ap.add_argument("--min-samples", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=180, help="seconds per pathological file per runner")
    ap.add_argument("--tier-timeout", type=int, default=1200, help="seconds per (runner, tier) process")
    ap.add_argument("--only", default="", help="comma-separated runner names (c,py,bluemonday,...)")
    ap.add_argument("--tiers", default=",".join(TIERS))
    ap.add_argument("--no-extras", action="store_true", help="skip threads, doubling and memory")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--report-only", metavar="RESULTS",
                    help="rewrite docs/performance.md and .png from the records of an earlier run "
                         "(bench/out/results.jsonl) without running anything")
    args = ap.parse_args()
    if args.report_only:
        return report_only(args.report_only)
    if args.smoke:
        args.rounds, args.budget_ms, args.max_doc_ms, args.min_samples = 1, 20, 500, 3
        args.tier_timeout = 60
    command = "/usr/bin/python3 bench/run.py" + ("" if sys.argv[1:] == [] else " " + " ".join(sys.argv[1:]))
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
    load_start = " ".join("%.2f" % x for x in os.getloadavg())
    t_start = time.monotonic()
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        log("corpus not found: %s" % corpus)
        return 2
    os.makedirs(OUT, exist_ok=True)
    peers_dir = os.path.join(OUT, "peers")
    os.makedirs(peers_dir, exist_ok=True)
    problems, skipped = [], {}
    fatal = []

    # --- the project
    build_dir = os.path.abspath(args.build_dir)
    ok, out = build_project(build_dir)
    ok_git, head = sh(["git", "rev-parse", "--short", "HEAD"])
    _, dirty = sh(["git", "status", "--porcelain", "--", "include", "libsanitize", "python", "meson.build"])
    dirty = [l[3:] for l in dirty.splitlines() if l.strip()]
    git_state = "commit %s" % head.strip() if ok_git else "no git commit"
    if dirty:
        git_state += ", with uncommitted changes to %s" % ", ".join("`%s`" % d for d in dirty[:12])
        if len(dirty) > 12:
            git_state += " and %d more" % (len(dirty) - 12)
    runners = []
    if not ok:
        log("project build failed:\n" + "\n".join(out.strip().splitlines()[-25:]))
        fatal.append("project build failed")
        skipped["libsanitize-c"] = "build failed"
    else:
        bench_c = os.path.join(build_dir, "bench", "bench_c")
        if os.path.exists(bench_c):
            runners.append(Runner("c", [bench_c], ["libsanitize-c", "gumbo-parse", "gumbo-parse-arena", "memcpy"],
                                  extra=["--modes", "sanitize,gumbo,gumbo_arena,memcpy"]))
        else:
            fatal.append("bench_c was not built")
        pydir = os.path.join(build_dir, "python")
        env = {"PYTHONPATH": pydir, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1"}
        ok, out = sh([PY, "-c", "import libsanitize; libsanitize.Policy.ugc().sanitize('<b>x</b>')"], env=env)
        if ok:
            loop = os.path.join(build_dir, "bench", "libbench_c_loop.so")
            if os.path.exists(loop):
                overhead = {"tier_extra": {"tiny": ["--overhead", loop]},
                            "tier_impls": {"tiny": ["libsanitize-py", "libsanitize-py-overhead"]}}
            else:
                overhead = {}
                problems.append("no %s: the Python call overhead is not measured" % rel(loop))
            runners.append(Runner("py", [PY, os.path.join(BENCH, "bench_py.py")], ["libsanitize-py"], env=env,
                                  **overhead))
        else:
            skipped["libsanitize-py"] = "binding not built or not importable"
            problems.append("Python binding: " + (out.strip().splitlines() or ["?"])[-1])
            if args.smoke:
                fatal.append("Python binding not importable")

    # --- peers
    build_peers = not args.smoke
    spec = [("bluemonday", lambda: setup_go(build_peers, peers_dir)),
            ("ammonia", lambda: setup_rust(build_peers, peers_dir)),
            ("lxml", lambda: setup_python_peer("lxml", "lxml.html.clean")),
            ("bleach", lambda: setup_python_peer("bleach", "bleach")),
            ("html5lib", lambda: setup_python_peer("html5lib", "html5lib")),
            ]
    node_cmd, node_why = setup_node(build_peers)
    for name, fn in spec:
        cmd, why = fn()
        if cmd:
            runners.append(Runner(name, cmd, [name]))
        else:
            skipped[name] = why
    for lib in ("sanitize-html", "dompurify"):
        if node_cmd:
            runners.append(Runner(lib, node_cmd + ["--lib", lib], [lib]))
        else:
            skipped[lib] = node_why
    if args.only:
        keep = set(args.only.split(","))
        runners = [r for r in runners if r.name in keep]
    for name, why in skipped.items():
        log("%s: %s" % (name, why))

    # --- corpus
    tiers = [t for t in args.tiers.split(",") if t]
    if args.smoke:
        tiers = ["tiny", "comment"]
        files = {t: tier_files(corpus, t, 2) for t in tiers}
    else:
        files = {t: tier_files(corpus, t) for t in tiers}
    timing = ["--budget-ms", str(args.budget_ms), "--max-doc-ms", str(args.max_doc_ms),
              "--min-samples", str(args.min_samples)]

    results_path = os.path.join(OUT, "smoke.jsonl" if args.smoke else "results.jsonl")
    records = RecordSink(results_path)
    rng = random.Random(args.seed)
    dead = set()  # (runner, file) that timed out: not retried
    crashed = set()
    # --- extras first (two threads, doubling, memory), so an interrupted run still has them
    bench_c = next((r.cmd[0] for r in runners if r.name == "c"), None)
    if bench_c and args.smoke:  # the extras' code paths, briefly
        shapes = gen_doubling(os.path.join(OUT, "doubling"), corpus)
        run_doubling(bench_c, {"strong_unclosed": shapes["strong_unclosed"]}, 1, 10,
                     records, problems, crashed)
        run_thread_scaling(runners, tier_files(corpus, "comment"), 0.1, 1, records, problems, crashed, "comment")
    if bench_c and not args.smoke and not args.no_extras:
        log("thread scaling")
        for t in THREAD_TIERS:
            run_thread_scaling(runners, tier_files(corpus, t), 0.5, 7, records, problems, crashed, t)
        log("doubling")
        run_doubling(bench_c, gen_doubling(os.path.join(OUT, "doubling"), corpus), DOUBLING_ROUNDS,
                     100, records, problems, crashed)
        log("memory of one call")
        for t in tiers:
            for f in files[t]:
                try:  # one process per document: a clean baseline
                    p = subprocess.run([bench_c, "--memory", f], cwd=ROOT, stdout=subprocess.PIPE,
                                       timeout=120)
                except subprocess.TimeoutExpired:
                    problems.append("memory run timed out on %s" % f)
                    continue
                for x in p.stdout.decode().splitlines():
                    r = json.loads(x) if x.strip() else {}
                    if r.get("mode") == "memory":
                        r["tier"], r["corpus_tier"] = "memory", t
                        records.append(r)
                if p.returncode != 0:
                    problems.append("memory run exited %s on %s" % (p.returncode, f))
                    crashed.add("c")

    for rnd in range(1, args.rounds + 1):
        for tier in tiers:
            order = list(runners)
            rng.shuffle(order)
            for r in order:
                if tier == "pathological":
                    for f in files[tier]:
                        if (r.name, f) in dead:
                            continue
                        recs, good = run_process(r, [f], timing, args.timeout, rnd, tier, problems)
                        if any(x.get("timed_out") for x in recs):
                            dead.add((r.name, f))
                        if not good:
                            crashed.add(r.name)
                        records.extend(recs)
                else:
                    log("round %d/%d, %s: %s" % (rnd, args.rounds, tier, r.name))
                    recs, good = run_process(r, files[tier], timing, args.tier_timeout, rnd, tier, problems)
                    if not good:
                        crashed.add(r.name)
                    records.extend(recs)
            if tier == "pathological":
                log("round %d/%d, pathological done" % (rnd, args.rounds))
    machine = machine_info()
    machine["load"] = load_start
    run = {"run_meta": True, "command": command, "started": started, "git": git_state,
           "machine": machine, "load_end": " ".join("%.2f" % x for x in os.getloadavg()),
           "elapsed": time.monotonic() - t_start, "skipped": skipped, "problems": problems,
           "fatal": fatal, "crashed": sorted(crashed), "tiers": tiers, "files": files,
           "args": {k: getattr(args, k) for k in ("rounds", "budget_ms", "max_doc_ms", "min_samples",
                                                   "smoke")},
           "dpkg": {k: dpkg_version(k) for k in ("golang-github-microcosm-cc-bluemonday-dev",
                                                 "librust-ammonia-dev", "libgumbo1")}}
    records.close(run)
    return analyze(list(records), run, write_docs=not args.smoke)


def analyze(records, run, write_docs, rerendered=False):
    """Checks, aggregates and reports the records of one run; returns the exit code."""
    a = run.get("args", {})

    class A:
        rounds = a.get("rounds") or max([r.get("round", 1) for r in records] or [1])
        budget_ms = a.get("budget_ms", 200)
        max_doc_ms = a.get("max_doc_ms", 3000)
        min_samples = a.get("min_samples", 5)
    args = A
    tiers = run.get("tiers") or [t for t in TIERS if any(r.get("tier") == t for r in records)]
    files = run.get("files") or {t: sorted({r["file"] for r in records if r.get("tier") == t
                                            and r.get("file")}) for t in tiers}
    problems = list(run.get("problems", []))
    skipped = dict(run.get("skipped", {}))
    fatal = list(run.get("fatal", []))
    crashed = set(run.get("crashed", []))
    dpkg = run.get("dpkg") or {}
    if not run.get("problems"):
        for r in records:
            if r.get("missing"):
                problems.append("%s on %s: %s" % (r.get("impl"), r.get("file"), r.get("error")))
    main_recs = [r for r in records if r.get("tier") in tiers]

    versions = {}
    versions["bluemonday"] = "bluemonday %s (Debian golang-github-microcosm-cc-bluemonday-dev)" % (
        dpkg.get("golang-github-microcosm-cc-bluemonday-dev") or
        dpkg_version("golang-github-microcosm-cc-bluemonday-dev") or "?")
    versions["ammonia"] = "ammonia %s (Debian librust-ammonia-dev)" % (
        dpkg.get("librust-ammonia-dev") or dpkg_version("librust-ammonia-dev") or "?")
    for r in main_recs:
        if r.get("meta"):
            v = r.get("version")
            if v and r.get("impl") not in ("bluemonday", "ammonia"):
                versions[r["impl"]] = v
            if r.get("impl") == "bluemonday" and r.get("go") and "go1" not in versions["bluemonday"]:
                versions["bluemonday"] += ", %s" % r["go"]
            if r.get("impl") == "libsanitize-c":
                versions["gumbo-parse"] = "gumbo %s (Debian libgumbo1 %s)" % (
                    r.get("gumbo"), dpkg.get("libgumbo1") or dpkg_version("libgumbo1") or "?")
    versions = {k: v for k, v in versions.items()
                if any(r.get("impl") == k for r in main_recs)}

    # --- consistency
    inconsistent = []
    for r in records:
        if r.get("meta") or r.get("mode") == "threads":
            continue
        if r.get("inconsistent"):
            inconsistent.append("%s: output changed between calls on %s" % (r.get("impl"), r.get("file")))
        if (r.get("impl", "") or "").startswith("libsanitize") and not r.get("ok") \
                and r.get("tier") not in ("pathological", "doubling"):
            inconsistent.append("%s failed on %s: %s" % (r.get("impl"), r.get("file"), r.get("error")))
    hashes = {}
    for r in main_recs:
        if r.get("impl") in ("libsanitize-c", "libsanitize-py") and r.get("ok") and r.get("out_hash"):
            hashes.setdefault(r["file"], {}).setdefault(r["impl"], set()).add((r["out_hash"], r.get("bytes_out")))
    for f, h in sorted(hashes.items()):
        if len(h) == 2 and h["libsanitize-c"] != h["libsanitize-py"]:
            inconsistent.append("Python output differs from C output on %s" % f)
        for impl, st in h.items():
            if len(st) > 1:
                inconsistent.append("%s output differs between rounds on %s" % (impl, f))
    problems.extend(p for p in inconsistent if p not in problems)

    agg = per_doc(main_recs)
    ctx = {"agg": agg, "tiers": tiers, "files": files, "problems": problems, "skipped": skipped,
           "versions": versions, "command": run.get("command", "/usr/bin/python3 bench/run.py"),
           "started": run.get("started", "?"), "git": run.get("git", "not recorded"),
           "machine": run.get("machine") or machine_info(), "load_end": run.get("load_end", "?"),
           "elapsed": run.get("elapsed", 0), "rerendered": rerendered, "partial": not run}

    # --- two threads (C and Python)
    th_all = [x for x in records if x.get("mode") == "threads"]
    ctx["threads"] = {}
    for impl, batch in (("libsanitize-c", 0), ("libsanitize-py", 0), ("libsanitize-py", 64)):
        for t in THREAD_TIERS + ("comment+article",):  # the last: runs before the split
            th = thread_summary([x for x in th_all if x.get("impl", "libsanitize-c") == impl
                                 and x.get("batch", 0) == batch
                                 and x.get("thread_tier", "comment+article") == t], problems)
            if th:
                api = "C" if impl == "libsanitize-c" else "Python"
                ctx["threads"][(api + (", sanitize_many() of %d" % batch if batch else ""), t)] = th

    # --- doubling
    drecs = [r for r in records if r.get("tier") == "doubling" and not r.get("meta")]
    if drecs:
        dagg = {}
        shapes = {}
        for r in drecs:
            dagg.setdefault((r["impl"], r["file"]), []).append(r)
            base = os.path.basename(r["file"])
            shape, k = base.rsplit("_x", 1)
            shapes.setdefault(shape, set()).add((int(k.split(".")[0]), r["file"], r.get("bytes_in")))

        rounds = sorted({r.get("round") for r in drecs})

        def tm(impl, f):
            # The median per-call time over the rounds' medians: shown, not judged.
            return med([r["cpu_median_us"] for r in dagg.get((impl, f), []) if r.get("ok")])

        def turn_ratios(impl, small, big):
            # big/small for every turn: sample i of both was taken in the same
            # round of bench_c's loop, moments apart, so the machine's speed
            # (this VM drifts by up to ~1.8x over minutes) cancels out.
            out = []
            for rnd in rounds:
                a = [r for r in dagg.get((impl, small), []) if r.get("round") == rnd and r.get("ok")]
                b = [r for r in dagg.get((impl, big), []) if r.get("round") == rnd and r.get("ok")]
                if a and b:
                    out += [y / x for x, y in zip(a[0].get("cpu_samples_us", []),
                                                  b[0].get("cpu_samples_us", [])) if x > 0]
            return out

        def ratios(impl, ps):
            return [med(turn_ratios(impl, x, y)) for x, y in zip(ps, ps[1:])]

        def fmt_ratios(v):
            return ", ".join("%.2f" % x if x else "–" for x in v)

        dbl, raw = {}, []
        for shape, entries in shapes.items():
            entries = sorted(entries)
            ps = [e[1] for e in entries]
            sizes = [e[2] for e in entries]
            ts = [tm("libsanitize-c", f) for f in ps]
            errs = [next((r.get("error") for r in dagg.get(("libsanitize-c", f), []) if not r.get("ok")), None)
                    for f in ps]
            times = " / ".join(fmt_us(t) if t else (e or "–") for t, e in zip(ts, errs))
            rs = ratios("libsanitize-c", ps)
            turns = min(len(turn_ratios("libsanitize-c", x, y)) for x, y in zip(ps, ps[1:]))
            dbl[shape] = {"bytes": " / ".join("{:,}".format(x) for x in sizes), "times": times,
                          "ratios": fmt_ratios(rs), "turns": turns,
                          "gumbo_ratios": fmt_ratios(ratios("gumbo-parse-arena", ps))}
            for x in rs:
                raw.append((shape, x if x else float("inf")))
        ctx["doubling"] = dbl
        ctx["doubling_raw"] = raw
        ctx["doubling_rounds"] = len(rounds)
        if a.get("smoke") and (not raw or any(x == float("inf") for _, x in raw)):
            fatal.append("doubling: a shape without per-turn ratios")

    # --- memory of one call
    mrecs = [r for r in records if r.get("tier") == "memory" and r.get("ok")]
    if mrecs:
        mem = {}
        for r in mrecs:
            over = max(0, r["rss_peak_kb"] - r["rss_before_kb"]) * 1024
            mem.setdefault(r["corpus_tier"], []).append((over, r["bytes_in"], r["file"]))
        ctx["memory"] = mem

    # --- python overhead (tiny tier)
    orecs = [r for r in main_recs if r.get("mode") == "overhead" and r.get("ok")]
    if "tiny" in files and orecs:
        # One record per document and round (bench_py.py --overhead): the
        # medians of each way's batches, and of the differences between each
        # Python batch and the C batch of the same turn.
        ov = {"turns": med([r["turns"] for r in orecs])}
        for key in ("c", "str", "bytes", "raw"):
            ov[key] = med([r[key + "_median_us"] for r in orecs])
            if key != "c":
                ov[key + "_over"] = med([r[key + "_over_us"] for r in orecs])
                ov[key + "_over_min"] = med([r[key + "_min_us"] - r["c_min_us"] for r in orecs])
        ov["n"] = len(files["tiny"])
        sizes = [os.path.getsize(os.path.join(ROOT, f)) for f in files["tiny"]
                 if os.path.exists(os.path.join(ROOT, f))]
        ov["sizes"] = "%d–%d bytes" % (min(sizes), max(sizes)) if sizes else "?"
        ctx["overhead"] = ov

    ctx["targets"] = []
    opts = args
    if write_docs:
        ctx["plot"] = True
        text, summaries = report(opts, ctx)
        ctx["targets"] = compute_targets(summaries, tiers, ctx)
        png = os.path.join(ROOT, "docs", "performance.png")
        os.makedirs(os.path.dirname(png), exist_ok=True)
        ctx["plot"] = write_plot(png, summaries, [i for i, _ in IMPLS], tiers)
        text, summaries = report(opts, ctx)
        with open(os.path.join(ROOT, "docs", "performance.md"), "w") as f:
            f.write(text)
        log("wrote docs/performance.md%s" % (" and docs/performance.png" if ctx["plot"] else ""))
    else:
        text, summaries = report(opts, ctx)
        with open(os.path.join(OUT, "smoke.md"), "w") as f:
            f.write(text)

    for t in tiers:
        row = []
        for impl, _ in IMPLS:
            st = summaries.get((impl, t)) or tier_summary(agg, impl, t, files[t])
            if st and st.get("mb_s"):
                row.append("%s %.1f MB/s" % (impl, st["mb_s"]))
        print("%-13s %s" % (t, "; ".join(row)))
    for row in ctx["targets"]:
        print("target: %s -> %s [%s]" % row)
    for p in problems:
        print("problem: " + p)
    lib_crash = {"c", "py"} & crashed
    smoke = a.get("smoke", False)
    if fatal or inconsistent or (smoke and crashed) or lib_crash:
        print("FAILED: %s" % "; ".join(fatal + inconsistent + ["runner crashed: " + c for c in sorted(crashed)]))
        return 1
    print("OK (%d records)" % len(records))
    return 0


def report_only(path):
    records, run = [], {}
    with open(path) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                if r.get("run_meta"):
                    run = r
                else:
                    records.append(r)
    for r in records:  # records of runs made before the run record existed
        if r.get("mode") == "threads":
            r.pop("tier", None)
    return analyze(records, run, write_docs=True, rerendered=True)


if __name__ == "__main__":
    sys.exit(main())
