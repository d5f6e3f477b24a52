/* The style rules of a policy and the per-attribute sanitizer that applies
 * them (bluemonday's AllowStyles semantics). */
#include "style_rules.h"

#include <string.h>

#include "../alloc.h"
#include "declarations.h"
#include "handlers.h"
#include "value.h"

typedef enum rule_kind { RULE_BUILTIN, RULE_REGEX, RULE_VALUES, RULE_CALLBACK } rule_kind;

typedef struct style_rule {
    char *property; /* lower case, vendor prefix stripped */
    int element;    /* GumboTag or SZ_ANY_ELEMENT; unused with element_re */
    sz_regex *element_re;
    rule_kind kind;
    sz_regex *value_re;
    char **values; /* lower case */
    size_t nvalues;
    sanitize_style_callback callback;
    void *user_data;
} style_rule;

struct sz_style_rules {
    style_rule *rules;
    size_t n, cap;
    bool standard; /* every built-in property, on every element */
};

sanitize_status sz_style_rules_new(sz_style_rules **out)
{
    *out = sz_calloc(1, sizeof **out);
    return *out ? SANITIZE_OK : SANITIZE_ERR_NOMEM;
}

static void rule_clear(style_rule *r)
{
    sz_free(r->property);
    sz_regex_unref(r->element_re);
    sz_regex_unref(r->value_re);
    for (size_t i = 0; i < r->nvalues; i++)
        sz_free(r->values[i]);
    sz_free(r->values);
    memset(r, 0, sizeof *r);
}

void sz_style_rules_free(sz_style_rules *rules)
{
    if (!rules)
        return;
    for (size_t i = 0; i < rules->n; i++)
        rule_clear(&rules->rules[i]);
    sz_free(rules->rules);
    sz_free(rules);
}

static char *lower_dup(const char *s, size_t n)
{
    char *d = sz_strndup(s, n);
    if (d)
        for (size_t i = 0; i < n; i++)
            if (d[i] >= 'A' && d[i] <= 'Z')
                d[i] = (char)(d[i] + 32);
    return d;
}

static sanitize_status copy_values(char ***out, const char *const *values, size_t n)
{
    *out = NULL;
    if (n == 0)
        return SANITIZE_OK;
    char **v = sz_calloc(n, sizeof *v);
    if (!v)
        return SANITIZE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        v[i] = lower_dup(values[i], strlen(values[i]));
        if (!v[i]) {
            while (i--)
                sz_free(v[i]);
            sz_free(v);
            return SANITIZE_ERR_NOMEM;
        }
    }
    *out = v;
    return SANITIZE_OK;
}

static sanitize_status rule_copy(style_rule *dst, const style_rule *src)
{
    *dst = *src;
    dst->property = NULL;
    dst->values = NULL;
    dst->element_re = NULL;
    dst->value_re = NULL;
    dst->nvalues = 0;
    dst->property = sz_strdup(src->property);
    if (!dst->property || copy_values(&dst->values, (const char *const *)src->values,
                                      src->nvalues) != SANITIZE_OK) {
        sz_free(dst->property);
        dst->property = NULL;
        return SANITIZE_ERR_NOMEM;
    }
    dst->nvalues = src->nvalues;
    dst->element_re = sz_regex_ref(src->element_re);
    dst->value_re = sz_regex_ref(src->value_re);
    return SANITIZE_OK;
}

sanitize_status sz_style_rules_clone(const sz_style_rules *rules, sz_style_rules **out)
{
    *out = NULL;
    if (!rules)
        return SANITIZE_OK;
    sz_style_rules *c = sz_calloc(1, sizeof *c);
    if (!c)
        return SANITIZE_ERR_NOMEM;
    c->standard = rules->standard;
    if (rules->n) {
        c->rules = sz_calloc(rules->n, sizeof *c->rules);
        if (!c->rules) {
            sz_free(c);
            return SANITIZE_ERR_NOMEM;
        }
        c->cap = rules->n;
        for (size_t i = 0; i < rules->n; i++) {
            if (rule_copy(&c->rules[i], &rules->rules[i]) != SANITIZE_OK) {
                sz_style_rules_free(c);
                return SANITIZE_ERR_NOMEM;
            }
            c->n++;
        }
    }
    *out = c;
    return SANITIZE_OK;
}

/* Properties that can run code or are custom properties (which hold any
 * token soup and feed var()); no rule can allow them. `name` is lower case
 * with its vendor prefix stripped. */
static bool property_denied(const char *name, size_t n)
{
    if (n >= 2 && name[0] == '-' && name[1] == '-')
        return true;
    return sz_css_ieq(name, n, "behavior") || sz_css_ieq(name, n, "behaviour") ||
           sz_css_ieq(name, n, "binding") || sz_css_ieq(name, n, "expression");
}

