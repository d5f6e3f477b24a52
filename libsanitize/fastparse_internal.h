/* Shared by the fast parser's parts: fastparse_lex.c reads character
 * references, attributes and plain text; fastparse.c builds the tree;
 * fastparse_skip.c passes over the subtrees every policy drops. */
#ifndef SZ_FASTPARSE_INTERNAL_H
#define SZ_FASTPARSE_INTERNAL_H

#include <gumbo.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buffer.h"
#include "tree.h"

/* An element on the stack of open elements. */
typedef struct sz_open {
    sz_ref node;
    /* Its last child; 0: none. While an element above it is open, that
     * child is known (it is the element above: nothing else is inserted
     * here meanwhile), so the field holds the sibling before that child
     * instead, which foster parenting inserts after; pop() puts the child
     * back. */
    sz_ref last;
    /* Index of the nearest table-structure element (table, tbody, thead,
     * tfoot, tr, td, th, caption, colgroup) at or below this one, 0 for
     * none: gives the insertion mode in O(1). */
    uint32_t table_ctx;
} sz_open;

typedef struct sz_fast {
    sz_arena *arena;
    sz_tree *tree; /* nodes[0], the root, is a synthetic <html> */
    const char *p, *end;
    size_t budget;
    sz_open *stack; /* open elements, stack[0] is the root */
    size_t depth, cap;
    sz_buf stack_mem; /* where `stack` lives: a scratch buffer of the arena */
    /* The sibling before the node append_child() added last. */
    sz_ref appended_after;
    size_t open_anchors;
    /* How many elements of each tag are open: lets scope searches skip the
     * stack walk when the answer is "none" (deep stacks stay linear). */
    unsigned open_count[GUMBO_TAG_LAST + 1];
    bool eat_newline; /* right after <pre> or <textarea> */
    bool self_closing; /* the last start tag ended with "/>" */
    sz_ref form; /* gumbo's form element pointer; 0: none */
    /* Formatting elements closed while still in gumbo's list of active
     * formatting elements, in list order: the next text or phrasing start
     * tag reconstructs them (clones, opened again). Every other entry of
     * that list is an open element, so the list itself is not kept. */
    sz_ref *pending;
    size_t pending_len, pending_cap;
    /* A formatting element was opened with three of its tag open: gumbo's
     * Noah's Ark clause may have taken one off its list, which then differs
     * from the open elements; from there on nothing becomes pending. */
    bool noahs_ark;
    /* The text node of the last flush_text() while no node has been
     * inserted or popped since (0: none), and the element it went into:
     * gumbo would still hold that text pending (it flushes on insertions
     * and pops, not on tokens it ignores). */
    sz_ref flushed_text, flushed_into;
    /* Stack positions looked at so far: a few per input byte on real
     * markup; past a linear bound the input is left to gumbo, whose parse
     * runs under the CPU deadline. */
    size_t work, work_limit;
    sz_buf text; /* pending character data */
    /* Where in the input the pending text began: when it is still those
     * bytes as they are, its node points there. */
    const char *text_from;
    sz_buf value; /* scratch for attribute values */
} sz_fast;

/* How a start tag is treated in body. */
typedef enum category {
    BAIL,       /* rules we do not reproduce */
    ORDINARY,   /* "any other start tag": insert */
    FORMATTING, /* b big code em font i s small strike strong tt u */
    ANCHOR,     /* a */
    BLOCK,      /* close a <p>, insert */
    HEADING,    /* h1-h6: close a <p>, close a current heading, insert */
    PRE,        /* close a <p>, insert, eat one following newline */
    LIST_ITEM,  /* li */
    DEF_ITEM,   /* dd dt */
    VOID,       /* insert and pop at once */
    RULE,       /* hr: close a <p>, then void */
    RAW_TEXT,   /* style noframes iframe noembed: text up to the end tag */
    SCRIPT,     /* script: raw text, unless it holds "<!--" */
    RCDATA,     /* title, textarea: text with character references */
    XMP,        /* close a <p>, raw text */
    IGNORED,    /* html head body frameset: nothing happens in a body fragment */
    BUTTON,
    RUBY,       /* rb rp rt rtc */
    TABLE,
    TABLE_PART, /* caption colgroup col tbody thead tfoot tr td th */
    FOREIGN,    /* svg math: skipped whole, see foreign() */
    FORM,
    OBJECT,     /* applet marquee object: insert, and a marker in gumbo's list */
    TEMPLATE,   /* template: skipped whole, see template_contents() */
    SELECT,     /* select: skipped whole, see select_contents() */
} category;

category sz_fast_category(GumboTag t);
/* Elements whose content the tokenizer reads as text. */
static inline bool sz_fast_is_raw_text(category c)
{
    return c == RAW_TEXT || c == SCRIPT || c == RCDATA || c == XMP;
}
/* gumbo 0.10.1's "special" category (is_special_node), for the elements that
 * can be open on the fast parser's stack. */
bool sz_fast_is_special(GumboTag t);

typedef enum scope { DEFAULT_SCOPE, BUTTON_SCOPE, LIST_SCOPE, TABLE_SCOPE } scope;
/* Stack index of the element with `tag` if it is in the given scope, else 0. */
size_t sz_fast_in_scope(sz_fast *ps, GumboTag tag, scope s);

/* Subtrees every policy drops whole (fastparse_skip.c): only tokenized, up
 * to where gumbo ends them; ps->p is left after them (or at a token gumbo
 * reads again after closing them). False when unsure. */
bool sz_fast_foreign(sz_fast *ps, GumboTag root, bool in_template);
bool sz_fast_template(sz_fast *ps);
bool sz_fast_select(sz_fast *ps, sz_ref select, bool in_table);
/* Where the text of a raw-text or RCDATA element `name` (script data if
 * `is_script`) that starts at ps->p ends: *close at the '<' of its end tag
 * `</name>` (spaces allowed before '>') and *gt at that '>'; without an end
 * tag the text runs to the end of the input (*close = ps->end, *gt = NULL).
 * False for an end tag not read here: with attributes, or `</name` followed
 * by more of a name. */
bool sz_fast_raw_text_end(const sz_fast *ps, const char *name, bool is_script,
                          const char **close, const char **gt);
/* The "--" that ends a plain comment whose text starts at `start`. */
const char *sz_fast_plain_comment_end(const sz_fast *ps, const char *start);

bool sz_fast_is_alpha(char c);
/* Characters accepted in tag names here (the tokenizer takes more; those
 * go to gumbo). */
bool sz_fast_is_name_char(char c);
bool sz_fast_is_alnum(char c);
bool sz_fast_is_space(char c);
void *sz_fast_alloc(sz_fast *ps, size_t n);
/* Whether the memory this parse took is past its budget. */
bool sz_fast_over_budget(const sz_fast *ps);
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
