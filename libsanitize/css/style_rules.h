/* Inline-style (style attribute) rules of a policy, and the sanitizer that
 * applies them. This is the contract between the sanitizer walk
 * (sanitize.c) and the CSS module; everything CSS lives under css/. */
#ifndef SZ_STYLE_RULES_H
#define SZ_STYLE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "../buffer.h"
#include "../policy.h"
#include "../regex.h"
#include "libsanitize.h"

/* sz_style_rules is declared in policy.h. */

sanitize_status sz_style_rules_new(sz_style_rules **out);
sanitize_status sz_style_rules_clone(const sz_style_rules *rules, sz_style_rules **out);
void sz_style_rules_free(sz_style_rules *rules);

/* Rule kinds; `element` is a GumboTag or SZ_ANY_ELEMENT. A NULL pattern means
 * the built-in handler of the property. `element_re` is referenced (the
 * caller keeps its own reference). */
sanitize_status sz_style_allow(sz_style_rules *rules, const char *property, int element,
                               sz_regex *element_re, const char *value_pattern);
sanitize_status sz_style_allow_values(sz_style_rules *rules, const char *property,
                                      int element, const char *const *values, size_t count);
sanitize_status sz_style_allow_callback(sz_style_rules *rules, const char *property,
                                        int element, sanitize_style_callback callback,
                                        void *user_data);
sanitize_status sz_style_allow_standard(sz_style_rules *rules);

/* True when some rule applies to this element: its style attribute then goes
 * through sz_style_sanitize() instead of the attribute rules. */
bool sz_style_in_scope(const sz_style_rules *rules, int element, const char *element_name);

/* How url() values are judged: `allow_urls` false removes every declaration
 * holding a url(); otherwise `check` decides on the decoded URL. */
typedef struct sz_css_urls {
    bool allow_urls;
    bool (*check)(const void *ctx, const char *url, size_t len);
    const void *ctx;
} sz_css_urls;

/* Parses `css` (a decoded style attribute value) as a declaration list and
 * appends the allowed declarations to `out` as "prop: value; prop: value"
 * (no trailing separator, nothing at all when none survives). The result is
 * plain text: the serializer escapes it for the attribute. Linear time, no
 * recursion on nesting. */
void sz_style_sanitize(const sz_style_rules *rules, int element, const char *element_name,
                       const char *css, size_t len, const sz_css_urls *urls, sz_buf *out);

#endif
