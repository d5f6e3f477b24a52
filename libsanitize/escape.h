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

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is invalid
 * (overlong forms, surrogates and code points above U+10FFFF included).
 * Inline: the fast parser's whole-input check calls it per character. */
static inline size_t sz_utf8_sequence(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

#endif
