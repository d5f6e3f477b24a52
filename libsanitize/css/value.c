#include "value.h"

#include <string.h>

bool sz_css_ieq(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n; i++) {
        char a = s[i], b = word[i];
        if (b == '\0')
            return false;
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != b)
            return false;
    }
    return word[i] == '\0';
}

/* ASCII case-insensitive: does `s` start with the lower-case `prefix`? */
static bool iprefix(const char *s, const char *prefix, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != prefix[i])
            return false;
    }
    return true;
}

/* bluemonday's list. */
static const struct {
    const char *text;
    size_t len;
} vendor_prefixes[] = {
    {"-webkit-", 8}, {"-moz-", 5}, {"-ms-", 4},   {"-o-", 3},   {"mso-", 4},
    {"-xv-", 4},     {"-atsc-", 6}, {"-wap-", 5}, {"-khtml-", 7}, {"prince-", 7},
    {"-ah-", 4},     {"-hp-", 4},   {"-ro-", 4},  {"-rim-", 5},  {"-tc-", 4},
};

const char *sz_css_strip_vendor(const char *name, size_t *len)
{
    /* Every prefix starts with one of these: most names leave at once. */
    if (*len == 0 || (name[0] != '-' && name[0] != 'm' && name[0] != 'p'))
        return name;
    for (size_t i = 0; i < sizeof vendor_prefixes / sizeof *vendor_prefixes; i++) {
        size_t p = vendor_prefixes[i].len;
        if (*len > p && iprefix(name, vendor_prefixes[i].text, p)) {
            *len -= p;
            return name + p;
        }
    }
    return name;
}

/* Well-formed UTF-8 only (no overlongs, surrogates or values past U+10FFFF):
 * anything else could be read differently by the next consumer. */
static bool utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k;
        unsigned min;
        unsigned cp;
        if (c >= 0xc2 && c <= 0xdf) {
            k = 1, min = 0x80, cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            k = 2, min = 0x800, cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            k = 3, min = 0x10000, cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i <= k)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + j] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        i += k + 1;
    }
    return true;
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static bool name_char(unsigned char c)
{
    return is_alpha(c) || is_digit(c) || c == '_' || c == '-' || c >= 0x80;
}

/* True when (s, n) re-tokenizes as the same identifier without escapes. */
static bool ident_ok(const char *text, size_t off, size_t n)
{
    const unsigned char *s = (const unsigned char *)text + off;
    if (n == 0)
        return false;
    size_t i = 0;
    if (s[0] == '-') {
        if (n == 1)
            return false;
        i = 1;
    }
    if (!(is_alpha(s[i]) || s[i] == '_' || s[i] >= 0x80 || s[i] == '-'))
        return false;
    for (; i < n; i++)
        if (!name_char(s[i]))
            return false;
    return utf8_ok(s, n);
}

static bool hash_ok(const char *text, size_t off, size_t n)
{
    const unsigned char *s = (const unsigned char *)text + off;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!name_char(s[i]))
            return false;
    return utf8_ok(s, n);
}

/* A unit like "e3" would read back as an exponent: "1" "e3" -> 1e3. */
static bool unit_ok(const char *text, size_t off, size_t n)
{
    const char *u = text + off;
    if (n >= 2 && (u[0] == 'e' || u[0] == 'E') &&
        (is_digit((unsigned char)u[1]) ||
         ((u[1] == '-' || u[1] == '+') && n >= 3 && is_digit((unsigned char)u[2]))))
        return false;
    return ident_ok(text, off, n);
}

static bool string_ok(const char *s, size_t n, bool url)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || c == '\'' || c == '"' || c == '\\' || c == '<' ||
            c == '>' || c == ';' || c == '{' || c == '}')
            return false;
        if (url && (c == ' ' || c == '(' || c == ')'))
            return false;
    }
    return utf8_ok((const unsigned char *)s, n);
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* Does the lower-case word occur in (s, n), ignoring ASCII case? */
static bool contains_word(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++) {
        size_t j = 0;
        while (j < m && ascii_lower(s[i + j]) == w[j])
            j++;
        if (j == m)
            return true;
    }
    return false;
}

/* Functions that load resources or pull in values we cannot see. A name
 * that merely contains one of these words is refused too: that covers
 * vendor prefixes and whatever variant a browser may add, and no function
 * worth keeping has such a name. url() and src() are handled before this. */
