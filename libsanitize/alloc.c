#include "alloc.h"

#include <string.h>

char *sz_strndup(const char *s, size_t n)
{
    char *copy = sz_malloc(n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

char *sz_strdup(const char *s)
{
    return sz_strndup(s, strlen(s));
}

#ifdef SZ_FAULT_INJECTION
#undef sz_malloc
static _Thread_local unsigned long fail_at;
static _Thread_local unsigned long made;

static int should_fail(void)
{
    made++;
    if (fail_at && made == fail_at)
        return 1;
    return 0;
}

unsigned long sz_fault_inject_after(unsigned long n)
{
    unsigned long before = made;
    made = 0;
    fail_at = n;
    return before;
}

void *sz_malloc(size_t n) { return should_fail() ? NULL : malloc(n); }
void *sz_calloc(size_t c, size_t n) { return should_fail() ? NULL : calloc(c, n); }
void *sz_realloc(void *p, size_t n) { return should_fail() ? NULL : realloc(p, n); }
#endif
