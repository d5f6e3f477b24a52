/* Shared by the fast parser's two halves: fastparse_lex.c reads character
 * references, attributes and plain text; fastparse.c builds the tree. */
#ifndef SZ_FASTPARSE_INTERNAL_H
#define SZ_FASTPARSE_INTERNAL_H

#include <gumbo.h>
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buffer.h"

typedef struct sz_fast {
    sz_arena *arena;
    const char *p, *end;
    size_t budget;
    GumboNode *root;
    GumboNode **stack; /* open elements, stack[0] is the root */
    /* table_ctx[i]: index of the nearest table-structure element (table,
     * tbody, thead, tfoot, tr, td, th, caption, colgroup) at or below i, 0
     * for none: gives the insertion mode in O(1). */
    size_t *table_ctx;
    size_t depth, cap;
    size_t open_anchors;
    /* How many elements of each tag are open: lets scope searches skip the
     * stack walk when the answer is "none" (deep stacks stay linear). */
    unsigned open_count[GUMBO_TAG_LAST + 1];
    bool eat_newline; /* right after <pre> or <textarea> */
    bool self_closing; /* the last start tag ended with "/>" */
    GumboNode *form; /* gumbo's form element pointer */
    /* Formatting elements closed while still in gumbo's list of active
     * formatting elements, in list order: the next text or phrasing start
     * tag reconstructs them (clones, opened again). Every other entry of
     * that list is an open element, so the list itself is not kept. */
    GumboNode **pending;
    size_t pending_len, pending_cap;
    /* A formatting element was opened with three of its tag open: gumbo's
     * Noah's Ark clause may have taken one off its list, which then differs
     * from the open elements; from there on nothing becomes pending. */
    bool noahs_ark;
    /* The text node of the last flush_text() while no node has been
     * inserted or popped since: gumbo would still hold that text pending
     * (it flushes on insertions and pops, not on tokens it ignores). */
    GumboNode *flushed_text;
    /* Stack positions looked at so far: a few per input byte on real
     * markup; past a linear bound the input is left to gumbo, whose parse
     * runs under the CPU deadline. */
    size_t work, work_limit;
    sz_buf text; /* pending character data */
    sz_buf value; /* scratch for attribute values */
} sz_fast;

bool sz_fast_is_alpha(char c);
bool sz_fast_is_alnum(char c);
bool sz_fast_is_space(char c);
void *sz_fast_alloc(sz_fast *ps, size_t n);
char *sz_fast_copy(sz_fast *ps, const char *s, size_t n);
bool sz_fast_vector_add(sz_fast *ps, GumboVector *v, void *item);

/* A character reference at ps->p ('&') decoded into `out`; false when it is
 * one gumbo must handle. */
bool sz_fast_char_ref(sz_fast *ps, sz_buf *out, bool in_attribute);
/* The attributes and the end of a start tag, into `attributes`. */
bool sz_fast_attributes(sz_fast *ps, GumboVector *attributes);
/* Valid UTF-8 without the characters gumbo treats specially. */
bool sz_fast_plain_characters(const char *s, size_t n);

#endif
