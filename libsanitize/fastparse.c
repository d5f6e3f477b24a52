/* The fast parser's tree building: gumbo 0.10.1's insertion modes
 * (parser.c: handle_in_body, handle_in_table and friends) for the token
 * sequences where they are simple to follow. Anything else returns false
 * and gumbo parses the input from scratch. */
#include "fastparse.h"

#include <string.h>

#include "fastparse_internal.h"

typedef sz_fast parser;

category sz_fast_category(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_CODE: case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_S: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG: case GUMBO_TAG_TT: case GUMBO_TAG_U:
    case GUMBO_TAG_NOBR:
        return FORMATTING;
    case GUMBO_TAG_A:
        return ANCHOR;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_MENU: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL:
        return BLOCK;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        return HEADING;
    case GUMBO_TAG_PRE:
        return PRE;
    case GUMBO_TAG_LI:
        return LIST_ITEM;
    case GUMBO_TAG_DD: case GUMBO_TAG_DT:
        return DEF_ITEM;
    case GUMBO_TAG_AREA: case GUMBO_TAG_BR: case GUMBO_TAG_EMBED: case GUMBO_TAG_IMG:
    case GUMBO_TAG_KEYGEN: case GUMBO_TAG_WBR: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND: case GUMBO_TAG_MENUITEM: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
    case GUMBO_TAG_INPUT:
        return VOID;
    case GUMBO_TAG_HR:
        return RULE;
    case GUMBO_TAG_STYLE: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
        return RAW_TEXT;
    case GUMBO_TAG_SCRIPT:
        return SCRIPT;
    case GUMBO_TAG_TITLE: case GUMBO_TAG_TEXTAREA:
        return RCDATA;
    case GUMBO_TAG_XMP:
        return XMP;
    case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_FRAMESET:
        return IGNORED;
    case GUMBO_TAG_BUTTON:
        return BUTTON;
    case GUMBO_TAG_RB: case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RTC:
        return RUBY;
    case GUMBO_TAG_TABLE:
        return TABLE;
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
        return TABLE_PART;
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
        return FOREIGN;
    case GUMBO_TAG_FORM:
        return FORM;
    case GUMBO_TAG_APPLET: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
        return OBJECT;
    case GUMBO_TAG_TEMPLATE:
        return TEMPLATE;
    case GUMBO_TAG_SELECT:
        return SELECT;
    /* Named by handle_in_body with rules we do not reproduce. */
    case GUMBO_TAG_LISTING: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_IMAGE: case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_FRAME:
        return BAIL;
    default:
        return ORDINARY;
    }
}

bool sz_fast_is_special(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_APPLET: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BUTTON: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HTML: case GUMBO_TAG_LI:
    case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
        return true;
    default:
        return false;
    }
}

