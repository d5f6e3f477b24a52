/* Public builder calls for inline-style rules. The rules themselves live in
 * css/style_rules.c; this file only checks arguments and keeps the policy
 * unchanged on failure. */
#include "css/style_rules.h"

#include "alloc.h"
#include "policy.h"

/* p->styles is created on first use; when the call then fails, the fresh,
 * empty table is removed again so the policy is exactly as before. */
static sanitize_status begin(sanitize_policy *p, bool *created)
{
    *created = false;
    if (p->styles)
        return SANITIZE_OK;
    sanitize_status st = sz_style_rules_new(&p->styles);
    *created = st == SANITIZE_OK;
    return st;
}

static sanitize_status end(sanitize_policy *p, bool created, sanitize_status st)
{
    if (st != SANITIZE_OK && created) {
        sz_style_rules_free(p->styles);
        p->styles = NULL;
    }
    return st;
}

static sanitize_status check(sanitize_policy *p, const char *property)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st != SANITIZE_OK)
        return st;
    if (!property || !*property)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_allow_style(sanitize_policy *policy, const char *property,
                                            const char *element, const char *value_pattern)
{
    sanitize_status st = check(policy, property);
    int tag;
    if (st == SANITIZE_OK)
        st = sz_element_lookup(element, &tag);
    if (st != SANITIZE_OK)
        return st;
    bool created;
    st = begin(policy, &created);
    if (st != SANITIZE_OK)
        return st;
    st = sz_style_allow(policy->styles, property, tag, NULL, value_pattern);
    return end(policy, created, st);
}

sanitize_status sanitize_policy_allow_style_on_matching(sanitize_policy *policy,
                                                        const char *property,
                                                        const char *element_pattern,
                                                        const char *value_pattern)
{
    sanitize_status st = check(policy, property);
    if (st != SANITIZE_OK)
        return st;
    if (!element_pattern)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_regex *re;
    st = sz_regex_compile(element_pattern, &re);
    if (st != SANITIZE_OK)
        return st;
    bool created;
    st = begin(policy, &created);
    if (st == SANITIZE_OK) {
        st = sz_style_allow(policy->styles, property, SZ_ANY_ELEMENT, re, value_pattern);
        st = end(policy, created, st);
    }
    sz_regex_unref(re); /* the rule keeps its own reference */
    return st;
}

sanitize_status sanitize_policy_allow_style_values(sanitize_policy *policy, const char *property,
                                                   const char *element,
                                                   const char *const *values, size_t count)
{
    sanitize_status st = check(policy, property);
    int tag;
    if (st == SANITIZE_OK)
        st = sz_element_lookup(element, &tag);
    if (st != SANITIZE_OK)
        return st;
    if (!values || count == 0)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    bool created;
    st = begin(policy, &created);
    if (st != SANITIZE_OK)
        return st;
    st = sz_style_allow_values(policy->styles, property, tag, values, count);
    return end(policy, created, st);
}

sanitize_status sanitize_policy_allow_style_callback(sanitize_policy *policy,
                                                     const char *property, const char *element,
                                                     sanitize_style_callback callback,
                                                     void *user_data)
{
    sanitize_status st = check(policy, property);
    int tag;
    if (st == SANITIZE_OK)
        st = sz_element_lookup(element, &tag);
    if (st != SANITIZE_OK)
        return st;
    if (!callback)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    bool created;
    st = begin(policy, &created);
    if (st != SANITIZE_OK)
        return st;
    st = sz_style_allow_callback(policy->styles, property, tag, callback, user_data);
    return end(policy, created, st);
}

sanitize_status sanitize_policy_allow_standard_styles(sanitize_policy *policy)
{
    sanitize_status st = sz_policy_check_mutable(policy);
    if (st != SANITIZE_OK)
        return st;
    bool created;
    st = begin(policy, &created);
    if (st != SANITIZE_OK)
        return st;
    return end(policy, created, sz_style_allow_standard(policy->styles));
}
