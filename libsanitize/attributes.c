/* Attribute decisions for an allowed element: which input attributes
 * survive, with which value, and what the policy adds. */
#include <string.h>

#include "css/style_rules.h"
#include "escape.h"
#include "links.h"
#include "url.h"
#include "walk.h"

void sz_write_attribute(sz_buf *out, const char *name, size_t name_len, const char *value,
                        size_t value_len)
{
    sz_buf_putc(out, ' ');
    sz_buf_append(out, name, name_len);
    sz_buf_append(out, "=\"", 2);
    sz_escape_attr(out, value, value_len);
    sz_buf_putc(out, '"');
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Never kept, whatever the rules: event handlers run script, srcdoc is a
 * whole HTML document, and names with characters outside the safe set might
 * not re-parse as the same attribute. */
static bool forbidden_name(const char *name, size_t len)
{
    return (len > 2 && name[0] == 'o' && name[1] == 'n') || strcmp(name, "srcdoc") == 0 ||
           !sz_attr_name_is_safe(name, len);
}

static bool rule_applies(const sz_attr_rule *r, int tag, const char *tagname)
{
    if (r->element_re)
        return sz_regex_search(r->element_re, tagname, strlen(tagname));
    return r->element == tag || r->element == SZ_ANY_ELEMENT;
}

static bool value_passes(const sz_attr_rule *r, const char *v, size_t n)
{
    if (r->values) {
        for (size_t i = 0; i < r->nvalues; i++)
            if (strlen(r->values[i]) == n && memcmp(r->values[i], v, n) == 0)
                return true;
        return false;
    }
    return !r->value_re || sz_regex_search(r->value_re, v, n);
}

static bool rules_allow(const sanitize_policy *p, int tag, const char *tagname, const char *name,
                        const char *v, size_t n)
{
    for (size_t i = 0; i < p->nattr_rules; i++) {
        const sz_attr_rule *r = &p->attr_rules[i];
        if (r->name[0] == name[0] && strcmp(r->name, name) == 0 && rule_applies(r, tag, tagname) &&
            value_passes(r, v, n))
            return true;
    }
    return false;
}

/* bluemonday's AllowDataAttributes: a non-empty suffix, not starting with
 * "xml" (reserved), made of safe characters (gumbo has lower-cased it). */
static bool data_attribute_ok(const char *name, size_t len)
{
    return len > 5 && starts_with(name, "data-") && !starts_with(name + 5, "xml");
}

static bool prefix_allows(const sanitize_policy *p, const char *name)
{
    for (size_t i = 0; i < p->nattr_prefixes; i++)
        if (starts_with(name, p->attr_prefixes[i]))
            return true;
    return false;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool class_listed(const sz_class_rule *r, const char *c, size_t n)
{
    for (size_t i = 0; i < r->nclasses; i++)
        if (strlen(r->classes[i]) == n && memcmp(r->classes[i], c, n) == 0)
            return true;
    return false;
}

/* With class rules for this element, keeps only the listed classes.
 * Returns false when none is left (or no rule applies: then `out` is not
 * touched and the caller keeps the value as it is). */
static bool filter_classes(const sanitize_policy *p, int tag, const char *v, size_t n,
                           sz_buf *out, bool *applies)
{
    *applies = false;
    for (size_t i = 0; i < p->nclass_rules; i++)
        if (p->class_rules[i].element == tag || p->class_rules[i].element == SZ_ANY_ELEMENT)
            *applies = true;
    if (!*applies)
        return true;
    size_t i = 0, kept = 0;
    while (i < n) {
        while (i < n && is_space(v[i]))
            i++;
        size_t s = i;
        while (i < n && !is_space(v[i]))
            i++;
        if (i == s)
            break;
        bool ok = false;
        for (size_t r = 0; r < p->nclass_rules && !ok; r++) {
            const sz_class_rule *rule = &p->class_rules[r];
            ok = (rule->element == tag || rule->element == SZ_ANY_ELEMENT) &&
                 class_listed(rule, v + s, i - s);
        }
        if (ok) {
            if (kept++)
                sz_buf_putc(out, ' ');
            sz_buf_append(out, v + s, i - s);
        }
    }
    return kept > 0;
}

static const sz_forced_attr *forced_for(const sanitize_policy *p, int tag, const char *name)
{
    for (size_t i = 0; i < p->nforced; i++)
        if (p->forced[i].element == tag && p->forced[i].name[0] == name[0] &&
            strcmp(p->forced[i].name, name) == 0)
            return &p->forced[i];
    return NULL;
}

static bool css_url_check(const void *ctx, const char *url, size_t len)
{
    return sz_url_allowed(ctx, url, len);
}

/* Decides one attribute. On success the value to write is (v, n), which may
 * point into w->value. */
static bool decide(sz_walk *w, int tag, const char *tagname, const char *name, size_t name_len,
                   const char **v, size_t *n, bool *external)
{
    const sanitize_policy *p = w->policy;
    *external = false;
    if (forbidden_name(name, name_len))
        return false;
    bool allowed;
    if (strcmp(name, "style") == 0 && p->styles && sz_style_in_scope(p->styles, tag, tagname)) {
        w->value.len = 0;
        sz_css_urls urls = {sz_flag(p, SANITIZE_FLAG_ALLOW_STYLE_URLS), css_url_check, p};
        sz_style_sanitize(p->styles, tag, tagname, *v, *n, &urls, &w->value);
        if (w->value.failed)
            w->nomem = true;
        if (w->value.len == 0 || w->value.failed)
            return false;
        *v = w->value.data;
        *n = w->value.len;
        return true; /* the CSS filter has produced its own safe value */
    }
    allowed = (sz_flag(p, SANITIZE_FLAG_ALLOW_DATA_ATTRIBUTES) &&
               data_attribute_ok(name, name_len)) ||
              rules_allow(p, tag, tagname, name, *v, *n) || prefix_allows(p, name);
    if (!allowed)
        return false;
    /* A style attribute allowed as a plain attribute (no style rule in
     * scope) stays raw: the policy author asked for it. */
    if (strcmp(name, "class") == 0) {
        bool applies;
        w->scratch.len = 0;
        if (!filter_classes(p, tag, *v, *n, &w->scratch, &applies))
            return false;
        if (applies) {
            w->value.len = 0;
            sz_buf_append(&w->value, w->scratch.data, w->scratch.len);
            *v = w->value.data;
            *n = w->value.len;
        }
    }
    sz_url_kind kind = sz_url_attribute_kind(p, tag, name);
    if (kind != SZ_URL_NONE) {
        w->scratch.len = 0;
        if (!sz_url_check_value(p, tag, name, kind, *v, *n, &w->scratch, &w->url_clean,
                                external))
            return false;
        w->value.len = 0;
        sz_buf_append(&w->value, w->scratch.data, w->scratch.len);
        *v = w->value.data ? w->value.data : "";
        *n = w->value.len;
    }
    if (p->id_prefix && (strcmp(name, "id") == 0 || strcmp(name, "name") == 0)) {
        w->scratch.len = 0;
        sz_buf_puts(&w->scratch, p->id_prefix);
        sz_buf_append(&w->scratch, *v, *n);
        w->value.len = 0;
        sz_buf_append(&w->value, w->scratch.data, w->scratch.len);
        *v = w->value.data;
        *n = w->value.len;
    }
    if (p->filter) {
        w->sink.set = false;
        w->sink.value.len = 0;
        sanitize_filter_result r = p->filter(p->filter_data, tagname, name, *v, *n, &w->sink);
        if (r == SANITIZE_FILTER_DROP)
            return false;
        if (r == SANITIZE_FILTER_REPLACE) {
            if (!w->sink.set)
                return false;
            *v = w->sink.value.data ? w->sink.value.data : "";
            *n = w->sink.value.len;
            if (kind != SZ_URL_NONE) {
                w->scratch.len = 0;
                if (!sz_url_check_value(p, tag, name, kind, *v, *n, &w->scratch,
                                        &w->url_clean, external))
                    return false;
                *v = w->scratch.data ? w->scratch.data : "";
                *n = w->scratch.len;
            }
        } else if (r != SANITIZE_FILTER_KEEP) {
            return false;
        }
    }
    if (w->value.failed || w->scratch.failed || w->sink.value.failed) {
        w->nomem = true; /* reported by the walk as SANITIZE_ERR_NOMEM */
        return false;
    }
    return true;
}

size_t sz_filter_attributes(sz_walk *w, int tag, const char *tagname, const GumboVector *attrs)
{
    const sanitize_policy *p = w->policy;
    sz_link_state link = {0};
    size_t kept = 0;
    size_t limit = p->limits[SANITIZE_LIMIT_ATTRIBUTES];
    size_t count = attrs->length < limit ? attrs->length : limit;
    w->attrs.len = 0;
    /* rel and target are merged with what the policy adds at the end; their
     * kept input values are copied here because w->value is reused. */
    w->rel.len = 0;
    size_t rel_at = 0, target_at = 0;

    for (size_t i = 0; i < count; i++) {
        const GumboAttribute *a = attrs->data[i];
        const char *name = a->name;
        size_t name_len = strlen(name);
        const char *v = a->value;
        size_t n = strlen(v);
        if (sz_link_attr_is_managed(p, tag, name)) {
            if (strcmp(name, "sandbox") == 0) {
                link.sandbox = a->value;
                link.sandbox_len = n;
            }
            continue;
        }
        if (forced_for(p, tag, name))
            continue;
        bool external;
        if (!decide(w, tag, tagname, name, name_len, &v, &n, &external))
            continue;
        kept++;
        if (strcmp(name, "href") == 0) {
            link.has_href = true;
            link.external = external;
        }
        if (strcmp(name, "rel") == 0 || strcmp(name, "target") == 0) {
            bool is_rel = name[0] == 'r';
            (is_rel ? &link.has_rel : &link.has_target)[0] = true;
            size_t at = w->rel.len;
            sz_buf_append(&w->rel, v, n);
            if (is_rel) {
                rel_at = at;
                link.rel_len = n;
            } else {
                target_at = at;
                link.target_len = n;
            }
            continue;
        }
        sz_write_attribute(&w->attrs, name, name_len, v, n);
    }
    for (size_t i = 0; i < p->nforced; i++)
        if (p->forced[i].element == tag)
            sz_write_attribute(&w->attrs, p->forced[i].name, strlen(p->forced[i].name),
                               p->forced[i].value, strlen(p->forced[i].value));
    const char *saved = w->rel.data ? w->rel.data : "";
    link.rel = saved + rel_at;
    link.target = saved + target_at;
    /* sz_links_finish reuses w->scratch for the merged rel value, so the
     * saved input values in w->rel stay intact. */
    sz_links_finish(p, tag, &link, &w->attrs, &w->scratch);
    return kept;
}