static bool is_heading(GumboTag t)
{
    return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

static bool is_table_structure(GumboTag t)
{
    return t == GUMBO_TAG_TABLE || (sz_fast_category(t) == TABLE_PART && t != GUMBO_TAG_COL);
}

static bool is_formatting(GumboTag t)
{
    category c = sz_fast_category(t);
    return c == FORMATTING || c == ANCHOR;
}

/* Insertion modes, derived from the nearest table-structure element. */
typedef enum mode { IN_BODY, IN_TABLE, IN_TABLE_BODY, IN_ROW, IN_CELL, IN_CAPTION, IN_COLGROUP } mode;

static sz_node *node_of(const parser *ps, sz_ref r)
{
    return sz_tree_node(ps->tree, r);
}

static sz_ref current(const parser *ps)
{
    return ps->stack[ps->depth - 1].node;
}

static GumboTag tag_at(const parser *ps, size_t i)
{
    return (GumboTag)node_of(ps, ps->stack[i].node)->tag;
}

static GumboTag current_tag(const parser *ps)
{
    return tag_at(ps, ps->depth - 1);
}

static mode mode_of(const parser *ps)
{
    size_t i = ps->stack[ps->depth - 1].table_ctx;
    if (!i)
        return IN_BODY;
    switch (tag_at(ps, i)) {
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: return IN_CELL;
    case GUMBO_TAG_CAPTION: return IN_CAPTION;
    case GUMBO_TAG_TABLE: return IN_TABLE;
    case GUMBO_TAG_TR: return IN_ROW;
    case GUMBO_TAG_COLGROUP: return IN_COLGROUP;
    default: return IN_TABLE_BODY;
    }
}

/* Whether tokens go by the "in body" rules (in body, cells and captions)
 * rather than those of table structure. */
static bool in_body_rules(const parser *ps)
{
    mode m = mode_of(ps);
    return m == IN_BODY || m == IN_CELL || m == IN_CAPTION;
}

static void append_child(parser *ps, sz_ref node)
{
    ps->flushed_text = 0;
    sz_open *parent = &ps->stack[ps->depth - 1];
    if (parent->last)
        node_of(ps, parent->last)->next = node;
    else
        node_of(ps, parent->node)->first_child = node;
    ps->appended_after = parent->last;
    parent->last = node;
}

static bool reconstruct(parser *ps);

/* gumbo's foster parenting of text ("in table text"): the node goes into
 * the parent of the innermost open table, just before the table. The table
 * is that parent's last child while it is open, so this is O(1) apart from
 * finding the table. Reconstructing active formatting elements first is a
 * no-op here: with formatting elements pending, tables are left to gumbo. */
static bool foster_parent(parser *ps, sz_ref node)
{
    size_t i = ps->depth;
    while (--i > 0 && tag_at(ps, i) != GUMBO_TAG_TABLE)
        ps->work++;
    if (!i)
        return false;
    sz_open *parent = &ps->stack[i - 1]; /* its `last`: the sibling before the table */
    node_of(ps, node)->next = ps->stack[i].node;
    if (parent->last)
        node_of(ps, parent->last)->next = node;
    else
        node_of(ps, parent->node)->first_child = node;
    parent->last = node;
    return true;
}

/* Character data is buffered and becomes one text node when markup comes,
 * as gumbo merges character tokens. Directly inside table structure only
 * whitespace stays in place; anything else is foster-parented (except in
 * a column group, which gumbo closes first). Outside raw-text elements it
 * reconstructs the pending formatting elements first; inside table
 * structure, where gumbo would foster-parent those too, that is left to
 * gumbo. */
static bool flush_text(parser *ps)
{
    if (!ps->text.len)
        return true;
    bool raw = sz_fast_is_raw_text(sz_fast_category(current_tag(ps)));
    bool body = in_body_rules(ps);
    if (ps->text.failed || (ps->pending_len && !raw && !(body && reconstruct(ps))))
        return false;
    bool blank = true;
    for (size_t i = 0; i < ps->text.len && blank; i++)
        blank = sz_fast_is_space(ps->text.data[i]);
    bool foster = !blank && !raw && !body;
    if (foster && mode_of(ps) == IN_COLGROUP)
        return false;
    size_t len = ps->text.len;
    sz_ref r = len <= UINT32_MAX ? sz_tree_add(ps->tree) : 0;
    if (!r)
        return false;
    /* Most text is a run of the input as it is: the node points there (the
     * input outlives the tree) instead of holding a copy. */
    const char *t = ps->text_from;
    if ((size_t)(ps->end - t) < len || memcmp(t, ps->text.data, len) != 0)
        t = sz_fast_copy(ps, ps->text.data, len);
    if (!t)
        return false;
    sz_node *n = node_of(ps, r);
    n->type = blank ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT;
    n->text = t;
    n->text_len = (uint32_t)len;
    ps->text.len = 0;
    if (foster)
        return foster_parent(ps, r);
    append_child(ps, r);
    ps->flushed_text = r;
    ps->flushed_into = current(ps);
    return true;
}

/* Opens `node`, which append_child() has just added to the current node. */
static bool push(parser *ps, sz_ref node)
{
    if (ps->depth == ps->cap) {
        ps->stack_mem.len = ps->depth * sizeof *ps->stack;
        if (ps->depth >= UINT32_MAX || !sz_buf_reserve(&ps->stack_mem, sizeof *ps->stack))
            return false;
        ps->stack = (sz_open *)ps->stack_mem.data;
        ps->cap = ps->stack_mem.cap / sizeof *ps->stack;
    }
    GumboTag t = (GumboTag)node_of(ps, node)->tag;
    if (ps->open_count[t] >= 3 && is_formatting(t))
        ps->noahs_ark = true;
    /* The parent's last child is `node` until it is popped: the sibling
     * before it goes there meanwhile (see sz_open). */
    ps->stack[ps->depth - 1].last = ps->appended_after;
    ps->stack[ps->depth] = (sz_open){
        .node = node,
        .table_ctx = is_table_structure(t) ? (uint32_t)ps->depth
                                           : ps->stack[ps->depth - 1].table_ctx,
    };
    ps->depth++;
    ps->open_count[t]++;
    if (t == GUMBO_TAG_A)
        ps->open_anchors++;
    return true;
}

/* Pops the current node; `explicit_end` when the end tag being processed
 * names it, the one case where gumbo leaves IMPLICIT_END_TAG unset. */
static void pop(parser *ps, bool explicit_end)
{
    sz_ref r = ps->stack[--ps->depth].node;
    ps->stack[ps->depth - 1].last = r;
    sz_node *n = node_of(ps, r);
    ps->flushed_text = 0;
    ps->open_count[n->tag]--;
    if (n->tag == GUMBO_TAG_A)
        ps->open_anchors--;
    if (!explicit_end)
        n->flags |= GUMBO_INSERTION_IMPLICIT_END_TAG;
}

/* A new HTML element, not inserted yet; 0 when out of memory. */
static sz_ref new_element(parser *ps, GumboTag tag, GumboParseFlags flags)
{
    sz_ref r = sz_tree_add(ps->tree);
    if (r) {
        sz_node *node = node_of(ps, r);
        node->type = GUMBO_NODE_ELEMENT;
        node->flags = (uint16_t)flags;
        node->tag = (uint16_t)tag;
        node->ns = GUMBO_NAMESPACE_HTML;
    }
    return r;
}

/* Inserts an element and, unless void, opens it. */
static bool insert(parser *ps, sz_ref node, bool is_void)
{
    append_child(ps, node);
    if (is_void) {
        node_of(ps, node)->flags |= GUMBO_INSERTION_IMPLICIT_END_TAG;
        return true;
    }
    return push(ps, node);
}

/* The formatting elements at stack[from..depth), about to be closed, join
 * the pending ones — in front of them, in stack order: they were opened
 * before any pending element was closed (formatting start tags reconstruct
 * first), so they come earlier in gumbo's list. Refused once gumbo's
 * Noah's Ark clause may have taken an open element off its list. */
static bool pend_formatting(parser *ps, size_t from)
{
    size_t count = 0;
    for (size_t k = from; k < ps->depth; k++, ps->work++)
        count += is_formatting(tag_at(ps, k));
    if (!count)
        return true;
    if (ps->noahs_ark)
        return false;
    size_t len = ps->pending_len + count;
    ps->work += ps->pending_len;
    if (len > ps->pending_cap) {
        sz_ref *bigger = sz_fast_alloc(ps, 2 * len * sizeof *bigger);
        if (!bigger)
            return false;
        if (ps->pending_len)
            memcpy(bigger + count, ps->pending, ps->pending_len * sizeof *bigger);
        ps->pending = bigger;
        ps->pending_cap = 2 * len;
    } else {
        memmove(ps->pending + count, ps->pending, ps->pending_len * sizeof *ps->pending);
    }
    size_t j = 0;
    for (size_t k = from; k < ps->depth; k++)
        if (is_formatting(tag_at(ps, k)))
            ps->pending[j++] = ps->stack[k].node;
    ps->pending_len = len;
    return true;
}

/* The last pending element with `tag`, or pending_len if none. */
static size_t pending_index(const parser *ps, GumboTag tag)
{
    size_t k = ps->pending_len;
    while (k-- > 0)
        if (node_of(ps, ps->pending[k])->tag == tag)
            return k;
    return ps->pending_len;
}

/* gumbo's "reconstruct the active formatting elements": a clone of each
 * pending element (same tag and attributes, marked as made by the parser)
 * is inserted and opened, each inside the one before. */
static bool reconstruct(parser *ps)
{
    for (size_t k = 0; k < ps->pending_len; k++, ps->work++) {
        sz_ref r = sz_tree_add(ps->tree);
        if (!r)
            return false;
        const sz_node *old = node_of(ps, ps->pending[k]);
        sz_node *clone = node_of(ps, r);
        clone->type = old->type;
        clone->ns = old->ns;
        clone->tag = old->tag;
        clone->info = old->info; /* the attributes are shared: the tree is only read */
        clone->flags = (uint16_t)((old->flags & ~GUMBO_INSERTION_IMPLICIT_END_TAG) |
                                  GUMBO_INSERTION_BY_PARSER |
                                  GUMBO_INSERTION_RECONSTRUCTED_FORMATTING_ELEMENT);
        if (!insert(ps, r, false))
            return false;
    }
    ps->pending_len = 0;
    return true;
}

/* Pops everything above stack index i, then i itself: gumbo's "generate
 * implied end tags, pop until". Formatting elements popped that way stay in
 * gumbo's list of active formatting elements and become pending — except
 * when the element closed is a cell, caption or object-like element, whose
 * formatting elements (pending ones included) are cleared up to its
 * marker. An object-like element popped on the way would leave its marker
 * (and the formatting elements below it) in gumbo's list, which is
 * refused. */
static bool close_to(parser *ps, size_t i, bool explicit_end)
{
    GumboTag t = tag_at(ps, i);
    bool clears = t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION ||
                  sz_fast_category(t) == OBJECT;
    for (size_t k = i + 1; k < ps->depth; k++, ps->work++)
        if (sz_fast_category(tag_at(ps, k)) == OBJECT)
            return false;
    if (clears)
        ps->pending_len = 0;
    else if (!pend_formatting(ps, i + 1))
        return false;
    while (ps->depth > i + 1)
        pop(ps, false);
    pop(ps, explicit_end);
    return true;
}

static bool is_boundary(GumboTag t, scope s)
{
    if (t == GUMBO_TAG_TABLE)
        return true;
    if (s == TABLE_SCOPE)
        return false;
    if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION ||
        t == GUMBO_TAG_APPLET || t == GUMBO_TAG_MARQUEE || t == GUMBO_TAG_OBJECT)
        return true;
    return (s == BUTTON_SCOPE && t == GUMBO_TAG_BUTTON) ||
           (s == LIST_SCOPE && (t == GUMBO_TAG_OL || t == GUMBO_TAG_UL));
}

