/* Differential check of the fast parser: for every input, sanitizing with
 * the fast path allowed and with SANITIZE_FLAG_NO_FAST_PATH (gumbo always)
 * must give byte-identical output. The policies are chosen to expose the
 * whole tree: the permissive one writes most elements and attributes, the
 * escaping one shows every tag (unknown ones included) and every end tag
 * gumbo saw as text, the strict one with spaces shows where tags were. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cases/permissive.h"
#include "libsanitize.h"

enum { POLICIES = 4 };
static sanitize_policy *fast[POLICIES], *slow[POLICIES];

static sanitize_policy *escaping(void)
{
    sanitize_policy *p;
    sanitize_policy_new(&p);
    sanitize_policy_set_disposition(p, NULL, SANITIZE_ESCAPE);
    static const char *const own_default[] = {"frame", "frameset", "iframe", "noembed",
                                              "noframes", "object", "script", "style", "title"};
    for (size_t i = 0; i < sizeof own_default / sizeof *own_default; i++)
        sanitize_policy_set_disposition(p, own_default[i], SANITIZE_ESCAPE);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_COMMENTS, 1);
    return p;
}

static void setup(void)
{
    if (fast[0])
        return;
    for (int i = 0; i < POLICIES; i++) {
        sanitize_policy *p;
        switch (i) {
        case 0: p = permissive_policy(); break;
        case 1: p = escaping(); break;
        case 2:
            sanitize_policy_new(&p);
            sanitize_policy_set_flag(p, SANITIZE_FLAG_SPACE_WHEN_STRIPPING, 1);
            break;
        default: sanitize_policy_new_preset(SANITIZE_PRESET_UGC, &p); break;
        }
        sanitize_policy_set_limit(p, SANITIZE_LIMIT_CPU_MS, 60000);
        sanitize_policy_clone(p, &slow[i]);
        sanitize_policy_set_flag(slow[i], SANITIZE_FLAG_NO_FAST_PATH, 1);
        fast[i] = p;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    for (int i = 0; i < POLICIES; i++) {
        char *a = NULL, *b = NULL;
        size_t an = 0, bn = 0;
        sanitize_status sa = sanitize_html(fast[i], (const char *)data, size, &a, &an);
        sanitize_status sb = sanitize_html(slow[i], (const char *)data, size, &b, &bn);
        if (sa != sb || an != bn || (an && memcmp(a, b, an) != 0)) {
            size_t at = 0;
            while (at < an && at < bn && a[at] == b[at])
                at++;
            size_t from = at > 200 ? at - 200 : 0;
            fprintf(stderr, "fast path differs (policy %d, status %d/%d) at output byte %zu\n"
                    "  input: %.*s\n  fast:  ...%.*s\n  gumbo: ...%.*s\n", i, sa, sb, at,
                    (int)(size < 2000 ? size : 2000), (const char *)data,
                    (int)(an > from ? (an - from < 400 ? an - from : 400) : 0), a ? a + from : "",
                    (int)(bn > from ? (bn - from < 400 ? bn - from : 400) : 0), b ? b + from : "");
            abort();
        }
        sanitize_free(a);
        sanitize_free(b);
    }
    return 0;
}
