"""libsanitize.pybluemonday: pybluemonday's API with bluemonday's decisions."""

import re

import pytest

from libsanitize import pybluemonday as bm
from libsanitize.pybluemonday import NewPolicy, SandboxValue, StrictPolicy, UGCPolicy


# bluemonday policies_test.go vectors
@pytest.mark.parametrize("html,expected", [
    ("Hello, <b>World</b>!", "Hello, World!"),
    ("<blockquote>Hello, <b>World</b>!", "Hello, World!"),
    ("<quietly>email me - addy in profile</quiet>", "email me - addy in profile"),
    ("<p>Why oh why</p><p>she swallowed a fly</p>", "Why oh whyshe swallowed a fly"),
])
def test_strict_policy_vectors(html, expected):
    assert StrictPolicy().sanitize(html) == expected


@pytest.mark.parametrize("html,expected", [
    ("Hello, <b>World</b>!", "Hello, <b>World</b>!"),
    ("<p>Hello, <b onclick=alert(1337)>World</b>!</p>", "<p>Hello, <b>World</b>!</p>"),
    ('<a href="javascript:alert(1337)">foo</a>', "foo"),
    ('<img src="http://example.org/x.gif" alt="y" width=96 height=64 border=0>',
     '<img src="http://example.org/x.gif" alt="y" width="96" height="64">'),
    ('<a href="foo.html">Link text</a>', '<a href="foo.html" rel="nofollow">Link text</a>'),
    ('<a href="HTTPS://example.org/x.html" onclick="alert(1337)">Link text</a>',
     '<a href="https://example.org/x.html" rel="nofollow">Link text</a>'),
    ('<a name="header" id="header">Header text</a>', '<a id="header">Header text</a>'),
])
def test_ugc_policy_vectors(html, expected):
    assert UGCPolicy().sanitize(html) == expected


def test_sanitize_types():
    p = UGCPolicy()
    assert p.sanitize(b"<b>x</b>") == "<b>x</b>"  # bytes in, str out (pybluemonday)
    assert p.SanitizeBytes(b"<b>x</b>") == b"<b>x</b>"
    assert p.Sanitize("<b>x</b>") == "<b>x</b>"
    with pytest.raises(TypeError):
        p.sanitize(None)


def test_add_space_when_stripping_tag():
    p = StrictPolicy()
    p.AddSpaceWhenStrippingTag(True)
    out = p.sanitize("<p>Why oh why</p><p>she swallowed a fly</p>")
    assert out.split() == ["Why", "oh", "why", "she", "swallowed", "a", "fly"]
    assert out != "Why oh whyshe swallowed a fly"


def test_all_arguments_are_honoured():
    # pybluemonday forwarded only the first argument
    p = NewPolicy()
    p.AllowElements("b", "i", "u")
    assert p.sanitize("<b>1</b><i>2</i><u>3</u><s>4</s>") == "<b>1</b><i>2</i><u>3</u>4"
    p = NewPolicy()
    p.AllowAttrs("href").OnElements("a")
    p.AllowURLSchemes("http", "https")
    out = p.sanitize('<a href="https://e.org/">1</a><a href="http://e.org/">2</a>')
    assert out.count("href") == 2


def test_matching_chains_and_is_unanchored():
    p = NewPolicy()
    p.AllowAttrs("title").Matching(r"[a-z]{3}").OnElements("span")
    assert p.sanitize('<span title="xx abc 12">t</span>') == '<span title="xx abc 12">t</span>'
    assert p.sanitize('<span title="ab">t</span>') == "<span>t</span>"
    p = NewPolicy()
    p.AllowAttrs("title").Matching(re.compile(r"^ok$", re.I)).OnElements("span")
    assert 'title="OK"' in p.sanitize('<span title="OK">t</span>')


def test_dollar_matches_only_at_the_end_like_go():
    p = NewPolicy()
    p.AllowAttrs("width").Matching(bm.Integer).OnElements("img")
    p.AllowAttrs("alt").OnElements("img")
    assert 'width="96"' in p.sanitize('<img width="96" alt="a">')
    assert "width" not in p.sanitize('<img width="96&#10;" alt="a">')


