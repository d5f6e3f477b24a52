/* Splits a style attribute into declarations the way CSS Syntax 3 "parse a
 * list of declarations" does, with its error recovery, so that what we keep
 * lines up with what a browser would have applied. */
#ifndef SZ_CSS_DECLARATIONS_H
#define SZ_CSS_DECLARATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "tokenizer.h"

/* Hostile-input bounds. A declaration deeper or longer than this is dropped
 * whole (no built-in grammar comes close); the parse itself goes on. */
enum { SZ_CSS_MAX_DEPTH = 8, SZ_CSS_MAX_TOKENS = 4096 };

typedef struct sz_css_decl {
    const char *text;          /* base of every token's text */
    const sz_css_token *name;  /* an IDENT */
    const sz_css_token *value; /* no leading/trailing whitespace, no !important */
    size_t nvalue;
    bool important;
} sz_css_decl;

typedef void (*sz_css_decl_fn)(void *ctx, const sz_css_decl *decl);

/* Calls `fn` for every well-formed declaration, in order. Linear time; memory
 * is bounded by the longest declaration. False when an allocation failed. */
bool sz_css_parse_declarations(const char *css, size_t len, sz_css_decl_fn fn, void *ctx);

#endif
