/* The independent safety check of a sanitizer output, shared by the attack
 * corpus test and the round-trip fuzz target: gumbo's re-parse of the output
 * (body fragment) is walked and compared with an expectation table written
 * out by hand for each policy. It calls nothing in libsanitize. */
#ifndef SZ_TEST_CHECKER_H
#define SZ_TEST_CHECKER_H

#include <gumbo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "libsanitize.h"

/* ---- expectation tables (written out by hand, not read from the library) */

static const char ugc_elements[] =
    " a abbr acronym area article aside b bdi bdo blockquote br caption cite code col colgroup"
    " dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hgroup hr i img ins"
    " li map mark meter ol p pre progress q rp rt ruby s samp section small span strike strong"
    " sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr ";
static const char ugc_attrs[] =
    " dir lang id title open cite href name alt coords rel shape usemap align height width src"
    " datetime type value summary valign span abbr colspan rowspan headers scope nowrap min max"
    " low high optimum ";
static const char rich_elements[] = " kbd center big font address nav header footer main ";
static const char rich_attrs[] = " color face size class style ";
static const char permissive_elements[] =
    " a abbr address area article aside audio b bdi bdo big blockquote br button caption center"
    " cite code col colgroup dd del details dfn div dl dt em embed fieldset figcaption figure"
    " font footer form h1 h2 h3 h4 h5 h6 header hr i iframe img input ins kbd label legend li"
    " map mark marquee nav object ol optgroup option output p param pre q rp rt ruby s samp"
    " section small source span strike strong sub summary sup table tbody td textarea tfoot th"
    " thead time title tr track tt u ul var video wbr ";
static const char permissive_attrs[] =
    " action align alt background border cite class color cols colspan coords data datetime dir"
    " disabled download face formaction headers height href hreflang id lang longdesc loop max"
    " method min name open ping placeholder poster rel rows rowspan scope shape size span src"
    " srcset start style summary tabindex target title type usemap value width xlink:href ";
/* Attributes whose value is a URL (or a list of them) to a browser. */
static const char url_attrs[] =
    " href src cite action formaction poster background longdesc usemap xlink:href data"
    " codebase dynsrc lowsrc icon manifest profile classid ";

typedef struct {
    const char *name;
    const char *elements[2];
    const char *attrs[2];
    bool comments, data_attrs, aria_attrs;
    sanitize_policy *policy, *verify;
} expect;

static expect policies[] __attribute__((unused)) = {
    {"strict", {"", ""}, {"", ""}, false, false, false, NULL, NULL},
    {"ugc", {ugc_elements, ""}, {ugc_attrs, ""}, false, false, false, NULL, NULL},
    {"rich-text", {ugc_elements, rich_elements}, {ugc_attrs, rich_attrs}, false, false, false,
     NULL, NULL},
    {"permissive", {permissive_elements, ""}, {permissive_attrs, ""}, true, true, true, NULL,
     NULL},
};
enum { NPOL = sizeof policies / sizeof *policies };

static inline bool in_list(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; (p = strstr(p, name)) != NULL; p++)
        if (p > list && p[-1] == ' ' && p[n] == ' ')
            return true;
    return false;
}

/* ---- browser-style URL scheme detection (URL standard, basic parser) */

static inline bool scheme_ok(const char *v, char *scheme, size_t cap)
{
    size_t n = strlen(v);
    while (n && (unsigned char)*v <= 0x20)
        v++, n--;
    while (n && (unsigned char)v[n - 1] <= 0x20)
        n--;
    size_t k = 0;
    scheme[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c == ':') {
            scheme[k] = '\0';
            break;
        }
        bool alpha = (c | 32) >= 'a' && (c | 32) <= 'z';
        bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!(alpha || (k && other)) || k + 1 >= cap) {
            scheme[0] = '\0'; /* no scheme: relative */
            return true;
        }
        scheme[k++] = (char)(alpha ? (c | 32) : c);
        scheme[k] = '\0';
        if (i + 1 == n) {
            scheme[0] = '\0';
            return true;
        }
    }
    if (!scheme[0])
        return true;
    return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
           strcmp(scheme, "mailto") == 0;
}