static bool name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* A property name we can write back without escapes and that reads back as
 * the same identifier: [-]? [A-Za-z_] [A-Za-z0-9_-]* ("1abc", which only an
 * escape can spell, would read back as a dimension). */
static bool property_chars_ok(const char *s, size_t n)
{
    size_t lead = n > 0 && s[0] == '-';
    if (n <= lead || !name_start(s[lead]))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

/* Appends a rule whose property is checked and normalized here; takes
 * nothing from `r` on failure (the caller still owns what it put in). */
static sanitize_status add_rule(sz_style_rules *rules, const char *property, style_rule *r)
{
    if (!rules || !property)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    size_t n = strlen(property);
    if (!property_chars_ok(property, n))
        return SANITIZE_ERR_INVALID_ARGUMENT;
    char *low = lower_dup(property, n);
    if (!low)
        return SANITIZE_ERR_NOMEM;
    size_t k = n;
    const char *key = sz_css_strip_vendor(low, &k);
    if (property_denied(key, k)) {
        sz_free(low);
        return SANITIZE_ERR_INVALID_ARGUMENT;
    }
    memmove(low, key, k + 1);
    if (rules->n == rules->cap) {
        size_t cap = rules->cap ? rules->cap * 2 : 8;
        style_rule *g = sz_realloc(rules->rules, cap * sizeof *g);
        if (!g) {
            sz_free(low);
            return SANITIZE_ERR_NOMEM;
        }
        rules->rules = g;
        rules->cap = cap;
    }
    r->property = low;
    rules->rules[rules->n++] = *r;
    return SANITIZE_OK;
}

sanitize_status sz_style_allow(sz_style_rules *rules, const char *property, int element,
                               sz_regex *element_re, const char *value_pattern)
{
    style_rule r = {0};
    r.element = element;
    r.kind = RULE_BUILTIN;
    if (value_pattern) {
        sanitize_status st = sz_regex_compile(value_pattern, &r.value_re);
        if (st != SANITIZE_OK)
            return st;
        r.kind = RULE_REGEX;
    }
    r.element_re = sz_regex_ref(element_re);
    sanitize_status st = add_rule(rules, property, &r);
    if (st != SANITIZE_OK) {
        sz_regex_unref(r.value_re);
        sz_regex_unref(r.element_re);
    }
    return st;
}

sanitize_status sz_style_allow_values(sz_style_rules *rules, const char *property, int element,
                                      const char *const *values, size_t count)
{
    if (!values || count == 0)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    for (size_t i = 0; i < count; i++)
        if (!values[i])
            return SANITIZE_ERR_INVALID_ARGUMENT;
    style_rule r = {0};
    r.element = element;
    r.kind = RULE_VALUES;
    sanitize_status st = copy_values(&r.values, values, count);
    if (st != SANITIZE_OK)
        return st;
    r.nvalues = count;
    st = add_rule(rules, property, &r);
    if (st != SANITIZE_OK) {
        for (size_t i = 0; i < count; i++)
            sz_free(r.values[i]);
        sz_free(r.values);
    }
    return st;
}

sanitize_status sz_style_allow_callback(sz_style_rules *rules, const char *property,
                                        int element, sanitize_style_callback callback,
                                        void *user_data)
{
    if (!callback)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    style_rule r = {0};
    r.element = element;
    r.kind = RULE_CALLBACK;
    r.callback = callback;
    r.user_data = user_data;
    return add_rule(rules, property, &r);
}

sanitize_status sz_style_allow_standard(sz_style_rules *rules)
{
    if (!rules)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    rules->standard = true;
    return SANITIZE_OK;
}

static bool rule_on_element(const style_rule *r, int element)
{
    return !r->element_re && r->element != SZ_ANY_ELEMENT && r->element == element;
}

static bool rule_global(const style_rule *r)
{
    return !r->element_re && r->element == SZ_ANY_ELEMENT;
}

static bool rule_matches_name(const style_rule *r, const char *name)
{
    return r->element_re && sz_regex_search(r->element_re, name, strlen(name));
}

bool sz_style_in_scope(const sz_style_rules *rules, int element, const char *element_name)
{
    if (!rules)
        return false;
    if (rules->standard)
        return true;
    const char *name = element_name ? element_name : "";
    for (size_t i = 0; i < rules->n; i++) {
        const style_rule *r = &rules->rules[i];
        if (rule_global(r) || rule_on_element(r, element) || rule_matches_name(r, name))
            return true;
    }
    return false;
}

/* State of one sz_style_sanitize call. */
typedef struct run {
    const sz_style_rules *rules;
    const uint8_t *applies; /* per rule: does it apply to this element */
    const sz_css_urls *urls;
    sz_buf *out;
    sz_buf value; /* canonical value of the declaration at hand */
    sz_buf lower; /* same, ASCII lower case, NUL-terminated */
    sz_buf name;  /* property as written, lower case, NUL-terminated */
    bool any;     /* a declaration was written already */
    bool nomem;
} run;

static bool values_match(const style_rule *r, const char *v, size_t n)
{
    for (size_t i = 0; i < r->nvalues; i++)
        if (strlen(r->values[i]) == n && memcmp(r->values[i], v, n) == 0)
            return true;
    return false;
}

static bool rule_passes(run *ru, const style_rule *r, const sz_css_decl *d)
{
    switch (r->kind) {
    case RULE_BUILTIN:
        return sz_css_prop_check(sz_css_prop_lookup(r->property, strlen(r->property)), d->text,
                                 d->value, d->nvalue);
    case RULE_REGEX:
        /* Like bluemonday, patterns see the lower-cased value. */
        return sz_regex_search(r->value_re, ru->lower.data, ru->lower.len - 1);
    case RULE_VALUES:
        return values_match(r, ru->lower.data, ru->lower.len - 1);
    case RULE_CALLBACK:
        return r->callback(r->user_data, ru->name.data, ru->value.data, ru->value.len) != 0;
    }
    return false;
}

static void on_declaration(void *ctx, const sz_css_decl *d)
{
    run *ru = ctx;
    if (ru->nomem)
        return;
    const char *raw = d->text + d->name->off;
    size_t n = d->name->len;
    if (!property_chars_ok(raw, n))
        return;
    ru->name.len = 0;
    for (size_t i = 0; i < n; i++)
        sz_buf_putc(&ru->name, (raw[i] >= 'A' && raw[i] <= 'Z') ? (char)(raw[i] + 32) : raw[i]);
    sz_buf_putc(&ru->name, '\0');
    if (ru->name.failed) {
        ru->nomem = true;
        return;
    }
    size_t klen = n;
    const char *key = sz_css_strip_vendor(ru->name.data, &klen);
    if (property_denied(key, klen))
        return;

    ru->value.len = 0;
    if (!sz_css_value_write(d->text, d->value, d->nvalue, ru->urls, &ru->value)) {
        if (ru->value.failed)
            ru->nomem = true;
        return;
    }
    ru->lower.len = 0;
    for (size_t i = 0; i < ru->value.len; i++) {
        char c = ru->value.data[i];
        sz_buf_putc(&ru->lower, (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c);
    }
    sz_buf_putc(&ru->lower, '\0');
    if (ru->lower.failed) {
        ru->nomem = true;
        return;
    }

    /* !important is dropped (as bluemonday does): a kept declaration must
     * not be able to override the page's own !important rules. */
    bool ok = false;
    const sz_style_rules *rules = ru->rules;
    for (size_t i = 0; i < rules->n && !ok; i++) {
        const style_rule *r = &rules->rules[i];
        if (ru->applies[i] && strlen(r->property) == klen &&
            memcmp(r->property, key, klen) == 0)
            ok = rule_passes(ru, r, d);
    }
    if (!ok && rules->standard)
        ok = sz_css_prop_check(sz_css_prop_lookup(key, klen), d->text, d->value, d->nvalue);
    if (!ok)
        return;
    if (ru->any)
        sz_buf_puts(ru->out, "; ");
    sz_buf_append(ru->out, ru->name.data, n);
    sz_buf_puts(ru->out, ": ");
    sz_buf_append(ru->out, ru->value.data, ru->value.len);
    ru->any = true;
}

/* Which rules apply, as bluemonday picks them: the element's own rules if it
 * has any, otherwise those of every matching element pattern; global rules
 * always. */
static void select_rules(const sz_style_rules *rules, int element, const char *name,
                         uint8_t *applies)
{
    bool own = false;
    for (size_t i = 0; i < rules->n; i++)
        if (rule_on_element(&rules->rules[i], element))
            own = true;
    for (size_t i = 0; i < rules->n; i++) {
        const style_rule *r = &rules->rules[i];
        applies[i] = rule_global(r) || (own ? rule_on_element(r, element)
                                            : rule_matches_name(r, name));
    }
}

void sz_style_sanitize(const sz_style_rules *rules, int element, const char *element_name,
                       const char *css, size_t len, const sz_css_urls *urls, sz_buf *out)
{
    if (!rules || out->failed)
        return;
    run ru = {0};
    ru.rules = rules;
    ru.urls = urls;
    ru.out = out;
    uint8_t *applies = NULL;
    if (rules->n) {
        applies = sz_calloc(rules->n, 1);
        if (!applies) {
            out->failed = true;
            return;
        }
        select_rules(rules, element, element_name ? element_name : "", applies);
    }
    ru.applies = applies;
    sz_buf_init(&ru.value);
    sz_buf_init(&ru.lower);
    sz_buf_init(&ru.name);
    if (!sz_css_parse_declarations(css, len, on_declaration, &ru) || ru.nomem)
        out->failed = true;
    sz_buf_free(&ru.value);
    sz_buf_free(&ru.lower);
    sz_buf_free(&ru.name);
    sz_free(applies);
}
