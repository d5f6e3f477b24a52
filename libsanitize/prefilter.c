#include "prefilter.h"

#include <stdbool.h>
#include <string.h>

/* Does `s` continue with `name` (lower case), ASCII case-insensitively? */
static bool has_name_at(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((s[i] | 32) != name[i])
            return false;
    return true;
}

/* Is there a `<name` or `</name` anywhere? (A tag name ends wherever; a
 * false positive only costs a harmless rewrite.) */
static bool mentions_tag(const char *s, size_t n, const char *name)
{
    const char *end = s + n;
    for (const char *p = s; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
        const char *q = p + 1;
        if (q < end && *q == '/')
            q++;
        if (has_name_at(q, (size_t)(end - q), name))
            return true;
    }
    return false;
}

const char *sz_prefilter(sz_arena *arena, const char *input, size_t len, size_t *out_len)
{
    /* F1: `<table><svg><select><foreignObject><select><tr>` makes gumbo's
     * insertion-mode reset, which ignores namespaces, pop past the bottom of
     * its stack and abort(). It needs a select together with foreign content.
     * Both are dropped with their content by every policy, so turning `<` of
     * each select tag into text (`&lt;select`) only changes what is dropped
     * anyway into visible, harmless text. */
    bool rewrite = mentions_tag(input, len, "select") &&
                   (mentions_tag(input, len, "svg") || mentions_tag(input, len, "math"));
    size_t extra = 0;
    if (rewrite) {
        const char *end = input + len;
        for (const char *p = input; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
            const char *q = p + 1 + (p + 1 < end && p[1] == '/');
            if (has_name_at(q, (size_t)(end - q), "select"))
                extra += 3; /* "<" becomes "&lt;" */
        }
    }
    char *buf = sz_arena_alloc(arena, len + extra + 1);
    if (!buf)
        return NULL;
    if (!rewrite) {
        memcpy(buf, input, len);
    } else {
        const char *end = input + len, *run = input;
        char *w = buf;
        for (const char *p = input; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++) {
            const char *q = p + 1 + (p + 1 < end && p[1] == '/');
            if (!has_name_at(q, (size_t)(end - q), "select"))
                continue;
            memcpy(w, run, (size_t)(p - run));
            w += p - run;
            memcpy(w, "&lt;", 4);
            w += 4;
            run = p + 1;
        }
        memcpy(w, run, (size_t)(end - run));
    }
    buf[len + extra] = '\0'; /* already zero; stated for F2 */
    *out_len = len + extra;
    return buf;
}