/* Each whitespace- or comma-separated token that starts a URL in a list. */
static inline bool list_ok(const char *v, bool srcset, char *bad, size_t cap)
{
    char tok[4096];
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\f' || *p == '\r' ||
               (srcset && *p == ','))
            p++;
        if (!*p)
            break;
        size_t k = 0;
        while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\f' || *p == '\r')) {
            if (k + 1 < sizeof tok)
                tok[k++] = *p;
            p++;
        }
        tok[k] = '\0';
        if (!scheme_ok(tok, bad, cap))
            return false;
        if (srcset) /* skip the descriptors up to the next comma */
            while (*p && *p != ',')
                p++;
    }
    return true;
}

/* A declaration list the CSS filter rebuilt: no url()/image(), no IE
 * expression() or behavior, no escapes, comments or `<` that could hide or
 * end them. Function names are looked for outside quoted strings only: a
 * font name like 'image(x)' is just text. */
static inline bool style_ok(const char *v)
{
    static const char *const bad[] = {"url(", "expression", "javascript", "@import",
                                      "-moz-binding", "image(", "image-set(", "element(",
                                      "cross-fade(", "paint("};
    char bare[8192];
    size_t n = strlen(v), k = 0;
    if (n >= sizeof bare || strchr(v, '\\') || strchr(v, '<') || strstr(v, "/*"))
        return false;
    char quote = 0;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            bare[k++] = ' ';
            continue;
        }
        bare[k++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    bare[k] = '\0';
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (strstr(bare, bad[i]))
            return false;
    for (const char *d = bare; d; d = strchr(d, ';')) {
        d += *d == ';';
        while (*d == ' ')
            d++;
        if (strncmp(d, "behavior", 8) == 0)
            return false;
    }
    return true;
}

/* ---- the check of one output */

static inline void *zalloc(void *ud, size_t n)
{
    (void)ud;
    return calloc(1, n ? n : 1); /* zero-filled: F6 */
}

static inline void zfree(void *ud, void *p)
{
    (void)ud;
    free(p);
}

static inline const char *element_name(const GumboElement *e)
{
    return e->tag == GUMBO_TAG_UNKNOWN ? "(unknown)" : gumbo_normalized_tagname(e->tag);
}

/* Returns NULL when the output is safe for the policy, else a reason. */
static inline const char *check_tree(const expect *x, const char *html, size_t len, char *why,
                              size_t cap)
{
    GumboOptions o = kGumboDefaultOptions;
    o.allocator = zalloc;
    o.deallocator = zfree;
    o.max_errors = 0;
    o.fragment_context = GUMBO_TAG_BODY;
    o.fragment_namespace = GUMBO_NAMESPACE_HTML;
    /* The output is NUL-terminated by the library (F2). */
    GumboOutput *g = gumbo_parse_with_options(&o, html, len);
    const char *verdict = NULL;
    size_t cap_stack = 64, sp = 0;
    const GumboNode **stack = malloc(cap_stack * sizeof *stack);
    stack[sp++] = g->root;
    while (sp && !verdict) {
        const GumboNode *n = stack[--sp];
        if (n->type == GUMBO_NODE_CDATA) {
            verdict = "CDATA section";
        } else if (n->type == GUMBO_NODE_COMMENT && !x->comments) {
            verdict = "comment";
        } else if (n->type == GUMBO_NODE_TEMPLATE) {
            verdict = "template";
        } else if (n->type == GUMBO_NODE_ELEMENT) {
            const GumboElement *e = &n->v.element;
            const char *name = element_name(e);
            if (n != g->root) {
                if (e->tag_namespace != GUMBO_NAMESPACE_HTML) {
                    snprintf(why, cap, "foreign element %s", name);
                    verdict = why;
                } else if (!in_list(x->elements[0], name) && !in_list(x->elements[1], name)) {
                    snprintf(why, cap, "element %s not allowed", name);
                    verdict = why;
                } else if (e->tag == GUMBO_TAG_IFRAME && e->children.length) {
                    verdict = "iframe with content";
                }
            }
            for (unsigned i = 0; i < e->attributes.length && !verdict && n != g->root; i++) {
                const GumboAttribute *a = e->attributes.data[i];
                char scheme[64];
                bool named = in_list(x->attrs[0], a->name) || in_list(x->attrs[1], a->name) ||
                             (x->data_attrs && strncmp(a->name, "data-", 5) == 0) ||
                             (x->aria_attrs && strncmp(a->name, "aria-", 5) == 0);
                if ((a->name[0] | 32) == 'o' && (a->name[1] | 32) == 'n') {
                    snprintf(why, cap, "event handler %s on %s", a->name, name);
                    verdict = why;
                } else if (a->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE || !named) {
                    snprintf(why, cap, "attribute %s not allowed on %s", a->name, name);
                    verdict = why;
                } else if (in_list(url_attrs, a->name) &&
                           !scheme_ok(a->value, scheme, sizeof scheme)) {
                    snprintf(why, cap, "%s=\"%s\": scheme %s", a->name, a->value, scheme);
                    verdict = why;
                } else if ((strcmp(a->name, "srcset") == 0 || strcmp(a->name, "ping") == 0) &&
                           !list_ok(a->value, a->name[0] == 's', scheme, sizeof scheme)) {
                    snprintf(why, cap, "%s=\"%s\": scheme %s", a->name, a->value, scheme);
                    verdict = why;
                } else if (strcmp(a->name, "style") == 0 && !style_ok(a->value)) {
                    snprintf(why, cap, "style=\"%.200s\"", a->value);
                    verdict = why;
                }
            }
            for (unsigned i = e->children.length; i-- > 0;) {
                if (sp == cap_stack)
                    stack = realloc(stack, (cap_stack *= 2) * sizeof *stack);
                stack[sp++] = e->children.data[i];
            }
        }
    }
    free(stack);
    gumbo_destroy_output(&o, g); /* outputs are at most 256 deep: no deep recursion */
    return verdict;
}


