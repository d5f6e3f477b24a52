/* gumbo, called the only way that is safe for 0.10.1 (see arena.h and
 * docs/security.md): arena allocator, max_errors = 0, never
 * stop_on_first_error, a body fragment context unless a whole document is
 * wanted, and a NUL byte after the buffer. */
#ifndef SZ_PARSE_H
#define SZ_PARSE_H

#include <gumbo.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "libsanitize.h"

/* Parses `len` bytes at `buf` (buf[len] must be NUL) into the arena. On
 * success `*root` is the node whose children are the content: the synthetic
 * <html> of a fragment, or the document node. Errors: MEMORY_BUDGET,
 * DEADLINE, NOMEM, each reached by leaving gumbo through longjmp, and PARSER
 * when one of gumbo's assertions fails (see sz_gumbo_assert_fail). */
sanitize_status sz_parse(sz_arena *arena, const char *buf, size_t len, bool full_document,
                         size_t budget, sz_deadline *deadline, const GumboNode **root);

/* gumbo's __assert_fail, renamed in our copy of libgumbo.a: leaves the parse
 * running on this thread with SANITIZE_ERR_PARSER. Outside a parse it is
 * glibc's __assert_fail. */
_Noreturn void sz_gumbo_assert_fail(const char *assertion, const char *file, unsigned int line,
                                    const char *function);

#endif
