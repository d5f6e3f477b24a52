/* The built-in per-property value checks (the counterpart of bluemonday's
 * css/handlers.go, written from scratch as a table). Each property lists the
 * kinds of component it accepts; a value passes when every component
 * (a token, or a whole function with its arguments) is of an accepted kind
 * and their number and separators fit. The table is looser than the CSS
 * grammars about order, never about what a component may be: every kind is
 * inert on its own, so a mis-ordered value is at worst ignored by the
 * browser. */
#ifndef SZ_CSS_HANDLERS_H
#define SZ_CSS_HANDLERS_H

#include <stdbool.h>
#include <stddef.h>

#include "tokenizer.h"

typedef struct sz_css_prop sz_css_prop;

/* The built-in handler of a property (lower case, vendor prefix already
 * stripped), or NULL when there is none. */
const sz_css_prop *sz_css_prop_lookup(const char *name, size_t len);

/* Checks canonical value tokens (sz_css_value_write accepted them). */
bool sz_css_prop_check(const sz_css_prop *prop, const char *text, const sz_css_token *toks,
                       size_t n);

/* For tests and docs: the i-th known property name, NULL past the end. */
const char *sz_css_prop_name(size_t i);

#endif
