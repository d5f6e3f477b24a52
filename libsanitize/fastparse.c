#include "fastparse.h"

#include <string.h>

#include "escape.h"

/* How gumbo 0.10.1's "in body" insertion mode treats a start tag, for the
 * tags this parser handles itself (parser.c, handle_in_body). */
typedef enum category {
    BAIL,       /* anything with rules we do not reproduce */
    ORDINARY,   /* "any other start tag": insert */
    FORMATTING, /* b big code em font i s small strike strong tt u */
    ANCHOR,     /* a */
    BLOCK,      /* close a <p>, insert */
    HEADING,    /* h1-h6: close a <p>, close a current heading, insert */
    PRE,        /* close a <p>, insert, eat one following newline */
    LIST_ITEM,  /* li */
    DEF_ITEM,   /* dd dt */
    VOID,       /* insert and pop at once: area br embed img keygen wbr param source track */
    RULE,       /* hr: close a <p>, then void */
} category;

static category category_of(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_CODE: case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_S: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG: case GUMBO_TAG_TT: case GUMBO_TAG_U:
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
    case GUMBO_TAG_TRACK:
        return VOID;
    case GUMBO_TAG_HR:
        return RULE;
    /* Everything handle_in_body names explicitly and we do not reproduce. */
    case GUMBO_TAG_HTML: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_BGSOUND: case GUMBO_TAG_MENUITEM: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TITLE: case GUMBO_TAG_BODY:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_LISTING: case GUMBO_TAG_FORM:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_NOBR:
    case GUMBO_TAG_APPLET: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_IMAGE: case GUMBO_TAG_INPUT: case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_RB: case GUMBO_TAG_RP:
    case GUMBO_TAG_RT: case GUMBO_TAG_RTC: case GUMBO_TAG_MATH: case GUMBO_TAG_SVG:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_FRAME: case GUMBO_TAG_HEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
        return BAIL;
    default:
        return ORDINARY;
    }
}

/* gumbo 0.10.1's "special" category (is_special_node), restricted to the
 * elements that can be open on this parser's stack. */
static bool is_special(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HTML: case GUMBO_TAG_LI:
    case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL:
        return true;
    default:
        return false;
    }
}

