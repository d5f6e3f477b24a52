/* The subtrees every policy drops with everything in them — svg/math,
 * template, select — pass through the fast parser without a tree: the
 * element goes in empty, and its content is only tokenized, up to where
 * gumbo 0.10.1 ends it. Each function here follows the parts of gumbo's
 * rules that decide that end, and gives up (false) on anything else. */
#include <string.h>

#include "fastparse_internal.h"

typedef sz_fast parser;

/* The "--" that ends a plain comment whose text starts at `start`: the
 * first "--", which must be followed by '>'; the text must not open with
 * '>' or "->" (gumbo's abrupt endings). NULL for anything else. */
const char *sz_fast_plain_comment_end(const parser *ps, const char *start)
{
    if (start >= ps->end || *start == '>' ||
        (*start == '-' && start + 1 < ps->end && start[1] == '>'))
        return NULL;
    const char *dash = start;
    while ((dash = memchr(dash, '-', (size_t)(ps->end - dash))) != NULL &&
           !(dash + 1 < ps->end && dash[1] == '-'))
        dash++;
    if (!dash || dash + 2 >= ps->end || dash[2] != '>')
        return NULL;
    return dash;
}

static bool name_in(const char *name, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* Foreign elements whose content parses as HTML again (integration points:
 * MathML's text ones, and SVG's). annotation-xml, which is one only for
 * some encodings, is left to gumbo by the caller. */
static bool integration_point(const char *name, GumboNamespaceEnum ns)
{
    static const char *const mathml[] = {"mi", "mo", "mn", "ms", "mtext"};
    static const char *const svg[] = {"foreignobject", "desc", "title"};
    if (ns == GUMBO_NAMESPACE_MATHML)
        return name_in(name, mathml, sizeof mathml / sizeof *mathml);
    return ns == GUMBO_NAMESPACE_SVG && name_in(name, svg, sizeof svg / sizeof *svg);
}

/* Reads a tag name at s into lower (ASCII lower case); returns its end, or
 * NULL when it is longer than `size` allows. */
static const char *tag_name(const parser *ps, const char *s, char *lower, size_t size)
{
    size_t n = 0;
    while (s < ps->end && sz_fast_is_name_char(*s)) {
        if (n + 1 >= size)
            return NULL;
        char c = *s++;
        lower[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    lower[n] = '\0';
    return s;
}

/* A plain comment at ps->p ("<!--"), skipped as comment() would read it. */
static bool skip_comment(parser *ps)
{
    const char *s = ps->p + 1, *start = s + 3, *dash;
    if (ps->end - s < 3 || s[1] != '-' || s[2] != '-' || (start < ps->end && *start == '-') ||
        !(dash = sz_fast_plain_comment_end(ps, start)))
        return false;
    ps->p = dash + 3;
    return true;
}

/* Reads the attributes of a start tag whose element is skipped, and
 * forgets them: skipped content costs no memory. */
static bool skip_attributes(parser *ps)
{
    sz_arena_mark mark = sz_arena_mark_now(ps->arena);
    GumboVector scratch = {0};
    bool ok = sz_fast_attributes(ps, &scratch);
    sz_arena_rewind(ps->arena, mark);
    return ok;
}

/* A tag of skipped content. */
typedef struct skipped_tag {
    enum { TAG_START, TAG_END, INPUT_END } kind;
    const char *open; /* its '<' */
    char name[32];    /* ASCII lower case */
    GumboTag tag;
} skipped_tag;

/* Reads on to the next tag, passing over text and plain comments. A start
 * tag leaves ps->p after its name, for the caller to read its attributes;
 * an end tag (only `</name>`, spaces allowed before '>') after its '>'.
 * False when unsure: bogus comments and CDATA sections (which may hide a
 * tag), end tags with attributes, long names. */
static bool next_tag(parser *ps, skipped_tag *t)
{
    for (;;) {
        const char *lt = memchr(ps->p, '<', (size_t)(ps->end - ps->p));
        if (!lt || lt + 1 >= ps->end) {
            ps->p = ps->end;
            t->kind = INPUT_END;
            return true;
        }
        ps->p = t->open = lt;
        const char *s = lt + 1;
        if (*s == '?')
            return false;
        if (*s == '!') {
            if (!skip_comment(ps))
                return false;
            continue;
        }
        if (*s == '/') {
            const char *e = tag_name(ps, s + 1, t->name, sizeof t->name);
            if (!e || !sz_fast_is_alpha(t->name[0]))
                return false; /* "</>", bogus comments */
            while (e < ps->end && sz_fast_is_space(*e))
                e++;
            if (e >= ps->end || *e != '>')
                return false;
            ps->p = e + 1;
            t->kind = TAG_END;
            t->tag = gumbo_tag_enum(t->name);
            return true;
        }
        if (!sz_fast_is_alpha(*s)) {
            ps->p = s;
            continue;
        }
        ps->p = tag_name(ps, s, t->name, sizeof t->name);
        if (!ps->p || ps->p >= ps->end ||
            !(sz_fast_is_space(*ps->p) || *ps->p == '>' || *ps->p == '/'))
            return false;
        t->kind = TAG_START;
        t->tag = gumbo_tag_enum(t->name);
        return true;
    }
}

/* An <svg> or <math> subtree. Every policy drops foreign content with
 * everything in it, so only where it ends matters: the element goes in
 * empty, and its tokens are skipped up to the end tag that closes it.
 *
 * In foreign content each start tag opens an element of its parent's
 * namespace (in a body fragment gumbo 0.10.1 never breaks out of foreign
 * content on a start tag: the old "fragment case"), unless self-closing; an
 * end tag closes the innermost element of its name, provided no HTML
 * element is open above it (there, HTML rules would take over).
 *
 * Inside an integration point content is HTML again, where only the
 * simplest of it is followed: elements of the "any other start tag" rule,
 * void elements, nested svg/math, elements whose text the tokenizer reads
 * raw (style, script, textarea, ...: skipped to their end tag), and a
 * table, see below; each end tag must close the innermost element.
 * Anything else — elements that reach outside the subtree (forms,
 * formatting elements), CDATA sections, bogus comments — is left to gumbo.
 * So is all of that inside a template, whose insertion modes are not
 * followed here (in column group mode, say, gumbo ignores a <style> start
 * tag, and the tokenizer does not switch). */
struct open_foreign {
    char name[32];
    GumboNamespaceEnum ns; /* HTML: an element inside an integration point */
};

/* An end tag at ps->p that closes nothing in the foreign subtree goes to
 * the HTML rules with the subtree still open. Where those rules close an
 * element outside it — </p> with a <p> in button scope, a block's end tag
 * with the block in scope — everything above goes too, the subtree
 * included, as the same end tag does after it: the subtree ends here, and
 * the end tag is read again. Integration points are scope boundaries that
 * would stop that, so they must not be open; nor must a template, where
 * the scopes end (the caller's `in_template`). */
static bool foreign_ends_at(parser *ps, GumboTag tag, const struct open_foreign *open,
                            size_t depth)
{
    for (size_t k = 0; k < depth; k++, ps->work++)
        if (integration_point(open[k].name, open[k].ns))
            return false;
    if (tag == GUMBO_TAG_P ? !sz_fast_in_scope(ps, tag, BUTTON_SCOPE)
                           : sz_fast_category(tag) != BLOCK || !sz_fast_in_scope(ps, tag, DEFAULT_SCOPE))
        return false;
    return true;
}

/* The tags gumbo 0.10.1's "reset the insertion mode" stops at — by tag
 * alone, whatever the namespace (an SVG <td> counts). */
static bool resets_mode(const char *name)
{
    switch (gumbo_tag_enum(name)) {
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TR:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY:
    case GUMBO_TAG_FRAMESET: case GUMBO_TAG_HTML:
        return true;
    default:
        return false;
    }
}

/* A table inside an integration point (<math><mtext><table>, a classic
 * mutation-XSS shape) puts gumbo in the "in table" mode. Followed there:
 * text and comments, void elements, raw-text elements, and elements of the
 * "any other start tag" rule, all of which gumbo foster-parents without
 * leaving the subtree (the foster parent is the table's parent, inside it);
 * end tags that close the current element; and </table>, which pops
 * everything down to the table and resets the insertion mode. That reset
 * walks the open elements down from the table's parent: it must find none
 * of resets_mode() in the subtree, and then finds the mode the subtree was
 * entered in (in body, in cell or in caption: the callers outside a
 * template), which is the one its content was read in. Table structure,
 * nested tables, forms and foreign content inside the table are left to
 * gumbo. */
static bool table_closes(parser *ps, const struct open_foreign *open, size_t table)
{
    for (size_t k = 0; k < table; k++, ps->work++)
        if (resets_mode(open[k].name))
            return false;
    return true;
}

/* The text of a raw-text element whose start tag ended at ps->p, skipped
 * up to and including its end tag; false without one. */
static bool skip_raw_text(parser *ps, const char *name, category cat)
{
    const char *close, *gt;
    if (!sz_fast_raw_text_end(ps, name, cat == SCRIPT, &close, &gt) || !gt)
        return false;
    ps->p = gt + 1;
    return true;
}

/* mglyph and malignmark directly inside MathML's text integration points
 * are MathML (the start tag goes by the foreign content rules). */
static bool stays_mathml(const struct open_foreign *parent, const char *name)
{
    return parent->ns == GUMBO_NAMESPACE_MATHML &&
           (strcmp(name, "mglyph") == 0 || strcmp(name, "malignmark") == 0);
}

bool sz_fast_foreign(parser *ps, GumboTag root, bool in_template)
{
    enum { MAX_DEPTH = 256 };
    struct open_foreign open[MAX_DEPTH];
    size_t depth = 1;
    size_t table = 0; /* where the open table is in open[], 0 for none */
    open[0].ns = root == GUMBO_TAG_SVG ? GUMBO_NAMESPACE_SVG : GUMBO_NAMESPACE_MATHML;
    strcpy(open[0].name, root == GUMBO_TAG_SVG ? "svg" : "math");
    while (depth) {
        skipped_tag t;
        if (!next_tag(ps, &t) || t.kind == INPUT_END)
            return false;
        if (t.kind == TAG_END) {
            if (table && t.tag == GUMBO_TAG_TABLE) {
                if (!table_closes(ps, open, table))
                    return false;
                depth = table;
                table = 0;
                continue;
            }
            size_t k = depth;
            while (k-- > 0 && strcmp(open[k].name, t.name) != 0) {
                if (open[k].ns == GUMBO_NAMESPACE_HTML)
                    return false;
                ps->work++;
            }
            if (k == (size_t)-1) {
                ps->p = t.open;
                return !in_template && foreign_ends_at(ps, t.tag, open, depth);
            }
            depth = k;
            continue;
        }
        if (strcmp(t.name, "annotation-xml") == 0 || !skip_attributes(ps))
            return false;
        const struct open_foreign *parent = &open[depth - 1];
        bool html = parent->ns == GUMBO_NAMESPACE_HTML ||
                    (integration_point(parent->name, parent->ns) &&
                     !stays_mathml(parent, t.name));
        GumboNamespaceEnum ns = parent->ns;
        if (html) {
            category cat = sz_fast_category(t.tag);
            if (cat == VOID)
                continue;
            if (sz_fast_is_raw_text(cat) && !in_template) {
                if (!skip_raw_text(ps, t.name, cat))
                    return false;
                continue;
            }
            bool opens_table = cat == TABLE && !table && !in_template;
            if (cat == FOREIGN && !table)
                ns = t.tag == GUMBO_TAG_SVG ? GUMBO_NAMESPACE_SVG : GUMBO_NAMESPACE_MATHML;
            else if (opens_table || (cat == ORDINARY && !sz_fast_is_special(t.tag)))
                ns = GUMBO_NAMESPACE_HTML;
            else
                return false;
            if (opens_table)
                table = depth;
        }
        if (ps->self_closing && ns != GUMBO_NAMESPACE_HTML)
            continue;
        if (depth == MAX_DEPTH)
            return false;
        strcpy(open[depth].name, t.name);
        open[depth++].ns = ns;
    }
    return true;
}

/* The contents of a <template>, up to and including the end tag that closes
 * it. Every policy drops a template with everything in it, so, as with
 * foreign content, only where it ends matters. gumbo 0.10.1 closes a
 * template at the first </template> while it is the innermost one open
 * (or at the end of the input): it is a boundary of every scope and a
 * marker in the list of active formatting elements, and no end tag or
 * formatting element inside reaches past it; a form inside sets no form
 * element pointer. So the element goes in empty and its contents are only
 * tokenized, which is certain for tags, plain comments, text and balanced
 * svg/math subtrees. Elements that switch the tokenizer (script, style,
 * textarea, plaintext and the like) or the insertion mode in ways that
 * ignore tags (select), and anything unusual, are left to gumbo. */
bool sz_fast_template(parser *ps)
{
    size_t depth = 1;
    while (depth) {
        skipped_tag t;
        if (sz_fast_over_budget(ps) || !next_tag(ps, &t) || t.kind == INPUT_END)
            return false; /* gumbo closes it at the end of the input */
        if (t.kind == TAG_END) {
            depth -= t.tag == GUMBO_TAG_TEMPLATE;
            continue;
        }
        category cat = sz_fast_category(t.tag);
        if (cat == BAIL || sz_fast_is_raw_text(cat) || !skip_attributes(ps))
            return false;
        if (cat == TEMPLATE)
            depth++;
        else if (cat == FOREIGN && !ps->self_closing && !sz_fast_foreign(ps, t.tag, true))
            return false;
    }
    return true;
}

/* The table-structure tags that end a select inside a table ("in select
 * in table"). */
static bool ends_select_in_table(GumboTag t)
{
    return t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY ||
           t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TR ||
           t == GUMBO_TAG_TD || t == GUMBO_TAG_TH;
}

/* The contents of a <select>. Every policy drops a select with everything
 * in it, so only where it ends matters. gumbo's "in select" mode inserts
 * text, option and optgroup and ignores nearly every other tag — raw-text
 * ones too, whose tokenizer states are then never entered — so the content
 * is only tokenized, up to what closes the select: </select> or <select>
 * (consumed), <input>, <keygen> or <textarea> (read again after it), and
 * inside a table the start tags of table structure, or its end tags when
 * in table scope (read again). <script> and <template>, processed as in
 * head, are left to gumbo. Without any of these the select runs to the
 * end of the input. */
/* The select closes before `at`, by a token other than its end tag. */
static bool select_ends_before(parser *ps, sz_ref select, const char *at)
{
    sz_tree_node(ps->tree, select)->flags |= GUMBO_INSERTION_IMPLICIT_END_TAG;
    ps->p = at;
    return true;
}

bool sz_fast_select(parser *ps, sz_ref select, bool in_table)
{
    for (;;) {
        skipped_tag t;
        if (sz_fast_over_budget(ps) || !next_tag(ps, &t))
            return false;
        if (t.kind == INPUT_END)
            return select_ends_before(ps, select, ps->end);
        if (t.kind == TAG_END) {
            if (t.tag == GUMBO_TAG_SELECT)
                return true;
            if (in_table && ends_select_in_table(t.tag) &&
                sz_fast_in_scope(ps, t.tag, TABLE_SCOPE))
                return select_ends_before(ps, select, t.open);
            continue;
        }
        if (t.tag == GUMBO_TAG_SCRIPT || t.tag == GUMBO_TAG_TEMPLATE)
            return false;
        if (t.tag == GUMBO_TAG_INPUT || t.tag == GUMBO_TAG_KEYGEN ||
            t.tag == GUMBO_TAG_TEXTAREA || (in_table && ends_select_in_table(t.tag)))
            return select_ends_before(ps, select, t.open);
        if (!skip_attributes(ps))
            return false;
        if (t.tag == GUMBO_TAG_SELECT)
            return select_ends_before(ps, select, ps->p);
    }
}
