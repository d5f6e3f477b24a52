/* A reader for the attack corpus (one JSON object per line): it extracts one
 * top-level string field, with JSON string unescaping (\uXXXX and surrogate
 * pairs included). Enough JSON to skip any other value; not a general
 * parser. Header-only so each test program stays one file. */
#ifndef SZ_TEST_JSONL_H
#define SZ_TEST_JSONL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *data;
    size_t len, cap;
} jbuf;

static int jbuf_put(jbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

static const char *json_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

static int hex4(const char *p, const char *end, unsigned *out)
{
    unsigned v = 0;
    if (end - p < 4)
        return -1;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static void utf8_put(jbuf *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 63)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 63));
        u[2] = (char)(0x80 | (cp & 63)); n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 63));
        u[2] = (char)(0x80 | ((cp >> 6) & 63)); u[3] = (char)(0x80 | (cp & 63)); n = 4;
    }
    jbuf_put(b, u, n);
}

/* Parses the string starting at the opening quote *p; decodes it into `out`
 * when out is not NULL. Returns the position after the closing quote, or
 * NULL on a syntax error. A lone surrogate becomes U+FFFD, as in browsers'
 * USVString conversion. */
static const char *json_string(const char *p, const char *end, jbuf *out)
{
    if (p >= end || *p != '"')
        return NULL;
    p++;
    while (p < end && *p != '"') {
        const char *run = p;
        while (p < end && *p != '"' && *p != '\\')
            p++;
        if (out)
            jbuf_put(out, run, (size_t)(p - run));
        if (p >= end || *p == '"')
            break;
        if (++p >= end)
            return NULL;
        char c = *p++;
        char lit;
        switch (c) {
        case '"': lit = '"'; break;
        case '\\': lit = '\\'; break;
        case '/': lit = '/'; break;
        case 'b': lit = '\b'; break;
        case 'f': lit = '\f'; break;
        case 'n': lit = '\n'; break;
        case 'r': lit = '\r'; break;
        case 't': lit = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (hex4(p, end, &cp))
                return NULL;
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
                !hex4(p + 2, end, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            if (out)
                utf8_put(out, cp);
            continue;
        }
        default:
            return NULL;
        }
        if (out)
            jbuf_put(out, &lit, 1);
    }
    return p < end ? p + 1 : NULL;
}

/* Skips one JSON value. Nesting is counted, not recursed into. */
static const char *json_skip(const char *p, const char *end)
{
    int depth = 0;
    do {
        p = json_ws(p, end);
        if (p >= end)
            return NULL;
        if (*p == '"') {
            if (!(p = json_string(p, end, NULL)))
                return NULL;
        } else if (*p == '{' || *p == '[') {
            depth++;
            p++;
        } else if (*p == '}' || *p == ']') {
            depth--;
            p++;
        } else if (*p == ',' || *p == ':') {
            p++;
        } else {
            while (p < end && !strchr(",}] \t\r\n", *p))
                p++;
        }
    } while (depth > 0);
    return p;
}

/* Finds the top-level string field `key` of the object on one line and
 * decodes it into `out` (reset first). Returns 0, or -1 when it is absent
 * or the line is not an object. */
static int json_field(const char *line, size_t n, const char *key, jbuf *out)
{
    const char *p = json_ws(line, line + n), *end = line + n;
    jbuf name = {0};
    out->len = 0;
    jbuf_put(out, "", 0);
    if (p >= end || *p != '{')
        return -1;
    p++;
    int rc = -1;
    for (;;) {
        p = json_ws(p, end);
        if (p >= end || *p == '}')
            break;
        name.len = 0;
        if (!(p = json_string(p, end, &name)))
            break;
        p = json_ws(p, end);
        if (p >= end || *p != ':')
            break;
        p = json_ws(p + 1, end);
        if (name.data && strcmp(name.data, key) == 0 && p < end && *p == '"') {
            rc = json_string(p, end, out) ? 0 : -1;
            break;
        }
        if (!(p = json_skip(p, end)))
            break;
        p = json_ws(p, end);
        if (p < end && *p == ',')
            p++;
    }
    free(name.data);
    return rc;
}

#endif
