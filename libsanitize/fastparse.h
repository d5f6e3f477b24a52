/* A fast parser for the markup user content is mostly made of.
 *
 * It builds the same gumbo tree that gumbo 0.10.1 builds for a body
 * fragment — same nodes, tags, attributes, text and end-tag flags — but only
 * for inputs it is certain about: formatting (misnested too, within limits),
 * paragraphs, lists, headings, links, images, tables, attributes, character
 * references; templates and svg/math subtrees, which every policy drops, only
 * as far as where they end. At the first byte it is not certain about it
 * gives up, and the caller parses the whole input with gumbo instead. The
 * sanitizing walk then runs on either tree unchanged, so the output is the
 * same bytes either way; tests/fuzz/fuzz_fastpath.c checks exactly that on
 * every input. */
#ifndef SZ_FASTPARSE_H
#define SZ_FASTPARSE_H

#include <gumbo.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Parses `len` bytes (buf[len] is NUL) into the arena. True with `*root` (a
 * synthetic <html> whose children are the content) when it could; false when
 * gumbo must parse the input. `budget` bounds the arena as the parse would. */
bool sz_fast_parse(sz_arena *arena, const char *buf, size_t len, size_t budget,
                   const GumboNode **root);

#endif
