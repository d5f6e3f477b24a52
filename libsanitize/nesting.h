/* Which nestings survive a browser's re-parse.
 *
 * gumbo builds some trees that no serialization re-parses into: a <p> that
 * ends up inside a <p> once a <button> between them is unwrapped, an <li>
 * inside an <li>, an <a> inside an <a>, a <td> whose <tr> was removed. Written
 * out, such a tree would be reshaped by the browser's parser (harmlessly:
 * the elements were allowed), so sanitizing the output again would not give
 * the same bytes. The walk asks here before writing an element and unwraps
 * it when its start tag would make the parser close or move something. */
#ifndef SZ_NESTING_H
#define SZ_NESTING_H

#include <gumbo.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct sz_nesting {
    GumboTag *tags; /* the written elements that are open, innermost last */
    size_t len, cap;
    sz_buf mem;     /* where `tags` live: a scratch buffer of the arena */
} sz_nesting;

void sz_nesting_init(sz_nesting *n, sz_arena *arena);
void sz_nesting_free(sz_nesting *n, sz_arena *arena);

/* True when <tag> can be written inside the open elements and re-parse in
 * place. */
bool sz_nesting_allows(const sz_nesting *n, GumboTag tag);

/* What to do with a table part that is not written (disallowed or
 * misplaced): nothing special outside written tables; inside one, a
 * section, row or column group the parser implies again counts as open
 * (IMPLIED), and a cell or caption goes with its content (DROP), which would
 * otherwise be moved out of the table. */
typedef enum sz_table_part { SZ_PART_NONE, SZ_PART_IMPLIED, SZ_PART_DROP } sz_table_part;
sz_table_part sz_nesting_table_part(const sz_nesting *n, GumboTag tag);

bool sz_nesting_push(sz_nesting *n, GumboTag tag);
void sz_nesting_pop(sz_nesting *n);

#endif
