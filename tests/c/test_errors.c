/* Status codes, argument checks, out-parameter resets, freezing. */
#include "check.h"

int main(void)
{
    /* Every status has its own description, unknown ones a fallback. */
    for (int s = SANITIZE_OK; s <= SANITIZE_ERR_BUFFER_TOO_SMALL; s++) {
        const char *d = sanitize_status_str((sanitize_status)s);
        CHECK(d && *d && strcmp(d, "unknown status") != 0);
        for (int t = SANITIZE_OK; t < s; t++)
            CHECK(strcmp(d, sanitize_status_str((sanitize_status)t)) != 0);
    }
    CHECK(strcmp(sanitize_status_str((sanitize_status)999), "unknown status") == 0);
    CHECK(SANITIZE_OK == 0 && SANITIZE_ERR_NOMEM == 1 && SANITIZE_ERR_ROUNDTRIP == 10);

    /* NULL handling. */
    sanitize_free(NULL);
    sanitize_policy_free(NULL);
    CHECK_STATUS(sanitize_policy_new(NULL), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_new_preset((sanitize_preset)42, NULL),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    sanitize_policy *p = (sanitize_policy *)&p;
    CHECK_STATUS(sanitize_policy_new_preset((sanitize_preset)42, &p),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(p == NULL);
    CHECK_STATUS(sanitize_policy_allow_element(NULL, "b"), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_freeze(NULL), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(sanitize_policy_is_frozen(NULL) == 0);

    p = preset(SANITIZE_PRESET_UGC);
    char *out = (char *)"sentinel";
    size_t len = 99;
    CHECK_STATUS(sanitize_html(p, NULL, 3, &out, &len), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(out == NULL && len == 0);
    CHECK_STATUS(sanitize_html(NULL, "x", 1, &out, &len), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_html(p, "x", 1, NULL, &len), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_html(p, "x", 1, &out, NULL), SANITIZE_ERR_INVALID_ARGUMENT);
    /* Empty input: NULL allowed with length 0, result is an empty string. */
    CHECK_STATUS(sanitize_html(p, NULL, 0, &out, &len), SANITIZE_OK);
    CHECK(out && len == 0 && out[0] == '\0');
    sanitize_free(out);

    /* sanitize_html_into: the same checks; the buffer always ends up holding
     * a string, the output or "". */
    char buf[16] = "sentinel";
    CHECK_STATUS(sanitize_html_into(p, NULL, 3, buf, sizeof buf, &len),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(buf[0] == '\0' && len == 0);
    CHECK_STATUS(sanitize_html_into(NULL, "x", 1, buf, sizeof buf, &len),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_html_into(p, "x", 1, NULL, sizeof buf, &len),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    buf[0] = 'x';
    CHECK_STATUS(sanitize_html_into(p, "x", 1, buf, sizeof buf, NULL),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(buf[0] == '\0');
    CHECK_STATUS(sanitize_html_into(p, NULL, 0, buf, 1, &len), SANITIZE_OK);
    CHECK(len == 0 && buf[0] == '\0');
    /* Size 0 (with or without a buffer) measures the output. */
    len = 99;
    CHECK_STATUS(sanitize_html_into(p, "<a href=x>y</a>", 15, NULL, 0, &len),
                 SANITIZE_ERR_BUFFER_TOO_SMALL);
    CHECK(len == strlen("<a href=\"x\" rel=\"nofollow\">y</a>"));
    CHECK_STATUS(sanitize_html_into(p, "<a href=x>y</a>", 15, buf, sizeof buf, &len),
                 SANITIZE_ERR_BUFFER_TOO_SMALL);
    CHECK(len == 32 && buf[0] == '\0');
    /* Other errors report no length. */
    sanitize_policy *small;
    CHECK_STATUS(sanitize_policy_new(&small), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_limit(small, SANITIZE_LIMIT_INPUT_BYTES, 4), SANITIZE_OK);
    strcpy(buf, "sentinel");
    len = 99;
    CHECK_STATUS(sanitize_html_into(small, "hello", 5, buf, sizeof buf, &len),
                 SANITIZE_ERR_INPUT_TOO_LARGE);
    CHECK(len == 0 && buf[0] == '\0');
    CHECK_STATUS(sanitize_html_into(small, "hell", 4, buf, sizeof buf, &len), SANITIZE_OK);
    CHECK(len == 4 && strcmp(buf, "hell") == 0);
    sanitize_policy_free(small);

    /* sanitize_html_batch: argument errors write nothing but *out = NULL;
     * a document's own error is its status, the others go on. */
    const char *docs[3] = {"<b>hi</b>", "hello", NULL};
    size_t doc_lens[3] = {9, 5, 0}, out_lens[3] = {99, 99, 99};
    sanitize_status statuses[3] = {99, 99, 99};
    out = (char *)"sentinel";
    CHECK_STATUS(sanitize_html_batch(NULL, 3, docs, doc_lens, &out, out_lens, statuses),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(out == NULL && out_lens[0] == 99 && statuses[0] == 99);
    CHECK_STATUS(sanitize_html_batch(p, 3, docs, doc_lens, NULL, out_lens, statuses),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_html_batch(p, 3, NULL, doc_lens, &out, out_lens, statuses),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_html_batch(p, 3, docs, NULL, &out, out_lens, statuses),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_html_batch(p, 3, docs, doc_lens, &out, NULL, statuses),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_html_batch(p, 3, docs, doc_lens, &out, out_lens, NULL),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(out == NULL && out_lens[0] == 99 && statuses[0] == 99);
    /* No documents: NULL arrays are fine, the output is one empty block. */
    CHECK_STATUS(sanitize_html_batch(p, 0, NULL, NULL, &out, NULL, NULL), SANITIZE_OK);
    CHECK(out != NULL);
    sanitize_free(out);
    CHECK_STATUS(sanitize_policy_new(&small), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_set_limit(small, SANITIZE_LIMIT_INPUT_BYTES, 4), SANITIZE_OK);
    doc_lens[2] = 3; /* a NULL input with a length */
    CHECK_STATUS(sanitize_html_batch(small, 3, docs, doc_lens, &out, out_lens, statuses),
                 SANITIZE_OK);
    CHECK(statuses[0] == SANITIZE_ERR_INPUT_TOO_LARGE && statuses[1] == SANITIZE_ERR_INPUT_TOO_LARGE &&
          statuses[2] == SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(out_lens[0] == 0 && out_lens[1] == 0 && out_lens[2] == 0 && memcmp(out, "\0\0\0", 3) == 0);
    sanitize_free(out);
    docs[0] = "hi";
    doc_lens[0] = 2;
    CHECK_STATUS(sanitize_html_batch(small, 3, docs, doc_lens, &out, out_lens, statuses),
                 SANITIZE_OK);
    CHECK(statuses[0] == SANITIZE_OK && statuses[1] == SANITIZE_ERR_INPUT_TOO_LARGE);
    CHECK(out_lens[0] == 2 && out_lens[1] == 0 && memcmp(out, "hi\0\0\0", 5) == 0);
    sanitize_free(out);
    sanitize_policy_free(small);

    /* The first use froze it. */
    CHECK(sanitize_policy_is_frozen(p) == 1);
    CHECK_STATUS(sanitize_policy_allow_element(p, "kbd"), SANITIZE_ERR_POLICY_FROZEN);
    CHECK_STATUS(sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_COMMENTS, 1),
                 SANITIZE_ERR_POLICY_FROZEN);
    CHECK_STATUS(sanitize_policy_allow_attribute(p, "class", NULL, NULL),
                 SANITIZE_ERR_POLICY_FROZEN);
    CHECK_STATUS(sanitize_policy_allow_url_scheme(p, "ftp"), SANITIZE_ERR_POLICY_FROZEN);
    CHECK_STATUS(sanitize_policy_set_limit(p, SANITIZE_LIMIT_DEPTH, 10),
                 SANITIZE_ERR_POLICY_FROZEN);
    CHECK_STATUS(sanitize_policy_allow_style(p, "color", NULL, NULL), SANITIZE_ERR_POLICY_FROZEN);
    /* ... and a clone is editable again, the original untouched. */
    sanitize_policy *copy;
    CHECK_STATUS(sanitize_policy_clone(p, &copy), SANITIZE_OK);
    CHECK(sanitize_policy_is_frozen(copy) == 0);
    CHECK_STATUS(sanitize_policy_allow_element(copy, "kbd"), SANITIZE_OK);
    CHECK_SANITIZE(copy, "<kbd>x</kbd>", "<kbd>x</kbd>");
    CHECK_SANITIZE(p, "<kbd>x</kbd>", "x");
    sanitize_policy_free(copy);

    /* Builder argument errors. */
    sanitize_policy *q;
    CHECK_STATUS(sanitize_policy_new(&q), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_element(q, "no-such-element"), SANITIZE_ERR_UNKNOWN_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, ""), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, "svg"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, "math"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, "noscript"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, "template"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, "script"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, "STYLE"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_element(q, "base"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_attribute(q, "title", NULL, "(unclosed"),
                 SANITIZE_ERR_BAD_REGEX);
    CHECK_STATUS(sanitize_policy_allow_attribute(q, "a\"b", NULL, NULL),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_allow_attribute(q, "title", "nope-nope", NULL),
                 SANITIZE_ERR_UNKNOWN_ELEMENT);
    CHECK_STATUS(sanitize_policy_allow_url_scheme(q, "1http"), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_allow_url_scheme(q, "ht tp"), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_set_flag(q, (sanitize_flag)99, 1), SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK(sanitize_policy_get_flag(q, (sanitize_flag)99) == 0);
    CHECK_STATUS(sanitize_policy_set_disposition(q, NULL, (sanitize_disposition)7),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    const char *bad_token[] = {"allow-everything"};
    CHECK_STATUS(sanitize_policy_require_iframe_sandbox(q, bad_token, 1),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_set_attribute(q, "a", "onclick", "x()"),
                 SANITIZE_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(sanitize_policy_allow_elements_matching(q, "[z-a]"), SANITIZE_ERR_BAD_REGEX);
    /* The unsafe flag opens script and style, never foreign content. */
    CHECK_STATUS(sanitize_policy_set_flag(q, SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE, 1),
                 SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_element(q, "script"), SANITIZE_OK);
    CHECK_STATUS(sanitize_policy_allow_element(q, "svg"), SANITIZE_ERR_UNSAFE_ELEMENT);
    CHECK_SANITIZE(q, "<script>if (a < b) x()</script>", "<script>if (a < b) x()</script>");
    sanitize_policy_free(q);
    sanitize_policy_free(p);

    /* sanitize_escape_text */
    CHECK_STATUS(sanitize_escape_text("<a href='x'>&\"</a>", 19, &out, &len), SANITIZE_OK);
    CHECK(strcmp(out, "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;") == 0);
    sanitize_free(out);
    CHECK_STATUS(sanitize_escape_text("a\0b\xff", 4, &out, &len), SANITIZE_OK);
    CHECK(len == 5 && memcmp(out, "ab\xEF\xBF\xBD", 5) == 0);
    sanitize_free(out);
    CHECK_STATUS(sanitize_escape_text(NULL, 1, &out, &len), SANITIZE_ERR_INVALID_ARGUMENT);
    return check_summary();
}
