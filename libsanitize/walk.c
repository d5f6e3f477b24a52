#include "walk.h"

#include <string.h>

#include "arena.h"
#include "escape.h"

/* What happens to an element. */
typedef enum action {
    EMIT,    /* tags and content */
    EMIT_EMPTY, /* tags only: iframe, whose content is never rendered */
    UNWRAP,  /* content only */
    DROP,    /* nothing */
    ESCAPE,  /* tags as text, then content */
} action;

/* What to write when a frame's children are done. */
typedef enum closing {
    CLOSE_NOTHING,
    CLOSE_TAG,
    CLOSE_ESCAPED,
    CLOSE_SPACE,
} closing;

typedef struct frame {
    sz_ref node;
    sz_ref next;       /* the next child to visit */
    uint8_t closing;
    bool raw_text;     /* children are written unescaped (script/style, unsafe) */
    bool counts_depth; /* an element we wrote, for the depth limit */
    bool virtual_element; /* not written, but in the nesting (implied again) */
} frame;

enum { DEADLINE_EVERY = 4096 };

void sz_walk_init(sz_walk *w, const sanitize_policy *policy, sz_arena *arena, sz_buf *out)
{
    memset(w, 0, sizeof *w);
    w->newline_at = SIZE_MAX;
    w->policy = policy;
    w->arena = arena;
    w->out = out;
    sz_arena_buf_take(arena, &w->attrs);
    sz_arena_buf_take(arena, &w->value);
    sz_arena_buf_take(arena, &w->scratch);
    sz_arena_buf_take(arena, &w->url_clean);
    sz_arena_buf_take(arena, &w->rel);
    sz_arena_buf_take(arena, &w->sink.value);
    sz_nesting_init(&w->open, arena);
}

void sz_walk_free(sz_walk *w)
{
    sz_nesting_free(&w->open, w->arena);
    sz_arena_buf_give(w->arena, &w->sink.value);
    sz_arena_buf_give(w->arena, &w->rel);
    sz_arena_buf_give(w->arena, &w->url_clean);
    sz_arena_buf_give(w->arena, &w->scratch);
    sz_arena_buf_give(w->arena, &w->value);
    sz_arena_buf_give(w->arena, &w->attrs);
}

static bool is_void(int tag)
{
    switch (tag) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND: case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FRAME: case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KEYGEN: case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
        return true;
    default:
        return false;
    }
}

static bool is_raw_text(int tag)
{
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE;
}

/* The name of an element gumbo does not know, from the source text: gumbo
 * 0.10.1 gives none, and its own gumbo_tag_from_original_text() is wrong
 * (`<script\v>`). Read only for ESCAPE mode, where the name is shown as
 * escaped text, and only after checking that the slice lies inside the
 * buffer we parsed (original_* lengths can be garbage, see
 * docs/security.md). The tag name ends as the tokenizer ends it. */
static size_t unknown_name(const sz_walk *w, const sz_node *e, const char **name)
{
    const char *s = e->info ? e->info->original_tag.data : NULL;
    size_t n = e->info ? e->info->original_tag.length : 0;
    *name = "";
    if (!s || s < w->input || n > w->input_len || (size_t)(s - w->input) > w->input_len - n ||
        n < 2 || s[0] != '<')
        return 0;
    size_t i = 1;
    while (i < n && s[i] != '\t' && s[i] != '\n' && s[i] != '\f' && s[i] != '\r' &&
           s[i] != ' ' && s[i] != '/' && s[i] != '>')
        i++;
    *name = s + 1;
    return i - 1;
}

static void write_space_if(sz_walk *w, bool cond)
{
    if (cond && sz_flag(w->policy, SANITIZE_FLAG_SPACE_WHEN_STRIPPING))
        sz_buf_putc(w->out, ' ');
}

/* `<name attr="v">` shown as text: every attribute, nothing filtered, since
 * none of it is markup any more. */
