/* The attack-corpus test: every vector of ../shared/xss/vectors.jsonl through
 * every built-in preset and the permissive test policy. On each output it
 * checks, independently of the sanitizer's own decisions:
 *
 *   safety      gumbo's re-parse of the output (body fragment, as the
 *               sanitizer parsed it) holds only elements and attributes the
 *               expectation table below allows for that policy, no on*
 *               attribute, no foreign (SVG/MathML) or template content, no
 *               URL whose browser-visible scheme the policy does not allow,
 *               and `style` only where allowed and then free of url(),
 *               expression(), escapes and comments;
 *   idempotence sanitizing the output again gives the same bytes, or
 *               ("reshaped") safe bytes with the same text and no new start
 *               tag that are themselves a fixed point: gumbo builds some
 *               trees no serialization can reproduce (a in a, h2 right in
 *               h1, nested form, li in li...). Counted; anything else fails;
 *   round trip  SANITIZE_FLAG_VERIFY_ROUNDTRIP accepts the input, i.e. the
 *               output re-parses into the tree that was serialized; its
 *               failures must all be such nesting differences (counted;
 *               -v lists them; see docs/security.md for the analysis).
 *
 * Usage: xss_corpus [-v] [--export DIR] VECTORS.jsonl
 * Exits 77 (meson's "skipped") when the corpus file does not exist.
 * --export writes each vector as DIR/<n>.html (fuzz seeds) and exits. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cases/permissive.h"
#include "checker.h"
#include "jsonl.h"
#include "libsanitize.h"

/* ---- driver */

static bool verbose;

static int export_seeds(FILE *f, const char *dir)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    jbuf html = {0};
    unsigned count = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        if (json_field(line, (size_t)n, "html", &html))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/xss-%04u.html", dir, ++count);
        FILE *o = fopen(path, "wb");
        if (!o || fwrite(html.data, 1, html.len, o) != html.len) {
            perror(path);
            return 1;
        }
        fclose(o);
    }
    free(line);
    free(html.data);
    printf("%u seeds written to %s\n", count, dir);
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *export_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = true;
        else if (strcmp(argv[i], "--export") == 0 && i + 1 < argc)
            export_dir = argv[++i];
        else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: xss_corpus [-v] [--export DIR] VECTORS.jsonl\n");
        return 2;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("skipped: %s not found\n", path);
        return 77;
    }
    if (export_dir) {
        int rc = export_seeds(f, export_dir);
        fclose(f);
        return rc;
    }
    for (int i = 0; i < NPOL; i++) {
        expect *x = &policies[i];
        if (i == 3)
            x->policy = permissive_policy();
        else
            sanitize_policy_new_preset((sanitize_preset)i, &x->policy);
        if (!x->policy || sanitize_policy_clone(x->policy, &x->verify))
            return 99;
        sanitize_policy_set_flag(x->verify, SANITIZE_FLAG_VERIFY_ROUNDTRIP, 1);
    }
    unsigned vectors = 0, unsafe[NPOL] = {0}, not_idem[NPOL] = {0}, rt_ok[NPOL] = {0},
             rt_nesting[NPOL] = {0}, rt_other[NPOL] = {0}, errors[NPOL] = {0},
             changed[NPOL] = {0}, nesting[NPOL] = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    jbuf html = {0};
    unsigned lineno = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (json_field(line, (size_t)n, "html", &html)) {
            fprintf(stderr, "line %u: no html field\n", lineno);
            continue;
        }
        vectors++;
        for (int i = 0; i < NPOL; i++) {
            expect *x = &policies[i];
            char *out = NULL, *again = NULL, *verified = NULL;
            size_t len, again_len, verified_len;
            char why[512];
            sanitize_status st = sanitize_html(x->policy, html.data, html.len, &out, &len);
            if (st) {
                errors[i]++;
                fprintf(stderr, "[%s] line %u: %s\n", x->name, lineno, sanitize_status_str(st));
                continue;
            }
            if (len != html.len || memcmp(out, html.data, len))
                changed[i]++;
            const char *bad = check_tree(x, out, len, why, sizeof why);
            if (bad) {
                unsafe[i]++;
                fprintf(stderr, "UNSAFE [%s] line %u: %s\n  in:  %s\n  out: %s\n", x->name,
                        lineno, bad, html.data, out);
            }
            bool idem = sanitize_html(x->policy, out, len, &again, &again_len) == SANITIZE_OK &&
                        again_len == len && !memcmp(again, out, len);
            bool structural = false;
            if (!idem && again && restructured_only(out, len, again, again_len) &&
                !check_tree(x, again, again_len, why, sizeof why)) {
                /* Harmless only if the second output is a fixed point. */
                char *third = NULL;
                size_t third_len;
                structural = sanitize_html(x->policy, again, again_len, &third, &third_len) ==
                                 SANITIZE_OK && third_len == again_len &&
                             !memcmp(third, again, again_len);
                sanitize_free(third);
            }
            if (!idem && structural) {
                nesting[i]++;
            } else if (!idem) {
                not_idem[i]++;
            }
            if (!idem && (verbose || !structural))
                fprintf(stderr, "%s [%s] line %u\n  in:    %s\n  once:  %s\n  twice: %s\n",
                        structural ? "RESTRUCTURED" : "NOT IDEMPOTENT", x->name, lineno,
                        html.data, out, again ? again : "");
            st = sanitize_html(x->verify, html.data, html.len, &verified, &verified_len);
            if (st == SANITIZE_OK && verified_len == len && !memcmp(verified, out, len)) {
                rt_ok[i]++;
            } else if (st == SANITIZE_ERR_ROUNDTRIP && structural) {
                rt_nesting[i]++;
            } else {
                rt_other[i]++;
                fprintf(stderr, "ROUNDTRIP [%s] line %u: %s\n  in:  %s\n  out: %s\n",
                        x->name, lineno, sanitize_status_str(st), html.data, out);
            }
            sanitize_free(out);
            sanitize_free(again);
            sanitize_free(verified);
        }
    }
    free(line);
    free(html.data);
    fclose(f);
    printf("%u vectors\n%-11s %7s %6s %6s %8s %8s %6s %11s %8s\n", vectors, "policy",
           "changed", "errors", "unsafe", "not-idem", "reshaped", "rt-ok", "rt-reshaped",
           "rt-other");
    int rc = vectors == 0;
    for (int i = 0; i < NPOL; i++) {
        printf("%-11s %7u %6u %6u %8u %8u %6u %11u %8u\n", policies[i].name, changed[i],
               errors[i], unsafe[i], not_idem[i], nesting[i], rt_ok[i], rt_nesting[i],
               rt_other[i]);
        rc |= unsafe[i] || not_idem[i] || errors[i] || rt_other[i];
        sanitize_policy_free(policies[i].policy);
        sanitize_policy_free(policies[i].verify);
    }
    return rc;
}