size_t sz_fast_in_scope(sz_fast *ps, GumboTag tag, scope s)
{
    if (!ps->open_count[tag])
        return 0;
    for (size_t i = ps->depth; i-- > 1; ps->work++) {
        GumboTag t = tag_at(ps, i);
        if (t == tag)
            return i;
        if (is_boundary(t, s))
            return 0;
    }
    return 0;
}

/* A start tag that closes a <p> in button scope. */
static bool close_p(parser *ps)
{
    size_t i = sz_fast_in_scope(ps, GUMBO_TAG_P, BUTTON_SCOPE);
    return !i || close_to(ps, i, false);
}

/* The li / dd-dt clause: walk down the stack until the item, or a special
 * element other than address, div and p. */
static bool close_list_item(parser *ps, bool li)
{
    if (li ? !ps->open_count[GUMBO_TAG_LI]
           : !ps->open_count[GUMBO_TAG_DD] && !ps->open_count[GUMBO_TAG_DT])
        return true;
    for (size_t i = ps->depth; i-- > 1; ps->work++) {
        GumboTag t = tag_at(ps, i);
        if (li ? t == GUMBO_TAG_LI : (t == GUMBO_TAG_DD || t == GUMBO_TAG_DT))
            return close_to(ps, i, false);
        if (sz_fast_is_special(t) && t != GUMBO_TAG_ADDRESS && t != GUMBO_TAG_DIV && t != GUMBO_TAG_P)
            return true;
    }
    return true;
}

/* Whether `p` starts "script" (any case) followed by a character that ends
 * a tag name: whitespace, '/' or '>'. */
static bool script_word(const char *p, const char *end)
{
    if (end - p < 7)
        return false;
    for (int i = 0; i < 6; i++)
        if ((p[i] | 32) != "script"[i])
            return false;
    return sz_fast_is_space(p[6]) || p[6] == '/' || p[6] == '>';
}

/* Where script data ends: the first "</script" + delimiter that the
 * tokenizer reads as an end tag. After "<!--" it is in the escaped states,
 * where "<script" + delimiter starts a double-escaped section in which
 * "</script" does not end the element ("</script" + delimiter ends the
 * section instead, and "-->" all escaping). NULL if the data runs to the end. */