static void write_escaped_start(sz_walk *w, const GumboVector *attrs, const char *name,
                                size_t name_len)
{
    sz_buf *s = &w->scratch;
    s->len = 0;
    sz_buf_putc(s, '<');
    sz_buf_append(s, name, name_len);
    for (unsigned i = 0; i < attrs->length; i++) {
        const GumboAttribute *a = attrs->data[i];
        sz_buf_putc(s, ' ');
        sz_buf_puts(s, a->name);
        if (*a->value) {
            sz_buf_append(s, "=\"", 2);
            sz_buf_puts(s, a->value);
            sz_buf_putc(s, '"');
        }
    }
    sz_buf_putc(s, '>');
    sz_escape_text(w->out, s->data ? s->data : "", s->len);
}

/* Comments are written only when nothing in them can end them early, open
 * another construct, or be read by old IE as a conditional comment. */
static bool comment_is_safe(const char *t, size_t n)
{
    if (n && (t[0] == '>' || t[0] == '-' || t[n - 1] == '-'))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == '<' || c == '>' || (c == '-' && i + 1 < n && t[i + 1] == '-'))
            return false;
        if (c == '[' && i + 2 < n && (t[i + 1] | 32) == 'i' && (t[i + 2] | 32) == 'f')
            return false;
        if (c == '[' && i + 5 < n && strncmp(t + i + 1, "endif", 5) == 0)
            return false;
    }
    return true;
}

static action decide(sz_walk *w, const sz_node *node, int *tag_out)
{
    const sanitize_policy *p = w->policy;
    int tag = (int)node->tag;
    *tag_out = tag;
    if (node->type == GUMBO_NODE_TEMPLATE || node->ns != GUMBO_NAMESPACE_HTML ||
        tag < 0 || tag >= SZ_TAG_COUNT) {
        w->mismatch = true;
        return DROP;
    }
    if (w->identity) {
        /* In a whole document the parser implies html, head and body; they
         * were not written unless the policy allows them. */
        if ((node->flags & GUMBO_INSERTION_IMPLIED) && tag != GUMBO_TAG_UNKNOWN &&
            !p->allowed[tag])
            return UNWRAP;
        if (tag == GUMBO_TAG_UNKNOWN)
            w->mismatch = true;
        return tag == GUMBO_TAG_UNKNOWN ? DROP : EMIT;
    }
    if (sz_element_never_allowed(tag))
        return DROP;
    bool allowed = tag != GUMBO_TAG_UNKNOWN && p->allowed[tag] &&
                   (!sz_element_needs_unsafe(tag) || sz_flag(p, SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE));
    if (allowed)
        return tag == GUMBO_TAG_IFRAME ? EMIT_EMPTY : EMIT;
    uint8_t d = tag == GUMBO_TAG_UNKNOWN ? SZ_DISPOSITION_UNSET : p->disposition[tag];
    if (d == SZ_DISPOSITION_UNSET)
        d = (uint8_t)p->default_disposition;
    return d == SANITIZE_DROP ? DROP : d == SANITIZE_ESCAPE ? ESCAPE : UNWRAP;
}

/* A leading newline right after <pre>, <textarea> or <listing> is eaten by
 * the parser. When the first thing written inside one is text starting
 * with a newline, one more goes before it, so the text survives a re-parse
 * unchanged (what was in between may have been dropped). */
static bool eats_first_newline(int tag)
{
    return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_TEXTAREA || tag == GUMBO_TAG_LISTING;
}

typedef struct stack {
    frame *frames;
    size_t len, cap;
    sz_buf mem; /* where `frames` live: a scratch buffer of the arena */
} stack;

static frame *push(stack *s, const sz_node *nodes, sz_ref node)
{
    if (s->len == s->cap) {
        if (!sz_buf_reserve(&s->mem, (s->len + 1) * sizeof *s->frames))
            return NULL;
        s->frames = (frame *)s->mem.data;
        s->cap = s->mem.cap / sizeof *s->frames;
    }
    frame *f = &s->frames[s->len++];
    memset(f, 0, sizeof *f);
    f->node = node;
    f->next = nodes[node].first_child;
    return f;
}

/* Handles one element: writes what comes before its children and pushes a
 * frame for them, or skips it. */
