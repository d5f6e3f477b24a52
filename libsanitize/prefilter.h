/* Prepares the input for gumbo: a copy with a NUL byte after it (gumbo 0.10.1
 * reads one byte past a character reference at the end of the buffer, F2),
 * with the one construct known to abort gumbo neutralized (F1). */
#ifndef SZ_PREFILTER_H
#define SZ_PREFILTER_H

#include <stddef.h>

#include "arena.h"

/* Returns the buffer to parse (in the arena) and its length, without the
 * terminating NUL. NULL on NOMEM / budget. */
const char *sz_prefilter(sz_arena *arena, const char *input, size_t len, size_t *out_len);

#endif
