/* Builder calls for attribute rules: allowed names and values, prefixes,
 * forced values, class lists, id prefix, the attribute filter. */
#include <string.h>

#include "alloc.h"
#include "policy.h"

/* Grows a policy array by one element (zeroed); NULL on NOMEM. */
static void *grow(void **array, size_t *count, size_t size)
{
    char *bigger = sz_realloc(*array, (*count + 1) * size);
    if (!bigger)
        return NULL;
    *array = bigger;
    memset(bigger + *count * size, 0, size);
    return bigger + (*count)++ * size;
}

/* Attribute names in rules: lower-cased, and only characters that survive a
 * re-parse unchanged (so a rule can never make the serializer emit a name
 * that would split into something else). */
static sanitize_status attr_name_dup(const char *name, char **out)
{
    *out = NULL;
    if (!name || !*name)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    char *lower = sz_ascii_lower_dup(name);
    if (!lower)
        return SANITIZE_ERR_NOMEM;
    if (!sz_attr_name_is_safe(lower, strlen(lower))) {
        sz_free(lower);
        return SANITIZE_ERR_INVALID_ARGUMENT;
    }
    *out = lower;
    return SANITIZE_OK;
}

/* Presets repeat a few patterns many times: share one compiled copy. */
static sanitize_status compile_shared(const sanitize_policy *p, const char *pattern,
                                      sz_regex **out)
{
    for (size_t i = 0; i < p->nattr_rules; i++) {
        sz_regex *re = p->attr_rules[i].value_re;
        if (re && strcmp(sz_regex_pattern(re), pattern) == 0) {
            *out = sz_regex_ref(re);
            return SANITIZE_OK;
        }
    }
    return sz_regex_compile(pattern, out);
}

static sanitize_status add_rule(sanitize_policy *p, const char *attribute, int element,
                                const char *element_pattern, const char *value_pattern,
                                const char *const *values, size_t nvalues)
{
    sz_attr_rule rule = {.element = element};
    sanitize_status st = attr_name_dup(attribute, &rule.name);
    if (st)
        return st;
    if (element_pattern && (st = sz_regex_compile(element_pattern, &rule.element_re)))
        goto fail;
    if (value_pattern && (st = compile_shared(p, value_pattern, &rule.value_re)))
        goto fail;
    if (values) {
        st = SANITIZE_ERR_NOMEM;
        rule.values = sz_calloc(nvalues ? nvalues : 1, sizeof *rule.values);
        if (!rule.values)
            goto fail;
        for (size_t i = 0; i < nvalues; i++) {
            if (!values[i]) {
                st = SANITIZE_ERR_INVALID_ARGUMENT;
                goto fail;
            }
            if (!(rule.values[i] = sz_strdup(values[i])))
                goto fail;
            rule.nvalues = i + 1;
        }
    }
    sz_attr_rule *slot = grow((void **)&p->attr_rules, &p->nattr_rules, sizeof rule);
    if (!slot) {
        st = SANITIZE_ERR_NOMEM;
        goto fail;
    }
    *slot = rule;
    return SANITIZE_OK;
fail:
    sz_attr_rule_clear(&rule);
    return st;
}

sanitize_status sanitize_policy_allow_attribute(sanitize_policy *p, const char *attribute,
                                                const char *element, const char *value_pattern)
{
    sanitize_status st = sz_policy_check_mutable(p);
    int tag;
    if (st || (st = sz_element_lookup(element, &tag)))
        return st;
    return add_rule(p, attribute, tag, NULL, value_pattern, NULL, 0);
}

sanitize_status sanitize_policy_allow_attribute_on_matching(sanitize_policy *p,
                                                            const char *attribute,
                                                            const char *element_pattern,
                                                            const char *value_pattern)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    if (!element_pattern)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    return add_rule(p, attribute, SZ_ANY_ELEMENT, element_pattern, value_pattern, NULL, 0);
}

sanitize_status sanitize_policy_allow_attribute_values(sanitize_policy *p, const char *attribute,
                                                       const char *element,
                                                       const char *const *values, size_t count)
{
    sanitize_status st = sz_policy_check_mutable(p);
    int tag;
    if (st || (st = sz_element_lookup(element, &tag)))
        return st;
    if (!values && count)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    static const char *const none[1] = {NULL};
    return add_rule(p, attribute, tag, NULL, NULL, values ? values : none, count);
}

