/* Policy lifecycle (new, clone, free, freeze), element rules, flags and
 * limits. Attribute rules live in policy_attrs.c, URL rules in
 * policy_urls.c, style rules in policy_style.c. */
#include <string.h>

#include "alloc.h"
#include "css/style_rules.h"
#include "policy.h"

static const size_t default_limits[SZ_LIMIT_COUNT] = {
    [SANITIZE_LIMIT_INPUT_BYTES] = 16u << 20,
    [SANITIZE_LIMIT_DEPTH] = 256,
    [SANITIZE_LIMIT_ATTRIBUTES] = 256,
    [SANITIZE_LIMIT_MEMORY_BYTES] = 0,
    [SANITIZE_LIMIT_CPU_MS] = 0,
};

/* bluemonday's default skip-content set (nostyle is no element gumbo knows). */
static const GumboTag default_drop[] = {
    GUMBO_TAG_FRAME,   GUMBO_TAG_FRAMESET, GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED,
    GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_OBJECT, GUMBO_TAG_SCRIPT,
    GUMBO_TAG_STYLE,   GUMBO_TAG_TITLE,
};

bool sz_element_never_allowed(int tag)
{
    switch (tag) {
    case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_XMP: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_ISINDEX: case GUMBO_TAG_MENUITEM:
        return true;
    default:
        return false;
    }
}

/* Elements that run script or re-point the page's own resources (base moves
 * every relative URL of the page, including its scripts): only with the
 * explicit unsafe flag. */
bool sz_element_needs_unsafe(int tag)
{
    return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_BASE ||
           tag == GUMBO_TAG_META || tag == GUMBO_TAG_LINK;
}

char *sz_ascii_lower_dup(const char *s)
{
    char *copy = sz_strdup(s);
    if (copy)
        for (char *c = copy; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c + 32);
    return copy;
}

sanitize_status sz_element_lookup(const char *name, int *tag)
{
    if (!name) {
        *tag = SZ_ANY_ELEMENT;
        return SANITIZE_OK;
    }
    if (!*name)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    char lower[32];
    size_t n = strlen(name);
    if (n >= sizeof lower)
        return SANITIZE_ERR_UNKNOWN_ELEMENT;
    for (size_t i = 0; i <= n; i++)
        lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
    GumboTag t = gumbo_tag_enum(lower);
    if (t == GUMBO_TAG_UNKNOWN || t >= GUMBO_TAG_LAST)
        return SANITIZE_ERR_UNKNOWN_ELEMENT;
    *tag = (int)t;
    return SANITIZE_OK;
}

bool sz_attr_name_is_safe(const char *name, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ':'))
            return false;
    }
    return true;
}

sanitize_status sz_policy_check_mutable(const sanitize_policy *p)
{
    if (!p)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    if (__atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE))
        return SANITIZE_ERR_POLICY_FROZEN;
    return SANITIZE_OK;
}

static void init_defaults(sanitize_policy *p)
{
    memset(p->disposition, SZ_DISPOSITION_UNSET, sizeof p->disposition);
    for (size_t i = 0; i < sizeof default_drop / sizeof *default_drop; i++)
        p->disposition[default_drop[i]] = SANITIZE_DROP;
    p->default_disposition = SANITIZE_UNWRAP;
    memcpy(p->limits, default_limits, sizeof p->limits);
}

sanitize_status sanitize_policy_new(sanitize_policy **out)
{
    if (!out)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    sanitize_policy *p = sz_calloc(1, sizeof *p);
    if (!p)
        return SANITIZE_ERR_NOMEM;
    init_defaults(p);
    *out = p;
    return SANITIZE_OK;
}

static void free_strings(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        sz_free(v[i]);
    sz_free(v);
}

static bool dup_strings(char ***dst, char *const *src, size_t n)
{
    *dst = NULL;
    if (!src)
        return true;
    char **v = sz_calloc(n ? n : 1, sizeof *v);
    if (!v)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!(v[i] = sz_strdup(src[i]))) {
            free_strings(v, i);
            return false;
        }
    }
    *dst = v;
    return true;
}

void sz_attr_rule_clear(sz_attr_rule *r)
{
    sz_free(r->name);
    sz_regex_unref(r->element_re);
    sz_regex_unref(r->value_re);
    free_strings(r->values, r->nvalues);
}

void sanitize_policy_free(sanitize_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nattr_rules; i++)
        sz_attr_rule_clear(&p->attr_rules[i]);
    sz_free(p->attr_rules);
    free_strings(p->attr_prefixes, p->nattr_prefixes);
    for (size_t i = 0; i < p->nforced; i++) {
        sz_free(p->forced[i].name);
        sz_free(p->forced[i].value);
    }
    sz_free(p->forced);
    for (size_t i = 0; i < p->nclass_rules; i++)
        free_strings(p->class_rules[i].classes, p->class_rules[i].nclasses);
    sz_free(p->class_rules);
    sz_free(p->id_prefix);
    for (size_t i = 0; i < p->nschemes; i++)
        sz_free(p->schemes[i].name);
    sz_free(p->schemes);
    for (size_t i = 0; i < p->nscheme_res; i++)
        sz_regex_unref(p->scheme_res[i]);
    sz_free(p->scheme_res);
    free_strings(p->data_image_types, p->ndata_image_types);
    for (size_t i = 0; i < p->nurl_attrs; i++)
        sz_free(p->url_attrs[i].name);
    sz_free(p->url_attrs);
    sz_free(p->link_rel);
    sz_style_rules_free(p->styles);
    sz_free(p);
}

