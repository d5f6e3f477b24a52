"""libsanitize.nh3: nh3's API with ammonia's defaults."""

import pytest

from libsanitize import nh3


def test_defaults():
    assert nh3.clean("<b><img src='' onerror='alert(\\'hax\\')'>I'm not trying to XSS you</b>") \
        == "<b><img>I'm not trying to XSS you</b>"  # ammonia keeps src="" (documented)
    assert nh3.clean("<script>alert(1)</script>x") == "x"
    assert nh3.clean("<style>p{}</style>x") == "x"
    assert nh3.clean("<p>a<!-- c -->b</p>") == "<p>ab</p>"
    assert nh3.clean('<a href="https://e.org/">l</a>') == \
        '<a href="https://e.org/" rel="noopener noreferrer">l</a>'
    assert nh3.clean('<a href="javascript:x">l</a>') == '<a rel="noopener noreferrer">l</a>' \
        or nh3.clean('<a href="javascript:x">l</a>') == "<a>l</a>"
    assert nh3.clean("<unknown>text</unknown>") == "text"
    assert nh3.clean("<title>t</title>x") == "tx"


def test_constants():
    assert "a" in nh3.ALLOWED_TAGS and "script" not in nh3.ALLOWED_TAGS
    assert len(nh3.ALLOWED_TAGS) == 75
    assert nh3.ALLOWED_ATTRIBUTES["a"] == {"href", "hreflang"}
    assert "https" in nh3.ALLOWED_URL_SCHEMES and len(nh3.ALLOWED_URL_SCHEMES) == 25
    assert nh3.CLEAN_CONTENT_TAGS == {"script", "style"}


def test_tags_and_attributes():
    assert nh3.clean("<b>a</b><i>b</i>", tags={"b"}) == "<b>a</b>b"
    out = nh3.clean('<p class="c" title="t" id="i">x</p>', tags={"p"},
                    attributes={"p": {"class"}})
    assert out == '<p class="c" title="t">x</p>'  # generic lang/title stay unless "*" given
    out = nh3.clean('<p class="c" title="t">x</p>', tags={"p"}, attributes={"*": {"class"}})
    assert out == '<p class="c">x</p>'


def test_clean_content_tags():
    assert nh3.clean("<div>a<span>b</span></div>", tags={"div"},
                     clean_content_tags={"span"}) == "<div>a</div>"
    with pytest.raises(ValueError):
        nh3.clean("x", tags={"b"}, clean_content_tags={"b"})


def test_strip_comments_and_link_rel():
    assert nh3.clean("a<!-- c -->b", strip_comments=False) == "a<!-- c -->b"
    assert nh3.clean('<a href="https://e.org/">l</a>', link_rel=None) == \
        '<a href="https://e.org/">l</a>'
    assert nh3.clean('<a href="https://e.org/">l</a>', link_rel="nofollow") == \
        '<a href="https://e.org/" rel="nofollow">l</a>'
    with pytest.raises(ValueError):
        nh3.clean("x", attributes={"a": {"href", "rel"}})
    assert nh3.clean('<a href="/x" rel="me">l</a>', attributes={"a": {"href", "rel"}},
                     link_rel=None) == '<a href="/x" rel="me">l</a>'


def test_attribute_filter():
    def filt(element, attribute, value):
        if element == "img" and attribute == "src":
            return None
        if attribute == "alt":
            return value.upper()
        return value

    assert nh3.clean('<img src="https://e.org/x.png" alt="pic">', attribute_filter=filt) == \
        '<img alt="PIC">'
    with pytest.raises(TypeError):
        nh3.clean("x", attribute_filter="nope")


def test_attribute_filter_errors_keep_the_value(monkeypatch):
    seen = []
    monkeypatch.setattr("sys.unraisablehook", lambda u: seen.append(u.exc_value))

    def bad(element, attribute, value):
        raise RuntimeError("boom")

    assert nh3.clean('<img alt="a">', attribute_filter=bad) == '<img alt="a">'
    assert isinstance(seen[0], RuntimeError)


def test_generic_prefixes_values_and_set_values():
    assert nh3.clean('<p data-x="1" aria-y="2">t</p>', tags={"p"},
                     generic_attribute_prefixes={"data-"}) == '<p data-x="1">t</p>'
    out = nh3.clean('<input type="checkbox" checked><input type="text">',
                    tags={"input"}, tag_attribute_values={"input": {"type": {"checkbox"}}})
    assert out == '<input type="checkbox"><input>'
    out = nh3.clean('<a href="/x">l</a>', set_tag_attribute_values={"a": {"target": "_blank"}},
                    link_rel=None)
    assert out == '<a href="/x" target="_blank">l</a>'


def test_url_schemes_and_relative():
    out = nh3.clean('<a href="ftp://e.org/">f</a><a href="https://e.org/">h</a>',
                    url_schemes={"https"}, link_rel=None)
    assert out == '<a>f</a><a href="https://e.org/">h</a>'
    assert nh3.clean('<a href="/x">l</a>', url_relative="deny", link_rel=None) == "<a>l</a>"
    assert nh3.clean('<a href="x/y">l</a>', url_relative=("rewrite_with_base", "https://b.org/d/"),
                     link_rel=None) == '<a href="https://b.org/d/x/y">l</a>'


def test_allowed_classes_and_style_properties():
    out = nh3.clean('<p class="ok bad">x</p>', tags={"p"}, allowed_classes={"p": {"ok"}})
    assert out == '<p class="ok">x</p>'
    out = nh3.clean('<p style="color: red; position: fixed">x</p>', tags={"p"},
                    attributes={"p": {"style"}}, filter_style_properties={"color"})
    assert "color: red" in out and "position" not in out


def test_clean_text_is_ammonia_byte_for_byte():
    assert nh3.clean_text("Robert\"); abuse();//") == \
        "Robert&quot;);&#32;abuse();&#47;&#47;"
    assert nh3.clean_text("<a b='c'>`=&\t\n\r\x0c\x00") == \
        "&lt;a&#32;b&#61;&apos;c&apos;&gt;&grave;&#61;&amp;&#9;&#10;&#13;&#12;&#65533;"


def test_is_html():
    assert nh3.is_html("<p>") and nh3.is_html("<g>") and nh3.is_html("Vec::<u8>::new()")
    assert nh3.is_html("<!-- c -->")
    assert not nh3.is_html("plain text") and not nh3.is_html("a < b")
    assert not nh3.is_html("a &amp; b")


def test_cleaner_reuse_and_types():
    c = nh3.Cleaner(tags={"b"})
    assert c.clean("<b>x</b><i>y</i>") == "<b>x</b>y"
    assert c.clean("<b>z</b>") == "<b>z</b>"
    with pytest.raises(TypeError):
        nh3.clean(b"<b>x</b>")
    with pytest.raises(TypeError):
        c.clean(None)
    with pytest.raises(TypeError):
        nh3.clean("x", tags="b")


def test_svg_and_math_are_dropped_even_if_listed():
    assert nh3.clean("<svg><b>x</b></svg>y", tags={"svg", "b"}) == "y"