static const char *script_end(const char *p, const char *end)
{
    enum { DATA, ESCAPED, DOUBLE } state = DATA;
    int dashes = 0; /* '-' just seen in the escaped states, up to 2 */
    for (; p < end; p++) {
        if (state == DATA && !(p = memchr(p, '<', (size_t)(end - p))))
            return NULL; /* only '<' matters there */
        char c = *p;
        if (c == '-') {
            dashes += dashes < 2;
            continue;
        }
        bool after_dashes = dashes == 2;
        dashes = 0;
        if (c == '>' && after_dashes && state != DATA) {
            state = DATA;
        } else if (c == '<' && state != DOUBLE && p + 1 < end && p[1] == '/' &&
                   script_word(p + 2, end)) {
            return p;
        } else if (c == '<' && state == DATA) {
            if (end - p >= 4 && p[1] == '!' && p[2] == '-' && p[3] == '-') {
                state = ESCAPED;
                dashes = 2;
                p += 3;
            }
        } else if (c == '<' && state == ESCAPED && script_word(p + 1, end)) {
            state = DOUBLE;
            p += 7; /* the delimiter belongs to the start of the section */
        } else if (c == '<' && state == DOUBLE && p + 1 < end && p[1] == '/' &&
                   script_word(p + 2, end)) {
            state = ESCAPED;
            p += 8;
        }
    }
    return NULL;
}

bool sz_fast_raw_text_end(const sz_fast *ps, const char *name, bool is_script,
                          const char **close, const char **gt)
{
    size_t n = strlen(name);
    const char *lt = NULL;
    if (is_script) {
        lt = script_end(ps->p, ps->end);
    } else {
        for (const char *q = ps->p; (q = memchr(q, '<', (size_t)(ps->end - q))) != NULL; q++) {
            size_t k = 0;
            while (q + 2 + k < ps->end && k < n && (q[2 + k] | 32) == name[k])
                k++;
            if (q + 1 < ps->end && q[1] == '/' && k == n) {
                lt = q;
                break;
            }
        }
    }
    *close = ps->end;
    *gt = NULL;
    if (!lt)
        return true;
    const char *e = lt + 2 + n;
    while (e < ps->end && sz_fast_is_space(*e))
        e++;
    if (e >= ps->end || *e != '>')
        return false;
    *close = lt;
    *gt = e;
    return true;
}

/* The element's text, up to its end tag. A character reference never runs
 * into that end tag ('<' ends it). */
static bool raw_text(parser *ps, sz_ref element, const char *name, bool rcdata,
                     bool is_script)
{
    const char *close, *gt;
    if (!sz_fast_raw_text_end(ps, name, is_script, &close, &gt))
        return false;
    if (!push(ps, element))
        return false;
    while (ps->p < close) {
        char c = *ps->p;
        if (!ps->text.len)
            ps->text_from = ps->p;
        if (ps->eat_newline) {
            ps->eat_newline = false;
            if (c == '\n') {
                ps->p++;
                continue;
            }
            if (c == '\r' || c == '&')
                return false;
        }
        if (c == '&' && rcdata) {
            if (!sz_fast_char_ref(ps, &ps->text, false))
                return false;
            continue;
        }
        if (c == '\r') {
            sz_buf_putc(&ps->text, '\n');
            ps->p += (ps->p + 1 < close && ps->p[1] == '\n') ? 2 : 1;
            continue;
        }
        const char *run = ps->p;
        while (ps->p < close && *ps->p != '\r' && !(rcdata && *ps->p == '&'))
            ps->p++;
        sz_buf_append(&ps->text, run, (size_t)(ps->p - run));
    }
    ps->eat_newline = false;
    if (!flush_text(ps))
        return false;
    if (gt) {
        ps->p = gt + 1;
        pop(ps, true);
    }
    return true;
}

typedef struct start_token {
    GumboTag tag;
    category cat;
    const char *open; /* '<' */
    size_t len;
    char name[32];
    GumboVector attributes;
    bool self_closing;
} start_token;

/* A new element for a start tag, with its attributes. */
static sz_ref start_tag_element(parser *ps, const start_token *t)
{
    sz_element_info *info = NULL;
    if (t->attributes.length || t->tag == GUMBO_TAG_UNKNOWN) {
        if (!(info = sz_fast_alloc(ps, sizeof *info)))
            return 0;
        info->attributes = t->attributes;
        info->original_tag.data = t->open;
        info->original_tag.length = t->len;
    }
    sz_ref r = new_element(ps, t->tag, GUMBO_INSERTION_NORMAL);
    if (r)
        node_of(ps, r)->info = info;
    return r;
}

