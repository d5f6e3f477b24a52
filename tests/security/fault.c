/* Allocation-failure injection. Linked with a private copy of the library
 * built with -DSZ_FAULT_INJECTION: sz_fault_inject_after(n) makes the n-th
 * allocation of this thread fail. For n = 1, 2, 3, ... until a run completes
 * without reaching its n-th allocation, the scenario builds the UGC and
 * rich-text presets, edits and clones them, and sanitizes documents that
 * exercise every feature (fast path and gumbo, styles, URLs, srcset, data
 * URIs, classes, id prefix, link rel, iframe sandbox, attribute filter,
 * comments, ESCAPE disposition, full document, the round-trip check, UTF-8
 * repair, sanitize_html_into, sanitize_html_batch, sanitize_escape_text).
 * Every call (and every document of a batch) must return SANITIZE_OK or
 * SANITIZE_ERR_NOMEM, with NULL/0 out-parameters on failure. Leaks are for
 * valgrind / LSan to see (CI runs the C tests under valgrind). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "libsanitize.h"

static int bad;
static unsigned long long digest = 1469598103934665603ull; /* FNV-1a of all outputs */

static void hash(const char *s, size_t n)
{
    if (getenv("SZ_FAULT_DUMP")) {
        unsigned long long h = 1469598103934665603ull;
        for (size_t i = 0; i < n; i++)
            h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
        fprintf(stderr, "OUT %zu %llx\n", n, h);
        if (getenv("SZ_FAULT_DUMP")[0] == '2' && n < 1000)
            fprintf(stderr, "%.*s\n", (int)n, s);
    }
    for (size_t i = 0; i < n; i++)
        digest = (digest ^ (unsigned char)s[i]) * 1099511628211ull;
    digest = (digest ^ n) * 1099511628211ull;
}

static void expect_ok_or_nomem(sanitize_status st, const char *what, unsigned long n)
{
    if (st == SANITIZE_ERR_NOMEM && getenv("SZ_FAULT_DEBUG"))
        fprintf(stderr, "n=%lu: NOMEM from %s\n", n, what);
    if (st != SANITIZE_OK && st != SANITIZE_ERR_NOMEM) {
        fprintf(stderr, "n=%lu: %s returned %s\n", n, what, sanitize_status_str(st));
        bad++;
    }
}

static sanitize_filter_result filter(void *ud, const char *element, const char *attribute,
                                     const char *value, size_t value_len,
                                     sanitize_value_sink *sink)
{
    (void)ud;
    (void)element;
    (void)value;
    if (strcmp(attribute, "title") == 0 && value_len > 3) {
        sanitize_value_sink_set(sink, "replaced", 8);
        return SANITIZE_FILTER_REPLACE;
    }
    return SANITIZE_FILTER_KEEP;
}

static const char doc_unit[] =
    "<p class=\"a b z\" style=\"color: red; background: url(x); font-size: 12px\" title=\"tt\">"
    "Hello <b>bold</b> <i>it</i> &amp; &eacute; &#x1F600; &#4294967356; \xC3\x28 bad</p>"
    "<a href=\"https://example.com/a?b=c\" rel=\"me\" target=\"_blank\" id=\"x\">l</a>"
    "<a href=\"java\tscript:alert(1)\">j</a><a href=\"//host/p\">r</a>"
    "<img src=\"data:image/png;base64,iVBORw0KGgo=\" srcset=\"a.png 1x, javascript:x 2x, b.png 2x\""
    " alt=\"i\" width=\"10\" onerror=\"x\">"
    "<table><tr><td colspan=2>c</td></tr></table><ul><li>1<li>2</ul>"
    "<!-- a comment --><unknown-el>u</unknown-el><marquee x=1>m</marquee><script>s</script>"
    "<svg><p>s</p></svg><iframe src=\"https://e/\" sandbox=\"allow-scripts allow-forms\">i</iframe>"
    "<div data-x=\"1\" aria-label=\"l\"><span>s</span></div><pre>\npre</pre>"
    "<select><option>o</select><textarea>t</textarea><form action=\"/f\"><input></form>\n";

