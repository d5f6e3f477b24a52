"""Property tests: for random HTML, the re-parsed output (html5lib) holds no
disallowed element, attribute or URL scheme, and sanitizing is idempotent."""

import re

import html5lib
from hypothesis import given, strategies as st

import libsanitize
from libsanitize import Policy
from libsanitize import bleach as lbleach
from libsanitize import nh3 as lnh3

# ---------------------------------------------------------------------------
# Random HTML
# ---------------------------------------------------------------------------

TAGS = ["a", "b", "i", "p", "div", "span", "img", "table", "tr", "td", "th", "tbody",
        "ul", "ol", "li", "script", "style", "svg", "math", "iframe", "noscript",
        "template", "textarea", "title", "select", "option", "form", "input", "object",
        "embed", "base", "meta", "link", "xmp", "plaintext", "noembed", "area", "map",
        "blockquote", "q", "del", "ins", "details", "summary", "kbd", "font", "center",
        "foreignObject", "annotation-xml", "mglyph", "desc", "button", "video", "audio",
        "source", "frameset", "frame", "body", "html", "head", "image", "isindex",
        "custom-el", "sCrIpT", "A", "IMG"]
ATTRS = ["href", "src", "title", "id", "class", "style", "onclick", "onerror", "alt",
         "width", "height", "lang", "dir", "name", "rel", "target", "cite", "action",
         "formaction", "xlink:href", "srcset", "data-x", "ONLOAD", "align", "colspan",
         "datetime", "open", "usemap", "coords", "shape", "value", "type", "sandbox",
         "background", "poster", "ping"]
URLS = ["http://e.org/x", "https://e.org/?a=1&b=2", "mailto:a@b.c", "javascript:alert(1)",
        "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "vbscript:x",
        "data:text/html,<script>alert(1)</script>", "data:image/png;base64,AAAA",
        "//evil.example/", "/rel/path", "foo.html", "#frag", "?q=1", "ftp://e.org",
        "\x01javascript:alert(1)", "javascript&colon;alert(1)", "jav&#x0A;ascript:x",
        "http://e.org/<script>", "https://e.org/\"onmouseover=\"x"]
TEXT_PIECES = list("ab <>&\"'=/!-;\n\t\x00é漢🙂") + [
    "&amp;", "&lt;", "&#60;", "&nbsp;", "]]>", "<!--", "-->", "</", "<!", "<?", "&#0;",
    "\ud800", "\x0c", "\r\n", "&#x3C;script&#x3E;", "&"]
TEXT = st.lists(st.sampled_from(TEXT_PIECES), max_size=10).map("".join)


@st.composite
def attribute(draw):
    name = draw(st.sampled_from(ATTRS))
    if name.lower() in ("href", "src", "cite", "action", "formaction", "xlink:href",
                        "background", "poster", "ping", "srcset"):
        value = draw(st.sampled_from(URLS))
    else:
        value = draw(st.one_of(TEXT, st.sampled_from(["red", "10", "rtl", "en", "x y",
                                                      "color: red", "expression(x)",
                                                      "url(javascript:x)"])))
    quote = draw(st.sampled_from(['"', "'", ""]))
    if quote == "":
        value = re.sub(r"[\s\"'=<>`]", "", value) or "x"
    return f" {name}={quote}{value}{quote}"


@st.composite
def element(draw, depth=0):
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(draw(st.lists(attribute(), max_size=3)))
    children = []
    if depth < 3:
        children = draw(st.lists(st.one_of(TEXT, element(depth=depth + 1)), max_size=3))
    close = draw(st.sampled_from(["close", "close", "open", "selfclose"]))
    inner = "".join(children)
    if close == "selfclose":
        return f"<{tag}{attrs}/>{inner}"
    if close == "open":
        return f"<{tag}{attrs}>{inner}"
    return f"<{tag}{attrs}>{inner}</{tag}>"


HTML = st.one_of(
    st.lists(st.one_of(TEXT, element(), st.sampled_from(["<!-- c -->", "<!doctype html>",
                                                           "<![CDATA[x]]>", "</p>", "<",
                                                           "<a", "</b"])),
             max_size=6).map("".join),
    st.text(max_size=60),
)

# ---------------------------------------------------------------------------
# Checking the output
# ---------------------------------------------------------------------------