static sanitize_status visit_element(sz_walk *w, stack *s, const sz_tree *t, sz_ref ref,
                                     size_t depth)
{
    static const GumboVector no_attributes;
    const sz_node *node = sz_tree_node(t, ref);
    int tag;
    action act = decide(w, node, &tag);
    const GumboVector *attrs = node->info ? &node->info->attributes : &no_attributes;
    const sanitize_policy *p = w->policy;
    bool had_end_tag = !(node->flags & GUMBO_INSERTION_IMPLICIT_END_TAG);

    if ((act == EMIT || act == EMIT_EMPTY) && !w->identity &&
        (depth >= p->limits[SANITIZE_LIMIT_DEPTH] || !sz_nesting_allows(&w->open, (GumboTag)tag)))
        act = UNWRAP;
    const char *name = tag == GUMBO_TAG_UNKNOWN ? "" : gumbo_normalized_tagname((GumboTag)tag);
    if (act == EMIT || act == EMIT_EMPTY) {
        size_t kept;
        if (w->identity) {
            w->attrs.len = 0;
            for (unsigned i = 0; i < attrs->length; i++) {
                const GumboAttribute *a = attrs->data[i];
                sz_write_attribute(&w->attrs, a->name, strlen(a->name), a->value,
                                   strlen(a->value));
            }
            kept = 1;
        } else {
            kept = sz_filter_attributes(w, tag, name, attrs);
        }
        if (!kept && p->requires_attrs[tag] && !w->identity)
            act = UNWRAP;
    }
    frame *f;
    switch (act) {
    case DROP:
        write_space_if(w, true);
        write_space_if(w, had_end_tag && !is_void(tag));
        return SANITIZE_OK;
    case UNWRAP:
        if (!w->identity) {
            /* Inside a written table, see nesting.h: sections, rows and
             * column groups the parser would imply again stay in the nesting
             * as if written; cells and captions cannot be left out without
             * their content ending up outside the table. */
            sz_table_part part = sz_nesting_table_part(&w->open, (GumboTag)tag);
            if (part == SZ_PART_DROP)
                return SANITIZE_OK;
            if (part == SZ_PART_IMPLIED) {
                if (!(f = push(s, t->nodes, ref)) || !sz_nesting_push(&w->open, (GumboTag)tag))
                    return SANITIZE_ERR_NOMEM;
                f->counts_depth = true;
                f->virtual_element = true;
                return SANITIZE_OK;
            }
        }
        write_space_if(w, true);
        if (!(f = push(s, t->nodes, ref)))
            return SANITIZE_ERR_NOMEM;
        f->closing = had_end_tag && !is_void(tag) ? CLOSE_SPACE : CLOSE_NOTHING;
        return SANITIZE_OK;
    case ESCAPE: {
        const char *shown = name;
        size_t shown_len = strlen(name);
        if (tag == GUMBO_TAG_UNKNOWN)
            shown_len = unknown_name(w, node, &shown);
        /* Elements the parser made up (implied, reconstructed, cloned) had
         * no start tag in the input: show none. */
        if (!(node->flags & GUMBO_INSERTION_BY_PARSER))
            write_escaped_start(w, attrs, shown, shown_len);
        if (!(f = push(s, t->nodes, ref)))
            return SANITIZE_ERR_NOMEM;
        f->closing = had_end_tag && !is_void(tag) && shown_len &&
                             !(node->flags & GUMBO_INSERTION_BY_PARSER)
                         ? CLOSE_ESCAPED
                         : CLOSE_NOTHING;
        return SANITIZE_OK;
    }
    case EMIT:
    case EMIT_EMPTY:
        break;
    }
    sz_buf_putc(w->out, '<');
    sz_buf_puts(w->out, name);
    sz_buf_append(w->out, w->attrs.data ? w->attrs.data : "", w->attrs.len);
    sz_buf_putc(w->out, '>');
    if (is_void(tag))
        return SANITIZE_OK;
    if (act == EMIT_EMPTY) {
        sz_buf_append(w->out, "</", 2);
        sz_buf_puts(w->out, name);
        sz_buf_putc(w->out, '>');
        return SANITIZE_OK;
    }
    if (eats_first_newline(tag))
        w->newline_at = w->out->len;
    if (!(f = push(s, t->nodes, ref)) || !sz_nesting_push(&w->open, (GumboTag)tag))
        return SANITIZE_ERR_NOMEM;
    f->closing = CLOSE_TAG;
    f->raw_text = is_raw_text(tag);
    f->counts_depth = true;
    return SANITIZE_OK;
}