static bool is_heading(GumboTag t)
{
    return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

/* Named references handled here; any other name sends the input to gumbo. */
static const struct {
    const char *name;
    const char *utf8;
} entities[] = {
    {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
    {"nbsp", "\xC2\xA0"}, {"copy", "\xC2\xA9"}, {"reg", "\xC2\xAE"}, {"trade", "\xE2\x84\xA2"},
    {"hellip", "\xE2\x80\xA6"}, {"mdash", "\xE2\x80\x94"}, {"ndash", "\xE2\x80\x93"},
    {"lsquo", "\xE2\x80\x98"}, {"rsquo", "\xE2\x80\x99"}, {"ldquo", "\xE2\x80\x9C"},
    {"rdquo", "\xE2\x80\x9D"}, {"laquo", "\xC2\xAB"}, {"raquo", "\xC2\xBB"},
    {"middot", "\xC2\xB7"}, {"bull", "\xE2\x80\xA2"}, {"euro", "\xE2\x82\xAC"},
    {"pound", "\xC2\xA3"}, {"yen", "\xC2\xA5"}, {"cent", "\xC2\xA2"}, {"deg", "\xC2\xB0"},
    {"times", "\xC3\x97"}, {"divide", "\xC3\xB7"}, {"sect", "\xC2\xA7"}, {"para", "\xC2\xB6"},
    {"larr", "\xE2\x86\x90"}, {"rarr", "\xE2\x86\x92"}, {"uarr", "\xE2\x86\x91"},
    {"darr", "\xE2\x86\x93"}, {"shy", "\xC2\xAD"}, {"zwj", "\xE2\x80\x8D"},
    {"zwnj", "\xE2\x80\x8C"}, {"lrm", "\xE2\x80\x8E"}, {"rlm", "\xE2\x80\x8F"},
};

typedef struct parser {
    sz_arena *arena;
    const char *p, *end;
    size_t budget;
    GumboNode *root;
    GumboNode **stack; /* open elements, stack[0] is root */
    size_t depth, cap;
    size_t open_anchors;
    /* How many elements of each tag are open: lets the scope searches skip
     * the stack walk when the answer is "none" (deep stacks stay linear). */
    unsigned open_count[GUMBO_TAG_LAST + 1];
    bool eat_newline; /* right after <pre> */
    /* Stack positions looked at so far: a few per input byte on real
     * markup; past a linear bound the input is left to gumbo, whose parse
     * runs under the CPU deadline. */
    size_t work, work_limit;
    sz_buf text;      /* pending character data */
} parser;

static bool is_alpha(char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static bool is_alnum(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static void *alloc(parser *ps, size_t n)
{
    return sz_arena_alloc(ps->arena, n);
}

static char *copy_string(parser *ps, const char *s, size_t n)
{
    char *c = alloc(ps, n + 1);
    if (c)
        memcpy(c, s, n); /* zero-filled: terminated */
    return c;
}

static bool vector_add(parser *ps, GumboVector *v, void *item)
{
    if (v->length == v->capacity) {
        unsigned cap = v->capacity ? v->capacity * 2 : 4;
        void **data = alloc(ps, cap * sizeof *data);
        if (!data)
            return false;
        if (v->length)
            memcpy(data, v->data, v->length * sizeof *data);
        v->data = data;
        v->capacity = cap;
    }
    v->data[v->length++] = item;
    return true;
}

static GumboNode *current(const parser *ps)
{
    return ps->stack[ps->depth - 1];
}

static bool append_child(parser *ps, GumboNode *node)
{
    GumboNode *parent = current(ps);
    node->parent = parent;
    node->index_within_parent = parent->v.element.children.length;
    return vector_add(ps, &parent->v.element.children, node);
}

/* Character data is buffered and becomes one text node when markup comes,
 * as gumbo merges character tokens. */
static bool flush_text(parser *ps)
{
    if (!ps->text.len)
        return true;
    if (ps->text.failed)
        return false;
    GumboNode *n = alloc(ps, sizeof *n);
    char *t = n ? copy_string(ps, ps->text.data, ps->text.len) : NULL;
    if (!t)
        return false;
    bool blank = true;
    for (size_t i = 0; i < ps->text.len && blank; i++)
        blank = is_space(ps->text.data[i]);
    n->type = blank ? GUMBO_NODE_WHITESPACE : GUMBO_NODE_TEXT;
    n->v.text.text = t;
    ps->text.len = 0;
    return append_child(ps, n);
}

static bool push(parser *ps, GumboNode *node)
{
    if (ps->depth == ps->cap) {
        size_t cap = ps->cap * 2;
        GumboNode **bigger = alloc(ps, cap * sizeof *bigger);
        if (!bigger)
            return false;
        memcpy(bigger, ps->stack, ps->depth * sizeof *bigger);
        ps->stack = bigger;
        ps->cap = cap;
    }
    ps->stack[ps->depth++] = node;
    ps->open_count[node->v.element.tag]++;
    return true;
}

/* Pops the current node; `explicit` when the end tag being processed names
 * it, which is when gumbo leaves GUMBO_INSERTION_IMPLICIT_END_TAG unset. */
static void pop(parser *ps, bool explicit_end)
{
    GumboNode *n = ps->stack[--ps->depth];
    ps->open_count[n->v.element.tag]--;
    if (!explicit_end)
        n->parse_flags |= GUMBO_INSERTION_IMPLICIT_END_TAG;
    if (n->v.element.tag == GUMBO_TAG_A)
        ps->open_anchors--;
}

static bool is_formatting(GumboTag t)
{
    category c = category_of(t);
    return c == FORMATTING || c == ANCHOR;
}

/* Pops everything above stack index i, then i itself: what gumbo does when
 * it implies end tags and pops until an element. Formatting elements popped
 * that way would be reconstructed later by gumbo (the active formatting
 * list), which this parser does not model: refuse instead. */
static bool close_to(parser *ps, size_t i, bool explicit_end)
{
    for (size_t k = i + 1; k < ps->depth; k++, ps->work++)
        if (is_formatting(ps->stack[k]->v.element.tag))
            return false;
    while (ps->depth > i + 1)
        pop(ps, false);
    pop(ps, explicit_end);
    return true;
}

/* Index of the topmost open element with this tag, or 0 (the root). Our
 * stack never holds a scope boundary, so "in scope" is "open". */
static size_t find_open(parser *ps, GumboTag tag)
{
    if (!ps->open_count[tag])
        return 0;
    for (size_t i = ps->depth; i-- > 1;) {
        if (ps->stack[i]->v.element.tag == tag)
            return i;
        ps->work++;
    }
    return 0;
}

/* A start tag that closes a <p> in button scope. */
static bool close_p(parser *ps)
{
    size_t i = find_open(ps, GUMBO_TAG_P);
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
        GumboTag t = ps->stack[i]->v.element.tag;
        if (li ? t == GUMBO_TAG_LI : (t == GUMBO_TAG_DD || t == GUMBO_TAG_DT))
            return close_to(ps, i, false);
        if (is_special(t) && t != GUMBO_TAG_ADDRESS && t != GUMBO_TAG_DIV && t != GUMBO_TAG_P)
            return true;
    }
    return true;
}

/* Decodes a character reference at ps->p (which is at '&') into `out`.
 * False when it is one we do not handle. In attribute values a name
 * followed by '=' is literal text (the rule that keeps query strings). */
static bool char_ref(parser *ps, sz_buf *out, bool in_attribute)
{
    const char *s = ps->p + 1;
    if (s < ps->end && *s == '#') {
        s++;
        bool hex = s < ps->end && (*s | 32) == 'x';
        if (hex)
            s++;
        unsigned long cp = 0;
        int digits = 0;
        while (s < ps->end && digits < 7) {
            char c = *s;
            int d = (c >= '0' && c <= '9') ? c - '0'
                  : (hex && (c | 32) >= 'a' && (c | 32) <= 'f') ? (c | 32) - 'a' + 10 : -1;
            if (d < 0)
                break;
            cp = cp * (hex ? 16 : 10) + (unsigned long)d;
            digits++;
            s++;
        }
        if (!digits || s >= ps->end || *s != ';')
            return false;
        /* Only plain characters: no controls, C1 remapping, surrogates,
         * noncharacters or out-of-range values, which gumbo replaces. */
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\f') || (cp >= 0x7F && cp <= 0x9F) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
            (cp & 0xFFFE) == 0xFFFE || cp > 0x10FFFF)
            return false;
        char u[4];
        size_t n;
        if (cp < 0x80) {
            u[0] = (char)cp;
            n = 1;
        } else if (cp < 0x800) {
            u[0] = (char)(0xC0 | (cp >> 6));
            u[1] = (char)(0x80 | (cp & 0x3F));
            n = 2;
        } else if (cp < 0x10000) {
            u[0] = (char)(0xE0 | (cp >> 12));
            u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F));
            n = 3;
        } else {
            u[0] = (char)(0xF0 | (cp >> 18));
            u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
            u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
            u[3] = (char)(0x80 | (cp & 0x3F));
            n = 4;
        }
        sz_buf_append(out, u, n);
        ps->p = s + 1;
        return true;
    }
    const char *name = s;
    while (s < ps->end && is_alnum(*s))
        s++;
    if (s == name) {
        /* "&" not followed by a name: a literal ampersand. */
        sz_buf_putc(out, '&');
        ps->p++;
        return true;
    }
    if (in_attribute && s < ps->end && *s == '=') {
        sz_buf_append(out, ps->p, (size_t)(s - ps->p));
        ps->p = s;
        return true;
    }
    if (s >= ps->end || *s != ';')
        return false;
    size_t n = (size_t)(s - name);
    for (size_t i = 0; i < sizeof entities / sizeof *entities && n < 16; i++) {
        if (strlen(entities[i].name) == n && memcmp(entities[i].name, name, n) == 0) {
            sz_buf_puts(out, entities[i].utf8);
            ps->p = s + 1;
            return true;
        }
    }
    return false;
}