sanitize_status sanitize_policy_remove_attribute(sanitize_policy *p, const char *attribute,
                                                 const char *element)
{
    sanitize_status st = sz_policy_check_mutable(p);
    int tag;
    if (st || (st = sz_element_lookup(element, &tag)))
        return st;
    char *name;
    if ((st = attr_name_dup(attribute, &name)))
        return st;
    size_t kept = 0;
    for (size_t i = 0; i < p->nattr_rules; i++) {
        sz_attr_rule *r = &p->attr_rules[i];
        if (r->element == tag && !r->element_re && strcmp(r->name, name) == 0)
            sz_attr_rule_clear(r);
        else
            p->attr_rules[kept++] = *r;
    }
    p->nattr_rules = kept;
    sz_free(name);
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_allow_attribute_prefix(sanitize_policy *p, const char *prefix)
{
    sanitize_status st = sz_policy_check_mutable(p);
    char *name;
    if (st || (st = attr_name_dup(prefix, &name)))
        return st;
    char **slot = grow((void **)&p->attr_prefixes, &p->nattr_prefixes, sizeof *slot);
    if (!slot) {
        sz_free(name);
        return SANITIZE_ERR_NOMEM;
    }
    *slot = name;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_set_attribute(sanitize_policy *p, const char *element,
                                              const char *attribute, const char *value)
{
    sanitize_status st = sz_policy_check_mutable(p);
    int tag;
    if (st || (st = sz_element_lookup(element, &tag)))
        return st;
    if (!value || tag == SZ_ANY_ELEMENT)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_forced_attr f = {.element = tag};
    if ((st = attr_name_dup(attribute, &f.name)))
        return st;
    /* An event handler set "by policy" is still script: refuse it. */
    if (f.name[0] == 'o' && f.name[1] == 'n') {
        sz_free(f.name);
        return SANITIZE_ERR_INVALID_ARGUMENT;
    }
    if (!(f.value = sz_strdup(value))) {
        sz_free(f.name);
        return SANITIZE_ERR_NOMEM;
    }
    for (size_t i = 0; i < p->nforced; i++) {
        if (p->forced[i].element == tag && strcmp(p->forced[i].name, f.name) == 0) {
            sz_free(p->forced[i].name);
            sz_free(p->forced[i].value);
            p->forced[i] = f;
            return SANITIZE_OK;
        }
    }
    sz_forced_attr *slot = grow((void **)&p->forced, &p->nforced, sizeof f);
    if (!slot) {
        sz_free(f.name);
        sz_free(f.value);
        return SANITIZE_ERR_NOMEM;
    }
    *slot = f;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_allow_classes(sanitize_policy *p, const char *element,
                                              const char *const *classes, size_t count)
{
    sanitize_status st = sz_policy_check_mutable(p);
    int tag;
    if (st || (st = sz_element_lookup(element, &tag)))
        return st;
    if (!classes && count)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_class_rule rule = {.element = tag};
    rule.classes = sz_calloc(count ? count : 1, sizeof *rule.classes);
    if (!rule.classes)
        return SANITIZE_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        if (!classes[i] || !*classes[i]) {
            st = SANITIZE_ERR_INVALID_ARGUMENT;
            goto fail;
        }
        if (!(rule.classes[i] = sz_strdup(classes[i]))) {
            st = SANITIZE_ERR_NOMEM;
            goto fail;
        }
        rule.nclasses = i + 1;
    }
    sz_class_rule *slot = grow((void **)&p->class_rules, &p->nclass_rules, sizeof rule);
    if (!slot) {
        st = SANITIZE_ERR_NOMEM;
        goto fail;
    }
    *slot = rule;
    /* Class filtering implies the attribute is allowed there. */
    st = add_rule(p, "class", tag, NULL, NULL, NULL, 0);
    if (st)
        p->nclass_rules--;
    else
        return SANITIZE_OK;
fail:
    for (size_t i = 0; i < rule.nclasses; i++)
        sz_free(rule.classes[i]);
    sz_free(rule.classes);
    return st;
}

sanitize_status sanitize_policy_set_id_prefix(sanitize_policy *p, const char *prefix)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    char *copy = NULL;
    if (prefix && *prefix && !(copy = sz_strdup(prefix)))
        return SANITIZE_ERR_NOMEM;
    sz_free(p->id_prefix);
    p->id_prefix = copy;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_set_attribute_filter(sanitize_policy *p,
                                                     sanitize_attribute_filter filter,
                                                     void *user_data)
{
    sanitize_status st = sz_policy_check_mutable(p);
    if (st)
        return st;
    p->filter = filter;
    p->filter_data = filter ? user_data : NULL;
    return SANITIZE_OK;
}

sanitize_status sanitize_value_sink_set(sanitize_value_sink *sink, const char *value,
                                        size_t value_len)
{
    if (!sink || (!value && value_len))
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sink->value.len = 0;
    sink->value.failed = false;
    sz_buf_append(&sink->value, value, value_len);
    if (sink->value.failed)
        return SANITIZE_ERR_NOMEM;
    sink->set = true;
    return SANITIZE_OK;
}