static void close_frame(sz_walk *w, const sz_tree *t, const frame *f)
{
    const sz_node *node = sz_tree_node(t, f->node);
    switch ((closing)f->closing) {
    case CLOSE_NOTHING:
        break;
    case CLOSE_SPACE:
        write_space_if(w, true);
        break;
    case CLOSE_TAG:
        sz_buf_append(w->out, "</", 2);
        sz_buf_puts(w->out, gumbo_normalized_tagname((GumboTag)node->tag));
        sz_buf_putc(w->out, '>');
        break;
    case CLOSE_ESCAPED: {
        const char *name = gumbo_normalized_tagname((GumboTag)node->tag);
        size_t n = strlen(name);
        if (node->tag == GUMBO_TAG_UNKNOWN)
            n = unknown_name(w, node, &name);
        sz_buf_append(w->out, "&lt;/", 5);
        sz_escape_text(w->out, name, n);
        sz_buf_append(w->out, "&gt;", 4);
        break;
    }
    }
}

static void visit_leaf(sz_walk *w, const sz_node *node, bool raw_text)
{
    const char *text = node->text;
    size_t len = node->text_len;
    switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
        if (w->out->len == w->newline_at && len && text[0] == '\n')
            sz_buf_putc(w->out, '\n');
        if (raw_text)
            sz_buf_append(w->out, text, len);
        else
            sz_escape_text(w->out, text, len);
        break;
    case GUMBO_NODE_CDATA:
        /* Only exists in foreign content, which is never written. */
        w->mismatch = true;
        break;
    case GUMBO_NODE_COMMENT:
        if (w->identity || (sz_flag(w->policy, SANITIZE_FLAG_ALLOW_COMMENTS) &&
                            comment_is_safe(text, len))) {
            sz_buf_append(w->out, "<!--", 4);
            sz_buf_append(w->out, text, len);
            sz_buf_append(w->out, "-->", 3);
        }
        break;
    default:
        break;
    }
}

sanitize_status sz_walk_tree(sz_walk *w, const sz_tree *t)
{
    stack s = {0};
    sz_arena_buf_take(w->arena, &s.mem);
    s.frames = (frame *)s.mem.data;
    s.cap = s.mem.cap / sizeof *s.frames;
    sanitize_status st = push(&s, t->nodes, 0) ? SANITIZE_OK : SANITIZE_ERR_NOMEM;
    size_t depth = 0, visited = 0;
    while (s.len) {
        frame *top = &s.frames[s.len - 1];
        if (!top->next) {
            if (s.len > 1)
                close_frame(w, t, top);
            if (top->counts_depth) {
                depth -= !top->virtual_element;
                sz_nesting_pop(&w->open);
            }
            s.len--;
            continue;
        }
        const sz_node *child = sz_tree_node(t, top->next);
        sz_ref child_ref = top->next;
        top->next = child->next;
        bool raw = top->raw_text;
        if (++visited % DEADLINE_EVERY == 0 && w->deadline && sz_deadline_passed(w->deadline)) {
            st = SANITIZE_ERR_DEADLINE;
            break;
        }
        if (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE) {
            size_t before = s.len;
            if ((st = visit_element(w, &s, t, child_ref, depth)))
                break;
            if (s.len > before && s.frames[s.len - 1].counts_depth &&
                !s.frames[s.len - 1].virtual_element)
                depth++;
        } else {
            visit_leaf(w, child, raw);
        }
    }
    sz_arena_buf_give(w->arena, &s.mem);
    if (st == SANITIZE_OK &&
        (w->out->failed || w->attrs.failed || w->scratch.failed || w->value.failed || w->nomem))
        st = SANITIZE_ERR_NOMEM;
    return st;
}