def test_elements_outside_the_90_set_need_attributes():
    p = NewPolicy()
    p.AllowElements("a", "b")
    p.AllowAttrs("title").OnElements("a")
    # a is not in bluemonday's attribute-less set: removed when bare
    assert p.sanitize("<a>x</a><b>y</b>") == "x<b>y</b>"
    assert p.sanitize('<a title="t">x</a>') == '<a title="t">x</a>'
    p.AllowNoAttrs().OnElements("a")
    assert p.sanitize("<a>x</a>") == "<a>x</a>"


def test_allow_attrs_on_elements_allows_the_element():
    p = NewPolicy()
    p.AllowAttrs("title").OnElements("abbr")
    assert p.sanitize('<abbr title="t">x</abbr><abbr>y</abbr>') == \
        '<abbr title="t">x</abbr><abbr>y</abbr>'


def test_allow_elements_matching_and_on_elements_matching():
    p = NewPolicy()
    p.AllowElementsMatching(r"^h[1-6]$")
    assert p.sanitize("<h1>a</h1><h6>b</h6><hr>") == "<h1>a</h1><h6>b</h6>"
    p = NewPolicy()
    p.AllowAttrs("title").OnElementsMatching(r"^(em|strong)$")
    assert p.sanitize('<em title="t">a</em><strong>b</strong><i>c</i>') == \
        '<em title="t">a</em><strong>b</strong>c'


def test_unknown_and_unsafe_elements_are_skipped_silently():
    p = NewPolicy()
    p.AllowElements("b", "svg", "math", "noscript", "my-element", "script")
    p.AllowAttrs("title").OnElements("svg", "custom")
    assert p.sanitize("<b>x</b><svg><g>y</g></svg><script>z()</script>") == "<b>x</b>"


def test_changes_after_sanitize_take_effect():
    p = NewPolicy()
    p.AllowElements("b")
    assert p.sanitize("<b>x</b><i>y</i>") == "<b>x</b>y"
    p.AllowElements("i")
    assert p.sanitize("<b>x</b><i>y</i>") == "<b>x</b><i>y</i>"


def test_helpers():
    p = NewPolicy()
    p.AllowStandardURLs()
    p.AllowAttrs("href").OnElements("a")
    assert p.sanitize('<a href="/x">l</a>') == '<a href="/x" rel="nofollow">l</a>'
    p = NewPolicy()
    p.AllowLists()
    assert p.sanitize('<ol type="a"><li value="3">x</li></ol><dl><dt>t</dt></dl>') == \
        '<ol type="a"><li value="3">x</li></ol><dl><dt>t</dt></dl>'
    p = NewPolicy()
    p.AllowTables()
    out = p.sanitize('<table><tbody><tr><td align="center" style="x">c</td></tr></tbody></table>')
    assert out == '<table><tbody><tr><td align="center">c</td></tr></tbody></table>'
    p = NewPolicy()
    p.AllowImages()
    assert p.sanitize('<img src="https://e.org/i.png" alt="a">') == \
        '<img src="https://e.org/i.png" alt="a">'
    p = NewPolicy()
    p.AllowElements("span")
    p.AllowStyling()
    assert p.sanitize('<span class="a b">x</span>') == '<span class="a b">x</span>'
    p = NewPolicy()
    p.AllowElements("p")
    p.AllowStandardAttributes()
    assert p.sanitize('<p dir="rtl" lang="en" id="x" title="t" onclick="y">z</p>') == \
        '<p dir="rtl" lang="en" id="x" title="t">z</p>'


def test_data_attributes_and_comments():
    p = NewPolicy()
    p.AllowElements("p")
    p.AllowDataAttributes()
    p.AllowComments()
    assert p.sanitize('<p data-x="1">a</p><!-- c -->') == '<p data-x="1">a</p><!-- c -->'


def test_link_flags():
    p = NewPolicy()
    p.AllowAttrs("href").OnElements("a")
    p.AllowURLSchemes("https")
    p.RequireNoReferrerOnLinks(True)
    assert 'rel="noreferrer"' in p.sanitize('<a href="https://e.org/">l</a>')
    p = NewPolicy()
    p.AllowAttrs("href").OnElements("a")
    p.AllowURLSchemes("https")
    p.AllowRelativeURLs(True)
    p.AddTargetBlankToFullyQualifiedLinks(True)
    out = p.sanitize('<a href="https://e.org/">l</a><a href="/x">r</a>')
    assert out.count('target="_blank"') == 1 and "noopener" in out
    p = NewPolicy()
    p.AllowAttrs("href").OnElements("a")
    p.AllowURLSchemes("https")
    p.AllowRelativeURLs(True)
    p.RequireNoFollowOnFullyQualifiedLinks(True)
    p.RequireNoReferrerOnFullyQualifiedLinks(True)
    out = p.sanitize('<a href="https://e.org/">l</a><a href="/x">r</a>')
    assert out.count("nofollow") == 1 and out.count("noreferrer") == 1