/* One attribute value, decoded, into `val`. */
static bool attribute_value(parser *ps, sz_buf *val)
{
    val->len = 0;
    if (ps->p < ps->end && (*ps->p == '"' || *ps->p == '\'')) {
        char q = *ps->p++;
        while (ps->p < ps->end && *ps->p != q) {
            char c = *ps->p;
            if (c == '&') {
                if (!char_ref(ps, val, true))
                    return false;
                continue;
            }
            if (c == '\r') {
                sz_buf_putc(val, '\n');
                ps->p += (ps->p + 1 < ps->end && ps->p[1] == '\n') ? 2 : 1;
                continue;
            }
            const char *run = ps->p;
            while (ps->p < ps->end && *ps->p != q && *ps->p != '&' && *ps->p != '\r')
                ps->p++;
            sz_buf_append(val, run, (size_t)(ps->p - run));
        }
        if (ps->p >= ps->end)
            return false;
        ps->p++;
        return true;
    }
    /* Unquoted: stop at whitespace or '>'; the characters the tokenizer
     * flags as errors inside are left to gumbo. */
    while (ps->p < ps->end && !is_space(*ps->p) && *ps->p != '>') {
        char c = *ps->p;
        if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`')
            return false;
        if (c == '&') {
            if (!char_ref(ps, val, true))
                return false;
            continue;
        }
        sz_buf_putc(val, c);
        ps->p++;
    }
    return val->len > 0;
}

static void skip_space(parser *ps)
{
    while (ps->p < ps->end && is_space(*ps->p))
        ps->p++;
}

/* Parses the attributes and the end of a start tag. */
static bool attributes(parser *ps, GumboElement *e, sz_buf *val)
{
    for (;;) {
        skip_space(ps);
        if (ps->p >= ps->end)
            return false;
        if (*ps->p == '>') {
            ps->p++;
            return true;
        }
        if (*ps->p == '/') {
            if (ps->p + 1 < ps->end && ps->p[1] == '>') {
                ps->p += 2;
                return true;
            }
            return false;
        }
        const char *name = ps->p;
        while (ps->p < ps->end && (is_alnum(*ps->p) || *ps->p == '-' || *ps->p == '_' ||
                                   *ps->p == ':' || *ps->p == '.'))
            ps->p++;
        size_t name_len = (size_t)(ps->p - name);
        if (!name_len || name_len > 64 || ps->p >= ps->end ||
            !(is_space(*ps->p) || *ps->p == '=' || *ps->p == '>' || *ps->p == '/'))
            return false;
        skip_space(ps);
        val->len = 0;
        bool has_value = ps->p < ps->end && *ps->p == '=';
        if (has_value) {
            ps->p++;
            skip_space(ps);
            if (!attribute_value(ps, val))
                return false;
            if (ps->p < ps->end && !is_space(*ps->p) && *ps->p != '>' && *ps->p != '/')
                return false;
        }
        if (val->failed || e->attributes.length >= 64)
            return false;
        char lower[65];
        for (size_t i = 0; i < name_len; i++)
            lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
        lower[name_len] = '\0';
        /* Duplicates: the first one wins. */
        bool dup = false;
        for (unsigned i = 0; i < e->attributes.length && !dup; i++)
            dup = strcmp(((GumboAttribute *)e->attributes.data[i])->name, lower) == 0;
        if (dup)
            continue;
        GumboAttribute *a = alloc(ps, sizeof *a);
        if (!a || !(a->name = copy_string(ps, lower, name_len)) ||
            !(a->value = copy_string(ps, val->data ? val->data : "", val->len)) ||
            !vector_add(ps, &e->attributes, a))
            return false;
        a->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
    }
}

static bool start_tag(parser *ps, sz_buf *val)
{
    const char *open = ps->p;
    const char *name = ++ps->p;
    while (ps->p < ps->end && (is_alnum(*ps->p) || *ps->p == '-'))
        ps->p++;
    size_t n = (size_t)(ps->p - name);
    if (ps->p >= ps->end || n >= 32 || !(is_space(*ps->p) || *ps->p == '>' || *ps->p == '/'))
        return false;
    char lower[32];
    for (size_t i = 0; i < n; i++)
        lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    lower[n] = '\0';
    GumboTag tag = gumbo_tag_enum(lower);
    category cat = category_of(tag);
    if (cat == BAIL)
        return false;

    GumboNode *node = alloc(ps, sizeof *node);
    if (!node)
        return false;
    node->type = GUMBO_NODE_ELEMENT;
    GumboElement *e = &node->v.element;
    e->tag = tag;
    e->tag_namespace = GUMBO_NAMESPACE_HTML;
    if (!attributes(ps, e, val))
        return false;
    e->original_tag.data = open;
    e->original_tag.length = (size_t)(ps->p - open);
    if (!flush_text(ps))
        return false;

    switch (cat) {
    case ANCHOR:
        if (ps->open_anchors)
            return false; /* the adoption agency would run */
        ps->open_anchors++;
        break;
    case BLOCK:
    case PRE:
    case RULE:
        if (!close_p(ps))
            return false;
        break;
    case HEADING:
        if (!close_p(ps))
            return false;
        if (is_heading(current(ps)->v.element.tag))
            pop(ps, false);
        break;
    case LIST_ITEM:
    case DEF_ITEM:
        if (!close_list_item(ps, cat == LIST_ITEM) || !close_p(ps))
            return false;
        break;
    default:
        break;
    }
    if (!append_child(ps, node))
        return false;
    if (cat == VOID || cat == RULE) {
        node->parse_flags |= GUMBO_INSERTION_IMPLICIT_END_TAG;
        return true;
    }
    if (!push(ps, node))
        return false;
    ps->eat_newline = cat == PRE;
    return true;
}

static bool end_tag(parser *ps)
{
    const char *name = ps->p + 2;
    const char *s = name;
    while (s < ps->end && (is_alnum(*s) || *s == '-'))
        s++;
    size_t n = (size_t)(s - name);
    if (!n || n >= 32 || !is_alpha(name[0]))
        return false;
    while (s < ps->end && is_space(*s))
        s++;
    if (s >= ps->end || *s != '>')
        return false;
    char lower[32];
    for (size_t i = 0; i < n; i++)
        lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    lower[n] = '\0';
    GumboTag tag = gumbo_tag_enum(lower);
    category cat = category_of(tag);
    if (cat == BAIL || cat == VOID || cat == RULE)
        return false;
    if (!flush_text(ps))
        return false;
    ps->p = s + 1;

    GumboTag cur = current(ps)->v.element.tag;
    size_t i;
    switch (cat) {
    case FORMATTING:
    case ANCHOR:
        /* The adoption agency's plain case: the element is the current node. */
        if (ps->depth < 2 || cur != tag)
            return false;
        pop(ps, true);
        return true;
    case HEADING:
        /* Closes the open heading of any level. */
        for (i = GUMBO_TAG_H1; i <= GUMBO_TAG_H6 && !ps->open_count[i]; i++)
            ;
        if (i > GUMBO_TAG_H6)
            return false;
        for (i = ps->depth; i-- > 1; ps->work++)
            if (is_heading(ps->stack[i]->v.element.tag))
                return close_to(ps, i, ps->stack[i]->v.element.tag == tag);
        return false;
    case LIST_ITEM:
        /* List item scope: a list element is a boundary. */
        for (i = ps->depth; i-- > 1; ps->work++) {
            GumboTag t = ps->stack[i]->v.element.tag;
            if (t == GUMBO_TAG_LI)
                return close_to(ps, i, true);
            if (t == GUMBO_TAG_OL || t == GUMBO_TAG_UL)
                return false;
        }
        return false;
    case ORDINARY:
        /* "Any other end tag": the nearest element with that tag (gumbo
         * compares tag enums, so an unknown end tag matches any unknown
         * element), unless a special element comes first. */
        for (i = ps->depth; i-- > 1; ps->work++) {
            GumboTag t = ps->stack[i]->v.element.tag;
            if (t == tag)
                return close_to(ps, i, true);
            if (is_special(t))
                return false;
        }
        return false;
    default: /* BLOCK, PRE, DEF_ITEM, and </p> */
        i = find_open(ps, tag);
        return i && close_to(ps, i, true);
    }
}

/* <!-- comment -->, only in its plain form. */
static bool comment(parser *ps)
{
    const char *start = ps->p + 4;
    if (start >= ps->end || *start == '>' || (*start == '-' && start + 1 < ps->end && start[1] == '>'))
        return false;
    const char *dash = start;
    while ((dash = memchr(dash, '-', (size_t)(ps->end - dash))) != NULL &&
           !(dash + 1 < ps->end && dash[1] == '-'))
        dash++;
    if (!dash || dash + 2 >= ps->end || dash[2] != '>')
        return false;
    for (const char *c = start; c < dash; c++)
        if (*c == '<' || *c == '\r')
            return false;
    if (!flush_text(ps))
        return false;
    GumboNode *n = alloc(ps, sizeof *n);
    if (!n || !(n->v.text.text = copy_string(ps, start, (size_t)(dash - start))))
        return false;
    n->type = GUMBO_NODE_COMMENT;
    ps->p = dash + 3;
    return append_child(ps, n);
}

/* Whole-input checks: valid UTF-8 without the characters gumbo treats
 * specially (NUL, controls other than whitespace, C1 controls,
 * noncharacters, a leading byte order mark). */
static bool plain_characters(const char *s, size_t n)
{
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        return false;
    if (sz_utf8_valid_prefix(s, n) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 ? !(c == '\t' || c == '\n' || c == '\f' || c == '\r') : c == 0x7F)
            return false;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0)
            return false; /* U+0080..U+009F */
        if (c == 0xEF && i + 2 < n) {
            unsigned char b = (unsigned char)s[i + 1], d = (unsigned char)s[i + 2];
            if ((b == 0xB7 && d >= 0x90 && d <= 0xAF) || (b == 0xBF && d >= 0xBE))
                return false;
        }
        if (c >= 0xF0 && i + 3 < n && ((unsigned char)s[i + 1] & 0x0F) == 0x0F &&
            (unsigned char)s[i + 2] == 0xBF && (unsigned char)s[i + 3] >= 0xBE)
            return false;
    }
    return true;
}

static bool parse(parser *ps, sz_buf *val)
{
    while (ps->p < ps->end) {
        if (sz_arena_total(ps->arena) > ps->budget || ps->work > ps->work_limit)
            return false;
        char c = *ps->p;
        if (ps->eat_newline) {
            ps->eat_newline = false;
            if (c == '\n') {
                ps->p++;
                continue;
            }
            if (c == '\r' || c == '&')
                return false; /* a newline gumbo would eat, spelled otherwise */
        }
        if (c == '<') {
            const char *s = ps->p + 1;
            if (s >= ps->end)
                return false;
            if (is_alpha(*s)) {
                if (!start_tag(ps, val))
                    return false;
            } else if (*s == '/') {
                if (!end_tag(ps))
                    return false;
            } else if (*s == '!') {
                if (ps->end - s < 3 || s[1] != '-' || s[2] != '-' || !comment(ps))
                    return false;
            } else if (*s == '?') {
                return false;
            } else {
                sz_buf_putc(&ps->text, '<');
                ps->p++;
            }
            continue;
        }
        if (c == '&') {
            if (!char_ref(ps, &ps->text, false))
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
    return !ps->text.failed && !val->failed;
}

bool sz_fast_parse(sz_arena *arena, const char *buf, size_t len, size_t budget,
                   const GumboNode **root)
{
    if (!plain_characters(buf, len))
        return false;
    parser ps = {.arena = arena, .p = buf, .end = buf + len, .budget = budget, .cap = 64,
                 .work_limit = 16 * len + 4096};
    ps.root = alloc(&ps, sizeof *ps.root);
    ps.stack = alloc(&ps, ps.cap * sizeof *ps.stack);
    if (!ps.root || !ps.stack)
        return false;
    ps.root->type = GUMBO_NODE_ELEMENT;
    ps.root->v.element.tag = GUMBO_TAG_HTML;
    ps.root->v.element.tag_namespace = GUMBO_NAMESPACE_HTML;
    ps.stack[ps.depth++] = ps.root;
    sz_buf val;
    sz_buf_init(&val);
    sz_buf_init(&ps.text);
    bool ok = parse(&ps, &val);
    sz_buf_free(&val);
    sz_buf_free(&ps.text);
    if (ok)
        *root = ps.root;
    return ok;
}
