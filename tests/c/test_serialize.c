/* Serialization: escaping, quoting, void elements, raw text, UTF-8. */
#include "check.h"

static void check_bytes(sanitize_policy *p, const char *in, size_t n, const char *want, size_t wn,
                        int line)
{
    char *out;
    size_t len;
    sanitize_status st = sanitize_html(p, in, n, &out, &len);
    if (st == SANITIZE_OK && len == wn && memcmp(out, want, wn) == 0) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "test_serialize.c:%d: got %s [%.*s]\n", line, sanitize_status_str(st),
                (int)len, out ? out : "");
    }
    sanitize_free(out);
}
#define CHECK_BYTES(p, in, want) \
    check_bytes(p, in, sizeof(in) - 1, want, sizeof(want) - 1, __LINE__)

int main(void)
{
    sanitize_policy *p = preset(SANITIZE_PRESET_UGC);
    /* Text: & < > and U+00A0 escaped, quotes left alone, entities decoded. */
    CHECK_SANITIZE(p, "a &amp; b &lt; c &gt; d \"e\" 'f' &nbsp;g &copy; &#x41;",
                   "a &amp; b &lt; c &gt; d \"e\" 'f' &nbsp;g \xC2\xA9 A");
    CHECK_SANITIZE(p, "1 < 2 && 3 > 2", "1 &lt; 2 &amp;&amp; 3 &gt; 2");
    sanitize_policy *any_title;
    sanitize_policy_new(&any_title);
    sanitize_policy_allow_element(any_title, "p");
    sanitize_policy_allow_attribute(any_title, "title", NULL, NULL);
    /* Attributes: always double-quoted; & " < > U+00A0 escaped. */
    CHECK_SANITIZE(any_title, "<p title='a \"q\" <b> & &nbsp;'>x</p>",
                   "<p title=\"a &quot;q&quot; &lt;b&gt; &amp; &nbsp;\">x</p>");
    CHECK_SANITIZE(p, "<p title=unquoted>x</p>", "<p title=\"unquoted\">x</p>");
    /* Attribute order kept; duplicates: the first wins (the parser's rule). */
    CHECK_SANITIZE(p, "<p title=a dir=ltr title=b>x</p>", "<p title=\"a\" dir=\"ltr\">x</p>");
    /* Void elements have no end tag; balanced output. */
    CHECK_SANITIZE(p, "a<br/>b<hr>c<img src=\"/x\"></img>", "a<br>b<hr>c<img src=\"/x\">");
    CHECK_SANITIZE(p, "<b><i>x</b>y</i>", "<b><i>x</i></b><i>y</i>");
    CHECK_SANITIZE(p, "<p>a<p>b", "<p>a</p><p>b</p>");
    CHECK_SANITIZE(p, "<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>");
    CHECK_SANITIZE(p, "<table><tr><td>x</table>",
                   "<table><tbody><tr><td>x</td></tr></tbody></table>");
    /* A newline that starts <pre> content survives a re-parse. */
    CHECK_SANITIZE(p, "<pre>\n\nx</pre>", "<pre>\n\nx</pre>");
    CHECK_SANITIZE(p, "<pre>\nx</pre>", "<pre>x</pre>");
    /* No Unicode normalization: fullwidth and compatibility characters stay. */
    CHECK_SANITIZE(p, "\xEF\xBC\x9C" "script\xEF\xBC\x9E", "\xEF\xBC\x9C" "script\xEF\xBC\x9E");
    CHECK_SANITIZE(p, "\xEF\xAC\x81 \xE2\x84\xAB", "\xEF\xAC\x81 \xE2\x84\xAB");
    /* Invalid UTF-8 becomes U+FFFD, NUL bytes never come out. */
    CHECK_BYTES(p, "a\xFF" "b\xC0\xAF" "c", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c");
    CHECK_BYTES(any_title, "a\0b<p title=\"x\0y\">z</p>", "ab<p title=\"x\xEF\xBF\xBDy\">z</p>");
    /* gumbo 0.10.1 turns an overflowing numeric reference into invalid
     * UTF-8 (F4); the output is repaired, never passed on. */
    CHECK_BYTES(p, "FOO&#11111111111", "FOO\xEF\xBF\xBD");
    CHECK_BYTES(p, "&#4294967356;script&#4294967358;", "&lt;script&gt;");
    sanitize_policy_free(any_title);
    /* CR and CRLF become LF, as the parser normalizes them. */
    CHECK_BYTES(p, "a\r\nb\rc", "a\nb\nc");
    /* Doctype, html, head and body are not content of a body fragment. */
    CHECK_SANITIZE(p, "<!DOCTYPE html><html><head><title>t</title></head><body>x</body></html>",
                   "x");
    sanitize_policy_free(p);

    /* Trees the parser would reshape are not written as they are (see
     * libsanitize/nesting.h), so the output is a fixed point. */
    sanitize_policy *only;
    sanitize_policy_new(&only);
    sanitize_policy_allow_element(only, "p");
    sanitize_policy_allow_element(only, "li");
    sanitize_policy_allow_element(only, "a");
    sanitize_policy_allow_element(only, "table");
    sanitize_policy_allow_element(only, "tr");
    sanitize_policy_allow_element(only, "td");
    CHECK_SANITIZE(only, "<p><button></p>", "<p></p>");
    CHECK_SANITIZE(only, "<p>a<button>b<p>c</p></button></p>", "<p>abc</p>");
    CHECK_SANITIZE(only, "<li>a<ul><li>b</li></ul></li>", "<li>ab</li>");
    /* ...but an <a> in a table cell inside an <a> is fine (the cell is a
     * boundary for the parser too). */
    CHECK_SANITIZE(only, "<a>a<table><tr><td><a>b</a></td></tr></table></a>",
                   "<a>a<table><tr><td><a>b</a></td></tr></table></a>");
    CHECK_SANITIZE(only, "<table><tr><td>x</td></tr></table>", "<table><tr><td>x</td></tr></table>");
    CHECK_SANITIZE(only, "<table><tr><th>gone</th><td>x</td></tr></table>",
                   "<table><tr><td>x</td></tr></table>");
    sanitize_policy_free(only);

    /* Whole documents, when asked for. */
    p = preset(SANITIZE_PRESET_UGC);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_FULL_DOCUMENT, 1);
    CHECK_SANITIZE(p, "<!DOCTYPE html><html><head><title>t</title></head><body><b>x</b></body></html>",
                   "<!DOCTYPE html><b>x</b>");
    sanitize_policy_free(p);
    return check_summary();
}
