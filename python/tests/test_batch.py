"""Policy.sanitize_many / sanitize_many (sanitize_html_batch): the same
results as sanitize() item by item, one C call, the GIL released for it."""

import threading

import pytest
from hypothesis import given, settings, strategies as st

import libsanitize
from libsanitize import _api
from libsanitize import Limit, Policy, SanitizeError, Status

DOCS = [
    "", "x", "<b>x", "<a href='https://e.org/' onclick=x>l</a>", "a\x00b",
    "\ud800<i>s</i>\udfff", "é漢🙂<p>" * 50, "<" * _api._SMALL, "a" * (_api._LARGE + 1),
    "é" * (_api._LARGE + 1), "<table><tr><td>x</table>", "<svg><p>x</p></svg>",
]


def test_matches_sanitize_item_by_item():
    p = Policy.ugc()
    docs = DOCS + [d.encode("utf-8", "surrogatepass") for d in DOCS]
    out = p.sanitize_many(docs)
    assert out == [p.sanitize(d) for d in docs]
    assert [type(x) for x in out] == [str] * len(DOCS) + [bytes] * len(DOCS)


def test_bytes_likes_iterables_and_empty():
    p = Policy.ugc()
    assert p.sanitize_many([]) == []
    assert p.sanitize_many(iter(["<b>a</b>", bytearray(b"<i>b"), memoryview(b"<u>c</u>")])) == [
        "<b>a</b>", b"<i>b</i>", b"<u>c</u>"]
    assert p.sanitize_many(x for x in ("<script>x</script>y",)) == ["y"]
    assert libsanitize.sanitize_many(["<a href=x>y</a>"]) == ['<a href="x" rel="nofollow">y</a>']


def test_wrong_types_raise_before_any_c_call():
    p = Policy.ugc()
    for bad in ("<b>x</b>", b"<b>x</b>", bytearray(b"x"), memoryview(b"x")):
        with pytest.raises(TypeError):
            p.sanitize_many(bad)
    with pytest.raises(TypeError):
        p.sanitize_many(["ok", 3])
    with pytest.raises(TypeError):
        p.sanitize_many(None)
    with pytest.raises(TypeError):
        libsanitize.sanitize_many(["x"], policy="ugc")


def test_first_failing_document_raises():
    p = Policy.ugc().set_limit(Limit.INPUT_BYTES, 8)
    with pytest.raises(SanitizeError) as e:
        p.sanitize_many(["ok", "x" * 9, "fine"])
    assert e.value.status == Status.INPUT_TOO_LARGE
    assert p.sanitize_many(["ok", "fine"]) == ["ok", "fine"]


def test_freezes_and_closed_policy_raises():
    p = Policy().allow_elements("b")
    assert p.sanitize_many(["<b>x</b><i>y</i>"]) == ["<b>x</b>y"]
    assert p.frozen
    p.close()
    with pytest.raises(ValueError):
        p.sanitize_many(["x"])


def test_policy_with_callbacks_goes_one_by_one():
    seen = []

    def url_ok(url):
        seen.append(url)
        return "good" in url

    p = Policy.ugc().set_url_scheme_callback("https", url_ok)
    out = p.sanitize_many(['<a href="https://good/">a</a>', '<a href="https://bad/">b</a>'])
    assert out == ['<a href="https://good/" rel="nofollow">a</a>', "b"]
    assert seen == ["https://good/", "https://bad/"]


def test_threads_share_a_policy():
    p = Policy.ugc().freeze()
    docs = ["<b>%d</b><script>x</script>" % i for i in range(200)]
    want = [p.sanitize(d) for d in docs]
    results, errors = [], []

    def work():
        try:
            for _ in range(20):
                results.append(p.sanitize_many(docs) == want)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 80 and all(results)


HTML = st.lists(st.sampled_from(list("<>/=\"' abp&;#x\x00é\ud800") + [
    "<b>", "</b>", "<a href=", "javascript:", "<script>", "<!--", "<table>", "<svg>"]),
    max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HTML, HTML.map(lambda s: s.encode("utf-8", "surrogatepass"))), max_size=8))
def test_property_same_as_one_by_one(docs):
    p = UGC
    assert p.sanitize_many(docs) == [p.sanitize(d) for d in docs]


UGC = Policy.ugc().freeze()
