/* End to end: style attributes through sanitize_html() with the RICH_TEXT
 * preset, where entity decoding (the HTML layer) and CSS escapes (the CSS
 * layer) are both in play. */
#include <stdio.h>
#include <string.h>

#include "libsanitize.h"

static int passed, failed;

static void expect(sanitize_policy *p, const char *in, const char *want, int line)
{
    char *out = NULL;
    size_t n = 0;
    sanitize_status st = sanitize_html(p, in, strlen(in), &out, &n);
    if (st == SANITIZE_OK && strcmp(out, want) == 0) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL %s:%d: %s\n  want %s\n  got  %s (status %d)\n", __FILE__, line, in,
                want, out ? out : "(null)", (int)st);
    }
    sanitize_free(out);
}
#define EXPECT(p, in, want) expect(p, in, want, __LINE__)

int main(void)
{
    sanitize_policy *p = NULL, *u = NULL;
    if (sanitize_policy_new_preset(SANITIZE_PRESET_RICH_TEXT, &p) != SANITIZE_OK ||
        sanitize_policy_clone(p, &u) != SANITIZE_OK ||
        sanitize_policy_set_flag(u, SANITIZE_FLAG_ALLOW_STYLE_URLS, 1) != SANITIZE_OK) {
        fprintf(stderr, "setup failed\n");
        return 2;
    }
    static const char *const js[] = {
        "<p style=\"background-image: url(&#106;avascript:alert(1))\">x</p>",
        "<p style=\"background-image: url(&#x6A;avascript:alert(1))\">x</p>",
        "<p style=\"background-image: url(&#x6A&#x61vascript:alert(1))\">x</p>",
        "<p style=\"background-image: url(\\6a avascript:alert(1))\">x</p>",
        "<p style=\"background-image: url(&quot;\\6a avascript:alert(1)&quot;)\">x</p>",
        "<p style=\"background-image: url(java&#9;script:alert(1))\">x</p>",
        "<p style=\"background-image: url(&#92;6a avascript:alert(1))\">x</p>",
        "<p style=\"background-image: url(javascript&colon;alert(1))\">x</p>",
        "<p style=\"background: u&#114;l(javascript:alert(1))\">x</p>",
        "<p style=\"background-image: url(data:image/svg+xml,x)\">x</p>",
    };
    for (size_t i = 0; i < sizeof js / sizeof *js; i++) {
        expect(p, js[i], "<p>x</p>", __LINE__);
        expect(u, js[i], "<p>x</p>", __LINE__);
    }
    EXPECT(p, "<p style=\"background-image: url(http://example.com/a.png); color: blue\">x</p>",
           "<p style=\"color: blue\">x</p>");
    EXPECT(u, "<p style=\"background-image: url(http://example.com/a.png); color: blue\">x</p>",
           "<p style=\"background-image: url('http://example.com/a.png'); color: blue\">x</p>");
    EXPECT(u, "<p style=\"background-image: url(&quot;/a.png&quot;)\">x</p>",
           "<p style=\"background-image: url('/a.png')\">x</p>");
    EXPECT(p, "<p style=\"width: ex&#x70;ression(alert(1)); color: red\">x</p>",
           "<p style=\"color: red\">x</p>");
    EXPECT(p, "<p style=\"font-family: &quot;Times New Roman&quot;, serif\">x</p>",
           "<p style=\"font-family: 'Times New Roman', serif\">x</p>");
    EXPECT(p, "<p style=\"font-family: 'a&lt;b'; color: #abc\">x</p>",
           "<p style=\"color: #abc\">x</p>");
    EXPECT(p, "<span style=\"COLOR:Red;position:fixed;-webkit-transform:rotate(3deg)\">x</span>",
           "<span style=\"color: Red; -webkit-transform: rotate(3deg)\">x</span>");
    EXPECT(p, "<p style=\"junk\">x</p>", "<p>x</p>");
    EXPECT(p, "<p style=\"-moz-binding: url(x.xml#y); behavior: url(x.htc)\">x</p>", "<p>x</p>");
    EXPECT(p, "<p style=\"color: red\" onclick=\"x\">x</p>", "<p style=\"color: red\">x</p>");
    sanitize_policy_free(p);
    sanitize_policy_free(u);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