/* Whether two outputs differ only in where end tags are: the same start tags
 * with the same attributes, text and comments, in the same order. Our
 * serializer escapes every `<` in text and attribute values (script and
 * style, the only raw-text elements, are never kept by these policies), so
 * each `</` in an output starts a real end tag. Such a difference is a
 * change of nesting among allowed elements only; see docs/security.md. */
static inline bool same_but_end_tags(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i + 1 < an && a[i] == '<' && a[i + 1] == '/') {
            const char *gt = memchr(a + i, '>', an - i);
            i = gt ? (size_t)(gt - a) + 1 : an;
        }
        while (j + 1 < bn && b[j] == '<' && b[j + 1] == '/') {
            const char *gt = memchr(b + j, '>', bn - j);
            j = gt ? (size_t)(gt - b) + 1 : bn;
        }
        if (i == an || j == bn)
            return i == an && j == bn;
        if (a[i++] != b[j++])
            return false;
    }
}

/* The text of an output with every tag removed. */
static inline size_t text_projection(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<') {
            const char *gt = memchr(s + i, '>', n - i);
            if (!gt)
                break;
            i = (size_t)(gt - s);
            continue;
        }
        out[k++] = s[i];
    }
    return k;
}

/* Does every start tag (with its attributes) of b occur in a? */
static inline bool start_tags_subset(const char *a, size_t an, const char *b, size_t bn)
{
    for (size_t i = 0; i < bn; i++) {
        if (b[i] != '<' || i + 1 >= bn || b[i + 1] == '/' || b[i + 1] == '!')
            continue;
        const char *gt = memchr(b + i, '>', bn - i);
        if (!gt)
            return false;
        size_t len = (size_t)(gt - (b + i)) + 1;
        bool found = false;
        for (size_t j = 0; j + len <= an && !found; j++)
            found = a[j] == '<' && memcmp(a + j, b + i, len) == 0;
        if (!found)
            return false;
        i += len - 1;
    }
    return true;
}

/* A re-sanitized output `b` that differs from `a` only in the shape of the
 * tree: the same text in the same order, and no start tag (element with its
 * attributes) that `a` did not have. Gumbo 0.10.1, like any HTML5 parser,
 * builds some trees that no serialization re-parses into (a in a, nested
 * forms, li in a in li...); re-parsing moves, closes, drops or clones
 * elements, but only ones already in the output. See docs/security.md. */
static inline bool restructured_only(const char *a, size_t an, const char *b, size_t bn)
{
    if (same_but_end_tags(a, an, b, bn))
        return true;
    char *ta = malloc(an + 1), *tb = malloc(bn + 1);
    bool ok = ta && tb;
    if (ok) {
        size_t la = text_projection(a, an, ta), lb = text_projection(b, bn, tb);
        ok = la == lb && memcmp(ta, tb, la) == 0 && start_tags_subset(a, an, b, bn);
    }
    free(ta);
    free(tb);
    return ok;
}

#endif
