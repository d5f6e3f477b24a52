#include "escape.h"

#include <stdint.h>
#include <stdio.h>

#include "alloc.h"
#include "libsanitize.h"

enum { TEXT = 1, ATTR = 2, PUBLIC = 4 };

/* Which bytes stop the copy loop, per context. 0xC2 may start U+00A0 or a
 * C1 control, 0xEF and 0xF0-0xF4 a noncharacter. In TEXT and ATTR the
 * string comes from gumbo, where a character reference can produce code
 * points that gumbo (like the HTML input stream) turns into U+FFFD, or CR
 * into LF, when they appear raw: C0 controls but tab, LF and FF, DEL, C1
 * controls and noncharacters. Written as numeric references they re-parse
 * to themselves, in gumbo and in browsers, so the output is a fixed point. */
#define CTRL (TEXT | ATTR)
static const uint8_t special[256] = {
    [0] = TEXT | ATTR | PUBLIC,
    [0x01] = CTRL, [0x02] = CTRL, [0x03] = CTRL, [0x04] = CTRL, [0x05] = CTRL,
    [0x06] = CTRL, [0x07] = CTRL, [0x08] = CTRL, [0x0B] = CTRL, [0x0D] = CTRL,
    [0x0E] = CTRL, [0x0F] = CTRL, [0x10] = CTRL, [0x11] = CTRL, [0x12] = CTRL,
    [0x13] = CTRL, [0x14] = CTRL, [0x15] = CTRL, [0x16] = CTRL, [0x17] = CTRL,
    [0x18] = CTRL, [0x19] = CTRL, [0x1A] = CTRL, [0x1B] = CTRL, [0x1C] = CTRL,
    [0x1D] = CTRL, [0x1E] = CTRL, [0x1F] = CTRL, [0x7F] = CTRL,
    ['&'] = TEXT | ATTR | PUBLIC,
    ['<'] = TEXT | ATTR | PUBLIC,
    ['>'] = TEXT | ATTR | PUBLIC,
    ['"'] = ATTR | PUBLIC,
    ['\''] = PUBLIC,
    [0xC2] = CTRL, [0xEF] = CTRL,
    [0xF0] = CTRL, [0xF1] = CTRL, [0xF2] = CTRL, [0xF3] = CTRL, [0xF4] = CTRL,
};

/* The code point of the UTF-8 sequence at s[i] if it is one gumbo would
 * replace when raw (C1 control or noncharacter), with its length; else 0. */
static unsigned replaced_code_point(const unsigned char *s, size_t i, size_t n, size_t *len)
{
    unsigned c = s[i];
    if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
        *len = 2;
        return s[i + 1];
    }
    if (c == 0xEF && i + 2 < n && ((s[i + 1] == 0xB7 && s[i + 2] >= 0x90 && s[i + 2] <= 0xAF) ||
                                   (s[i + 1] == 0xBF && s[i + 2] >= 0xBE))) {
        *len = 3;
        return 0xF000u | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu);
    }
    if (c >= 0xF0 && c <= 0xF4 && i + 3 < n && (s[i + 1] & 0x0F) == 0x0F && s[i + 2] == 0xBF &&
        s[i + 3] >= 0xBE) {
        *len = 4;
        return (c & 0x07u) << 18 | (s[i + 1] & 0x3Fu) << 12 | (s[i + 2] & 0x3Fu) << 6 |
               (s[i + 3] & 0x3Fu);
    }
    return 0;
}

static void escape(sz_buf *out, const char *s, size_t n, uint8_t mask)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(special[c] & mask))
            continue;
        const char *rep;
        size_t skip = 1;
        char ref[16];
        if ((c < 0x20 && c != 0) || c == 0x7F || c >= 0xC2) {
            unsigned cp = c;
            if (c >= 0xC2 && !(cp = replaced_code_point((const unsigned char *)s, i, n, &skip)))
                goto not_replaced;
            snprintf(ref, sizeof ref, "&#x%X;", cp);
            rep = ref;
            goto write;
        }
    not_replaced:
        switch (c) {
        case '\0': rep = ""; break;
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: /* 0xC2, 0xEF, 0xF0-0xF4 */
            if (c != 0xC2 || i + 1 >= n || (unsigned char)s[i + 1] != 0xA0)
                continue;
            rep = "&nbsp;";
            skip = 2;
        }
    write:
        sz_buf_append(out, s + run, i - run);
        sz_buf_puts(out, rep);
        i += skip - 1;
        run = i + 1;
    }
    sz_buf_append(out, s + run, n - run);
}

void sz_escape_text(sz_buf *out, const char *s, size_t n)
{
    escape(out, s, n, TEXT);
}

void sz_escape_attr(sz_buf *out, const char *s, size_t n)
{
    escape(out, s, n, ATTR);
}

size_t sz_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = sz_utf8_sequence(u + i, n - i);
        if (!len)
            break;
        i += len;
    }
    return i;
}

void sz_append_valid_utf8(sz_buf *out, const char *s, size_t n)
{
    while (n) {
        size_t ok = sz_utf8_valid_prefix(s, n);
        sz_buf_append(out, s, ok);
        s += ok;
        n -= ok;
        if (n) {
            /* One U+FFFD per invalid byte: simple, and never swallows a
             * valid character that follows. */
            sz_buf_append(out, "\xEF\xBF\xBD", 3);
            size_t skip = 1;
            s += skip;
            n -= skip;
        }
    }
}

sanitize_status sanitize_escape_text(const char *input, size_t input_len, char **out,
                                     size_t *out_len)
{
    if (!out || !out_len)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    *out_len = 0;
    if (!input && input_len)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    if (input_len > 0xFFFFFFFFu - 1)
        return SANITIZE_ERR_INPUT_TOO_LARGE;
    sz_buf valid, escaped;
    sz_buf_init(&valid);
    sz_buf_init(&escaped);
    const char *text = input ? input : "";
    size_t text_len = input_len;
    if (sz_utf8_valid_prefix(text, text_len) != text_len) {
        sz_append_valid_utf8(&valid, text, text_len);
        text = valid.data;
        text_len = valid.len;
    }
    if (!valid.failed) {
        sz_buf_reserve(&escaped, text_len + text_len / 8 + 1);
        escape(&escaped, text ? text : "", text_len, PUBLIC);
    }
    bool failed = valid.failed;
    sz_buf_free(&valid);
    if (failed) {
        sz_buf_free(&escaped);
        return SANITIZE_ERR_NOMEM;
    }
    *out = sz_buf_take(&escaped, out_len);
    return *out ? SANITIZE_OK : SANITIZE_ERR_NOMEM;
}
