/* The fast parser's lexical half: character references, attributes and
 * the whole-input character check, each accepting only what it is certain
 * gumbo 0.10.1 reads the same way. */
#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "entities.h"
#include "fastparse_internal.h"

bool sz_fast_is_alpha(char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

bool sz_fast_is_alnum(char c)
{
    return sz_fast_is_alpha(c) || (c >= '0' && c <= '9');
}

bool sz_fast_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

void *sz_fast_alloc(sz_fast *ps, size_t n)
{
    return sz_arena_alloc(ps->arena, n);
}

char *sz_fast_copy(sz_fast *ps, const char *s, size_t n)
{
    char *c = sz_fast_alloc(ps, n + 1);
    if (c)
        memcpy(c, s, n); /* zero-filled: terminated */
    return c;
}

bool sz_fast_vector_add(sz_fast *ps, GumboVector *v, void *item)
{
    if (v->length == v->capacity) {
        unsigned cap = v->capacity ? v->capacity * 2 : 4;
        void **data = sz_fast_alloc(ps, cap * sizeof *data);
        if (!data)
            return false;
        if (v->length)
            memcpy(data, v->data, v->length * sizeof *data);
        v->data = data;
        v->capacity = cap;
    }
    v->data[v->length++] = item;
    return true;
}

/* Decodes a character reference at ps->p (which is at '&') into `out`.
 * False when it is one we do not handle. In attribute values a name
 * followed by '=' is literal text (the rule that keeps query strings). */
bool sz_fast_char_ref(sz_fast *ps, sz_buf *out, bool in_attribute)
{
    const char *s = ps->p + 1;
    if (s < ps->end && *s == '#') {
        s++;
        bool hex = s < ps->end && (*s | 32) == 'x';
        if (hex)
            s++;
        unsigned long cp = 0;
        int digits = 0;
        while (s < ps->end && digits < 7) {
            char c = *s;
            int d = (c >= '0' && c <= '9') ? c - '0'
                  : (hex && (c | 32) >= 'a' && (c | 32) <= 'f') ? (c | 32) - 'a' + 10 : -1;
            if (d < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (unsigned long)d;
            digits++;
            s++;
        }
        if (!digits || s >= ps->end || *s != ';')
            return false;
        /* Only plain characters: no controls, C1 remapping, surrogates,
         * noncharacters or out-of-range values, which gumbo replaces. */
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f') || (cp >= 0x7F && cp <= 0x9F) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
            (cp & 0xFFFE) == 0xFFFE || cp > 0x10FFFF)
            return false;
        char u[4];
        size_t n;
        if (cp < 0x80) {
            u[0] = (char)cp;
            n = 1;
        } else if (cp < 0x800) {
            u[0] = (char)(0xC0 | (cp >> 6));
            u[1] = (char)(0x80 | (cp & 0x3F));
            n = 2;
        } else if (cp < 0x10000) {
            u[0] = (char)(0xE0 | (cp >> 12));
            u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F));
            n = 3;
        } else {
            u[0] = (char)(0xF0 | (cp >> 18));
            u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[3] = (char)(0x80 | (cp & 0x3F));
            n = 4;
        }
        sz_buf_append(out, u, n);
        ps->p = s + 1;
        return true;
    }
    const char *name = s;
    while (s < ps->end && sz_fast_is_alnum(*s))
        s++;
    if (s == name) {
        /* "&" not followed by a name: a literal ampersand. */
        sz_buf_putc(out, '&');
        ps->p++;
        return true;
    }
    if (in_attribute && s < ps->end && *s == '=') {
        sz_buf_append(out, ps->p, (size_t)(s - ps->p));
        ps->p = s;
        return true;
    }
    if (s >= ps->end || *s != ';')
        return false;
    size_t n = (size_t)(s - name);
    size_t lo = 0, hi = sizeof sz_entities / sizeof *sz_entities;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *e = sz_entities[mid].name;
        int cmp = strncmp(e, name, n);
        if (cmp == 0 && e[n] != '\0')
            cmp = 1;
        if (cmp == 0) {
            sz_buf_puts(out, sz_entities[mid].utf8);
            ps->p = s + 1;
            return true;
        }
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* One attribute value, decoded, into `val`. */
static bool attribute_value(sz_fast *ps, sz_buf *val)
{
    val->len = 0;
    if (ps->p < ps->end && (*ps->p == '"' || *ps->p == '\'')) {
        char q = *ps->p++;
        while (ps->p < ps->end && *ps->p != q) {
            char c = *ps->p;
            if (c == '&') {
                if (!sz_fast_char_ref(ps, val, true))
                    return false;
                continue;
            }
            if (c == '\r') {
                sz_buf_putc(val, '\n');
                ps->p += (ps->p + 1 < ps->end && ps->p[1] == '\n') ? 2 : 1;
                continue;
            }
            const char *run = ps->p;
            while (ps->p < ps->end && *ps->p != q && *ps->p != '&' && *ps->p != '\r')
                ps->p++;
            sz_buf_append(val, run, (size_t)(ps->p - run));
        }
        if (ps->p >= ps->end)
            return false;
        ps->p++;
        return true;
    }
    /* Unquoted: stop at whitespace or '>'; the characters the tokenizer
     * flags as errors inside are left to gumbo. */
    while (ps->p < ps->end && !sz_fast_is_space(*ps->p) && *ps->p != '>') {
        char c = *ps->p;
        if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`')
            return false;
        if (c == '&') {
            if (!sz_fast_char_ref(ps, val, true))
                return false;
            continue;
        }
        sz_buf_putc(val, c);
        ps->p++;
    }
    return val->len > 0;
}

static void skip_space(sz_fast *ps)
{
    while (ps->p < ps->end && sz_fast_is_space(*ps->p))
        ps->p++;
}

/* Parses the attributes and the end of a start tag. */
bool sz_fast_attributes(sz_fast *ps, GumboVector *attributes)
{
    sz_buf *val = &ps->value;
    ps->self_closing = false;
    for (;;) {
        skip_space(ps);
        if (ps->p >= ps->end)
            return false;
        if (*ps->p == '>') {
            ps->p++;
            return true;
        }
        if (*ps->p == '/') {
            if (ps->p + 1 < ps->end && ps->p[1] == '>') {
                ps->p += 2;
                ps->self_closing = true;
                return true;
            }
            return false;
        }
        const char *name = ps->p;
        while (ps->p < ps->end && (sz_fast_is_alnum(*ps->p) || *ps->p == '-' || *ps->p == '_' ||
                                   *ps->p == ':' || *ps->p == '.'))
            ps->p++;
        size_t name_len = (size_t)(ps->p - name);
        if (!name_len || name_len > 64 || ps->p >= ps->end ||
            !(sz_fast_is_space(*ps->p) || *ps->p == '=' || *ps->p == '>' || *ps->p == '/'))
            return false;
        skip_space(ps);
        val->len = 0;
        bool has_value = ps->p < ps->end && *ps->p == '=';
        if (has_value) {
            ps->p++;
            skip_space(ps);
            if (!attribute_value(ps, val))
                return false;
            if (ps->p < ps->end && !sz_fast_is_space(*ps->p) && *ps->p != '>' && *ps->p != '/')
                return false;
        }
        if (val->failed || attributes->length >= 64)
            return false;
        char lower[65];
        for (size_t i = 0; i < name_len; i++)
            lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
        lower[name_len] = '\0';
        /* A repeated name: gumbo 0.10.1 drops it but does not reset its name
         * buffer, so the next attribute's name comes out glued to it. Not a
         * shape to imitate: leave the input to gumbo. */
        for (unsigned i = 0; i < attributes->length; i++)
            if (strcmp(((GumboAttribute *)attributes->data[i])->name, lower) == 0)
                return false;
        GumboAttribute *a = sz_fast_alloc(ps, sizeof *a);
        if (!a || !(a->name = sz_fast_copy(ps, lower, name_len)) ||
            !(a->value = sz_fast_copy(ps, val->data ? val->data : "", val->len)) ||
            !sz_fast_vector_add(ps, &(*attributes), a))
            return false;
        a->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
    }
}

/* Whole-input checks: valid UTF-8 without the characters gumbo treats
 * specially (NUL, controls other than whitespace, C1 controls,
 * noncharacters, a leading byte order mark). */
/* Eight bytes at a time: a word of printable ASCII (0x20..0x7E) needs no
 * closer look, and is what most markup is made of. */
static bool printable_ascii_word(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t below_space = (x - ones * 0x20) & ~x;
    uint64_t del = ((x ^ (ones * 0x7F)) - ones) & ~(x ^ (ones * 0x7F));
    return ((x | below_space | del) & highs) == 0;
}

bool sz_fast_plain_characters(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n && printable_ascii_word(u + i)) {
            i += 8;
            continue;
        }
        unsigned char c = u[i];
        if (c < 0x80) {
            if (c < 0x20 ? !(c == '\t' || c == '\n' || c == '\f' || c == '\r') : c == 0x7F)
                return false;
            i++;
            continue;
        }
        size_t len = sz_utf8_valid_prefix(s + i, n - i < 4 ? n - i : 4);
        if (len == 0)
            return false;
        /* The first character only: the prefix may have run on. */
        len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > n || sz_utf8_valid_prefix(s + i, len) != len)
            return false;
        if (c == 0xC2 && u[i + 1] < 0xA0)
            return false; /* U+0080..U+009F */
        if (c == 0xEF && ((u[i + 1] == 0xB7 && u[i + 2] >= 0x90 && u[i + 2] <= 0xAF) ||
                          (u[i + 1] == 0xBF && u[i + 2] >= 0xBE)))
            return false; /* noncharacters */
        if (len == 4 && (u[i + 1] & 0x0F) == 0x0F && u[i + 2] == 0xBF && u[i + 3] >= 0xBE)
            return false;
        i += len;
    }
    return true;
}