/* The clone starts as a byte copy (tables, flags, limits, callbacks), then
 * every owned pointer is replaced by a copy, so that freeing either policy
 * never touches the other. On failure the half-built clone is released with
 * the pointers not yet copied cleared first. */
sanitize_status sanitize_policy_clone(const sanitize_policy *src, sanitize_policy **out)
{
    if (!out)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (!src)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sanitize_policy *p = sz_malloc(sizeof *p);
    if (!p)
        return SANITIZE_ERR_NOMEM;
    memcpy(p, src, sizeof *p);
    p->frozen = 0;
    p->attr_rules = NULL; p->nattr_rules = 0;
    p->attr_prefixes = NULL; p->nattr_prefixes = 0;
    p->forced = NULL; p->nforced = 0;
    p->class_rules = NULL; p->nclass_rules = 0;
    p->id_prefix = NULL;
    p->schemes = NULL; p->nschemes = 0;
    p->scheme_res = NULL; p->nscheme_res = 0;
    p->data_image_types = NULL; p->ndata_image_types = 0;
    p->url_attrs = NULL; p->nurl_attrs = 0;
    p->link_rel = NULL;
    p->styles = NULL;

    if (src->nattr_rules) {
        p->attr_rules = sz_calloc(src->nattr_rules, sizeof *p->attr_rules);
        if (!p->attr_rules)
            goto nomem;
        for (size_t i = 0; i < src->nattr_rules; i++) {
            const sz_attr_rule *s = &src->attr_rules[i];
            sz_attr_rule *d = &p->attr_rules[i];
            d->element = s->element;
            d->name = sz_strdup(s->name);
            d->element_re = sz_regex_ref(s->element_re);
            d->value_re = sz_regex_ref(s->value_re);
            d->nvalues = s->nvalues;
            p->nattr_rules = i + 1;
            if (!d->name || !dup_strings(&d->values, s->values, s->nvalues))
                goto nomem;
        }
    }
    if (!dup_strings(&p->attr_prefixes, src->attr_prefixes, src->nattr_prefixes))
        goto nomem;
    p->nattr_prefixes = src->nattr_prefixes;
    if (src->nforced) {
        p->forced = sz_calloc(src->nforced, sizeof *p->forced);
        if (!p->forced)
            goto nomem;
        for (size_t i = 0; i < src->nforced; i++) {
            p->forced[i].element = src->forced[i].element;
            p->forced[i].name = sz_strdup(src->forced[i].name);
            p->forced[i].value = sz_strdup(src->forced[i].value);
            p->nforced = i + 1;
            if (!p->forced[i].name || !p->forced[i].value)
                goto nomem;
        }
    }
    if (src->nclass_rules) {
        p->class_rules = sz_calloc(src->nclass_rules, sizeof *p->class_rules);
        if (!p->class_rules)
            goto nomem;
        for (size_t i = 0; i < src->nclass_rules; i++) {
            p->class_rules[i].element = src->class_rules[i].element;
            if (!dup_strings(&p->class_rules[i].classes, src->class_rules[i].classes,
                             src->class_rules[i].nclasses))
                goto nomem;
            p->class_rules[i].nclasses = src->class_rules[i].nclasses;
            p->nclass_rules = i + 1;
        }
    }
    if (src->id_prefix && !(p->id_prefix = sz_strdup(src->id_prefix)))
        goto nomem;
    if (src->nschemes) {
        p->schemes = sz_calloc(src->nschemes, sizeof *p->schemes);
        if (!p->schemes)
            goto nomem;
        for (size_t i = 0; i < src->nschemes; i++) {
            p->schemes[i] = src->schemes[i];
            p->schemes[i].name = sz_strdup(src->schemes[i].name);
            p->nschemes = i + 1;
            if (!p->schemes[i].name)
                goto nomem;
        }
    }
    if (src->nscheme_res) {
        p->scheme_res = sz_calloc(src->nscheme_res, sizeof *p->scheme_res);
        if (!p->scheme_res)
            goto nomem;
        for (size_t i = 0; i < src->nscheme_res; i++)
            p->scheme_res[i] = sz_regex_ref(src->scheme_res[i]);
        p->nscheme_res = src->nscheme_res;
    }
    if (!dup_strings(&p->data_image_types, src->data_image_types, src->ndata_image_types))
        goto nomem;
    p->ndata_image_types = src->ndata_image_types;
    if (src->nurl_attrs) {
        p->url_attrs = sz_calloc(src->nurl_attrs, sizeof *p->url_attrs);
        if (!p->url_attrs)
            goto nomem;
        for (size_t i = 0; i < src->nurl_attrs; i++) {
            p->url_attrs[i].element = src->url_attrs[i].element;
            p->url_attrs[i].name = sz_strdup(src->url_attrs[i].name);
            p->nurl_attrs = i + 1;
            if (!p->url_attrs[i].name)
                goto nomem;
        }
    }
    if (src->link_rel && !(p->link_rel = sz_strdup(src->link_rel)))
        goto nomem;
    if (src->styles && sz_style_rules_clone(src->styles, &p->styles) != SANITIZE_OK)
        goto nomem;
    *out = p;
    return SANITIZE_OK;
nomem:
    sanitize_policy_free(p);
    return SANITIZE_ERR_NOMEM;
}