static bool function_denied(const char *name, size_t n)
{
    static const char *const denied[] = {
        "expression", "image", "cross-fade", "element", "paint", "canvas",
        "var",        "env",   "attr",       "url",     "src",
    };
    for (size_t i = 0; i < sizeof denied / sizeof *denied; i++)
        if (contains_word(name, n, denied[i]))
            return true;
    return false;
}

static bool write_url(const char *u, size_t n, const sz_css_urls *urls, sz_buf *out)
{
    if (!urls || !urls->allow_urls || !urls->check)
        return false;
    while (n && (u[0] == ' ' || u[0] == '\t' || u[0] == '\n' || u[0] == '\r' || u[0] == '\f'))
        u++, n--;
    while (n && (u[n - 1] == ' ' || u[n - 1] == '\t' || u[n - 1] == '\n' || u[n - 1] == '\r' ||
                 u[n - 1] == '\f'))
        n--;
    if (n == 0 || !string_ok(u, n, true) || !urls->check(urls->ctx, u, n))
        return false;
    sz_buf_puts(out, "url('");
    sz_buf_append(out, u, n);
    sz_buf_puts(out, "')");
    return true;
}

static bool delim_ok(char c)
{
    return c == '/' || c == '+' || c == '-' || c == '*' || c == '.';
}

static bool is_delim(const char *text, const sz_css_token *t, char c)
{
    return t->type == SZ_CSS_DELIM && text[t->off] == c;
}

static bool wordlike(sz_css_type t)
{
    return t == SZ_CSS_NUMBER || t == SZ_CSS_PERCENTAGE || t == SZ_CSS_DIMENSION ||
           t == SZ_CSS_IDENT || t == SZ_CSS_HASH;
}

/* Whether `cur` may follow `prev` with no space between them and still read
 * back as the same two tokens. Everything not listed gets a space. */
static bool may_glue(const char *text, const sz_css_token *prev, const sz_css_token *cur)
{
    switch (prev->type) {
    case SZ_CSS_COMMA:
    case SZ_CSS_RPAREN:
    case SZ_CSS_RBRACKET:
    case SZ_CSS_STRING:
    case SZ_CSS_URL:
        return true;
    default:
        break;
    }
    if (is_delim(text, prev, '/'))
        return wordlike(cur->type) || cur->type == SZ_CSS_FUNCTION;
    if (is_delim(text, cur, '/'))
        return wordlike(prev->type);
    return false;
}

static bool opener(sz_css_type t)
{
    return t == SZ_CSS_FUNCTION || t == SZ_CSS_LPAREN || t == SZ_CSS_LBRACKET;
}

static bool tight_before(sz_css_type t)
{
    return t == SZ_CSS_RPAREN || t == SZ_CSS_RBRACKET || t == SZ_CSS_COMMA;
}

/* Does the lower-case word start at s[i]? */
static bool word_at(const char *s, size_t n, size_t i, const char *w)
{
    for (; *w; w++, i++)
        if (i >= n || ascii_lower(s[i]) != *w)
            return false;
    return true;
}

/* The final screen over what we wrote: one pass, looking for the words
 * only where their first letter is. It can only refuse. */
static bool screen(const char *s, size_t n, bool urls)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ascii_lower(s[i]);
        if (c < 0x20 || c == 0x7f)
            return false;
        switch (c) {
        case '"': case '<': case '>': case ';': case '{': case '}': case '\\':
            return false;
        case '/':
            if (word_at(s, n, i, "/*"))
                return false;
            break;
        case '*':
            if (word_at(s, n, i, "*/"))
                return false;
            break;
        case '-':
            if (word_at(s, n, i, "-->"))
                return false;
            break;
        case '@':
            if (word_at(s, n, i, "@import"))
                return false;
            break;
        case 'b':
            if (word_at(s, n, i, "behavior") || word_at(s, n, i, "behaviour") ||
                word_at(s, n, i, "binding"))
                return false;
            break;
        case 'e':
            if (word_at(s, n, i, "expression"))
                return false;
            break;
        case 'j':
            if (word_at(s, n, i, "javascript"))
                return false;
            break;
        case 'v':
            if (word_at(s, n, i, "vbscript"))
                return false;
            break;
        case 's':
            if (!urls && word_at(s, n, i, "src("))
                return false;
            break;
        case 'u':
            if (!urls && word_at(s, n, i, "url("))
                return false;
            break;
        default:
            break;
        }
    }
    return true;
}

