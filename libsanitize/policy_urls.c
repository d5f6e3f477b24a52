/* Builder calls for URL rules: schemes, scheme callbacks, data: images,
 * extra URL attributes, link rel and iframe sandbox. */
#include <string.h>

#include "alloc.h"
#include "policy.h"

const char *const sz_sandbox_tokens[SZ_SANDBOX_TOKEN_COUNT] = {
    "allow-downloads",
    "allow-downloads-without-user-activation",
    "allow-forms",
    "allow-modals",
    "allow-orientation-lock",
    "allow-pointer-lock",
    "allow-popups",
    "allow-popups-to-escape-sandbox",
    "allow-presentation",
    "allow-same-origin",
    "allow-scripts",
    "allow-storage-access-by-user-activation",
    "allow-top-navigation",
    "allow-top-navigation-by-user-activation",
};

static const char *const default_data_image_types[] = {
    "image/gif", "image/jpeg", "image/png", "image/webp",
};

/* RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), stored lower-case. */
static sanitize_status scheme_dup(const char *scheme, char **out)
{
    *out = NULL;
    if (!scheme || !((scheme[0] | 32) >= 'a' && (scheme[0] | 32) <= 'z'))
        return SANITIZE_ERR_INVALID_ARGUMENT;
    for (const char *c = scheme; *c; c++) {
        char l = (char)(*c | 32);
        if (!((l >= 'a' && l <= 'z') || (*c >= '0' && *c <= '9') || *c == '+' || *c == '-' ||
              *c == '.'))
            return SANITIZE_ERR_INVALID_ARGUMENT;
    }
    *out = sz_ascii_lower_dup(scheme);
    return *out ? SANITIZE_OK : SANITIZE_ERR_NOMEM;
}

static sz_scheme *find_scheme(sanitize_policy *p, const char *name)
{
    for (size_t i = 0; i < p->nschemes; i++)
        if (strcmp(p->schemes[i].name, name) == 0)
            return &p->schemes[i];
    return NULL;
}

static sanitize_status set_scheme(sanitize_policy *p, const char *scheme,
                                  sanitize_url_callback callback, void *user_data)
{
    sanitize_status st = sz_policy_check_mutable(p);
    char *name;
    if (st || (st = scheme_dup(scheme, &name)))
        return st;
    sz_scheme *s = find_scheme(p, name);
    if (s) {
        sz_free(name);
    } else {
        sz_scheme *bigger = sz_realloc(p->schemes, (p->nschemes + 1) * sizeof *bigger);
        if (!bigger) {
            sz_free(name);
            return SANITIZE_ERR_NOMEM;
        }
        p->schemes = bigger;
        s = &p->schemes[p->nschemes++];
        s->name = name;
    }
    s->callback = callback;
    s->user_data = callback ? user_data : NULL;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_allow_url_scheme(sanitize_policy *p, const char *scheme)
{
    return set_scheme(p, scheme, NULL, NULL);
}

sanitize_status sanitize_policy_set_url_scheme_callback(sanitize_policy *p, const char *scheme,
                                                        sanitize_url_callback callback,
                                                        void *user_data)
{
    if (p && !callback && !sanitize_policy_is_frozen(p))
        return SANITIZE_ERR_INVALID_ARGUMENT;
    return set_scheme(p, scheme, callback, user_data);
}

sanitize_status sanitize_policy_remove_url_scheme(sanitize_policy *p, const char *scheme)
{
    sanitize_status st = sz_policy_check_mutable(p);
    char *name;
    if (st || (st = scheme_dup(scheme, &name)))
        return st;
    sz_scheme *s = find_scheme(p, name);
    if (s) {
        sz_free(s->name);
        *s = p->schemes[--p->nschemes];
    }
    sz_free(name);
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_allow_url_schemes_matching(sanitize_policy *p, const char *pattern)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!pattern)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_regex *re;
    if ((st = sz_regex_compile(pattern, &re)))
        return st;
    sz_regex **bigger = sz_realloc(p->scheme_res, (p->nscheme_res + 1) * sizeof *bigger);
    if (!bigger) {
        sz_regex_unref(re);
        return SANITIZE_ERR_NOMEM;
    }
    p->scheme_res = bigger;
    p->scheme_res[p->nscheme_res++] = re;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_allow_data_uri_images(sanitize_policy *p,
                                                      const char *const *types, size_t count)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!types) {
        types = default_data_image_types;
        count = sizeof default_data_image_types / sizeof *default_data_image_types;
    }
    char **copy = sz_calloc(count ? count : 1, sizeof *copy);
    if (!copy)
        return SANITIZE_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        if (!types[i] || !*types[i]) {
            st = SANITIZE_ERR_INVALID_ARGUMENT;
        } else if (!(copy[i] = sz_ascii_lower_dup(types[i]))) {
            st = SANITIZE_ERR_NOMEM;
        }
        if (st) {
            for (size_t j = 0; j < i; j++)
                sz_free(copy[j]);
            sz_free(copy);
            return st;
        }
    }
    for (size_t i = 0; i < p->ndata_image_types; i++)
        sz_free(p->data_image_types[i]);
    sz_free(p->data_image_types);
    p->data_image_types = copy;
    p->ndata_image_types = count;
    p->data_images = true;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_add_url_attribute(sanitize_policy *p, const char *attribute,
                                                  const char *element)
{
    sanitize_status st = sz_policy_check_mutable(p);
    int tag;
    if (st || (st = sz_element_lookup(element, &tag)))
        return st;
    if (!attribute || !*attribute)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    char *name = sz_ascii_lower_dup(attribute);
    if (!name)
        return SANITIZE_ERR_NOMEM;
    sz_url_attr *bigger = sz_realloc(p->url_attrs, (p->nurl_attrs + 1) * sizeof *bigger);
    if (!bigger) {
        sz_free(name);
        return SANITIZE_ERR_NOMEM;
    }
    p->url_attrs = bigger;
    p->url_attrs[p->nurl_attrs++] = (sz_url_attr){.element = tag, .name = name};
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_set_link_rel(sanitize_policy *p, const char *rel)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    char *copy = NULL;
    if (rel && *rel && !(copy = sz_strdup(rel)))
        return SANITIZE_ERR_NOMEM;
    sz_free(p->link_rel);
    p->link_rel = copy;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_require_iframe_sandbox(sanitize_policy *p,
                                                       const char *const *tokens, size_t count)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!tokens && count)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    uint16_t mask = 0;
    for (size_t i = 0; i < count; i++) {
        size_t t = 0;
        while (t < SZ_SANDBOX_TOKEN_COUNT && (!tokens[i] || strcmp(tokens[i], sz_sandbox_tokens[t])))
            t++;
        if (t == SZ_SANDBOX_TOKEN_COUNT)
            return SANITIZE_ERR_INVALID_ARGUMENT;
        mask |= (uint16_t)(1u << t);
    }
    p->sandbox_required = true;
    p->sandbox_tokens = mask;
    return SANITIZE_OK;
}