/* Start tags in body (also inside cells and captions). */
static bool body_start(parser *ps, start_token *t)
{
    category cat = t->cat;
    switch (cat) {
    case IGNORED:
        return true;
    case FORM:
        if (ps->form)
            return true; /* a nested form start tag is ignored */
        if (!close_p(ps))
            return false;
        break;
    case TABLE_PART:
    case BAIL:
        return false;
    case ANCHOR:
        if (ps->open_anchors || pending_index(ps, GUMBO_TAG_A) < ps->pending_len)
            return false; /* the adoption agency would run */
        break;
    case FORMATTING:
        if (t->tag == GUMBO_TAG_NOBR && (sz_fast_in_scope(ps, GUMBO_TAG_NOBR, DEFAULT_SCOPE) ||
                                         pending_index(ps, GUMBO_TAG_NOBR) < ps->pending_len))
            return false; /* likewise for a nested nobr */
        break;
    case BLOCK:
    case PRE:
    case RULE:
    case XMP:
    case TABLE:
        if (!close_p(ps))
            return false;
        break;
    case HEADING:
        if (!close_p(ps))
            return false;
        if (is_heading(current_tag(ps)))
            pop(ps, false);
        break;
    case LIST_ITEM:
    case DEF_ITEM:
        if (!close_list_item(ps, cat == LIST_ITEM) || !close_p(ps))
            return false;
        break;
    case BUTTON: {
        size_t i = sz_fast_in_scope(ps, GUMBO_TAG_BUTTON, DEFAULT_SCOPE);
        if (i && !close_to(ps, i, false))
            return false;
        break;
    }
    case RUBY:
        /* Implied end tags (rtc stays for rt and rp) when a ruby is open. */
        if (sz_fast_in_scope(ps, GUMBO_TAG_RUBY, DEFAULT_SCOPE)) {
            for (;;) {
                GumboTag c = current_tag(ps);
                bool implied = c == GUMBO_TAG_DD || c == GUMBO_TAG_DT || c == GUMBO_TAG_LI ||
                               c == GUMBO_TAG_P || c == GUMBO_TAG_RB || c == GUMBO_TAG_RP ||
                               c == GUMBO_TAG_RT ||
                               (c == GUMBO_TAG_RTC && t->tag != GUMBO_TAG_RT &&
                                t->tag != GUMBO_TAG_RP);
                if (!implied)
                    break;
                pop(ps, false);
            }
        }
        break;
    default:
        break;
    }
    if (ps->pending_len) {
        /* The start tags that reconstruct the active formatting elements,
         * and those certain not to; anything else is left to gumbo. */
        GumboTag tag = t->tag;
        bool reconstructs = cat == ORDINARY || cat == FORMATTING || cat == ANCHOR ||
                            cat == OBJECT || cat == BUTTON || cat == SELECT ||
                            tag == GUMBO_TAG_AREA || tag == GUMBO_TAG_BR ||
                            tag == GUMBO_TAG_EMBED || tag == GUMBO_TAG_IMG ||
                            tag == GUMBO_TAG_KEYGEN || tag == GUMBO_TAG_WBR ||
                            tag == GUMBO_TAG_INPUT;
        bool keeps = cat == BLOCK || cat == HEADING || cat == PRE || cat == LIST_ITEM ||
                     cat == DEF_ITEM || cat == RULE || cat == FORM || cat == TABLE ||
                     tag == GUMBO_TAG_PARAM || tag == GUMBO_TAG_SOURCE ||
                     tag == GUMBO_TAG_TRACK;
        if (reconstructs ? !reconstruct(ps) : !keeps)
            return false;
    }
    sz_ref node = start_tag_element(ps, t);
    if (!node)
        return false;
    if (cat == VOID || cat == RULE)
        return insert(ps, node, true);
    if (cat == FOREIGN) {
        sz_node *n = node_of(ps, node);
        n->ns = t->tag == GUMBO_TAG_SVG ? GUMBO_NAMESPACE_SVG : GUMBO_NAMESPACE_MATHML;
        n->flags |= GUMBO_INSERTION_IMPLICIT_END_TAG;
        append_child(ps, node);
        return t->self_closing || sz_fast_foreign(ps, t->tag, false);
    }
    if (cat == TEMPLATE) {
        node_of(ps, node)->type = GUMBO_NODE_TEMPLATE;
        append_child(ps, node);
        return sz_fast_template(ps);
    }
    append_child(ps, node);
    if (cat == SELECT)
        return sz_fast_select(ps, node, mode_of(ps) != IN_BODY);
    if (cat == FORM)
        ps->form = node;
    switch (cat) {
    case RAW_TEXT:
    case XMP:
        return raw_text(ps, node, t->name, false, false);
    case SCRIPT:
        return raw_text(ps, node, t->name, false, true);
    case RCDATA:
        ps->eat_newline = t->tag == GUMBO_TAG_TEXTAREA;
        return raw_text(ps, node, t->name, true, false);
    default:
        break;
    }
    if (!push(ps, node))
        return false;
    ps->eat_newline = cat == PRE;
    return true;
}

/* Reprocessing a token after an implied element or a closed one. */
typedef enum outcome { DONE, FAIL, AGAIN } outcome;

static outcome implied(parser *ps, GumboTag tag)
{
    sz_ref n = new_element(ps, tag, GUMBO_INSERTION_BY_PARSER | GUMBO_INSERTION_IMPLIED);
    return n && insert(ps, n, false) ? AGAIN : FAIL;
}

/* Start tags directly inside table structure (in table, in table body, in
 * row, in column group), and the table-structure tags of cells and
 * captions. */
static outcome table_start(parser *ps, start_token *t, mode m)
{
    GumboTag tag = t->tag;
    if (m == IN_CELL || m == IN_CAPTION) {
        if (t->cat != TABLE_PART)
            return body_start(ps, t) ? DONE : FAIL;
        /* A new part closes the open cell or caption first. */
        size_t i = ps->stack[ps->depth - 1].table_ctx;
        return close_to(ps, i, false) ? AGAIN : FAIL;
    }
    if (t->cat == RAW_TEXT || t->cat == SCRIPT) {
        if (tag != GUMBO_TAG_STYLE && tag != GUMBO_TAG_SCRIPT)
            return FAIL; /* anything else is foster-parented */
        return body_start(ps, t) ? DONE : FAIL;
    }
    if (t->cat != TABLE_PART)
        return FAIL;
    sz_ref node;
    switch (m) {
    case IN_COLGROUP:
        if (tag != GUMBO_TAG_COL) {
            pop(ps, false);
            return AGAIN;
        }
        break;
    case IN_TABLE:
        if (tag == GUMBO_TAG_COL)
            return implied(ps, GUMBO_TAG_COLGROUP);
        if (tag == GUMBO_TAG_TR || tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)
            return implied(ps, GUMBO_TAG_TBODY);
        break;
    case IN_TABLE_BODY:
        if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH)
            return implied(ps, GUMBO_TAG_TR);
        if (tag != GUMBO_TAG_TR) {
            pop(ps, false);
            return AGAIN;
        }
        break;
    case IN_ROW:
        if (tag != GUMBO_TAG_TD && tag != GUMBO_TAG_TH) {
            pop(ps, false);
            return AGAIN;
        }
        break;
    default:
        return FAIL;
    }
    node = start_tag_element(ps, t);
    if (!node)
        return FAIL;
    return insert(ps, node, tag == GUMBO_TAG_COL) ? DONE : FAIL;
}

