#include "declarations.h"

#include "../alloc.h"

typedef struct parser {
    sz_css_lexer lx;
    sz_buf scratch;
    sz_buf stack; /* closing token type of each open block, one byte each */
    sz_css_token *toks;
    size_t ntoks, cap;
    bool nomem;
} parser;

static sz_css_type closer_of(sz_css_type t)
{
    switch (t) {
    case SZ_CSS_FUNCTION:
    case SZ_CSS_LPAREN: return SZ_CSS_RPAREN;
    case SZ_CSS_LBRACKET: return SZ_CSS_RBRACKET;
    case SZ_CSS_LBRACE: return SZ_CSS_RBRACE;
    default: return SZ_CSS_EOF;
    }
}

/* Keeps the block stack for one token. Returns false for a closer that
 * matches no open block (a stray ")" makes a value invalid). */
static bool track_blocks(parser *ps, const sz_css_token *t)
{
    sz_css_type c = closer_of(t->type);
    if (c != SZ_CSS_EOF) {
        sz_buf_putc(&ps->stack, (char)c);
        return true;
    }
    if (t->type == SZ_CSS_RPAREN || t->type == SZ_CSS_RBRACKET || t->type == SZ_CSS_RBRACE) {
        if (ps->stack.len && (sz_css_type)ps->stack.data[ps->stack.len - 1] == t->type) {
            ps->stack.len--;
            return true;
        }
        return false;
    }
    return true;
}

static bool failed(const parser *ps)
{
    return ps->nomem || ps->scratch.failed || ps->stack.failed;
}

static void push_token(parser *ps, const sz_css_token *t)
{
    if (ps->ntoks == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 32;
        sz_css_token *n = sz_realloc(ps->toks, cap * sizeof *n);
        if (!n) {
            ps->nomem = true;
            return;
        }
        ps->toks = n;
        ps->cap = cap;
    }
    ps->toks[ps->ntoks++] = *t;
}

/* Error recovery: skips component values up to a ";" outside every block
 * (or the end). `t` is the first token to skip. An at-rule also ends after
 * its {} block. */
static void skip_declaration(parser *ps, sz_css_token *t, bool at_rule)
{
    ps->stack.len = 0;
    for (;;) {
        if (t->type == SZ_CSS_EOF || failed(ps))
            return;
        if (t->type == SZ_CSS_SEMICOLON && ps->stack.len == 0)
            return;
        bool was_open = ps->stack.len > 0;
        (void)track_blocks(ps, t);
        if (at_rule && was_open && ps->stack.len == 0 && t->type == SZ_CSS_RBRACE)
            return;
        ps->scratch.len = 0; /* skipped text is never looked at */
        sz_css_next(&ps->lx, t);
    }
}

static bool is_important(const char *s, size_t n)
{
    static const char word[] = "important";
    if (n != sizeof word - 1)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != word[i])
            return false;
    return true;
}

/* Strips surrounding whitespace and a trailing "! important". */
static void finish_value(const char *text, sz_css_token *v, size_t *n, size_t *first,
                         bool *important)
{
    size_t lo = 0, hi = *n;
    *important = false;
    while (hi > lo && v[hi - 1].type == SZ_CSS_WS)
        hi--;
    if (hi > lo && v[hi - 1].type == SZ_CSS_IDENT &&
        is_important(text + v[hi - 1].off, v[hi - 1].len)) {
        size_t k = hi - 1;
        while (k > lo && v[k - 1].type == SZ_CSS_WS)
            k--;
        if (k > lo && v[k - 1].type == SZ_CSS_DELIM && text[v[k - 1].off] == '!') {
            *important = true;
            hi = k - 1;
            while (hi > lo && v[hi - 1].type == SZ_CSS_WS)
                hi--;
        }
    }
    while (lo < hi && v[lo].type == SZ_CSS_WS)
        lo++;
    *first = lo;
    *n = hi - lo;
}

static void parse_declaration(parser *ps, sz_css_token *t, sz_css_decl_fn fn, void *ctx)
{
    sz_css_token name = *t;
    do
        sz_css_next(&ps->lx, t);
    while (t->type == SZ_CSS_WS);
    if (t->type != SZ_CSS_COLON) {
        skip_declaration(ps, t, false);
        return;
    }
    ps->ntoks = 0;
    ps->stack.len = 0;
    bool bad = false;
    for (;;) {
        sz_css_next(&ps->lx, t);
        if (failed(ps))
            return;
        if (t->type == SZ_CSS_EOF)
            break;
        if (t->type == SZ_CSS_SEMICOLON && ps->stack.len == 0)
            break;
        if (!track_blocks(ps, t))
            bad = true;
        if (ps->stack.len > SZ_CSS_MAX_DEPTH)
            bad = true;
        if (bad) {
            /* Keep tracking blocks to find the end, but stop storing. */
            ps->scratch.len = 0;
            continue;
        }
        if (ps->ntoks == SZ_CSS_MAX_TOKENS) {
            bad = true;
            continue;
        }
        push_token(ps, t);
    }
    /* A block still open at the end would swallow what we write after it. */
    if (bad || ps->stack.len != 0 || failed(ps))
        return;
    size_t n = ps->ntoks, first;
    sz_css_decl d;
    finish_value(ps->scratch.data, ps->toks, &n, &first, &d.important);
    if (n == 0)
        return;
    d.text = ps->scratch.data;
    d.name = &name;
    d.value = ps->toks + first;
    d.nvalue = n;
    fn(ctx, &d);
}

bool sz_css_parse_declarations(const char *css, size_t len, sz_css_decl_fn fn, void *ctx)
{
    parser ps = {0};
    sz_buf_init(&ps.scratch);
    sz_buf_init(&ps.stack);
    sz_css_lexer_init(&ps.lx, css, len, &ps.scratch);
    sz_css_token t;
    while (!failed(&ps)) {
        ps.scratch.len = 0; /* token text is only needed within one declaration */
        sz_css_next(&ps.lx, &t);
        if (t.type == SZ_CSS_EOF)
            break;
        if (t.type == SZ_CSS_WS || t.type == SZ_CSS_SEMICOLON)
            continue;
        if (t.type == SZ_CSS_IDENT)
            parse_declaration(&ps, &t, fn, ctx);
        else
            skip_declaration(&ps, &t, t.type == SZ_CSS_AT);
    }
    bool ok = !failed(&ps);
    sz_buf_free(&ps.scratch);
    sz_buf_free(&ps.stack);
    sz_free(ps.toks);
    return ok;
}
