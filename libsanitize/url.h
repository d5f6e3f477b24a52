/* URL attribute checks: which attributes hold URLs, and whether a URL value
 * passes the policy, judged the way a browser's URL parser reads it. */
#ifndef SZ_URL_H
#define SZ_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "buffer.h"
#include "policy.h"

typedef enum sz_url_kind {
    SZ_URL_NONE = 0, /* not a URL attribute */
    SZ_URL_SINGLE,   /* href, src, ... */
    SZ_URL_SPACE_LIST, /* ping */
    SZ_URL_SRCSET,   /* srcset, imagesrcset */
} sz_url_kind;

sz_url_kind sz_url_attribute_kind(const sanitize_policy *p, int tag, const char *name);

/* Checks one attribute value of the given kind. When it passes, appends the
 * value to write (trimmed as a browser trims it, scheme lower-cased, list
 * members that fail removed) to `out` and returns true. `*external` is set
 * when a single URL names a host (http://x, //x). `scratch` is working
 * space; what it holds is lost. */
bool sz_url_check_value(const sanitize_policy *p, int tag, const char *attr, sz_url_kind kind,
                        const char *value, size_t len, sz_buf *out, sz_buf *scratch,
                        bool *external);

/* One URL, for the CSS module's url() values (no data: images). */
bool sz_url_allowed(const sanitize_policy *p, const char *url, size_t len);

#endif
