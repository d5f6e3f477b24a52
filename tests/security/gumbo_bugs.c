/* gumbo 0.10.1's known bugs (docs/security.md, F1-F6 and #381), each run
 * through sanitize_html in body-fragment and full-document mode with the
 * reproducers in ../shared/reference/gumbo/ (the directory is the argument;
 * exit 77 when it is absent). Inputs are passed in exact-size heap copies so
 * that ASan and valgrind see any read past the end (F2); CI runs this test
 * under valgrind, which is what sees F5 (leak) and F6 (uninitialised read).
 *
 *   F1 select/foreign-content assert abort -> no abort, OK, safe output
 *   F2 named reference at EOF over-read     -> no invalid read
 *   F3 original_value.length == SIZE_MAX    -> original_* never used: OK
 *   F4 numeric reference overflow           -> decoded text is escaped; a
 *                                              wrapped "javascript" URL is
 *                                              judged on its decoded value
 *   F5 doctype leak in head noscript        -> arena: nothing leaks, even
 *                                              repeated (full document)
 *   F6 uninitialised quirks flag            -> zero-filled arena: <p><table>
 *                                              is always no-quirks */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cases/permissive.h"
#include "libsanitize.h"

static int failures;
static sanitize_policy *rich, *rich_full, *perm, *perm_full;

