/* The tree the sanitizing walk reads: what the fast parser builds, and what
 * gumbo's tree is converted to.
 *
 * Why not gumbo's own nodes: a GumboNode is 128 bytes, even for the one
 * character of text in `<div>x`, so deep or dense markup cost 50-100x its
 * size in memory. Here a node is 24 bytes: nodes live in one growable array
 * and refer to each other by index, children as a singly linked list, and
 * only elements with attributes (or an unknown tag) carry a pointer to
 * more. The walk needs nothing else: type, tag, namespace, the parser's
 * flags, attributes, and text. */
#ifndef SZ_TREE_H
#define SZ_TREE_H

#include <gumbo.h>
#include <stdint.h>

#include "arena.h"
#include "buffer.h"
#include "libsanitize.h"

/* A node's index in its tree; 0 (the root, never anyone's child or
 * sibling) means none. */
typedef uint32_t sz_ref;

/* What only some elements have. */
typedef struct sz_element_info {
    GumboVector attributes; /* of GumboAttribute * */
    /* The start tag in the input, to show an unknown element's name. */
    GumboStringPiece original_tag;
} sz_element_info;

typedef struct sz_node {
    uint8_t type;   /* GumboNodeType */
    uint8_t ns;     /* GumboNamespaceEnum (elements) */
    uint16_t tag;   /* GumboTag (elements) */
    uint16_t flags; /* GumboParseFlags */
    sz_ref next;    /* the next sibling */
    union {
        sz_ref first_child; /* elements, the document */
        uint32_t text_len;  /* text, whitespace, comments, CDATA */
    };
    union {
        const sz_element_info *info; /* elements; NULL: no attributes */
        const char *text;            /* text_len bytes, not terminated */
    };
} sz_node;

typedef struct sz_tree {
    sz_node *nodes; /* nodes[0] is the root */
    size_t count;
    sz_buf mem; /* where `nodes` live: a scratch buffer of the arena */
} sz_tree;

/* An empty tree whose array is a scratch buffer of `arena`; give it back
 * with sz_tree_free(). */
void sz_tree_init(sz_tree *t, sz_arena *arena);
void sz_tree_free(sz_tree *t, sz_arena *arena);

/* A new node, zeroed: its index, or 0 when the array cannot grow (out of
 * memory, or 2^32 nodes). The first node, the root, is index 0 itself:
 * check `count` for it. May move the array: pointers into it taken before
 * are stale. */
sz_ref sz_tree_add(sz_tree *t);

static inline sz_node *sz_tree_node(const sz_tree *t, sz_ref r)
{
    return &t->nodes[r];
}

/* gumbo's tree from `root` (its children, and theirs) into `t`, which must
 * be empty. Attribute and text memory stays gumbo's (in the arena). Errors:
 * NOMEM. */
sanitize_status sz_tree_from_gumbo(sz_tree *t, sz_arena *arena, const GumboNode *root);

#endif
