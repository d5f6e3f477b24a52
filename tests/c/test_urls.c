/* URL checks and link rewriting. */
#include "check.h"

static sanitize_policy *links(void)
{
    sanitize_policy *p;
    if (sanitize_policy_new(&p) != SANITIZE_OK)
        exit(99);
    sanitize_policy_allow_element(p, "a");
    sanitize_policy_allow_element(p, "img");
    sanitize_policy_allow_attribute(p, "href", "a", NULL);
    sanitize_policy_allow_attribute(p, "src", "img", NULL);
    sanitize_policy_allow_attribute(p, "srcset", "img", NULL);
    sanitize_policy_allow_attribute(p, "ping", "a", NULL);
    sanitize_policy_allow_attribute(p, "target", "a", NULL);
    sanitize_policy_allow_url_scheme(p, "https");
    sanitize_policy_allow_url_scheme(p, "mailto");
    return p;
}

static int only_example_org(void *data, const char *url, size_t len)
{
    (void)data;
    const char *want = "https://example.org/";
    return len >= strlen(want) && memcmp(url, want, strlen(want)) == 0;
}

int main(void)
{
    sanitize_policy *p = links();
    /* Scheme detection as a browser does it: entities decoded, case folded,
     * tabs and newlines removed, leading controls and spaces stripped. */
    const char *evil[] = {
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav&#10;ascript:alert(1)\">x</a>",
        "<a href=\" \x01\x02javascript:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"&#0000106avascript:alert(1)\">x</a>",
        "<a href=\"foo.html\">x</a>", /* relative: not allowed here */
        "<a href=\"//evil.example/\">x</a>",
    };
    for (size_t i = 0; i < sizeof evil / sizeof *evil; i++)
        CHECK_SANITIZE(p, evil[i], "<a>x</a>");
    CHECK_SANITIZE(p, "<a href=\"HTTPS://example.org/x\">x</a>",
                   "<a href=\"https://example.org/x\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"  https://example.org/a\tb  \">x</a>",
                   "<a href=\"https://example.org/ab\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"mailto:a@b.c\">x</a>", "<a href=\"mailto:a@b.c\">x</a>");
    /* Lists: bad members go, good ones stay. */
    CHECK_SANITIZE(p, "<img srcset=\"https://a/1.png 1x, javascript:alert(1) 2x,https://a/3.png 3x\">",
                   "<img srcset=\"https://a/1.png 1x, https://a/3.png 3x\">");
    CHECK_SANITIZE(p, "<img srcset=\"javascript:alert(1) 1x\">", "<img>");
    /* A URL runs to whitespace: this is one URL with a comma inside. */
    CHECK_SANITIZE(p, "<img srcset=\"https://a/x.png,https://a/y.png 2x\">",
                   "<img srcset=\"https://a/x.png,https://a/y.png 2x\">");
    CHECK_SANITIZE(p, "<img srcset=\"https://a/x.png, https://a/y.png 2x\">",
                   "<img srcset=\"https://a/x.png, https://a/y.png 2x\">");
    CHECK_SANITIZE(p, "<a ping=\"https://a/p javascript:x https://b/q\">x</a>",
                   "<a ping=\"https://a/p https://b/q\">x</a>");
    /* URL attributes are checked on every element, not only where expected. */
    sanitize_policy_free(p);
    p = links();
    sanitize_policy_allow_element(p, "div");
    sanitize_policy_allow_attribute(p, "background", "div", NULL);
    sanitize_policy_allow_attribute(p, "formaction", NULL, NULL);
    sanitize_policy_allow_attribute(p, "xlink:href", NULL, NULL);
    CHECK_SANITIZE(p, "<div background=javascript:x formaction=javascript:y>z</div>",
                   "<div>z</div>");
    sanitize_policy_free(p);

    /* Relative URLs and parseability. */
    p = links();
    sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_RELATIVE_URLS, 1);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_REQUIRE_PARSEABLE_URLS, 1);
    CHECK_SANITIZE(p, "<a href=\"foo.html\">x</a>", "<a href=\"foo.html\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"/a b\">x</a>", "<a>x</a>");
    CHECK_SANITIZE(p, "<a href=\"https://ex.org:80x/\">x</a>", "<a>x</a>");
    CHECK_SANITIZE(p, "<a href=\"https://ex.org/%zz\">x</a>", "<a>x</a>");
    CHECK_SANITIZE(p, "<a href=\"https://[::1/\">x</a>", "<a>x</a>");
    CHECK_SANITIZE(p, "<a href=\"https://[::1]:8080/x?q#f\">x</a>",
                   "<a href=\"https://[::1]:8080/x?q#f\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"#frag\">x</a>", "<a href=\"#frag\">x</a>");
    sanitize_policy_free(p);

    /* data: images. */
    p = links();
    CHECK_STATUS(sanitize_policy_allow_data_uri_images(p, NULL, 0), SANITIZE_OK);
    CHECK_SANITIZE(p, "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
                   "<img src=\"data:image/png;base64,iVBORw0KGgo=\">");
    CHECK_SANITIZE(p, "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "<img>");
    CHECK_SANITIZE(p, "<img src=\"data:image/png;base64,not base64!\">", "<img>");
    CHECK_SANITIZE(p, "<a href=\"data:image/png;base64,iVBORw0KGgo=\">x</a>", "<a>x</a>");
    sanitize_policy_free(p);

    /* Scheme callbacks and patterns. */
    p = links();
    CHECK_STATUS(sanitize_policy_set_url_scheme_callback(p, "https", only_example_org, NULL),
                 SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_url_schemes_matching(p, "^web\\+[a-z]+$"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_remove_url_scheme(p, "mailto"), SANITIZE_OK);
    CHECK_SANITIZE(p, "<a href=\"https://example.org/a\">x</a>",
                   "<a href=\"https://example.org/a\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"https://evil.example/a\">x</a>", "<a>x</a>");
    CHECK_SANITIZE(p, "<a href=\"web+coffee:latte\">x</a>", "<a href=\"web+coffee:latte\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"mailto:a@b\">x</a>", "<a>x</a>");
    sanitize_policy_free(p);

    /* Link rewriting. */
    p = links();
    sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_RELATIVE_URLS, 1);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_NOFOLLOW_FULLY_QUALIFIED, 1);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_NOREFERRER_FULLY_QUALIFIED, 1);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_TARGET_BLANK_FULLY_QUALIFIED, 1);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_CROSSORIGIN_ANONYMOUS, 1);
    CHECK_SANITIZE(p, "<a href=\"/local\">x</a>", "<a href=\"/local\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"https://ext.example/\" target=_self>x</a>",
                   "<a href=\"https://ext.example/\" target=\"_blank\" "
                   "rel=\"nofollow noreferrer noopener\">x</a>");
    CHECK_SANITIZE(p, "<a href=\"/local\" target=_blank>x</a>",
                   "<a href=\"/local\" target=\"_blank\" rel=\"noopener\">x</a>");
    CHECK_SANITIZE(p, "<img src=\"/i.png\" crossorigin=use-credentials>",
                   "<img src=\"/i.png\" crossorigin=\"anonymous\">");
    sanitize_policy_free(p);

    p = links();
    sanitize_policy_allow_element(p, "area");
    sanitize_policy_allow_attribute(p, "href", "area", NULL);
    sanitize_policy_allow_attribute(p, "rel", "area", NULL);
    CHECK_STATUS(sanitize_policy_set_link_rel(p, "noopener noreferrer"), SANITIZE_OK);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_NOFOLLOW, 1);
    CHECK_SANITIZE(p, "<area href=\"https://x/\" rel=\"author NOFOLLOW\">",
                   "<area href=\"https://x/\" rel=\"author NOFOLLOW noopener noreferrer\">");
    CHECK_SANITIZE(p, "<a>no href, no rel</a>", "<a>no href, no rel</a>");
    sanitize_policy_free(p);

    /* iframe: sandbox tokens filtered, content always dropped. */
    sanitize_policy *f;
    sanitize_policy_new(&f);
    sanitize_policy_allow_element(f, "iframe");
    sanitize_policy_allow_attribute(f, "src", "iframe", NULL);
    sanitize_policy_allow_url_scheme(f, "https");
    const char *tokens[] = {"allow-scripts", "allow-popups"};
    CHECK_STATUS(sanitize_policy_require_iframe_sandbox(f, tokens, 2), SANITIZE_OK);
    CHECK_SANITIZE(f, "<iframe src=\"https://v/\" sandbox=\"allow-same-origin allow-scripts\">fallback</iframe>",
                   "<iframe src=\"https://v/\" sandbox=\"allow-scripts\"></iframe>");
    CHECK_SANITIZE(f, "<iframe src=\"https://v/\" srcdoc=\"<script>x</script>\"></iframe>",
                   "<iframe src=\"https://v/\" sandbox=\"\"></iframe>");
    sanitize_policy_free(f);
    return check_summary();
}