/* url("...") and src("...") arrive as a function whose only argument is a
 * string; *i is on the function token and moves to its ")". */
static bool write_url_function(const char *text, const sz_css_token *toks, size_t n, size_t *i,
                               const sz_css_urls *urls, sz_buf *out)
{
    size_t k = *i + 1;
    while (k < n && toks[k].type == SZ_CSS_WS)
        k++;
    if (k >= n || toks[k].type != SZ_CSS_STRING)
        return false;
    const sz_css_token *str = &toks[k++];
    while (k < n && toks[k].type == SZ_CSS_WS)
        k++;
    if (k >= n || toks[k].type != SZ_CSS_RPAREN)
        return false;
    *i = k;
    return write_url(text + str->off, str->len, urls, out);
}

bool sz_css_value_write(const char *text, const sz_css_token *toks, size_t n,
                        const sz_css_urls *urls, sz_buf *out)
{
    size_t start = out->len;
    const sz_css_token *prev = NULL;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        const sz_css_token *t = &toks[i];
        if (t->type == SZ_CSS_WS) {
            space = true;
            continue;
        }
        if (prev && !opener(prev->type) && !tight_before(t->type) &&
            (space || !may_glue(text, prev, t)))
            sz_buf_putc(out, ' ');
        space = false;
        const sz_css_token *written = t;
        switch (t->type) {
        case SZ_CSS_IDENT:
            if (!ident_ok(text, t->off, t->len))
                return false;
            sz_buf_append(out, text + t->off, t->len);
            break;
        case SZ_CSS_FUNCTION:
            if (!ident_ok(text, t->off, t->len))
                return false;
            if (sz_css_ieq(text + t->off, t->len, "url") ||
                sz_css_ieq(text + t->off, t->len, "src")) {
                if (!write_url_function(text, toks, n, &i, urls, out))
                    return false;
                written = &toks[i]; /* the ")" */
                break;
            }
            if (function_denied(text + t->off, t->len))
                return false;
            sz_buf_append(out, text + t->off, t->len);
            sz_buf_putc(out, '(');
            break;
        case SZ_CSS_HASH:
            if (!hash_ok(text, t->off, t->len))
                return false;
            sz_buf_putc(out, '#');
            sz_buf_append(out, text + t->off, t->len);
            break;
        case SZ_CSS_STRING:
            if (!string_ok(text + t->off, t->len, false))
                return false;
            sz_buf_putc(out, '\'');
            sz_buf_append(out, text + t->off, t->len);
            sz_buf_putc(out, '\'');
            break;
        case SZ_CSS_URL:
            if (!write_url(text + t->off, t->len, urls, out))
                return false;
            break;
        case SZ_CSS_DELIM:
            if (t->len != 1 || !delim_ok(text[t->off]))
                return false;
            sz_buf_putc(out, text[t->off]);
            break;
        case SZ_CSS_NUMBER:
            sz_buf_append(out, text + t->off, t->len);
            break;
        case SZ_CSS_PERCENTAGE:
            sz_buf_append(out, text + t->off, t->len);
            sz_buf_putc(out, '%');
            break;
        case SZ_CSS_DIMENSION:
            if (!unit_ok(text, t->unit_off, t->unit_len))
                return false;
            sz_buf_append(out, text + t->off, t->len);
            sz_buf_append(out, text + t->unit_off, t->unit_len);
            break;
        case SZ_CSS_COMMA: sz_buf_putc(out, ','); break;
        case SZ_CSS_LPAREN: sz_buf_putc(out, '('); break;
        case SZ_CSS_RPAREN: sz_buf_putc(out, ')'); break;
        case SZ_CSS_LBRACKET: sz_buf_putc(out, '['); break;
        case SZ_CSS_RBRACKET: sz_buf_putc(out, ']'); break;
        default:
            /* at-keywords, bad strings/urls, CDO/CDC, ":" ";" "{" "}" */
            return false;
        }
        prev = written;
    }
    if (out->failed || out->len == start)
        return false;
    return screen(out->data + start, out->len - start, urls && urls->allow_urls);
}
