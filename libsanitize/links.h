/* The attributes a policy adds to links and embeds: rel tokens, target,
 * crossorigin, iframe sandbox. */
#ifndef SZ_LINKS_H
#define SZ_LINKS_H

#include <stdbool.h>

#include "buffer.h"
#include "policy.h"

typedef struct sz_link_state {
    bool has_href;
    bool external;
    bool has_rel;
    const char *rel; /* the kept input rel value, when has_rel */
    size_t rel_len;
    bool has_target;
    const char *target;
    size_t target_len;
    const char *sandbox; /* the input sandbox value, or NULL */
    size_t sandbox_len;
} sz_link_state;

/* Elements whose input value of `name` is replaced by what the policy adds,
 * so the walk skips the input attribute. */
bool sz_link_attr_is_managed(const sanitize_policy *p, int tag, const char *name);

/* Appends rel / target / crossorigin / sandbox as the policy requires;
 * `scratch` is work space. */
void sz_links_finish(const sanitize_policy *p, int tag, const sz_link_state *state, sz_buf *attrs,
                     sz_buf *scratch);

#endif