def test_crossorigin_and_iframes():
    p = NewPolicy()
    p.AllowImages()
    p.RequireCrossOriginAnonymous(True)
    assert 'crossorigin="anonymous"' in p.sanitize('<img src="https://e.org/i.png">')
    p = NewPolicy()
    p.AllowIFrames(SandboxValue.SandboxAllowForms, SandboxValue.SandboxAllowPopups)
    p.AllowAttrs("src").OnElements("iframe")
    p.AllowURLSchemes("https")
    out = p.sanitize('<iframe src="https://e.org/" sandbox="allow-scripts allow-forms"></iframe>')
    assert 'sandbox="allow-forms"' in out and "allow-scripts" not in out


def test_skip_and_allow_elements_content():
    p = StrictPolicy()
    p.SkipElementsContent("div")
    assert p.sanitize("a<div>b</div>c") == "ac"
    p = StrictPolicy()
    p.AllowElementsContent("title")
    assert p.sanitize("a<title>b</title>c") == "abc"


def test_custom_url_policy_and_schemes_matching():
    p = NewPolicy()
    p.AllowAttrs("href").OnElements("a")
    p.AllowURLSchemeWithCustomPolicy("https", lambda u: u.hostname == "good.example")
    out = p.sanitize('<a href="https://good.example/x">1</a><a href="https://bad.example/">2</a>')
    assert out.count("href") == 1 and "good.example" in out
    p = NewPolicy()
    p.AllowAttrs("href").OnElements("a")
    p.AllowURLSchemesMatching(r"^(ht|f)tps?$")
    assert p.sanitize('<a href="ftp://e.org/">f</a>').count("href") == 1


def test_styles():
    p = NewPolicy()
    p.AllowElements("p", "span")
    p.AllowStyles("color").Matching(r"^[a-z]+$").OnElements("p")
    p.AllowStyles("text-align").MatchingEnum("left", "right").Globally()
    p.AllowStyles("font-weight").MatchingHandler(lambda v: v == "bold").OnElements("span")
    out = p.sanitize('<p style="color: red; text-align: left">a</p>'
                     '<span style="color: red; font-weight: bold; text-align: center">b</span>')
    assert 'style="color: red; text-align: left"' in out
    assert 'style="font-weight: bold"' in out


def test_rewrite_src():
    p = NewPolicy()
    p.AllowImages()
    p.RewriteSrc(lambda u: u._replace(netloc="proxy.example", path="/p" + u.path))
    assert 'src="https://proxy.example/p/i.png"' in p.sanitize('<img src="https://e.org/i.png">')


def test_no_unicode_normalization():
    # pybluemonday NFKD-normalized its output: fullwidth < became <
    text = "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e é \u00a0 ﬁ"
    out = UGCPolicy().sanitize(text)
    # U+00A0 is serialized as &nbsp; (HTML serialization), nothing else changes
    assert out.replace("&nbsp;", "\u00a0") == text
    assert "<script" not in out


def test_unknown_method_is_attribute_error_not_a_crash():
    with pytest.raises(AttributeError):
        UGCPolicy().AllowEverything()


def test_bad_regex_raises_at_the_call():
    from libsanitize import PolicyError
    p = NewPolicy()
    with pytest.raises(PolicyError):
        p.AllowAttrs("title").Matching("([").OnElements("p")
    p.AllowElements("p")
    assert p.sanitize("<p>x</p>") == "<p>x</p>"


def test_sandbox_value_numbers():
    assert SandboxValue.SandboxAllowDownloads == 0
    assert SandboxValue.SandboxAllowTopNavigationByUserActivation == 13
    assert len(SandboxValue) == 14


def test_allow_unsafe():
    p = NewPolicy()
    p.AllowElements("style", "b")
    assert p.sanitize("<style>b{}</style><b>x</b>") == "<b>x</b>"
    p.AllowUnsafe(True)
    assert p.sanitize("<style>b{}</style><b>x</b>") == "<style>b{}</style><b>x</b>"
