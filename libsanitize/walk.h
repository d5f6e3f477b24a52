/* The sanitizing tree walk: decides every node against the policy and
 * serializes what is kept, in one iterative pass (explicit stack: trees can
 * be a million levels deep). */
#ifndef SZ_WALK_H
#define SZ_WALK_H

#include <gumbo.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "buffer.h"
#include "nesting.h"
#include "policy.h"
#include "tree.h"

typedef struct sz_walk {
    const sanitize_policy *policy;
    sz_arena *arena; /* lends the scratch buffers */
    sz_buf *out;
    /* The buffer gumbo parsed: names of unknown elements are read from it,
     * bounds-checked, only to show them as text in ESCAPE mode. */
    const char *input;
    size_t input_len;
    sz_deadline *deadline; /* NULL: none */
    /* Identity mode serializes the tree as it is, for the round-trip check;
     * `mismatch` is set when the tree holds something the sanitizer never
     * writes (foreign or unknown elements, templates). */
    bool identity;
    bool mismatch;
    bool nomem; /* a scratch buffer could not grow */
    size_t newline_at; /* output length right after <pre> and friends */
    /* Scratch space reused from element to element (and, kept by the
     * arena, from document to document). */
    sz_buf attrs;
    sz_buf value;
    sz_buf scratch;
    sz_buf url_clean; /* a URL as the browser's URL parser reads it */
    sz_buf rel;
    sanitize_value_sink sink;
    /* The elements written and still open, for sz_nesting_allows(). */
    sz_nesting open;
} sz_walk;

/* The scratch buffers come from `arena`, and sz_walk_free() gives them back. */
void sz_walk_init(sz_walk *w, const sanitize_policy *policy, sz_arena *arena, sz_buf *out);
void sz_walk_free(sz_walk *w);

/* Walks the children of the tree's root. Errors: NOMEM, DEADLINE. */
sanitize_status sz_walk_tree(sz_walk *w, const sz_tree *tree);

/* Filters the attributes of an allowed element into w->attrs (serialized,
 * each with its leading space). Returns how many input attributes survived
 * (forced and link attributes are added but not counted). */
size_t sz_filter_attributes(sz_walk *w, int tag, const char *tagname, const GumboVector *attrs);

/* Writes ` name="escaped value"`. */
void sz_write_attribute(sz_buf *out, const char *name, size_t name_len, const char *value,
                        size_t value_len);

#endif
