#include "tokenizer.h"

#include <stdint.h>

/* Input preprocessing (CSS Syntax 3.3) is done on the fly: CR and FF count as
 * newlines and NUL reads as U+FFFD, so no copy of the input is made. Bytes
 * from 0x80 up are parts of non-ASCII code points, which are name code
 * points; multi-byte sequences are copied byte by byte. */

static int at(const sz_css_lexer *lx, size_t k)
{
    size_t i = lx->pos + k;
    return i < lx->len ? lx->s[i] : -1;
}

static bool is_newline(int c)
{
    return c == '\n' || c == '\r' || c == '\f';
}

static bool is_ws(int c)
{
    return c == ' ' || c == '\t' || is_newline(c);
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hex_value(int c)
{
    if (is_digit(c))
        return c - '0';
    return (c | 0x20) - 'a' + 10;
}

static bool is_name_start(int c)
{
    /* NUL counts because it becomes U+FFFD. */
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 || c == 0;
}

static bool is_name(int c)
{
    return is_name_start(c) || is_digit(c) || c == '-';
}

static bool is_non_printable(int c)
{
    return (c >= 0 && c <= 8) || c == 0x0b || (c >= 0x0e && c <= 0x1f) || c == 0x7f;
}

static bool valid_escape(const sz_css_lexer *lx, size_t k)
{
    return at(lx, k) == '\\' && !is_newline(at(lx, k + 1));
}

static bool starts_ident(const sz_css_lexer *lx, size_t k)
{
    int c = at(lx, k);
    if (c == '-') {
        int d = at(lx, k + 1);
        return is_name_start(d) || d == '-' || valid_escape(lx, k + 1);
    }
    if (c == '\\')
        return valid_escape(lx, k);
    return c >= 0 && is_name_start(c);
}

static bool starts_number(const sz_css_lexer *lx, size_t k)
{
    int c = at(lx, k);
    if (c == '+' || c == '-') {
        int d = at(lx, k + 1);
        return is_digit(d) || (d == '.' && is_digit(at(lx, k + 2)));
    }
    if (c == '.')
        return is_digit(at(lx, k + 1));
    return is_digit(c);
}

static void put_cp(sz_buf *b, uint32_t cp)
{
    char u[4];
    if (cp < 0x80) {
        sz_buf_putc(b, (char)cp);
        return;
    }
    if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        sz_buf_append(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        sz_buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        sz_buf_append(b, u, 4);
    }
}

/* Copies one input byte as a code point (unit) of decoded text. */
static void put_byte(sz_css_lexer *lx, int c)
{
    if (c == 0)
        put_cp(lx->scratch, 0xfffd);
    else
        sz_buf_putc(lx->scratch, (char)c);
}

/* After the backslash of a valid escape (CSS Syntax 4.3.7). Hex escapes
 * of NUL, surrogates and out-of-range values become U+FFFD, exactly as a
 * browser decodes them, so "\65 xpression" is judged as "expression". */
static void consume_escape(sz_css_lexer *lx)
{
    int c = at(lx, 0);
    if (c < 0) {
        put_cp(lx->scratch, 0xfffd);
        return;
    }
    if (!is_hex(c)) {
        lx->pos++;
        put_byte(lx, c);
        return;
    }
    uint32_t cp = 0;
    for (int i = 0; i < 6 && is_hex(at(lx, 0)); i++) {
        cp = cp * 16 + (uint32_t)hex_value(at(lx, 0));
        lx->pos++;
    }
    if (at(lx, 0) == '\r' && at(lx, 1) == '\n')
        lx->pos += 2;
    else if (is_ws(at(lx, 0)))
        lx->pos++;
    if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        cp = 0xfffd;
    put_cp(lx->scratch, cp);
}

static void consume_name(sz_css_lexer *lx)
{
    for (;;) {
        int c = at(lx, 0);
        if (c >= 0 && is_name(c)) {
            lx->pos++;
            put_byte(lx, c);
        } else if (valid_escape(lx, 0)) {
            lx->pos++;
            consume_escape(lx);
        } else {
            return;
        }
    }
}

static void consume_digits(sz_css_lexer *lx)
{
    while (is_digit(at(lx, 0)))
        sz_buf_putc(lx->scratch, (char)lx->s[lx->pos++]);
}

static void consume_numeric(sz_css_lexer *lx, sz_css_token *tok)
{
    tok->integer = true;
    if (at(lx, 0) == '+' || at(lx, 0) == '-')
        sz_buf_putc(lx->scratch, (char)lx->s[lx->pos++]);
    consume_digits(lx);
    if (at(lx, 0) == '.' && is_digit(at(lx, 1))) {
        tok->integer = false;
        sz_buf_putc(lx->scratch, (char)lx->s[lx->pos++]);
        consume_digits(lx);
    }
    int e = at(lx, 0);
    if ((e == 'e' || e == 'E') &&
        (is_digit(at(lx, 1)) ||
         ((at(lx, 1) == '+' || at(lx, 1) == '-') && is_digit(at(lx, 2))))) {
        tok->integer = false;
        sz_buf_putc(lx->scratch, (char)lx->s[lx->pos++]);
        if (!is_digit(at(lx, 0)))
            sz_buf_putc(lx->scratch, (char)lx->s[lx->pos++]);
        consume_digits(lx);
    }
    tok->len = lx->scratch->len - tok->off;
    if (starts_ident(lx, 0)) {
        tok->type = SZ_CSS_DIMENSION;
        tok->unit_off = lx->scratch->len;
        consume_name(lx);
        tok->unit_len = lx->scratch->len - tok->unit_off;
    } else if (at(lx, 0) == '%') {
        lx->pos++;
        tok->type = SZ_CSS_PERCENTAGE;
    } else {
        tok->type = SZ_CSS_NUMBER;
    }
}

/* The rest of a bad url: up to ")" or the end, escapes skipped so that an
 * escaped ")" does not end it. */
static void consume_bad_url(sz_css_lexer *lx)
{
    size_t mark = lx->scratch->len;
    for (;;) {
        int c = at(lx, 0);
        if (c < 0)
            break;
        if (c == ')') {
            lx->pos++;
            break;
        }
        if (valid_escape(lx, 0)) {
            lx->pos++;
            consume_escape(lx);
            lx->scratch->len = mark; /* decoded only to skip it */
        } else {
            lx->pos++;
        }
    }
}

static void consume_url(sz_css_lexer *lx, sz_css_token *tok)
{
    tok->type = SZ_CSS_URL;
    while (is_ws(at(lx, 0)))
        lx->pos++;
    for (;;) {
        int c = at(lx, 0);
        if (c < 0)
            break;
        if (c == ')') {
            lx->pos++;
            break;
        }
        if (is_ws(c)) {
            while (is_ws(at(lx, 0)))
                lx->pos++;
            if (at(lx, 0) == ')') {
                lx->pos++;
                break;
            }
            if (at(lx, 0) < 0)
                break;
            tok->type = SZ_CSS_BAD_URL;
            consume_bad_url(lx);
            break;
        }
        if (c == '"' || c == '\'' || c == '(' || is_non_printable(c)) {
            tok->type = SZ_CSS_BAD_URL;
            consume_bad_url(lx);
            break;
        }
        if (c == '\\') {
            if (!valid_escape(lx, 0)) {
                tok->type = SZ_CSS_BAD_URL;
                consume_bad_url(lx);
                break;
            }
            lx->pos++;
            consume_escape(lx);
            continue;
        }
        lx->pos++;
        put_byte(lx, c);
    }
    tok->len = lx->scratch->len - tok->off;
}

static bool name_is_url(const sz_css_lexer *lx, const sz_css_token *tok)
{
    const char *n = lx->scratch->data + tok->off;
    return tok->len == 3 && (n[0] | 0x20) == 'u' && (n[1] | 0x20) == 'r' && (n[2] | 0x20) == 'l';
}

static void consume_ident_like(sz_css_lexer *lx, sz_css_token *tok)
{
    consume_name(lx);
    tok->len = lx->scratch->len - tok->off;
    if (at(lx, 0) != '(') {
        tok->type = SZ_CSS_IDENT;
        return;
    }
    lx->pos++;
    tok->type = SZ_CSS_FUNCTION;
    if (lx->scratch->failed || !name_is_url(lx, tok))
        return;
    size_t save = lx->pos;
    while (is_ws(at(lx, 0)))
        lx->pos++;
    if (at(lx, 0) == '"' || at(lx, 0) == '\'') {
        /* url("...") is a function whose argument is a string token. */
        lx->pos = save;
        return;
    }
    tok->off = lx->scratch->len;
    consume_url(lx, tok);
}

static void consume_string(sz_css_lexer *lx, sz_css_token *tok, int quote)
{
    tok->type = SZ_CSS_STRING;
    for (;;) {
        int c = at(lx, 0);
        if (c < 0 || c == quote) {
            if (c >= 0)
                lx->pos++;
            break;
        }
        if (is_newline(c)) {
            tok->type = SZ_CSS_BAD_STRING; /* the newline is left for the next token */
            break;
        }
        lx->pos++;
        if (c == '\\') {
            int d = at(lx, 0);
            if (d < 0)
                continue;
            if (is_newline(d)) {
                lx->pos += (d == '\r' && at(lx, 1) == '\n') ? 2 : 1;
                continue;
            }
            consume_escape(lx);
            continue;
        }
        put_byte(lx, c);
    }
    tok->len = lx->scratch->len - tok->off;
}

void sz_css_lexer_init(sz_css_lexer *lx, const char *css, size_t len, sz_buf *scratch)
{
    lx->s = (const unsigned char *)css;
    lx->len = css ? len : 0;
    lx->pos = 0;
    lx->scratch = scratch;
}

static void delim(sz_css_lexer *lx, sz_css_token *tok, int c)
{
    tok->type = SZ_CSS_DELIM;
    lx->pos++;
    sz_buf_putc(lx->scratch, (char)c);
    tok->len = 1;
}

void sz_css_next(sz_css_lexer *lx, sz_css_token *tok)
{
    /* Comments produce no token (CSS Syntax 4.3.2): skipping them here means
     * a comment inside "expression" splits it into two tokens, as browsers
     * split it, and nothing downstream ever sees a comment. */
    while (at(lx, 0) == '/' && at(lx, 1) == '*') {
        lx->pos += 2;
        while (lx->pos < lx->len && !(at(lx, 0) == '*' && at(lx, 1) == '/'))
            lx->pos++;
        lx->pos = lx->pos < lx->len ? lx->pos + 2 : lx->len;
    }
    tok->integer = false;
    tok->off = lx->scratch->len;
    tok->len = 0;
    tok->unit_off = 0;
    tok->unit_len = 0;
    int c = at(lx, 0);
    if (c < 0) {
        tok->type = SZ_CSS_EOF;
        return;
    }
    if (is_ws(c)) {
        while (is_ws(at(lx, 0)))
            lx->pos++;
        tok->type = SZ_CSS_WS;
        return;
    }
    switch (c) {
    case '"':
    case '\'':
        lx->pos++;
        consume_string(lx, tok, c);
        return;
    case '#':
        if ((at(lx, 1) >= 0 && is_name(at(lx, 1))) || valid_escape(lx, 1)) {
            lx->pos++;
            tok->type = SZ_CSS_HASH;
            consume_name(lx);
            tok->len = lx->scratch->len - tok->off;
            return;
        }
        delim(lx, tok, c);
        return;
    case '(': lx->pos++; tok->type = SZ_CSS_LPAREN; return;
    case ')': lx->pos++; tok->type = SZ_CSS_RPAREN; return;
    case '[': lx->pos++; tok->type = SZ_CSS_LBRACKET; return;
    case ']': lx->pos++; tok->type = SZ_CSS_RBRACKET; return;
    case '{': lx->pos++; tok->type = SZ_CSS_LBRACE; return;
    case '}': lx->pos++; tok->type = SZ_CSS_RBRACE; return;
    case ',': lx->pos++; tok->type = SZ_CSS_COMMA; return;
    case ':': lx->pos++; tok->type = SZ_CSS_COLON; return;
    case ';': lx->pos++; tok->type = SZ_CSS_SEMICOLON; return;
    case '+':
    case '.':
        if (starts_number(lx, 0)) {
            consume_numeric(lx, tok);
            return;
        }
        delim(lx, tok, c);
        return;
    case '-':
        if (starts_number(lx, 0)) {
            consume_numeric(lx, tok);
        } else if (at(lx, 1) == '-' && at(lx, 2) == '>') {
            lx->pos += 3;
            tok->type = SZ_CSS_CDC;
        } else if (starts_ident(lx, 0)) {
            consume_ident_like(lx, tok);
        } else {
            delim(lx, tok, c);
        }
        return;
    case '<':
        if (at(lx, 1) == '!' && at(lx, 2) == '-' && at(lx, 3) == '-') {
            lx->pos += 4;
            tok->type = SZ_CSS_CDO;
            return;
        }
        delim(lx, tok, c);
        return;
    case '@':
        if (starts_ident(lx, 1)) {
            lx->pos++;
            tok->type = SZ_CSS_AT;
            consume_name(lx);
            tok->len = lx->scratch->len - tok->off;
            return;
        }
        delim(lx, tok, c);
        return;
    case '\\':
        if (valid_escape(lx, 0)) {
            consume_ident_like(lx, tok);
            return;
        }
        delim(lx, tok, c);
        return;
    default:
        break;
    }
    if (is_digit(c)) {
        consume_numeric(lx, tok);
        return;
    }
    if (is_name_start(c)) {
        consume_ident_like(lx, tok);
        return;
    }
    delim(lx, tok, c);
}