UGC_ELEMENTS = set("""
a abbr acronym area article aside b bdi bdo blockquote br caption cite code col
colgroup dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6
hgroup hr i img ins li map mark meter ol p pre progress q rp rt ruby s samp
section small span strike strong sub summary sup table tbody td tfoot th thead
time tr tt u ul var wbr""".split())
UGC_GLOBAL = {"dir", "lang", "id", "title"}
UGC_ATTRS = {
    "details": {"open"}, "blockquote": {"cite"}, "a": {"href", "rel"}, "map": {"name"},
    "area": {"alt", "coords", "href", "rel", "shape"},
    "img": {"usemap", "align", "alt", "height", "width", "src"}, "q": {"cite"},
    "time": {"datetime"}, "bdi": {"dir"}, "bdo": {"dir"}, "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"}, "ol": {"type"}, "ul": {"type"}, "li": {"type", "value"},
    "table": {"height", "width", "summary"},
    "col": {"align", "height", "width", "span", "valign"},
    "colgroup": {"align", "height", "width", "span", "valign"},
    "thead": {"align", "valign"}, "tr": {"align", "valign"}, "tbody": {"align", "valign"},
    "tfoot": {"align", "valign"},
    "td": {"abbr", "align", "colspan", "rowspan", "headers", "height", "width", "scope",
           "valign", "nowrap"},
    "th": {"abbr", "align", "colspan", "rowspan", "headers", "height", "width", "scope",
           "valign", "nowrap"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "progress": {"value", "max"},
}
URL_ATTRS = {"href", "src", "cite", "action", "formaction", "xlink:href", "background",
             "poster", "longdesc", "usemap", "data", "codebase", "icon", "manifest"}


def scheme_of(url):
    """The scheme a browser sees (WHATWG URL parser, simplified)."""
    u = url.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    u = u.replace("\t", "").replace("\n", "").replace("\r", "")
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", u)
    return m.group(1).lower() if m else None


def walk(html):
    frag = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    for el in frag.iter():
        if el is frag or not isinstance(el.tag, str):
            continue  # the fragment itself, comments
        yield el


def check(html, elements, attrs_for, schemes, relative=True):
    for el in walk(html):
        tag = el.tag
        assert tag in elements, (tag, html)
        allowed = attrs_for(tag)
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (name, html)
            assert name in allowed, (tag, name, html)
            if name in URL_ATTRS:
                s = scheme_of(value)
                assert (s in schemes) if s else relative, (tag, name, value, html)


def ugc_attrs(tag):
    return UGC_GLOBAL | UGC_ATTRS.get(tag, set())


UGC = Policy.ugc().freeze()
STRICT = Policy.strict().freeze()


@given(HTML)
def test_ugc_output_is_allowed_and_idempotent(html):
    out = UGC.sanitize(html)
    check(out, UGC_ELEMENTS, ugc_attrs, {"http", "https", "mailto"})
    assert UGC.sanitize(out) == out


@given(HTML)
def test_bytes_and_str_agree(html):
    data = html.encode("utf-8", "surrogatepass")
    if any("\ud800" <= c <= "\udfff" for c in html):
        return  # lone surrogates: str maps them to U+FFFD before C sees them
    assert UGC.sanitize(data).decode("utf-8") == UGC.sanitize(html)


@given(HTML)
def test_fast_and_general_paths_agree(html):
    # sanitize() takes sanitize_html_into for small inputs on a frozen policy
    # without callbacks; _sanitize_any always takes sanitize_html.
    assert UGC.sanitize(html) == UGC._sanitize_any(html)


@given(HTML)
def test_strict_output_has_no_elements(html):
    out = STRICT.sanitize(html)
    assert list(walk(out)) == []
    assert STRICT.sanitize(out) == out


@given(HTML)
def test_module_sanitize_is_ugc(html):
    assert libsanitize.sanitize(html) == UGC.sanitize(html)


NH3_ELEMENTS = set(lnh3.ALLOWED_TAGS)


def nh3_attrs(tag):
    return {"lang", "title", "rel"} | set(lnh3.ALLOWED_ATTRIBUTES.get(tag, ()))


@given(HTML)
def test_nh3_output_is_allowed_and_idempotent(html):
    out = lnh3.clean(html)
    check(out, NH3_ELEMENTS, nh3_attrs, set(lnh3.ALLOWED_URL_SCHEMES))
    assert lnh3.clean(out) == out


def bleach_attrs(tag):
    return set(lbleach.ALLOWED_ATTRIBUTES.get(tag, ()))


@given(HTML)
def test_bleach_output_is_allowed_and_idempotent(html):
    out = lbleach.clean(html)
    check(out, set(lbleach.ALLOWED_TAGS), bleach_attrs, set(lbleach.ALLOWED_PROTOCOLS))
    assert lbleach.clean(out) == out
    stripped = lbleach.clean(html, strip=True)
    check(stripped, set(lbleach.ALLOWED_TAGS), bleach_attrs, set(lbleach.ALLOWED_PROTOCOLS))
    assert lbleach.clean(stripped, strip=True) == stripped


@given(HTML)
def test_pybluemonday_ugc_matches_native_ugc(html):
    assert _BM_UGC.sanitize(html) == UGC.sanitize(html)


from libsanitize.pybluemonday import UGCPolicy as _UGCPolicy  # noqa: E402

_BM_UGC = _UGCPolicy()
