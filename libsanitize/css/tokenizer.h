/* A CSS Syntax Level 3 tokenizer (https://www.w3.org/TR/css-syntax-3/#tokenization)
 * for style attribute values, written for hostile input: one pass, constant
 * work per input byte, no recursion. Escapes are decoded and comments are
 * skipped here, so everything downstream judges what a browser would see,
 * never the spelling an attacker chose. */
#ifndef SZ_CSS_TOKENIZER_H
#define SZ_CSS_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>

#include "../buffer.h"

typedef enum sz_css_type {
    SZ_CSS_EOF = 0,
    SZ_CSS_WS,
    SZ_CSS_IDENT,
    SZ_CSS_FUNCTION, /* text: the name, without "(" */
    SZ_CSS_AT,       /* text: the name, without "@" */
    SZ_CSS_HASH,     /* text: the name, without "#" */
    SZ_CSS_STRING,   /* text: the decoded contents */
    SZ_CSS_BAD_STRING,
    SZ_CSS_URL, /* text: the decoded URL of an unquoted url(...) */
    SZ_CSS_BAD_URL,
    SZ_CSS_DELIM, /* text: the code point, UTF-8 */
    SZ_CSS_NUMBER,     /* text: the number as written (ASCII) */
    SZ_CSS_PERCENTAGE, /* text: the number, without "%" */
    SZ_CSS_DIMENSION,  /* text: the number; unit: the decoded unit */
    SZ_CSS_CDO,
    SZ_CSS_CDC,
    SZ_CSS_COLON,
    SZ_CSS_SEMICOLON,
    SZ_CSS_COMMA,
    SZ_CSS_LBRACKET,
    SZ_CSS_RBRACKET,
    SZ_CSS_LPAREN,
    SZ_CSS_RPAREN,
    SZ_CSS_LBRACE,
    SZ_CSS_RBRACE
} sz_css_type;

/* Token text lives in the lexer's scratch buffer (offsets, because the
 * buffer may move as it grows). */
typedef struct sz_css_token {
    sz_css_type type;
    bool integer; /* NUMBER/PERCENTAGE/DIMENSION: no "." and no exponent */
    size_t off, len;           /* text */
    size_t unit_off, unit_len; /* DIMENSION only */
} sz_css_token;

typedef struct sz_css_lexer {
    const unsigned char *s;
    size_t len;
    size_t pos;
    sz_buf *scratch; /* decoded token text is appended here */
} sz_css_lexer;

void sz_css_lexer_init(sz_css_lexer *lx, const char *css, size_t len, sz_buf *scratch);
/* Reads the next token (EOF at the end, forever). */
void sz_css_next(sz_css_lexer *lx, sz_css_token *tok);

#endif
