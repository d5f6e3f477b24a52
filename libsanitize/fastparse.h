/* A fast parser for the markup user content is mostly made of.
 *
 * It builds the tree (tree.h) that gumbo 0.10.1's tree for a body fragment
 * converts to — same nodes, tags, attributes, text and end-tag flags — but only
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
#include "tree.h"

/* Parses `len` bytes (buf[len] is NUL) into `tree`, which must be empty
 * (text and attributes go to the arena). True when it could: the root is a
 * synthetic <html> whose children are the content. False when gumbo must
 * parse the input; the tree then holds a partial parse. `budget` bounds the
 * memory taken (the arena's chunks, the tree and the stack of open
 * elements) as the parse would. */
bool sz_fast_parse(sz_arena *arena, const char *buf, size_t len, size_t budget, sz_tree *tree);

#endif
