/* Policy building: elements, dispositions, attribute rules, flags. */
#include "check.h"

static sanitize_policy *empty(void)
{
    sanitize_policy *p;
    if (sanitize_policy_new(&p) != SANITIZE_OK)
        exit(99);
    return p;
}

static sanitize_filter_result upper_titles(void *data, const char *element, const char *attr,
                                           const char *value, size_t len,
                                           sanitize_value_sink *sink)
{
    (*(int *)data)++;
    if (strcmp(attr, "title") == 0) {
        char buf[64];
        size_t n = len < sizeof buf ? len : sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = (value[i] >= 'a' && value[i] <= 'z') ? (char)(value[i] - 32) : value[i];
        return sanitize_value_sink_set(sink, buf, n) == SANITIZE_OK ? SANITIZE_FILTER_REPLACE
                                                                    : SANITIZE_FILTER_DROP;
    }
    if (strcmp(element, "b") == 0 && strcmp(attr, "lang") == 0)
        return SANITIZE_FILTER_DROP;
    return SANITIZE_FILTER_KEEP;
}

int main(void)
{
    /* Strict keeps text only; drops the content of the skip-content set. */
    sanitize_policy *strict = preset(SANITIZE_PRESET_STRICT);
    CHECK_SANITIZE(strict, "Hello, <b>World</b>!", "Hello, World!");
    CHECK_SANITIZE(strict, "<blockquote>Hello, <b>World</b>!", "Hello, World!");
    CHECK_SANITIZE(strict, "<quietly>email me - addy in profile</quiet>",
                   "email me - addy in profile");
    CHECK_SANITIZE(strict, "<p>Why oh why</p><p>she swallowed a fly</p>",
                   "Why oh whyshe swallowed a fly");
    CHECK_SANITIZE(strict, "a<script>alert(1)</script>b<style>x{}</style>c<title>t</title>d",
                   "abcd");
    CHECK_SANITIZE(strict, "a<iframe src=x>inner</iframe>b<object>o</object>c", "abc");
    CHECK_SANITIZE(strict, "a<!-- comment -->b", "ab");
    sanitize_policy_free(strict);

    /* Space when stripping: one space for every removed tag. */
    sanitize_policy *sp = empty();
    CHECK_STATUS(sanitize_policy_set_flag(sp, SANITIZE_FLAG_SPACE_WHEN_STRIPPING, 1), SANITIZE_OK);
    CHECK(sanitize_policy_get_flag(sp, SANITIZE_FLAG_SPACE_WHEN_STRIPPING) == 1);
    CHECK_SANITIZE(sp, "<p>Why oh why</p><p>she swallowed a fly</p>",
                   " Why oh why  she swallowed a fly ");
    CHECK_SANITIZE(sp, "a<br>b", "a b");
    sanitize_policy_free(sp);

    /* Allow, remove, match by pattern. */
    sanitize_policy *p = empty();
    CHECK_STATUS(sanitize_policy_allow_element(p, "B"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_elements_matching(p, "^h[1-6]$"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_element(p, "i"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_remove_element(p, "i"), SANITIZE_OK);
    CHECK_SANITIZE(p, "<b>x</b><i>y</i><h2>z</h2><h7>w</h7><hr>", "<b>x</b>y<h2>z</h2>w");
    sanitize_policy_free(p);

    /* Dispositions. */
    p = empty();
    CHECK_STATUS(sanitize_policy_allow_element(p, "p"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_disposition(p, "div", SANITIZE_DROP), SANITIZE_OK);
    /* The parser closes <p> at <div>; the stray </p> opens an empty one. */
    CHECK_SANITIZE(p, "<p>a<div>gone</div><span>kept</span></p>", "<p>a</p>kept<p></p>");
    sanitize_policy_free(p);
    p = empty();
    CHECK_STATUS(sanitize_policy_set_disposition(p, NULL, SANITIZE_ESCAPE), SANITIZE_OK);
    CHECK_SANITIZE(p, "<em class=\"x\">hi</em>", "&lt;em class=\"x\"&gt;hi&lt;/em&gt;");
    CHECK_SANITIZE(p, "<x-custom a=1>hi</x-custom>", "&lt;x-custom a=\"1\"&gt;hi&lt;/x-custom&gt;");
    CHECK_SANITIZE(p, "a<br>b", "a&lt;br&gt;b");
    /* script keeps its own DROP disposition; set ESCAPE to show it. */
    CHECK_SANITIZE(p, "<script>alert(1)</script>", "");
    sanitize_policy_free(p);
    p = empty();
    CHECK_STATUS(sanitize_policy_set_disposition(p, NULL, SANITIZE_ESCAPE), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_disposition(p, "script", SANITIZE_ESCAPE), SANITIZE_OK);
    CHECK_SANITIZE(p, "<script>alert(\"<b>\")</script>",
                   "&lt;script&gt;alert(\"&lt;b&gt;\")&lt;/script&gt;");
    /* Never-allowed elements are dropped even in ESCAPE mode. */
    CHECK_SANITIZE(p, "a<svg><text>t</text></svg>b<noscript>n</noscript>c", "abc");
    sanitize_policy_free(p);

    /* Attribute rules. */
    p = empty();
    CHECK_STATUS(sanitize_policy_allow_element(p, "span"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_element(p, "div"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_element(p, "a"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_attribute(p, "title", NULL, NULL), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_attribute(p, "lang", "span", "^[a-z]{2}$"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_attribute_on_matching(p, "dir", "^(span|div)$", NULL),
                 SANITIZE_OK);
    const char *aligns[] = {"left", "right"};
    CHECK_STATUS(sanitize_policy_allow_attribute_values(p, "align", "div", aligns, 2),
                 SANITIZE_OK);
    CHECK_SANITIZE(p, "<span title=t lang=en dir=rtl align=left>x</span>",
                   "<span title=\"t\" lang=\"en\" dir=\"rtl\">x</span>");
    CHECK_SANITIZE(p, "<span lang=english>x</span>", "<span>x</span>");
    CHECK_SANITIZE(p, "<div align=left dir=ltr lang=en>x</div><div align=LEFT>y</div>",
                   "<div align=\"left\" dir=\"ltr\">x</div><div>y</div>");
    CHECK_SANITIZE(p, "<a dir=rtl onclick=x() title=\"a&quot;b\">x</a>", "<a title=\"a&quot;b\">x</a>");
    sanitize_policy_free(p);

    /* Remove a rule from a preset; require attributes. */
    p = preset(SANITIZE_PRESET_UGC);
    CHECK_STATUS(sanitize_policy_remove_attribute(p, "id", NULL), SANITIZE_OK);
    CHECK_SANITIZE(p, "<p id=x title=y>z</p>", "<p title=\"y\">z</p>");
    CHECK_SANITIZE(p, "<a id=x>z</a>", "z");
    CHECK_STATUS(sanitize_policy_require_attributes(p, "a", 0), SANITIZE_ERR_POLICY_FROZEN);
    sanitize_policy_free(p);
    p = empty();
    CHECK_STATUS(sanitize_policy_allow_element(p, "a"), SANITIZE_OK);
    CHECK_SANITIZE(p, "<a>x</a>", "<a>x</a>");
    sanitize_policy_free(p);

    /* Prefixes, data attributes, forced values, classes, id prefix. */
    p = empty();
    CHECK_STATUS(sanitize_policy_allow_element(p, "div"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_element(p, "a"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_attribute_prefix(p, "aria-"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_DATA_ATTRIBUTES, 1), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_attribute(p, "a", "translate", "no"), SANITIZE_OK);
    const char *classes[] = {"note", "warn"};
    CHECK_STATUS(sanitize_policy_allow_classes(p, "div", classes, 2), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_attribute(p, "id", NULL, NULL), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_id_prefix(p, "user-"), SANITIZE_OK);
    CHECK_SANITIZE(p, "<div aria-label=l data-x=1 data-=2 data-xmlfoo=3 role=r>x</div>",
                   "<div aria-label=\"l\" data-x=\"1\">x</div>");
    CHECK_SANITIZE(p, "<a translate=yes>x</a>", "<a translate=\"no\">x</a>");
    CHECK_SANITIZE(p, "<div class=\"note evil  warn\">x</div><div class=evil>y</div>",
                   "<div class=\"note warn\">x</div><div>y</div>");
    CHECK_SANITIZE(p, "<div id=main>x</div>", "<div id=\"user-main\">x</div>");
    sanitize_policy_free(p);

    /* The attribute filter sees survivors and can drop or replace them. */
    int calls = 0;
    p = empty();
    CHECK_STATUS(sanitize_policy_allow_element(p, "b"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_attribute(p, "title", NULL, NULL), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_attribute(p, "lang", NULL, NULL), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_attribute_filter(p, upper_titles, &calls), SANITIZE_OK);
    CHECK_SANITIZE(p, "<b title=abc lang=en onclick=x>y</b>", "<b title=\"ABC\">y</b>");
    CHECK(calls == 2 * 5); /* CHECK_SANITIZE: once, twice into, twice in a batch */
    sanitize_policy_free(p);

    /* Comments. */
    p = empty();
    CHECK_STATUS(sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_COMMENTS, 1), SANITIZE_OK);
    CHECK_SANITIZE(p, "a<!-- fine -->b", "a<!-- fine -->b");
    CHECK_SANITIZE(p, "a<!--[if IE]><script>x</script><![endif]-->b", "ab");
    CHECK_SANITIZE(p, "a<!-- x --!> y -->b", "a<!-- x --> y --&gt;b");
    CHECK_SANITIZE(p, "a<!-->b", "a<!---->b");
    /* A processing instruction is a bogus comment, written as browsers do. */
    CHECK_SANITIZE(p, "a<?php echo 1 ?>b", "a<!--?php echo 1 ?-->b");
    CHECK_SANITIZE(p, "a<!-- <img src=x onerror=alert(1)> -->b", "ab");
    CHECK_SANITIZE(p, "a<!--x--->b", "ab");
    sanitize_policy_free(p);

    /* Limits can be read back and are range-checked. */
    p = empty();
    CHECK(sanitize_policy_get_limit(p, SANITIZE_LIMIT_DEPTH) == 256);
    CHECK(sanitize_policy_get_limit(p, SANITIZE_LIMIT_INPUT_BYTES) == 16u << 20);
    CHECK_STATUS(sanitize_policy_set_limit(p, SANITIZE_LIMIT_DEPTH, 0), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_set_limit(p, (sanitize_limit)17, 1), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_set_limit(p, SANITIZE_LIMIT_DEPTH, 3), SANITIZE_OK);
    CHECK(sanitize_policy_get_limit(p, SANITIZE_LIMIT_DEPTH) == 3);
    sanitize_policy_free(p);
    return check_summary();
}