sanitize_status sanitize_policy_freeze(sanitize_policy *p)
{
    if (!p)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    /* Every sanitize call freezes its policy: a store each time would take
     * the policy's cache line away from the other threads sharing it. */
    if (!__atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE))
        __atomic_store_n(&p->frozen, 1, __ATOMIC_RELEASE);
    return SANITIZE_OK;
}

int sanitize_policy_is_frozen(const sanitize_policy *p)
{
    return p ? __atomic_load_n(&p->frozen, __ATOMIC_ACQUIRE) : 0;
}

sanitize_status sanitize_policy_allow_element(sanitize_policy *p, const char *element)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!element)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    int tag;
    if ((st = sz_element_lookup(element, &tag)))
        return st;
    if (sz_element_never_allowed(tag) ||
        (sz_element_needs_unsafe(tag) && !sz_flag(p, SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE)))
        return SANITIZE_ERR_UNSAFE_ELEMENT;
    p->allowed[tag] = 1;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_allow_elements_matching(sanitize_policy *p, const char *pattern)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!pattern)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_regex *re;
    if ((st = sz_regex_compile(pattern, &re)))
        return st;
    /* Unknown elements never have a trustworthy name, so the pattern can
     * only ever select among the elements gumbo knows: resolve it now. */
    bool unsafe_ok = sz_flag(p, SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE);
    for (int t = 0; t < SZ_TAG_COUNT; t++) {
        if (t == GUMBO_TAG_UNKNOWN || sz_element_never_allowed(t) ||
            (sz_element_needs_unsafe(t) && !unsafe_ok))
            continue;
        const char *name = gumbo_normalized_tagname((GumboTag)t);
        if (sz_regex_search(re, name, strlen(name)))
            p->allowed[t] = 1;
    }
    sz_regex_unref(re);
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_remove_element(sanitize_policy *p, const char *element)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!element)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    int tag;
    if ((st = sz_element_lookup(element, &tag)))
        return st;
    p->allowed[tag] = 0;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_set_disposition(sanitize_policy *p, const char *element,
                                                sanitize_disposition d)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (d != SANITIZE_UNWRAP && d != SANITIZE_DROP && d != SANITIZE_ESCAPE)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    int tag;
    if ((st = sz_element_lookup(element, &tag)))
        return st;
    if (tag == SZ_ANY_ELEMENT)
        p->default_disposition = d;
    else
        p->disposition[tag] = (uint8_t)d;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_require_attributes(sanitize_policy *p, const char *element,
                                                   int required)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!element)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    int tag;
    if ((st = sz_element_lookup(element, &tag)))
        return st;
    p->requires_attrs[tag] = required != 0;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_set_flag(sanitize_policy *p, sanitize_flag flag, int on)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if ((unsigned)flag > SANITIZE_FLAG_NOOPENER)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    if (on)
        p->flags |= 1u << flag;
    else
        p->flags &= ~(1u << flag);
    return SANITIZE_OK;
}

int sanitize_policy_get_flag(const sanitize_policy *p, sanitize_flag flag)
{
    if (!p || (unsigned)flag > SANITIZE_FLAG_NOOPENER)
        return 0;
    return sz_flag(p, flag);
}

sanitize_status sanitize_policy_set_limit(sanitize_policy *p, sanitize_limit limit, size_t value)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    switch (limit) {
    case SANITIZE_LIMIT_INPUT_BYTES:
        if (value < 1 || value > 0xFFFFFFFFu - 1)
            return SANITIZE_ERR_INVALID_ARGUMENT;
        break;
    case SANITIZE_LIMIT_DEPTH:
        if (value < 1 || value > 100000)
            return SANITIZE_ERR_INVALID_ARGUMENT;
        break;
    case SANITIZE_LIMIT_ATTRIBUTES:
        if (value < 1 || value > 1000000)
            return SANITIZE_ERR_INVALID_ARGUMENT;
        break;
    case SANITIZE_LIMIT_MEMORY_BYTES:
    case SANITIZE_LIMIT_CPU_MS:
        break;
    default:
        return SANITIZE_ERR_INVALID_ARGUMENT;
    }
    p->limits[limit] = value;
    return SANITIZE_OK;
}

size_t sanitize_policy_get_limit(const sanitize_policy *p, sanitize_limit limit)
{
    if (!p || (unsigned)limit >= SZ_LIMIT_COUNT)
        return 0;
    return p->limits[limit];
}
