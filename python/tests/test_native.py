"""The native API: Policy, sanitize(), errors, callbacks, life cycle."""

import gc
import inspect
import threading
import tracemalloc
import weakref

import pytest

import libsanitize
from libsanitize import _api
from libsanitize import (Disposition, Flag, Limit, Policy, PolicyError, SanitizeError,
                         SanitizeMemoryError, Status)


# -- bluemonday UGC conformance vectors (bluemonday_ugc.md section 8) ---------

UGC_VECTORS = [
    ("Hello, <b>World</b>!", "Hello, <b>World</b>!"),
    ("<p>Hello, <b onclick=alert(1337)>World</b>!</p>", "<p>Hello, <b>World</b>!</p>"),
    ('<a href="javascript:alert(1337)">foo</a>', "foo"),
    ('<img src="http://example.org/x.gif" alt="y" width=96 height=64 border=0>',
     '<img src="http://example.org/x.gif" alt="y" width="96" height="64">'),
    ('<img src="http://example.org/x.png" alt="y" width="widgy" height=64 border=0>',
     '<img src="http://example.org/x.png" alt="y" height="64">'),
    ('<a href="foo.html">Link text</a>', '<a href="foo.html" rel="nofollow">Link text</a>'),
    ('<a href="HTTPS://example.org/x.html" onclick="alert(1337)">Link text</a>',
     '<a href="https://example.org/x.html" rel="nofollow">Link text</a>'),
    ('<a href="//example.org/x.html">Link text</a>',
     '<a href="//example.org/x.html" rel="nofollow">Link text</a>'),
    ('<a name="header" id="header">Header text</a>', '<a id="header">Header text</a>'),
]


@pytest.mark.parametrize("html,expected", UGC_VECTORS)
def test_module_sanitize_uses_ugc(html, expected):
    assert libsanitize.sanitize(html) == expected


def test_script_removed_with_content():
    assert libsanitize.sanitize("a<script>alert(1)</script>b") == "ab"


def test_presets():
    html = '<p style="color: red" class="x">Hi <kbd>k</kbd> <u>u</u></p>'
    assert Policy.strict().sanitize(html) == "Hi k u"
    assert Policy().sanitize(html) == "Hi k u"
    assert Policy.ugc().sanitize(html) == "<p>Hi k <u>u</u></p>"
    rich = Policy.rich_text().sanitize(html)
    assert "<kbd>k</kbd>" in rich and 'class="x"' in rich and "color" in rich


# -- str / bytes ----------------------------------------------------------------

def test_str_in_str_out_bytes_in_bytes_out():
    p = Policy.ugc()
    assert p.sanitize("<b>x</b>") == "<b>x</b>"
    assert p.sanitize(b"<b>x</b>") == b"<b>x</b>"
    assert p.sanitize(bytearray(b"<b>x</b>")) == b"<b>x</b>"
    assert p.sanitize(memoryview(b"<i>x</i><b>y</b>")[8:]) == b"<b>y</b>"
    assert isinstance(p.sanitize(bytearray(b"")), bytes)
    assert p.sanitize("") == "" and p.sanitize(b"") == b""


def test_unicode_round_trips_unchanged():
    text = "é ﬁ ① ½ ＜script＞ 漢字 🙂 \u00a0"
    out = libsanitize.sanitize(text)
    # no Unicode normalization: the fullwidth brackets stay inert text
    assert "＜script＞" in out and "ﬁ" in out and "é" in out and "🙂" in out
    assert "<script" not in out


def test_lone_surrogates_become_replacement_characters():
    assert libsanitize.sanitize("a\ud800b") == "a\ufffdb"
    assert libsanitize.sanitize("\udfff\ud83d") == "\ufffd\ufffd"