/* A tag whose '>' never comes: the tokenizer meets the end of the input
 * inside it and drops it. */
static bool unfinished_tag(parser *ps, const char *open)
{
    if (memchr(open, '>', (size_t)(ps->end - open)))
        return false;
    ps->p = ps->end;
    return true;
}

static bool start_tag(parser *ps)
{
    start_token t = {.open = ps->p};
    const char *name = ++ps->p;
    while (ps->p < ps->end && sz_fast_is_name_char(*ps->p))
        ps->p++;
    size_t n = (size_t)(ps->p - name);
    if (ps->p >= ps->end || n >= sizeof t.name ||
        !(sz_fast_is_space(*ps->p) || *ps->p == '>' || *ps->p == '/'))
        return unfinished_tag(ps, t.open);
    for (size_t i = 0; i < n; i++)
        t.name[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    t.name[n] = '\0';
    t.tag = gumbo_tag_enum(t.name);
    t.cat = sz_fast_category(t.tag);
    if (t.cat == BAIL || !sz_fast_attributes(ps, &t.attributes))
        return unfinished_tag(ps, t.open);
    t.self_closing = ps->self_closing;
    t.len = (size_t)(ps->p - t.open);
    if (!flush_text(ps) || (ps->pending_len && !in_body_rules(ps)))
        return false;
    for (int guard = 0; guard < 8; guard++) {
        mode m = mode_of(ps);
        outcome o = m == IN_BODY ? (body_start(ps, &t) ? DONE : FAIL) : table_start(ps, &t, m);
        if (o != AGAIN)
            return o == DONE;
    }
    return false;
}

/* gumbo 0.10.1's adoption agency for an end tag of a formatting element,
 * in the cases without a "furthest block" (a special element opened inside
 * the formatting element), which are left to gumbo. */
static bool adoption_agency(parser *ps, GumboTag tag)
{
    /* The formatting element is the last entry of gumbo's list with the
     * tag: a pending one is off the stack, so it only leaves the list. */
    size_t k = pending_index(ps, tag);
    if (k < ps->pending_len) {
        memmove(ps->pending + k, ps->pending + k + 1,
                (ps->pending_len - k - 1) * sizeof *ps->pending);
        ps->pending_len--;
        return true;
    }
    /* Else the innermost open one above the last marker (cell, caption,
     * object-like element); with none, gumbo 0.10.1 ignores the end tag. */
    size_t i = ps->depth;
    while (--i > 0 && tag_at(ps, i) != tag) {
        ps->work++;
        if (is_boundary(tag_at(ps, i), DEFAULT_SCOPE))
            return true;
    }
    if (!i)
        return true;
    for (size_t j = i + 1; j < ps->depth; j++, ps->work++)
        if (sz_fast_is_special(tag_at(ps, j)))
            return false;
    /* Everything above goes, the formatting elements among it pending;
     * the element itself leaves the list. */
    if (!pend_formatting(ps, i + 1))
        return false;
    while (ps->depth > i + 1)
        pop(ps, false);
    pop(ps, true);
    return true;
}

/* End tags in body (also inside cells and captions). */
static bool body_end(parser *ps, GumboTag tag, category cat)
{
    size_t i;
    switch (cat) {
    case FORMATTING:
    case ANCHOR:
        return adoption_agency(ps, tag);
    case HEADING:
        /* Closes the open heading of any level. */
        for (i = ps->depth; i-- > 1; ps->work++) {
            GumboTag t = tag_at(ps, i);
            if (is_heading(t))
                return close_to(ps, i, t == tag);
            if (is_boundary(t, DEFAULT_SCOPE))
                return false;
        }
        return false;
    case LIST_ITEM:
        i = sz_fast_in_scope(ps, tag, LIST_SCOPE);
        return i && close_to(ps, i, true);
    case OBJECT:
        /* Ignored unless in scope — table scope in gumbo 0.10.1, not the
         * default scope of the standard; closing clears formatting to its
         * marker. */
        i = sz_fast_in_scope(ps, tag, TABLE_SCOPE);
        return !i || close_to(ps, i, true);
    case BLOCK:
    case PRE:
    case BUTTON:
    case DEF_ITEM:
        i = sz_fast_in_scope(ps, tag, tag == GUMBO_TAG_P ? BUTTON_SCOPE : DEFAULT_SCOPE);
        if (!i && tag == GUMBO_TAG_P) {
            /* </p> without an open <p>: gumbo inserts an empty one. */
            sz_ref p = new_element(ps, GUMBO_TAG_P,
                                   GUMBO_INSERTION_BY_PARSER | GUMBO_INSERTION_CONVERTED_FROM_END_TAG);
            if (p)
                append_child(ps, p);
            return p;
        }
        return i && close_to(ps, i, true);
    case FORM: {
        /* The form element pointer, not the stack, says which form closes. */
        sz_ref form = ps->form;
        ps->form = 0;
        if (!form)
            return true;
        for (i = ps->depth; i-- > 1 && ps->stack[i].node != form; ps->work++)
            if (is_boundary(tag_at(ps, i), DEFAULT_SCOPE))
                return true; /* not in scope: ignored */
        if (!i)
            return true;
        /* Text flushed into the form by a token gumbo ignored is still
         * pending in gumbo and would land after the form. */
        if (current(ps) == form && ps->flushed_text && ps->flushed_into == form)
            return false;
        if (current(ps) != form && !flush_text(ps))
            return false;
        while (current(ps) != form) {
            GumboTag c = current_tag(ps);
            if (c != GUMBO_TAG_P && c != GUMBO_TAG_LI && c != GUMBO_TAG_DD && c != GUMBO_TAG_DT)
                return false; /* gumbo would take the form out of the middle */
            pop(ps, false);
        }
        pop(ps, true);
        return true;
    }
    case ORDINARY:
    case RUBY:
        /* "Any other end tag": the nearest element with that tag (gumbo
         * compares tag enums, so an unknown end tag matches any unknown
         * element), unless a special element comes first. */
        for (i = ps->depth; i-- > 1; ps->work++) {
            GumboTag t = tag_at(ps, i);
            if (t == tag)
                return close_to(ps, i, true);
            if (sz_fast_is_special(t))
                return true; /* gumbo ignores the end tag */
        }
        return true;
    default:
        return false;
    }
}

static outcome table_end(parser *ps, GumboTag tag, category cat, mode m)
{
    size_t ctx = ps->stack[ps->depth - 1].table_ctx;
    if (m == IN_CELL || m == IN_CAPTION) {
        GumboTag own = tag_at(ps, ctx);
        if (tag == own)
            return close_to(ps, ctx, true) ? DONE : FAIL;
        bool closes = tag == GUMBO_TAG_TABLE ||
                      (m == IN_CELL && (tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_TFOOT ||
                                        tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TR));
        if (closes)
            return sz_fast_in_scope(ps, tag, TABLE_SCOPE) && close_to(ps, ctx, false) ? AGAIN : FAIL;
        if (cat == TABLE_PART || tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML)
            return FAIL; /* ignored by gumbo */
        return body_end(ps, tag, cat) ? DONE : FAIL;
    }
    GumboTag cur = current_tag(ps);
    if (ctx != ps->depth - 1)
        return FAIL;
    if (tag == cur) {
        pop(ps, true);
        return DONE;
    }
    if (m == IN_COLGROUP && tag != GUMBO_TAG_COL) {
        pop(ps, false);
        return AGAIN;
    }
    if (tag == GUMBO_TAG_TABLE && m != IN_TABLE) {
        pop(ps, false);
        return AGAIN;
    }
    if (m == IN_ROW && (tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_TFOOT ||
                        tag == GUMBO_TAG_THEAD) && sz_fast_in_scope(ps, tag, TABLE_SCOPE)) {
        pop(ps, false);
        return AGAIN;
    }
    return FAIL;
}

/* The attributes an end tag may carry (the tokenizer reads them, the tree
 * builder drops them), from just after the tag name to the closing '>',
 * which is returned; NULL when unsure: the input runs out, more than a few
 * attributes, or a repeated name (gumbo 0.10.1 mishandles those, see
 * sz_fast_attributes). */
static const char *end_tag_attributes(const char *s, const char *end)
{
    enum { MAX_NAMES = 8 };
    const char *names[MAX_NAMES];
    size_t lens[MAX_NAMES], count = 0;
    for (;;) {
        while (s < end && (sz_fast_is_space(*s) || *s == '/'))
            s++;
        if (s >= end)
            return NULL;
        if (*s == '>')
            return s;
        const char *name = s++; /* the first character may even be '=' */
        while (s < end && !sz_fast_is_space(*s) && *s != '/' && *s != '>' && *s != '=')
            s++;
        size_t len = (size_t)(s - name);
        if (count == MAX_NAMES)
            return NULL;
        for (size_t i = 0; i < count; i++) {
            size_t k = 0;
            while (k < len && k < lens[i] && ((name[k] | 32) == (names[i][k] | 32)))
                k++;
            if (k == len && k == lens[i])
                return NULL;
        }
        names[count] = name;
        lens[count++] = len;
        while (s < end && sz_fast_is_space(*s))
            s++;
        if (s >= end || *s != '=')
            continue;
        s++;
        while (s < end && sz_fast_is_space(*s))
            s++;
        if (s < end && (*s == '"' || *s == '\'')) {
            const char *q = memchr(s + 1, *s, (size_t)(end - s - 1));
            if (!q)
                return NULL;
            s = q + 1;
        } else {
            while (s < end && !sz_fast_is_space(*s) && *s != '>')
                s++;
        }
    }
}

static bool end_tag(parser *ps)
{
    const char *name = ps->p + 2;
    const char *s = name;
    while (s < ps->end && sz_fast_is_name_char(*s))
        s++;
    size_t n = (size_t)(s - name);
    if (!n || !sz_fast_is_alpha(name[0]))
        return false;
    if (n >= 32)
        return unfinished_tag(ps, ps->p);
    /* The name ends at whitespace, '/' or '>'; attributes may follow. */
    if (s < ps->end && (sz_fast_is_space(*s) || *s == '/'))
        s = end_tag_attributes(s, ps->end);
    if (!s || s >= ps->end || *s != '>')
        return unfinished_tag(ps, ps->p);
    char lower[32];
    for (size_t i = 0; i < n; i++)
        lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    lower[n] = '\0';
    GumboTag tag = gumbo_tag_enum(lower);
    category cat = sz_fast_category(tag);
    /* gumbo takes a form off the stack without flushing pending text, which
     * then lands after the form: keep it pending for that case. */
    if (cat != FORM && !flush_text(ps))
        return false;
    if (ps->pending_len && (!in_body_rules(ps) || (cat == FORM && ps->text.len)))
        return false; /* tables (see flush_text), text gumbo keeps pending */
    ps->p = s + 1;
    if (tag == GUMBO_TAG_BR && mode_of(ps) != IN_TABLE) {
        if (!reconstruct(ps))
            return false;
        /* </br> is a <br>; popped by an end tag named br, so no flag. */
        sz_ref br = new_element(ps, GUMBO_TAG_BR,
                                GUMBO_INSERTION_BY_PARSER | GUMBO_INSERTION_CONVERTED_FROM_END_TAG);
        if (!br)
            return false;
        append_child(ps, br);
        return mode_of(ps) != IN_TABLE_BODY &&
               mode_of(ps) != IN_ROW && mode_of(ps) != IN_COLGROUP;
    }
    /* End tags of elements that are never open on our stack (void, raw text,
     * skipped subtrees, and html/head/body, which a body fragment does not
     * have) match nothing, so gumbo ignores them in body, cells and
     * captions. */
    bool never_open = cat == VOID || cat == RULE || cat == IGNORED || sz_fast_is_raw_text(cat) ||
                      cat == FOREIGN || cat == TEMPLATE || cat == SELECT;
    if (never_open && in_body_rules(ps))
        return true;
    if (cat == BAIL || never_open)
        return false;
    for (int guard = 0; guard < 8; guard++) {
        mode m = mode_of(ps);
        outcome o = m == IN_BODY ? (body_end(ps, tag, cat) ? DONE : FAIL)
                                 : table_end(ps, tag, cat, m);
        if (o != AGAIN)
            return o == DONE;
    }
    return false;
}

/* <!-- comment -->, only in its plain form. */
static bool comment(parser *ps)
{
    const char *start = ps->p + 4;
    const char *dash = sz_fast_plain_comment_end(ps, start);
    if (!dash)
        return false;
    for (const char *c = start; c < dash; c++)
        if (*c == '\r')
            return false;
    if (!flush_text(ps))
        return false;
    size_t len = (size_t)(dash - start);
    sz_ref r = len <= UINT32_MAX ? sz_tree_add(ps->tree) : 0;
    if (!r)
        return false;
    sz_node *n = node_of(ps, r);
    n->type = GUMBO_NODE_COMMENT;
    n->text = start; /* the input as it is: no CR in it */
    n->text_len = (uint32_t)len;
    ps->p = dash + 3;
    append_child(ps, r);
    return true;
}

/* <!DOCTYPE ...>: ignored in a body fragment; it ends at the first '>'. */
static bool doctype(parser *ps)
{
    static const char word[] = "doctype";
    const char *s = ps->p + 2;
    if (ps->end - s < 7)
        return false;
    for (int i = 0; i < 7; i++)
        if ((s[i] | 32) != word[i])
            return false;
    const char *gt = memchr(s, '>', (size_t)(ps->end - s));
    if (!gt || !flush_text(ps))
        return false;
    ps->p = gt + 1;
    return true;
}

static bool parse(parser *ps)
{
    while (ps->p < ps->end) {
        if (sz_fast_over_budget(ps) || ps->work > ps->work_limit)
            return false;
        char c = *ps->p;
        if (!ps->text.len)
            ps->text_from = ps->p;
        if (ps->eat_newline) {
            ps->eat_newline = false;
            if (c == '\n') {
                ps->p++;
                continue;
            }
            if (c == '\r')
                return false;
            if (c == '&') {
                /* A reference to a newline is a newline token too: eaten. */
                size_t mark = ps->text.len;
                if (!sz_fast_char_ref(ps, &ps->text, false))
                    return false;
                if (ps->text.len == mark + 1 && ps->text.data[mark] == '\n')
                    ps->text.len = mark;
                continue;
            }
        }
        if (c == '<') {
            const char *s = ps->p + 1;
            bool ok;
            if (s >= ps->end)
                return false;
            if (sz_fast_is_alpha(*s)) {
                ok = start_tag(ps);
            } else if (*s == '/') {
                ok = end_tag(ps);
            } else if (*s == '!') {
                ok = (ps->end - s >= 3 && s[1] == '-' && s[2] == '-') ? comment(ps) : doctype(ps);
            } else if (*s == '?') {
                ok = false;
            } else {
                sz_buf_putc(&ps->text, '<');
                ps->p++;
                ok = true;
            }
            if (!ok)
                return false;
            continue;
        }
        if (c == '&') {
            if (!sz_fast_char_ref(ps, &ps->text, false))
                return false;
            continue;
        }
        if (c == '\r') {
            sz_buf_putc(&ps->text, '\n');
            ps->p += (ps->p + 1 < ps->end && ps->p[1] == '\n') ? 2 : 1;
            continue;
        }
        const char *run = ps->p;
        while (ps->p < ps->end && *ps->p != '<' && *ps->p != '&' && *ps->p != '\r')
            ps->p++;
        sz_buf_append(&ps->text, run, (size_t)(ps->p - run));
    }
    if (!flush_text(ps))
        return false;
    while (ps->depth > 1)
        pop(ps, false);
    return !ps->text.failed && !ps->value.failed;
}

bool sz_fast_parse(sz_arena *arena, const char *buf, size_t len, size_t budget, sz_tree *tree)
{
    if (!sz_fast_plain_characters(buf, len))
        return false;
    parser ps = {.arena = arena, .tree = tree, .p = buf, .end = buf + len, .budget = budget,
                 .text_from = buf, .work_limit = 16 * len + 4096};
    sz_tree_add(tree);
    if (tree->count != 1)
        return false;
    sz_node *root = sz_tree_node(tree, 0);
    root->type = GUMBO_NODE_ELEMENT;
    root->tag = GUMBO_TAG_HTML;
    root->ns = GUMBO_NAMESPACE_HTML;
    sz_arena_buf_take(arena, &ps.stack_mem);
    sz_arena_buf_take(arena, &ps.text);
    sz_arena_buf_take(arena, &ps.value);
    bool ok = sz_buf_reserve(&ps.stack_mem, 64 * sizeof *ps.stack);
    if (ok) {
        ps.stack = (sz_open *)ps.stack_mem.data;
        ps.cap = ps.stack_mem.cap / sizeof *ps.stack;
        ps.stack[ps.depth++] = (sz_open){.node = 0};
        ok = parse(&ps);
    }
    sz_arena_buf_give(arena, &ps.value);
    sz_arena_buf_give(arena, &ps.text);
    sz_arena_buf_give(arena, &ps.stack_mem);
    return ok;
}