static sanitize_status scenario(unsigned long n)
{
    sanitize_status st, result = SANITIZE_OK;
    sanitize_policy *ugc = NULL, *rich = NULL, *copy = NULL, *full = NULL;
    char *out = NULL, *doc = NULL;
    size_t len = 99;
#define STEP(call)                                   \
    do {                                             \
        st = (call);                                 \
        expect_ok_or_nomem(st, #call, n);            \
        if (st) {                                    \
            result = st;                             \
            goto done;                               \
        }                                            \
    } while (0)
    STEP(sanitize_policy_new_preset(SANITIZE_PRESET_UGC, &ugc));
    STEP(sanitize_policy_new_preset(SANITIZE_PRESET_RICH_TEXT, &rich));
    /* Generous CPU budgets: valgrind runs this test too. */
    STEP(sanitize_policy_set_limit(ugc, SANITIZE_LIMIT_CPU_MS, 600000));
    STEP(sanitize_policy_set_limit(rich, SANITIZE_LIMIT_CPU_MS, 600000));
    STEP(sanitize_policy_allow_element(rich, "iframe"));
    STEP(sanitize_policy_allow_attribute(rich, "src", "iframe", NULL));
    STEP(sanitize_policy_allow_attribute(rich, "title", NULL, NULL));
    STEP(sanitize_policy_allow_attribute_prefix(rich, "aria-"));
    static const char *const sandbox[] = {"allow-forms"};
    STEP(sanitize_policy_require_iframe_sandbox(rich, sandbox, 1));
    static const char *const classes[] = {"a", "b"};
    STEP(sanitize_policy_allow_classes(rich, "p", classes, 2));
    STEP(sanitize_policy_set_id_prefix(rich, "user-"));
    STEP(sanitize_policy_set_link_rel(rich, "ugc noopener"));
    STEP(sanitize_policy_allow_data_uri_images(rich, NULL, 0));
    STEP(sanitize_policy_set_flag(rich, SANITIZE_FLAG_ALLOW_COMMENTS, 1));
    STEP(sanitize_policy_set_flag(rich, SANITIZE_FLAG_ALLOW_DATA_ATTRIBUTES, 1));
    STEP(sanitize_policy_set_flag(rich, SANITIZE_FLAG_TARGET_BLANK_FULLY_QUALIFIED, 1));
    STEP(sanitize_policy_set_disposition(rich, "marquee", SANITIZE_ESCAPE));
    STEP(sanitize_policy_set_attribute_filter(rich, filter, NULL));
    STEP(sanitize_policy_set_attribute(rich, "img", "loading", "lazy"));
    STEP(sanitize_policy_allow_style(rich, "width", "div", "^[0-9]+px$"));
    STEP(sanitize_policy_allow_url_schemes_matching(rich, "^(ftp|irc)$"));
    STEP(sanitize_policy_clone(rich, &copy));
    STEP(sanitize_policy_set_flag(copy, SANITIZE_FLAG_VERIFY_ROUNDTRIP, 1));
    STEP(sanitize_policy_clone(rich, &full));
    STEP(sanitize_policy_set_flag(full, SANITIZE_FLAG_FULL_DOCUMENT, 1));

    /* ~80 KB: more than the arena's first 64 KiB chunk. */
    size_t unit = sizeof doc_unit - 1, reps = getenv("SZ_FAULT_REPS") ? (size_t)atoi(getenv("SZ_FAULT_REPS")) : 80000 / unit + 1;
    doc = malloc(unit * reps + 1);
    if (!doc)
        abort();
    for (size_t i = 0; i < reps; i++)
        memcpy(doc + i * unit, doc_unit, unit);
    sanitize_policy *each[] = {ugc, rich, copy, full};
    for (size_t i = 0; i < 4; i++) {
        /* A small document (fast path), then the large one. */
        STEP(sanitize_html(each[i], "<b>x</b> &amp; <i>y", 19, &out, &len));
        hash(out, len);
        sanitize_free(out);
        out = NULL;
        /* One unit through sanitize_html_into, whose output is built in a
         * scratch buffer of the arena instead of a malloc'd one. */
        static char into[8192];
        STEP(sanitize_html_into(each[i], doc, unit, into, sizeof into, &len));
        hash(into, len);
        /* Two documents through sanitize_html_batch, where a document's
         * allocation failure is its status, not the call's. */
        const char *two[2] = {"<b>x</b>", doc};
        size_t two_lens[2] = {8, unit}, two_out[2];
        sanitize_status two_st[2];
        STEP(sanitize_html_batch(each[i], 2, two, two_lens, &out, two_out, two_st));
        size_t ends[2] = {two_out[0], two_out[0] + 1 + two_out[1]}; /* the NULs */
        for (int k = 0; k < 2; k++) {
            STEP(two_st[k]);
            if (out[ends[k]] != '\0')
                bad++;
        }
        hash(out, two_out[0] + two_out[1] + 2);
        sanitize_free(out);
        out = NULL;
        /* The large document (several arena chunks) with one policy only,
         * to keep the number of allocation points down. */
        st = sanitize_html(each[i], doc, i == 1 ? unit * reps : unit, &out, &len);
        expect_ok_or_nomem(st, "sanitize_html(doc)", n);
        if (st && (out || len)) {
            fprintf(stderr, "n=%lu: out-parameters set on failure\n", n);
            bad++;
        }
        if (st) {
            result = st;
            goto done;
        }
        hash(out, len);
        sanitize_free(out);
        out = NULL;
    }
    STEP(sanitize_escape_text("a<b>\xFF&", 7, &out, &len));
    hash(out, len);
done:
    sanitize_free(out);
    free(doc);
    sanitize_policy_free(ugc);
    sanitize_policy_free(rich);
    sanitize_policy_free(copy);
    sanitize_policy_free(full);
    return result;
}

int main(void)
{
    unsigned long n, failures_seen = 0;
    /* A run without injected failures must succeed. */
    sanitize_status clean = scenario(0);
    unsigned long long want = digest;
    if (clean != SANITIZE_OK) {
        fprintf(stderr, "scenario fails without injected failures: %s\n",
                sanitize_status_str(clean));
        return 1;
    }
    unsigned long absorbed = 0, degraded = 0;
    for (n = getenv("SZ_FAULT_FROM") ? strtoul(getenv("SZ_FAULT_FROM"), NULL, 10) : 1;; n++) {
        digest = 1469598103934665603ull;
        sz_fault_inject_after(n);
        sanitize_status st = scenario(n);
        unsigned long made = sz_fault_inject_after(0);
        if (st == SANITIZE_ERR_NOMEM)
            failures_seen++;
        if (getenv("SZ_FAULT_TO") && n >= strtoul(getenv("SZ_FAULT_TO"), NULL, 10))
            break;
        if (made < n) { /* the n-th allocation never came: all covered */
            if (st != SANITIZE_OK) {
                fprintf(stderr, "n=%lu: %s without an injected failure\n", n,
                        sanitize_status_str(st));
                bad++;
            }
            break;
        }
        if (st == SANITIZE_OK && made >= n) {
            /* The failed allocation was absorbed (a best-effort reserve):
             * fine, as long as every output is what a clean run gives. */
            absorbed++;
            if (digest != want) {
                /* An allocation failure must be reported as NOMEM, never
                 * turned into a different (smaller) output. */
                degraded++;
                fprintf(stderr, "n=%lu: success with different output\n", n);
                bad++;
            }
        }
    }
    printf("%lu allocation points tried: %lu reported NOMEM, %lu absorbed (%lu of them with "
           "less output than a clean run); %d problems\n", n - 1, failures_seen, absorbed,
           degraded, bad);
    return bad != 0;
}
