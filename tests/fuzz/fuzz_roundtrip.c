/* Differential round-trip target. For every input and each policy (byte 0
 * picks strict, ugc, rich-text or the permissive test policy) it asserts:
 *
 * 1. safety: gumbo's re-parse of the output holds only what the policy's
 *    hand-written expectation table allows (tests/security/checker.h; it
 *    does not ask the sanitizer);
 * 2. idempotence: sanitizing the output again gives the same bytes — or,
 *    the one allowed difference, a reshaped tree: gumbo 0.10.1 (like any
 *    HTML5 parser) builds some trees that no serialization re-parses into
 *    (an a inside an a, nested forms, li in a in li, h2 right inside h1).
 *    Then the second output must have the same text in the same order, no
 *    start tag (element with attributes) the first did not have, pass the
 *    safety check too, and be a fixed point itself;
 * 3. round trip: with SANITIZE_FLAG_VERIFY_ROUNDTRIP the same input gives
 *    the same output, and fails with SANITIZE_ERR_ROUNDTRIP only in the
 *    reshaped case of 2 (the flag detects exactly those trees).
 *
 * Why 2's exception is harmless: the safety check in 1 already judges what a
 * parser builds from the output, whatever its shape; reshaping only moves,
 * closes, drops or clones elements that were allowed and written. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cases/permissive.h"
#include "../security/checker.h"
#include "libsanitize.h"

static void setup(void)
{
    if (policies[0].policy)
        return;
    for (int i = 0; i < NPOL; i++) {
        expect *x = &policies[i];
        if (i == 3)
            x->policy = permissive_policy();
        else
            sanitize_policy_new_preset((sanitize_preset)i, &x->policy);
        sanitize_policy_set_limit(x->policy, SANITIZE_LIMIT_CPU_MS, 20000);
        sanitize_policy_clone(x->policy, &x->verify);
        sanitize_policy_set_flag(x->verify, SANITIZE_FLAG_VERIFY_ROUNDTRIP, 1);
        sanitize_policy_freeze(x->policy);
        sanitize_policy_freeze(x->verify);
    }
}

static void fail(const char *what, const expect *x, const char *a, size_t an, const char *b,
                 size_t bn)
{
    fprintf(stderr, "%s (policy %s)\n  first:  %.*s\n  second: %.*s\n", what, x->name, (int)an,
            a, (int)bn, b ? b : "");
    abort();
}

static int same(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size == 0)
        return 0;
    const expect *x = &policies[data[0] % NPOL];
    const char *in = (const char *)data + 1;
    size_t in_len = size - 1;
    char *o1 = NULL, *o2 = NULL, *o3 = NULL, *v = NULL, why[512];
    size_t n1, n2, n3, vn;
    sanitize_status st = sanitize_html(x->policy, in, in_len, &o1, &n1);
    if (st == SANITIZE_ERR_DEADLINE || st == SANITIZE_ERR_MEMORY_BUDGET)
        return 0;
    if (st != SANITIZE_OK) {
        fprintf(stderr, "unexpected status %s\n", sanitize_status_str(st));
        abort();
    }
    const char *bad = check_tree(x, o1, n1, why, sizeof why);
    if (bad)
        fail(bad, x, in, in_len, o1, n1);
    if (sanitize_html(x->policy, o1, n1, &o2, &n2) != SANITIZE_OK)
        fail("second pass failed", x, o1, n1, NULL, 0);
    bool reshaped = !same(o1, n1, o2, n2);
    if (reshaped) {
        if (!restructured_only(o1, n1, o2, n2))
            fail("not idempotent", x, o1, n1, o2, n2);
        if ((bad = check_tree(x, o2, n2, why, sizeof why)))
            fail(bad, x, o1, n1, o2, n2);
        if (sanitize_html(x->policy, o2, n2, &o3, &n3) != SANITIZE_OK || !same(o2, n2, o3, n3))
            fail("reshaped output is not a fixed point", x, o2, n2, o3, n3);
    }
    st = sanitize_html(x->verify, in, in_len, &v, &vn);
    if (st == SANITIZE_OK ? !same(o1, n1, v, vn)
                          : !(st == SANITIZE_ERR_ROUNDTRIP && reshaped) &&
                                st != SANITIZE_ERR_DEADLINE && st != SANITIZE_ERR_MEMORY_BUDGET) {
        fprintf(stderr, "round-trip flag: %s\n", sanitize_status_str(st));
        fail("round-trip flag disagrees", x, o1, n1, v, vn);
    }
    sanitize_free(o1);
    sanitize_free(o2);
    sanitize_free(o3);
    sanitize_free(v);
    return 0;
}