static char *load(const char *dir, const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = malloc(n > 0 ? (size_t)n : 1);
    if (!d || fread(d, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(d);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return d;
}

/* Sanitizes an exact-size copy; checks the status and, when `want` is not
 * NULL, the exact output; `forbidden` must not occur in the output. */
static void expect(const char *what, sanitize_policy *p, const char *in, size_t n,
                   const char *want, const char *forbidden)
{
    char *copy = malloc(n ? n : 1), *out;
    size_t len;
    memcpy(copy, in, n);
    sanitize_status st = sanitize_html(p, copy, n, &out, &len);
    free(copy);
    int ok = st == SANITIZE_OK && (!want || (strlen(want) == len && !memcmp(out, want, len))) &&
             (!forbidden || !strstr(out, forbidden));
    if (!ok) {
        failures++;
        fprintf(stderr, "FAIL %s: %s [%s]%s%s\n", what, sanitize_status_str(st), out ? out : "",
                want ? " want " : "", want ? want : "");
    } else {
        printf("ok   %s -> [%s]\n", what, out);
    }
    sanitize_free(out);
}

static void both(const char *what, const char *in, size_t n, const char *want_frag,
                 const char *want_full, const char *forbidden)
{
    char name[256];
    snprintf(name, sizeof name, "%s (fragment)", what);
    expect(name, rich, in, n, want_frag, forbidden);
    snprintf(name, sizeof name, "%s (full document)", what);
    expect(name, rich_full, in, n, want_full, forbidden);
    snprintf(name, sizeof name, "%s (permissive, fragment)", what);
    expect(name, perm, in, n, NULL, forbidden);
    snprintf(name, sizeof name, "%s (permissive, full document)", what);
    expect(name, perm_full, in, n, NULL, forbidden);
}

static void file_case(const char *dir, const char *file, const char *want_frag,
                      const char *want_full, const char *forbidden)
{
    size_t n;
    char *in = load(dir, file, &n);
    if (!in) {
        failures++;
        fprintf(stderr, "FAIL cannot read %s/%s\n", dir, file);
        return;
    }
    both(file, in, n, want_frag, want_full, forbidden);
    free(in);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gumbo_bugs DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    size_t n;
    char *probe = load(dir, "README.md", &n);
    if (!probe) {
        printf("skipped: %s not found\n", dir);
        return 77;
    }
    free(probe);
    sanitize_policy_new_preset(SANITIZE_PRESET_RICH_TEXT, &rich);
    sanitize_policy_clone(rich, &rich_full);
    sanitize_policy_set_flag(rich_full, SANITIZE_FLAG_FULL_DOCUMENT, 1);
    perm = permissive_policy();
    sanitize_policy_clone(perm, &perm_full);
    sanitize_policy_set_flag(perm_full, SANITIZE_FLAG_FULL_DOCUMENT, 1);

    /* F1: without the pre-filter gumbo asserts (SIGABRT) in both modes. */
    file_case(dir, "select-in-table-foreign-assert-abort.html",
              "<table><tbody><tr></tr></tbody></table>", "<table><tbody><tr></tr></tbody></table>",
              "select");
    file_case(dir, "select-in-table-foreign-assert-abort.fuzzer-original.bin", NULL, NULL,
              "<select");
    /* F1 variants: mixed case, end tags, math instead of svg, and the other
     * table-ish names gumbo's namespace-blind reset switch knows. */
    static const char *const f1[] = {
        "<table><SVG><SeLeCt><foreignObject><select><tr>",
        "<table><math><select><mi><select><tr>",
        "<table><svg><select><foreignObject></select><select><td>",
        "<table><svg><select><desc><select><caption>",
        "<table><svg><td><foreignObject><select><tr>",
        "<table><svg><tr><foreignObject><table><tr>",
        "<svg><table><select><foreignObject><select><tr>",
    };
    for (size_t i = 0; i < sizeof f1 / sizeof *f1; i++)
        both(f1[i], f1[i], strlen(f1[i]), NULL, NULL, "<select");
    /* F2: the exact-size copy makes ASan/valgrind see an over-read. */
    file_case(dir, "named-ref-at-eof-heap-overread.html", "", "", NULL);
    file_case(dir, "named-ref-at-eof-heap-overread.fuzzer-original-frag.bin", NULL, NULL, NULL);
    both("F2 in text", "x&amp", 5, "x&amp;", "x&amp;", NULL);
    both("F2 in quoted value", "<b title=\"&amp", 14, "", "", NULL);
    /* F3 */
    file_case(dir, "attr-original-value-length-underflow-SIZE_MAX.html", "<b>x</b>", "<b>x</b>",
              NULL);
    file_case(dir, "attr-value-empty-original-text-ub.html", "<b>X</b>", "<b>X</b>", NULL);
    /* F4: gumbo decodes &#4294967356; to "<": it must come out as text. */
    file_case(dir, "numeric-ref-signed-overflow.html", NULL, NULL, "<script");
    file_case(dir, "numeric-ref-wraps-to-ascii.html",
              "<p title=\"javascript\">&lt;script&gt;</p>",
              "<p title=\"javascript\">&lt;script&gt;</p>", "<script");
    const char f4_href[] = "<a href=\"&#4294967402;avascript:alert(1)\">x</a>";
    both("F4 wrapped javascript: URL", f4_href, strlen(f4_href), "x", "x", "href");
    /* F5: full-document only; 1000 parses, nothing may leak (valgrind). */
    file_case(dir, "leak-doctype-in-head-noscript.html", "", "", NULL);
    file_case(dir, "leak-doctype-in-head-noscript-2.html", "", "<!DOCTYPE html>", NULL);
    {
        size_t len;
        char *in = load(dir, "leak-doctype-in-head-noscript-2.html", &len);
        for (int i = 0; in && i < 1000; i++) {
            char *out;
            size_t out_len;
            if (sanitize_html(perm_full, in, len, &out, &out_len)) {
                failures++;
                break;
            }
            sanitize_free(out);
        }
        free(in);
    }
    /* F6: fragment mode reads the never-initialised quirks flag on <table>;
     * zero-filled memory means no-quirks: <p> is closed before <table>. */
    for (int i = 0; i < 50; i++)
        expect(i ? "F6 again" : "F6 <p><table>", perm, "<p>x<table><tr><td>y", 20,
               "<p>x</p><table><tbody><tr><td>y</td></tr></tbody></table>", NULL);
    /* #381: <script\v> is an unknown element; never "script". */
    file_case(dir, "tag-from-original-text-script-vt.html", NULL, NULL, "<script");
    /* Section 3 differences: breakout and noscript mXSS shapes. */
    file_case(dir, "mxss-svg-p-no-breakout-in-fragment-mode.html", "", NULL, "onerror");
    file_case(dir, "mxss-noscript-scripting-off.html", "", NULL, "<img");

    sanitize_policy_free(rich);
    sanitize_policy_free(rich_full);
    sanitize_policy_free(perm);
    sanitize_policy_free(perm_full);
    printf("%s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
