/* The policy as the sanitizer reads it. Builder calls (policy.c and
 * friends) fill these tables; once frozen they are only read, by any number
 * of threads. Per-element data is indexed by GumboTag so the hot path is a
 * table lookup. */
#ifndef SZ_POLICY_H
#define SZ_POLICY_H

#include <gumbo.h>
#include <stdbool.h>
#include <stdint.h>

#include "libsanitize.h"
#include "buffer.h"
#include "regex.h"

#define SZ_TAG_COUNT ((int)GUMBO_TAG_LAST)
/* "Every element" in rules that can be per element or global. */
#define SZ_ANY_ELEMENT (-1)

typedef struct sz_style_rules sz_style_rules; /* css/style_rules.h */

/* One way an attribute name may be allowed. A value passes a rule when the
 * rule has no constraint, its pattern matches, or it is one of the values. */
typedef struct sz_attr_rule {
    char *name;            /* lower case */
    int element;           /* GumboTag, or SZ_ANY_ELEMENT */
    sz_regex *element_re;  /* for OnElementsMatching rules, else NULL */
    sz_regex *value_re;    /* NULL: no pattern */
    char **values;         /* literal set, NULL: none */
    size_t nvalues;
} sz_attr_rule;

/* What an attribute filter writes its replacement value into. */
struct sanitize_value_sink {
    sz_buf value;
    bool set;
};

typedef struct sz_forced_attr {
    int element;
    char *name;
    char *value;
} sz_forced_attr;

typedef struct sz_class_rule {
    int element; /* GumboTag or SZ_ANY_ELEMENT */
    char **classes;
    size_t nclasses;
} sz_class_rule;

typedef struct sz_scheme {
    char *name; /* lower case, no colon */
    sanitize_url_callback callback;
    void *user_data;
} sz_scheme;

typedef struct sz_url_attr {
    int element;
    char *name;
} sz_url_attr;

enum {
    SZ_DISPOSITION_UNSET = 0xff,
    SZ_LIMIT_COUNT = 5,
    SZ_SANDBOX_TOKEN_COUNT = 14,
};

struct sanitize_policy {
    int frozen; /* read and written with __atomic builtins */

    uint8_t allowed[SZ_TAG_COUNT];
    uint8_t disposition[SZ_TAG_COUNT]; /* sanitize_disposition or UNSET */
    uint8_t requires_attrs[SZ_TAG_COUNT];
    /* Any attribute rule, forced attribute or class rule names the element:
     * lets the walk skip attribute work for bare elements. */
    sanitize_disposition default_disposition;

    sz_attr_rule *attr_rules;
    size_t nattr_rules;
    char **attr_prefixes;
    size_t nattr_prefixes;
    sz_forced_attr *forced;
    size_t nforced;
    sz_class_rule *class_rules;
    size_t nclass_rules;
    char *id_prefix;
    sanitize_attribute_filter filter;
    void *filter_data;

    sz_scheme *schemes;
    size_t nschemes;
    sz_regex **scheme_res;
    size_t nscheme_res;
    char **data_image_types; /* NULL: data: images not allowed */
    size_t ndata_image_types;
    bool data_images;
    sz_url_attr *url_attrs; /* in addition to the built-in list */
    size_t nurl_attrs;
    char *link_rel;
    bool sandbox_required;
    uint16_t sandbox_tokens; /* bit i: token i of sz_sandbox_tokens */

    uint32_t flags; /* bit per sanitize_flag */
    size_t limits[SZ_LIMIT_COUNT];

    sz_style_rules *styles; /* NULL until a style rule is added */
};

/* The sandbox tokens bluemonday knows, in bit order. */
extern const char *const sz_sandbox_tokens[SZ_SANDBOX_TOKEN_COUNT];

static inline bool sz_flag(const sanitize_policy *p, sanitize_flag f)
{
    return (p->flags >> f) & 1u;
}

/* For builder functions: INVALID_ARGUMENT for NULL, FROZEN when frozen. */
sanitize_status sz_policy_check_mutable(const sanitize_policy *p);

/* Resolves an element name (any case) to its GumboTag. NULL name gives
 * SZ_ANY_ELEMENT. Errors: UNKNOWN_ELEMENT, INVALID_ARGUMENT. */
sanitize_status sz_element_lookup(const char *name, int *tag);

/* True for elements that are dropped with their content in every policy
 * (gumbo parses them unlike browsers do). */
bool sz_element_never_allowed(int tag);

/* True for elements that run script or re-point the page's resources
 * (script style base meta link): allowed only with the unsafe flag. */
bool sz_element_needs_unsafe(int tag);

/* True for names made only of the characters an attribute name may carry
 * and re-parse identically: ASCII lower-case letters, digits, - _ . : */
bool sz_attr_name_is_safe(const char *name, size_t len);

void sz_attr_rule_clear(sz_attr_rule *rule);

/* Lower-cases ASCII into a new string (sz_free it); NULL on NOMEM. */
char *sz_ascii_lower_dup(const char *s);

#endif
