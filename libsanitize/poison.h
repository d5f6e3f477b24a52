/* Marks memory the library keeps for reuse but must not touch until it is
 * handed out again: arena chunks after a document, scratch buffers given
 * back. In an AddressSanitizer build a stale pointer into such memory is
 * then reported like a use after free, instead of silently reading what the
 * next document put there. No-ops in other builds. */
#ifndef SZ_POISON_H
#define SZ_POISON_H

#if defined(__SANITIZE_ADDRESS__)
#define SZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SZ_ASAN 1
#endif
#endif

#ifdef SZ_ASAN
#include <sanitizer/asan_interface.h>
#define sz_poison(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define sz_unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define sz_poison(p, n) ((void)(p), (void)(n))
#define sz_unpoison(p, n) ((void)(p), (void)(n))
#endif

#endif
