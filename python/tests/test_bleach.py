"""libsanitize.bleach: bleach.clean's API and defaults."""

import pytest

from libsanitize import bleach


def test_default_escapes_disallowed_tags():
    assert bleach.clean("an <script>evil()</script> example") == \
        "an &lt;script&gt;evil()&lt;/script&gt; example"
    assert bleach.clean("<b>bold</b> <u>under</u>") == "<b>bold</b> &lt;u&gt;under&lt;/u&gt;"


def test_strip_removes_tags_keeps_content():
    assert bleach.clean("<b>bold</b> <u>under</u>", strip=True) == "<b>bold</b> under"
    assert bleach.clean("<script>evil()</script>", strip=True) == "evil()"


def test_default_constants():
    assert bleach.ALLOWED_TAGS == frozenset({"a", "abbr", "acronym", "b", "blockquote", "code",
                                             "em", "i", "li", "ol", "strong", "ul"})
    assert bleach.ALLOWED_ATTRIBUTES == {"a": ["href", "title"], "abbr": ["title"],
                                         "acronym": ["title"]}
    assert bleach.ALLOWED_PROTOCOLS == frozenset({"http", "https", "mailto"})


def test_default_attributes_and_protocols():
    assert bleach.clean('<a href="http://e.org/" title="t" onclick="x">l</a>') == \
        '<a href="http://e.org/" title="t">l</a>'
    assert bleach.clean('<a href="javascript:alert(1)">l</a>') == "<a>l</a>"
    assert bleach.clean('<a href="/rel">l</a>') == '<a href="/rel">l</a>'
    out = bleach.clean('<a href="ftp://e.org/">l</a>', protocols=["ftp"])
    assert out == '<a href="ftp://e.org/">l</a>'


def test_comments():
    assert bleach.clean("a<!-- c -->b") == "ab"
    assert bleach.clean("a<!-- c -->b", strip_comments=False) == "a<!-- c -->b"


def test_attributes_forms():
    assert bleach.clean('<p class="c" id="i">x</p>', tags=["p"], attributes=["class"]) == \
        '<p class="c">x</p>'
    assert bleach.clean('<p class="c" id="i">x</p>', tags=["p"],
                        attributes={"*": ["id"]}) == '<p id="i">x</p>'

    def allow_h(tag, name, value):
        return name.startswith("data-") or (name == "title" and value != "bad")

    out = bleach.clean('<p data-a="1" title="ok" id="i">x</p><p title="bad">y</p>',
                       tags=["p"], attributes=allow_h)
    assert out == '<p data-a="1" title="ok">x</p><p>y</p>'
    out = bleach.clean('<p title="t" id="i">x</p><b title="t" id="i">y</b>', tags=["p", "b"],
                       attributes={"p": lambda t, n, v: n == "id", "*": ["title"]})
    assert out == '<p id="i">x</p><b title="t">y</b>'


def test_style_needs_css_sanitizer():
    assert bleach.clean('<p style="color: red">x</p>', tags=["p"],
                        attributes={"p": ["style"]}) == "<p>x</p>"
    css = bleach.CSSSanitizer(allowed_css_properties=["color"])
    out = bleach.clean('<p style="color: red; position: fixed">x</p>', tags=["p"],
                       attributes={"p": ["style"]}, css_sanitizer=css)
    assert "color: red" in out and "position" not in out


def test_types_and_empty():
    with pytest.raises(TypeError):
        bleach.clean(b"<b>")
    assert bleach.clean("") == ""
    with pytest.raises(NotImplementedError):
        bleach.Cleaner(filters=[object()])


def test_cleaner():
    c = bleach.Cleaner(tags=["b"], strip=True)
    assert c.clean("<b>x</b><i>y</i>") == "<b>x</b>y"


def test_unsafe_elements_are_dropped_not_escaped():
    # gumbo parses these unlike browsers; the engine drops them (documented)
    assert "x" not in bleach.clean("<svg><b>x</b></svg>")
