/* Writes a declaration's value back out in one canonical, inert spelling, or
 * refuses it. Everything that could change the meaning of the surrounding
 * attribute or smuggle behaviour into CSS is refused here, whatever rule
 * allows the property: this is the last line, not the policy. */
#ifndef SZ_CSS_VALUE_H
#define SZ_CSS_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "../buffer.h"
#include "style_rules.h"
#include "tokenizer.h"

/* Appends the canonical form of the value tokens to `out` and returns true,
 * or returns false (leaving `out` with junk past its old length for the
 * caller to cut) when the value holds anything unsafe:
 * - at-keywords, CDO/CDC, {} blocks, ":" and ";", bad strings and bad urls,
 *   delimiters other than / + - * . ;
 * - identifiers, units or hashes that could only be written with escapes;
 * - strings with quotes, backslashes, < > ; { } or control characters;
 * - url()/src() unless `urls` allows URLs and its check accepts the URL;
 * - functions that fetch or substitute: any whose name contains image,
 *   cross-fade, element, paint, canvas, var, env, attr, expression, url or
 *   src (any case; so image-set, -webkit-image-set...), other than url()
 *   and src() themselves;
 * - after all that, any trace of expression, javascript, vbscript, behavior,
 *   binding or @import in the result (defence in depth).
 * Strings come out single-quoted, url() as url('...'), whitespace as one
 * space (none after "(" "[" or before ")" "]" ","), and a space wherever two
 * tokens that a comment kept apart would otherwise run together. */
bool sz_css_value_write(const char *text, const sz_css_token *toks, size_t n,
                        const sz_css_urls *urls, sz_buf *out);

/* ASCII case-insensitive comparison of (s, n) with a NUL-terminated word. */
bool sz_css_ieq(const char *s, size_t n, const char *word);

/* The name with any vendor prefix (-webkit-, -moz-, -ms-, -o-, mso-, ...;
 * ASCII case-insensitive) removed, as bluemonday strips them before the
 * handler lookup. */
const char *sz_css_strip_vendor(const char *name, size_t *len);

#endif