def test_large_str_goes_in_and_out_in_pieces_unchanged():
    # Above 64 Ki characters a non-ASCII str is encoded, and a result decoded,
    # piece by piece (see _api._PIECE): characters of every UTF-8 length and
    # lone surrogates must come out as from the bytes path, wherever the
    # pieces are cut.
    from libsanitize import _api
    p = Policy.ugc()
    unit = "a<b>é</b>漢🙂\ud800<i>x\udfff</i>\n"
    for shift in range(4):
        text = "z" * shift + unit * (_api._LARGE // len(unit) + 7)
        assert len(text) > _api._LARGE
        clean = text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
        expected = p.sanitize(clean.encode()).decode()
        assert p.sanitize(text) == expected
    assert "\ufffd" in expected and "🙂" in expected and "<b>é</b>" in expected


def test_invalid_utf8_bytes_become_replacement_characters():
    out = libsanitize.sanitize(b"a\xffb\xc3")
    assert out.decode("utf-8").startswith("a\ufffdb")


def test_nul_bytes_do_not_truncate():
    out = libsanitize.sanitize("a\x00b<b>c</b>")
    assert out.endswith("<b>c</b>")


def test_bytes_input_is_not_copied():
    # 16 MiB of comment sanitizes to almost nothing; a copy of the input on
    # the Python side would show in tracemalloc's peak.
    data = bytearray(b"<!--" + b"x" * (8 << 20) + b"-->ok")
    p = Policy.ugc()
    p.sanitize(b"warm up")
    tracemalloc.start()
    try:
        out = p.sanitize(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out == b"ok"
    assert peak < (1 << 20)


# -- type errors before any C call ---------------------------------------------

@pytest.mark.parametrize("bad", [None, 1, 1.5, ["<b>"], object()])
def test_sanitize_rejects_wrong_types(bad):
    with pytest.raises(TypeError):
        libsanitize.sanitize(bad)
    with pytest.raises(TypeError):
        Policy.ugc().sanitize(bad)


def test_builder_rejects_wrong_types():
    p = Policy()
    with pytest.raises(TypeError):
        p.allow_elements(b"b")
    with pytest.raises(TypeError):
        p.allow_elements(None)
    with pytest.raises(TypeError):
        p.allow_attribute("href", element=3)
    with pytest.raises(TypeError):
        p.allow_attribute_values("rel", "a", "nofollow")  # a str, not a list
    with pytest.raises(TypeError):
        p.set_flag("ALLOW_COMMENTS")
    with pytest.raises(TypeError):
        p.set_attribute_filter("not callable")
    with pytest.raises(TypeError):
        libsanitize.sanitize("x", policy="ugc")
    with pytest.raises(ValueError):
        p.allow_elements("b\x00")
    assert not p.frozen


# -- errors ------------------------------------------------------------------------

def test_unknown_and_unsafe_elements_raise_policy_error():
    p = Policy()
    with pytest.raises(PolicyError) as e:
        p.allow_elements("notanelement")
    assert e.value.status == Status.UNKNOWN_ELEMENT
    for name in ("svg", "math", "noscript", "template", "script", "style"):
        with pytest.raises(PolicyError) as e:
            p.allow_elements(name)
        assert e.value.status == Status.UNSAFE_ELEMENT, name
    assert isinstance(e.value, ValueError) and isinstance(e.value, SanitizeError)
    assert "SANITIZE_ERR_UNSAFE_ELEMENT" in str(e.value)


def test_bad_regex_raises_policy_error():
    with pytest.raises(PolicyError) as e:
        Policy().allow_attribute("title", pattern="([a-z")
    assert e.value.status == Status.BAD_REGEX


def test_invalid_scheme_raises_policy_error():
    with pytest.raises(PolicyError) as e:
        Policy().allow_url_schemes("not a scheme")
    assert e.value.status == Status.INVALID_ARGUMENT


def test_frozen_policy_refuses_changes_and_copy_is_editable():
    p = Policy.strict().allow_elements("b")
    assert not p.frozen
    assert p.sanitize("<b>x</b><i>y</i>") == "<b>x</b>y"
    assert p.frozen
    with pytest.raises(PolicyError) as e:
        p.allow_elements("i")
    assert e.value.status == Status.POLICY_FROZEN
    q = p.copy()
    assert not q.frozen
    q.allow_elements("i")
    assert q.sanitize("<b>x</b><i>y</i>") == "<b>x</b><i>y</i>"
    assert p.sanitize("<b>x</b><i>y</i>") == "<b>x</b>y"


def test_freeze_explicitly():
    p = Policy().freeze()
    assert p.frozen
    with pytest.raises(PolicyError):
        p.set_flag(Flag.ALLOW_COMMENTS)


def test_input_too_large():
    p = Policy().set_limit(Limit.INPUT_BYTES, 10)
    assert p.get_limit(Limit.INPUT_BYTES) == 10
    assert p.sanitize("0123456789") == "0123456789"
    with pytest.raises(SanitizeError) as e:
        p.sanitize("01234567890")
    assert e.value.status == Status.INPUT_TOO_LARGE
    assert not isinstance(e.value, PolicyError)


def test_bad_limit_value():
    with pytest.raises(PolicyError):
        Policy().set_limit(Limit.DEPTH, 0)
    with pytest.raises(PolicyError):
        Policy().set_limit(Limit.DEPTH, -1)


def test_memory_error_class():
    err = SanitizeMemoryError(int(Status.NOMEM))
    assert isinstance(err, MemoryError) and isinstance(err, SanitizeError)
    assert err.status == Status.NOMEM


# -- the policy surface ----------------------------------------------------------

def test_flags_round_trip():
    p = Policy()
    for flag in Flag:
        assert p.get_flag(flag) is False, flag
    p.set_flag(Flag.ALLOW_COMMENTS)
    assert p.get_flag(Flag.ALLOW_COMMENTS)
    p.set_flag(Flag.ALLOW_COMMENTS, False)
    assert not p.get_flag(Flag.ALLOW_COMMENTS)


def test_comments_flag():
    p = Policy().set_flag(Flag.ALLOW_COMMENTS)
    assert p.sanitize("a<!-- c -->b") == "a<!-- c -->b"
    assert Policy().sanitize("a<!-- c -->b") == "ab"


def test_attributes_and_patterns():
    p = (Policy().allow_elements("span", "a")
         .allow_attribute("title", "span", pattern="^[a-z]+$")
         .allow_attribute("href", "a")
         .allow_url_schemes("https"))
    assert p.sanitize('<span title="abc">x</span>') == '<span title="abc">x</span>'
    assert p.sanitize('<span title="ab1">x</span>') == "<span>x</span>"
    assert p.sanitize('<a href="https://e.org/">x</a>') == '<a href="https://e.org/">x</a>'
    assert "href" not in p.copy().sanitize('<a href="http://e.org/">x</a>')
    assert "javascript" not in p.copy().sanitize('<a href="javascript:alert(1)">x</a>')


def test_allow_attributes_helper_and_values():
    # A cell is only written inside a written row and table: the browser
    # drops <td> tags anywhere else.
    p = (Policy().allow_elements("table", "tbody", "tr", "td", "a")
         .allow_attributes("colspan", "rowspan", elements=["td"], pattern="^[0-9]+$")
         .allow_attribute_values("rel", "a", ["nofollow", "ugc"]))
    out = p.sanitize('<table><tr><td colspan="2" rowspan="x">c</td></tr></table>'
                     '<a rel="ugc">u</a><a rel="me">m</a>')
    assert 'colspan="2"' in out and "rowspan" not in out
    assert '<a rel="ugc">u</a>' in out and 'rel="me"' not in out


def test_dispositions():
    p = Policy().set_disposition(None, Disposition.ESCAPE)
    assert p.sanitize("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    p = Policy().set_disposition("div", Disposition.DROP)
    assert p.sanitize("a<div>gone</div>b") == "ab"
    p = Policy().set_disposition("title", Disposition.UNWRAP)
    assert p.sanitize("a<title>kept</title>b") == "akeptb"


def test_require_attributes():
    p = Policy().allow_elements("span").allow_attribute("title", "span")
    p.require_attributes("span")
    assert p.sanitize("<span>x</span><span title=t>y</span>") == 'x<span title="t">y</span>'


def test_set_attribute_link_rel_id_prefix_classes():
    p = (Policy().allow_elements("a", "p").allow_attribute("href", "a")
         .allow_attribute("id").allow_url_schemes("https")
         .set_link_rel("noopener").set_id_prefix("user-")
         .set_attribute("p", "data-x", "1")
         .allow_classes("p", ["ok"]))
    out = p.sanitize('<a href="https://x.y/" id="a">l</a><p class="ok bad">t</p>')
    assert 'rel="noopener"' in out and 'id="user-a"' in out
    assert 'data-x="1"' in out and 'class="ok"' in out and "bad" not in out


def test_attribute_prefix_and_data_attributes():
    p = Policy().allow_elements("p").allow_attribute_prefix("aria-")
    assert p.sanitize('<p aria-label="l" role="r">x</p>') == '<p aria-label="l">x</p>'
    p = Policy().allow_elements("p").set_flag(Flag.ALLOW_DATA_ATTRIBUTES)
    assert p.sanitize('<p data-id="7">x</p>') == '<p data-id="7">x</p>'


def test_styles():
    p = Policy().allow_elements("p").allow_style("color", "p", pattern="^[a-z]+$")
    out = p.sanitize('<p style="color: red; position: fixed">x</p>')
    assert "color: red" in out and "position" not in out
    p = Policy().allow_elements("p").allow_style_values("text-align", None, ["left", "right"])
    assert "text-align" in p.sanitize('<p style="text-align: left">x</p>')
    assert "text-align" not in p.copy().sanitize('<p style="text-align: center">x</p>')
    p = Policy().allow_elements("p").allow_standard_styles()
    assert "color" in p.sanitize('<p style="color: red">x</p>')


def test_iframe_sandbox_and_data_uri_images():
    p = (Policy().allow_elements("iframe").allow_attribute("src", "iframe")
         .allow_url_schemes("https").require_iframe_sandbox(["allow-forms"]))
    out = p.sanitize('<iframe src="https://x.y/" sandbox="allow-forms allow-scripts"></iframe>')
    assert 'sandbox="allow-forms"' in out
    with pytest.raises(PolicyError):
        Policy().require_iframe_sandbox(["allow-everything"])
    p = Policy().allow_elements("img").allow_attribute("src", "img").allow_data_uri_images()
    assert "data:image/png" in p.sanitize('<img src="data:image/png;base64,iVBORw0KGgo=">')


def test_url_schemes_matching_remove_and_url_attribute():
    p = (Policy().allow_elements("a").allow_attribute("href", "a")
         .allow_url_schemes_matching("^https?$"))
    assert "href" in p.sanitize('<a href="http://x.y/">l</a>')
    p = (Policy().allow_elements("a").allow_attribute("href", "a")
         .allow_url_schemes("http", "https").remove_url_schemes("http"))
    assert "href" not in p.sanitize('<a href="http://x.y/">l</a>')
    p = (Policy().allow_elements("p").allow_attribute("data-link", "p")
         .add_url_attribute("data-link", "p").allow_url_schemes("https"))
    assert "data-link" not in p.sanitize('<p data-link="javascript:x()">t</p>')


# -- callbacks -------------------------------------------------------------------

def test_attribute_filter_keep_drop_replace():
    seen = []

    def filt(element, attribute, value):
        seen.append((element, attribute, value))
        if attribute == "title":
            return value.upper()
        if attribute == "lang":
            return None
        return True

    p = Policy().allow_elements("p").allow_attribute("title").allow_attribute("lang") \
        .allow_attribute("dir").set_attribute_filter(filt)
    del filt
    gc.collect()
    out = p.sanitize('<p title="a &amp; b" lang="en" dir="rtl">x</p>')
    assert out == '<p title="A &amp; B" dir="rtl">x</p>'
    assert ("p", "title", "a & b") in seen


def test_callback_exception_propagates_and_fails_closed():
    class Boom(Exception):
        pass

    def filt(element, attribute, value):
        raise Boom("no")

    p = Policy().allow_elements("p").allow_attribute("title").set_attribute_filter(filt)
    with pytest.raises(Boom):
        p.sanitize('<p title="t">x</p>')
    # the next call is clean again
    p2 = Policy().allow_elements("p")
    assert p2.sanitize("<p>x</p>") == "<p>x</p>"


def test_callbacks_cannot_reenter():
    holder = {}

    def filt(element, attribute, value):
        return holder["p"].sanitize("x")

    p = Policy().allow_elements("p").allow_attribute("title").set_attribute_filter(filt)
    holder["p"] = Policy.ugc()
    with pytest.raises(RuntimeError):
        p.sanitize('<p title="t">x</p>')


def test_url_callback():
    def only_example(url):
        return url.startswith("https://example.org/")

    p = (Policy().allow_elements("a").allow_attribute("href", "a")
         .set_url_scheme_callback("https", only_example))
    assert "href" in p.sanitize('<a href="https://example.org/x">l</a>')
    assert "href" not in p.sanitize('<a href="https://evil.example/x">l</a>')


def test_style_callback():
    p = (Policy().allow_elements("p")
         .allow_style_callback("color", None, lambda prop, value: value in ("red", "blue")))
    assert "color: red" in p.sanitize('<p style="color: red">x</p>')
    assert "color" not in p.sanitize('<p style="color: green">x</p>')


def test_copy_keeps_callbacks_alive_after_original_is_closed():
    p = (Policy().allow_elements("p").allow_attribute("title")
         .set_attribute_filter(lambda e, a, v: v + "!"))
    q = p.copy()
    p.close()
    del p
    gc.collect()
    assert q.sanitize('<p title="t">x</p>') == '<p title="t!">x</p>'


# -- life cycle ------------------------------------------------------------------

def test_close_and_context_manager():
    with Policy.ugc() as p:
        assert p.sanitize("<b>x</b>") == "<b>x</b>"
    assert p.closed
    with pytest.raises(ValueError):
        p.sanitize("x")
    with pytest.raises(ValueError):
        p.allow_elements("b")
    with pytest.raises(ValueError):
        p.copy()
    p.close()  # twice is fine


def test_policies_are_garbage_collected():
    p = Policy.ugc()
    p.sanitize("x")
    ref = weakref.ref(p)
    del p
    gc.collect()
    assert ref() is None


def test_close_while_another_thread_sanitizes():
    p = Policy.ugc()
    big = "<p>" + "<b>x</b>" * 200000 + "</p>"
    results = []

    def work():
        try:
            results.append(len(p.sanitize(big)))
        except ValueError:
            results.append("closed")

    t = threading.Thread(target=work)
    t.start()
    p.close()
    t.join()
    assert results and (results[0] == "closed" or results[0] > 0)
    assert p.closed


def test_close_frees_at_once_or_after_the_call_in_progress():
    class Filter:
        def __init__(self, close_from_inside=None):
            self.close_from_inside = close_from_inside

        def __call__(self, element, attribute, value):
            if self.close_from_inside is not None:
                self.close_from_inside.close()  # a call is in progress
            return True

    # No call in progress: close() frees the C policy and its callbacks now.
    f = Filter()
    ref = weakref.ref(f)
    p = Policy().allow_elements("p").allow_attribute("title").set_attribute_filter(f)
    del f
    assert p.sanitize('<p title="t">x</p>') == '<p title="t">x</p>'
    p.close()
    assert ref() is None  # no gc.collect(): freed by close() itself

    # Closed from inside a call: the call finishes with the policy intact,
    # then everything is freed; later calls see a closed policy.
    q = Policy().allow_elements("p").allow_attribute("title")
    f = Filter(close_from_inside=q)
    ref = weakref.ref(f)
    q.set_attribute_filter(f)
    del f
    assert q.sanitize('<p title="a">x</p><p title="b">y</p>') == \
        '<p title="a">x</p><p title="b">y</p>'
    assert q.closed and ref() is None
    with pytest.raises(ValueError):
        q.sanitize("x")


def test_policy_not_picklable():
    import pickle
    with pytest.raises(TypeError):
        pickle.dumps(Policy())


# -- escape_text and versions ---------------------------------------------------------

def test_escape_text():
    out = libsanitize.escape_text("<a href='x'>&\"")
    assert out.startswith("&lt;a href=") and "&amp;" in out and "&gt;" in out
    out = libsanitize.escape_text("a\x00b<")
    assert "\x00" not in out and out.startswith("ab")
    assert libsanitize.escape_text(b"<") == b"&lt;"
    with pytest.raises(TypeError):
        libsanitize.escape_text(1)


def test_escape_text_output_is_inert():
    for s in ["<script>", "\"'><img src=x onerror=1>", "&amp;", "a\ud800"]:
        out = libsanitize.escape_text(s)
        assert "<" not in out and ">" not in out and '"' not in out and "'" not in out


def test_docstrings_everywhere():
    import libsanitize.bleach
    import libsanitize.nh3
    import libsanitize.pybluemonday
    for mod in (libsanitize, libsanitize.nh3, libsanitize.bleach, libsanitize.pybluemonday):
        assert mod.__doc__
        for name in mod.__all__:
            if name.startswith("__"):
                continue
            obj = getattr(mod, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                assert getattr(obj, "__doc__", None), f"{mod.__name__}.{name}"
    for name in dir(Policy):
        if not name.startswith("_"):
            assert getattr(Policy, name).__doc__, f"Policy.{name}"


def test_py_typed_is_shipped():
    import os
    assert os.path.exists(os.path.join(os.path.dirname(libsanitize.__file__), "py.typed"))


# -- nothing a caller passes to the builder crashes ------------------------------

from hypothesis import given, strategies as st  # noqa: E402

_ODD = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", " ", "a", "A", "-", "*", "(", "[", "\\", "on", "onclick", "href",
                     "javascript", "http", "b", "svg", "script", "style", "iframe", "a\ud800",
                     "x" * 300, "é", "(?i)", "^$", ".*", "(a|", "\\p{L}", "data-", "aria-"]),
)
_ARGS = st.one_of(_ODD, st.none(), st.integers(-2, 40), st.lists(_ODD, max_size=3),
                  st.booleans(), st.binary(max_size=5))
_METHODS = ["allow_elements", "allow_elements_matching", "remove_elements", "set_disposition",
            "require_attributes", "allow_attribute", "allow_attribute_on_matching",
            "allow_attribute_values", "remove_attribute", "allow_attribute_prefix",
            "set_attribute", "allow_classes", "set_id_prefix", "allow_url_schemes",
            "remove_url_schemes", "allow_url_schemes_matching", "allow_data_uri_images",
            "add_url_attribute", "set_link_rel", "require_iframe_sandbox", "allow_style",
            "allow_style_on_matching", "allow_style_values", "allow_standard_styles",
            "set_flag", "get_flag", "set_limit", "get_limit", "freeze"]


@given(st.lists(st.tuples(st.sampled_from(_METHODS), st.lists(_ARGS, max_size=4)),
                max_size=12),
       st.text(max_size=40))
def test_random_builder_calls_only_raise_python_exceptions(calls, html):
    p = Policy.strict() if len(calls) % 2 else Policy.ugc()
    for name, args in calls:
        try:
            getattr(p, name)(*args)
        except (TypeError, ValueError, OverflowError):
            pass
    try:
        out = p.sanitize(html)
    except SanitizeError as e:
        assert e.status in (Status.DEADLINE, Status.MEMORY_BUDGET, Status.INPUT_TOO_LARGE,
                            Status.ROUNDTRIP, Status.PARSER), e
    else:
        assert isinstance(out, str)
    p.close()


# ---------------------------------------------------------------------------
# The per-call fast path (sanitize_html_into into the thread's buffer) must
# give what the general path (sanitize_html) gives, at every edge of it.
# ---------------------------------------------------------------------------


def _fast_path_policy(policy):
    policy.freeze().sanitize("warm-up: the thread's buffers exist from here on")
    assert policy._plain is not None and _api._tls.out is not None
    return policy


@pytest.mark.parametrize("html", [
    "", "x", "<b>x", "<a href='https://e.org/' onclick=x>l</a>", "a\x00b", "\ud800<i>s</i>\udfff",
    "é漢🙂<p>" * 50, "<" * _api._SMALL, "a" * _api._SMALL, "a" * (_api._SMALL + 1),
    "é" * _api._SMALL, "<table><tr><td>x</table>", "<svg><p>x</p></svg>",
])
def test_fast_path_matches_general_path(html):
    p = _fast_path_policy(Policy.ugc())
    assert p.sanitize(html) == p._sanitize_any(html)
    data = html.encode("utf-8", "surrogatepass")
    assert p.sanitize(data) == p._sanitize_any(data)
    assert type(p.sanitize(data)) is bytes and type(p.sanitize(html)) is str


def test_fast_path_output_larger_than_the_buffer():
    # 7 KB of input, 240 KB of output: sanitize_html_into reports that it
    # does not fit, and sanitize_html makes it.
    p = _fast_path_policy(Policy().allow_elements("b").set_attribute("b", "title", "t" * 230))
    html = "<b></b>" * 1000
    assert len(html) <= _api._SMALL
    out = p.sanitize(html)
    assert len(out) > _api._BUFFER
    assert out == ('<b title="%s"></b>' % ("t" * 230)) * 1000
    assert p.sanitize(html.encode()) == out.encode()


def test_fast_path_errors_and_invalid_utf8():
    p = _fast_path_policy(Policy.ugc().set_limit(Limit.INPUT_BYTES, 64))
    with pytest.raises(SanitizeError) as e:
        p.sanitize("x" * 65)
    assert e.value.status == Status.INPUT_TOO_LARGE
    assert p.sanitize(b"\xff<b>\xc3</b>") == "\ufffd<b>\ufffd</b>".encode()
    # the thread's buffer holds nothing of a previous, longer output
    assert p.sanitize("<b>long output</b>") == "<b>long output</b>"
    assert p.sanitize("s") == "s"


def test_fast_path_after_close_raises():
    p = _fast_path_policy(Policy.ugc())
    p.close()
    with pytest.raises(ValueError):
        p.sanitize("x")
