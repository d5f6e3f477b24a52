/* Every allocation the library itself makes goes through these, so that a
 * test build (SZ_FAULT_INJECTION) can make the n-th one fail and check that
 * each failure is reported as SANITIZE_ERR_NOMEM without a leak. In normal
 * builds they are the C library's functions. */
#ifndef SZ_ALLOC_H
#define SZ_ALLOC_H

#include <stdlib.h>

#ifdef SZ_FAULT_INJECTION
void *sz_malloc(size_t n);
void *sz_calloc(size_t count, size_t n);
void *sz_realloc(void *p, size_t n);
/* Fail the n-th allocation from now on this thread (1 = the next one);
 * 0 disables. Returns how many allocations were made since the last call. */
unsigned long sz_fault_inject_after(unsigned long n);
#else
#define sz_malloc malloc
#define sz_calloc calloc
#define sz_realloc realloc
#endif
#define sz_free free

char *sz_strdup(const char *s);
char *sz_strndup(const char *s, size_t n);

#endif
