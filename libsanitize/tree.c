#include "tree.h"

#include <string.h>

void sz_tree_init(sz_tree *t, sz_arena *arena)
{
    sz_arena_buf_take(arena, &t->mem);
    t->nodes = (sz_node *)t->mem.data;
    t->count = 0;
}

void sz_tree_free(sz_tree *t, sz_arena *arena)
{
    sz_arena_buf_give(arena, &t->mem);
    t->nodes = NULL;
    t->count = 0;
}

sz_ref sz_tree_add(sz_tree *t)
{
    if (t->count >= UINT32_MAX)
        return 0;
    size_t used = t->count * sizeof *t->nodes;
    if (t->mem.cap - used < sizeof *t->nodes) {
        t->mem.len = used;
        if (!sz_buf_reserve(&t->mem, sizeof *t->nodes))
            return 0;
        t->nodes = (sz_node *)t->mem.data;
    }
    memset(&t->nodes[t->count], 0, sizeof *t->nodes);
    return (sz_ref)t->count++;
}

static const GumboVector *gumbo_children(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    return NULL;
}

/* Copies one gumbo node's own fields (not its children) into r. */
static bool convert_node(sz_tree *t, sz_arena *arena, sz_ref r, const GumboNode *g)
{
    sz_node *n = sz_tree_node(t, r);
    n->type = (uint8_t)g->type;
    n->flags = (uint16_t)g->parse_flags;
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
        const GumboElement *e = &g->v.element;
        n->ns = (uint8_t)e->tag_namespace;
        n->tag = (uint16_t)e->tag;
        if (e->attributes.length || e->tag == GUMBO_TAG_UNKNOWN) {
            sz_element_info *info = sz_arena_alloc(arena, sizeof *info);
            if (!info)
                return false;
            info->attributes = e->attributes;
            info->original_tag = e->original_tag;
            n->info = info;
        }
    } else if (g->type != GUMBO_NODE_DOCUMENT) {
        size_t len = strlen(g->v.text.text);
        if (len > UINT32_MAX)
            return false;
        n->text = g->v.text.text;
        n->text_len = (uint32_t)len;
    }
    return true;
}

/* One open gumbo node during the conversion. */
typedef struct pending {
    const GumboNode *node;
    sz_ref ref;
    unsigned next;   /* index of its next child to convert */
    sz_ref last;     /* its last child converted so far */
} pending;

sanitize_status sz_tree_from_gumbo(sz_tree *t, sz_arena *arena, const GumboNode *root)
{
    sz_buf mem;
    sz_arena_buf_take(arena, &mem);
    sanitize_status st = SANITIZE_ERR_NOMEM;
    size_t depth = 0;
    sz_tree_add(t);
    if (t->count != 1 || !convert_node(t, arena, 0, root) || !sz_buf_reserve(&mem, sizeof(pending)))
        goto done;
    ((pending *)mem.data)[depth++] = (pending){.node = root, .ref = 0};
    while (depth) {
        pending *top = &((pending *)mem.data)[depth - 1];
        const GumboVector *kids = gumbo_children(top->node);
        if (!kids || top->next >= kids->length) {
            depth--;
            continue;
        }
        const GumboNode *child = kids->data[top->next++];
        sz_ref c = sz_tree_add(t);
        if (!c || !convert_node(t, arena, c, child))
            goto done;
        if (top->last)
            sz_tree_node(t, top->last)->next = c;
        else
            sz_tree_node(t, top->ref)->first_child = c;
        top->last = c;
        if (gumbo_children(child)) {
            mem.len = depth * sizeof(pending);
            if (!sz_buf_reserve(&mem, sizeof(pending)))
                goto done;
            ((pending *)mem.data)[depth++] = (pending){.node = child, .ref = c};
        }
    }
    st = SANITIZE_OK;
done:
    sz_arena_buf_give(arena, &mem);
    return st;
}
