/* Compiled PCRE2 patterns shared between policies (reference-counted, so a
 * cloned policy does not recompile). Matching is thread-safe. */
#ifndef SZ_REGEX_H
#define SZ_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "libsanitize.h"

typedef struct sz_regex sz_regex;

/* Compiles `pattern` (UTF-8, PCRE2 syntax, `$` only at the very end).
 * Returns SANITIZE_ERR_BAD_REGEX or SANITIZE_ERR_NOMEM on failure. */
sanitize_status sz_regex_compile(const char *pattern, sz_regex **out);
sz_regex *sz_regex_ref(sz_regex *re);
void sz_regex_unref(sz_regex *re);
const char *sz_regex_pattern(const sz_regex *re);

/* Unanchored search, like Go's MatchString. A match that exceeds the match
 * limits (catastrophic backtracking) counts as no match: fail closed. */
bool sz_regex_search(const sz_regex *re, const char *subject, size_t len);

#endif
