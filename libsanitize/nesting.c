#include "nesting.h"

void sz_nesting_init(sz_nesting *n, sz_arena *arena)
{
    sz_arena_buf_take(arena, &n->mem);
    n->tags = (GumboTag *)n->mem.data;
    n->cap = n->mem.cap / sizeof *n->tags;
    n->len = 0;
}

void sz_nesting_free(sz_nesting *n, sz_arena *arena)
{
    sz_arena_buf_give(arena, &n->mem);
    n->tags = NULL;
    n->len = n->cap = 0;
}

bool sz_nesting_push(sz_nesting *n, GumboTag tag)
{
    if (n->len == n->cap) {
        if (!sz_buf_reserve(&n->mem, (n->len + 1) * sizeof *n->tags))
            return false;
        n->tags = (GumboTag *)n->mem.data;
        n->cap = n->mem.cap / sizeof *n->tags;
    }
    n->tags[n->len++] = tag;
    return true;
}

void sz_nesting_pop(sz_nesting *n)
{
    if (n->len)
        n->len--;
}

/* Start tags that close an open <p> (in button scope). */
static bool closes_p(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_MENU: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_FORM: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_HR: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_LI:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT:
        return true;
    default:
        return false;
    }
}

/* Elements that end the default scope (applet, caption, html, table, td,
 * th, marquee, object, template). */
static bool scope_boundary(GumboTag t)
{
    return t == GUMBO_TAG_APPLET || t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_TABLE ||
           t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_MARQUEE ||
           t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_TEMPLATE;
}

/* Is `tag` open in scope (button scope adds button)? */
static bool in_scope(const sz_nesting *n, GumboTag tag, bool button)
{
    for (size_t i = n->len; i-- > 0;) {
        GumboTag t = n->tags[i];
        if (t == tag)
            return true;
        if (scope_boundary(t) || (button && t == GUMBO_TAG_BUTTON))
            return false;
    }
    return false;
}

/* The HTML "special" category: where the search for an open list item
 * stops (address, div and p excepted). */
static bool stops_item_search(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_APPLET: case GUMBO_TAG_AREA: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_MENUITEM: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EMBED: case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML: case GUMBO_TAG_IFRAME: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_ISINDEX: case GUMBO_TAG_LI: case GUMBO_TAG_LINK: case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_MENU: case GUMBO_TAG_META:
    case GUMBO_TAG_NAV: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_OL: case GUMBO_TAG_PARAM:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_SOURCE: case GUMBO_TAG_STYLE: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_TR: case GUMBO_TAG_TRACK: case GUMBO_TAG_UL:
    case GUMBO_TAG_WBR: case GUMBO_TAG_XMP:
        return true;
    default:
        return false;
    }
}

static bool is_heading(GumboTag t)
{
    return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

static bool table_section(GumboTag t)
{
    return t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT;
}

bool sz_nesting_allows(const sz_nesting *n, GumboTag tag)
{
    GumboTag parent = n->len ? n->tags[n->len - 1] : GUMBO_TAG_BODY;
    /* Table structure only directly where the table model puts it. */
    switch (tag) {
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
        return parent == GUMBO_TAG_TABLE;
    case GUMBO_TAG_TR:
        return table_section(parent);
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        return parent == GUMBO_TAG_TR;
    case GUMBO_TAG_COL:
        return parent == GUMBO_TAG_COLGROUP;
    default:
        break;
    }
    /* Anything else directly in table structure would be foster-parented. */
    if (parent == GUMBO_TAG_TABLE || table_section(parent) || parent == GUMBO_TAG_TR ||
        parent == GUMBO_TAG_COLGROUP)
        return false;
    if (closes_p(tag) && in_scope(n, GUMBO_TAG_P, true))
        return false;
    if (is_heading(tag) && is_heading(parent))
        return false;
    if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT) {
        for (size_t i = n->len; i-- > 0;) {
            GumboTag t = n->tags[i];
            if (tag == GUMBO_TAG_LI ? t == GUMBO_TAG_LI : (t == GUMBO_TAG_DD || t == GUMBO_TAG_DT))
                return false;
            if (stops_item_search(t))
                break;
        }
    }
    if (tag == GUMBO_TAG_A) {
        /* An open <a> is in the active formatting list up to the last
         * marker (cells, captions, applet, marquee, object). */
        for (size_t i = n->len; i-- > 0;) {
            GumboTag t = n->tags[i];
            if (t == GUMBO_TAG_A)
                return false;
            if (scope_boundary(t) && t != GUMBO_TAG_TABLE)
                break;
        }
    }
    if ((tag == GUMBO_TAG_BUTTON || tag == GUMBO_TAG_NOBR) && in_scope(n, tag, false))
        return false;
    if (tag == GUMBO_TAG_FORM) {
        for (size_t i = 0; i < n->len; i++)
            if (n->tags[i] == GUMBO_TAG_FORM)
                return false;
    }
    return true;
}

static bool table_structure(GumboTag t)
{
    return t == GUMBO_TAG_TABLE || table_section(t) || t == GUMBO_TAG_TR ||
           t == GUMBO_TAG_COLGROUP;
}

sz_table_part sz_nesting_table_part(const sz_nesting *n, GumboTag tag)
{
    GumboTag parent = n->len ? n->tags[n->len - 1] : GUMBO_TAG_BODY;
    if (!table_structure(parent))
        return SZ_PART_NONE;
    switch (tag) {
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_COLGROUP:
        return parent == GUMBO_TAG_TABLE ? SZ_PART_IMPLIED : SZ_PART_DROP;
    case GUMBO_TAG_TR:
        return table_section(parent) ? SZ_PART_IMPLIED : SZ_PART_DROP;
    default:
        return SZ_PART_DROP;
    }
}
