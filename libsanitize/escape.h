/* Escaping for the serializer: scan for the few bytes that need it and copy
 * the runs between them in one go. */
#ifndef SZ_ESCAPE_H
#define SZ_ESCAPE_H

#include <stddef.h>

#include "buffer.h"

/* Text content: & < > and U+00A0 (as &nbsp;) escaped; NUL removed. */
void sz_escape_text(sz_buf *out, const char *s, size_t n);

/* A double-quoted attribute value: & " < > and U+00A0 escaped; NUL removed.
 * Escaping < and > as well keeps a value from ever reading as markup, should
 * it be re-parsed in another context (namespace-confusion mXSS). */
void sz_escape_attr(sz_buf *out, const char *s, size_t n);

/* Appends `s` with invalid UTF-8 sequences replaced by U+FFFD. */
void sz_append_valid_utf8(sz_buf *out, const char *s, size_t n);

/* Length of the longest prefix of s that is valid UTF-8. */
size_t sz_utf8_valid_prefix(const char *s, size_t n);

#endif
