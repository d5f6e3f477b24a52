/* Builds policies from arbitrary bytes (names, patterns, flags, limits in
 * any order and any validity), then sanitizes a fixed document with each.
 * Every builder call must return a defined status and never crash; a policy
 * built from garbage must still produce safe output. */
#include <gumbo.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "libsanitize.h"

static const char sample[] =
    "<p title=t onclick=x><a href=\"javascript:alert(1)\">a</a><a href=\"https://e/\" "
    "rel=r>b</a><img src=/i srcset=\"x 1x\" style=\"color:red\"><script>s</script>"
    "<svg><p>f</p></svg><!-- c --><table><tr><td>t</td></tr></table></p>";

/* True when the parse of `html` has no script, style or foreign element, no
 * on* attribute and no href/src whose scheme is javascript. */
static bool parsed_output_is_safe(const char *html, size_t len)
{
    GumboOptions o = kGumboDefaultOptions;
    o.fragment_context = GUMBO_TAG_BODY;
    o.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&o, html, len);
    bool safe = true;
    const GumboNode *stack[256];
    size_t depth = 0;
    stack[depth++] = g->root;
    while (depth && safe) {
        const GumboNode *n = stack[--depth];
        if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
            continue;
        const GumboElement *e = &n->v.element;
        if (e->tag == GUMBO_TAG_SCRIPT || e->tag == GUMBO_TAG_STYLE ||
            e->tag_namespace != GUMBO_NAMESPACE_HTML)
            safe = false;
        for (unsigned i = 0; i < e->attributes.length && safe; i++) {
            const GumboAttribute *a = e->attributes.data[i];
            if (strncmp(a->name, "on", 2) == 0)
                safe = false;
            if ((strcmp(a->name, "href") == 0 || strcmp(a->name, "src") == 0) &&
                strncasecmp(a->value, "javascript:", 11) == 0)
                safe = false;
        }
        for (unsigned i = 0; i < e->children.length && depth < 256; i++)
            stack[depth++] = e->children.data[i];
    }
    gumbo_destroy_output(&o, g);
    return safe;
}

/* Takes a NUL-terminated string of up to 24 bytes from the input. */
static const char *take(const uint8_t **d, size_t *n, char *buf)
{
    size_t len = *n ? (*d)[0] % 24 : 0;
    if (*n)
        (*d)++, (*n)--;
    if (len > *n)
        len = *n;
    memcpy(buf, *d, len);
    buf[len] = '\0';
    *d += len;
    *n -= len;
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sanitize_policy *p;
    if (sanitize_policy_new_preset((sanitize_preset)(size ? data[0] % 3 : 0), &p) != SANITIZE_OK)
        abort();
    char a[32], b[32], c[32];
    const uint8_t *d = data + (size ? 1 : 0);
    size_t n = size ? size - 1 : 0;
    while (n) {
        uint8_t op = *d++;
        n--;
        const char *s1 = take(&d, &n, a), *s2 = take(&d, &n, b), *s3 = take(&d, &n, c);
        const char *list[2] = {s2, s3};
        sanitize_status st;
        switch (op % 22) {
        case 0: st = sanitize_policy_allow_element(p, s1); break;
        case 1: st = sanitize_policy_allow_elements_matching(p, s1); break;
        case 2: st = sanitize_policy_remove_element(p, s1); break;
        case 3: st = sanitize_policy_set_disposition(p, *s1 ? s1 : NULL, (sanitize_disposition)(op % 4)); break;
        case 4: st = sanitize_policy_allow_attribute(p, s1, *s2 ? s2 : NULL, *s3 ? s3 : NULL); break;
        case 5: st = sanitize_policy_allow_attribute_on_matching(p, s1, s2, *s3 ? s3 : NULL); break;
        case 6: st = sanitize_policy_allow_attribute_values(p, s1, NULL, list, 2); break;
        case 7: st = sanitize_policy_remove_attribute(p, s1, *s2 ? s2 : NULL); break;
        case 8: st = sanitize_policy_allow_attribute_prefix(p, s1); break;
        case 9: st = sanitize_policy_set_attribute(p, s1, s2, s3); break;
        case 10: st = sanitize_policy_allow_classes(p, *s1 ? s1 : NULL, list, 2); break;
        case 11: st = sanitize_policy_set_id_prefix(p, s1); break;
        case 12: st = sanitize_policy_allow_url_scheme(p, s1); break;
        case 13: st = sanitize_policy_remove_url_scheme(p, s1); break;
        case 14: st = sanitize_policy_allow_url_schemes_matching(p, s1); break;
        case 15: st = sanitize_policy_allow_data_uri_images(p, list, 2); break;
        case 16: st = sanitize_policy_add_url_attribute(p, s1, *s2 ? s2 : NULL); break;
        case 17: st = sanitize_policy_set_link_rel(p, s1); break;
        case 18: st = sanitize_policy_require_iframe_sandbox(p, list, op % 3); break;
        case 19: st = sanitize_policy_set_flag(p, (sanitize_flag)(op % 20), op & 1); break;
        case 20: st = sanitize_policy_allow_style(p, s1, *s2 ? s2 : NULL, *s3 ? s3 : NULL); break;
        default: st = sanitize_policy_set_limit(p, (sanitize_limit)(op % 6), (size_t)(uint8_t)s1[0] + 1); break;
        }
        if ((unsigned)st > SANITIZE_ERR_CONFLICT)
            abort();
    }
    /* Keep the fuzzer fast: no huge CPU budgets from the input. */
    sanitize_policy *q;
    if (sanitize_policy_clone(p, &q) != SANITIZE_OK)
        abort();
    sanitize_policy_free(p);
    sanitize_policy_set_flag(q, SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE, 0);
    char *out;
    size_t len;
    if (sanitize_html(q, sample, sizeof sample - 1, &out, &len) == SANITIZE_OK) {
        /* Whatever the rules, no policy without the unsafe flag keeps these.
         * Judged on the parsed output, not its text: policy-supplied values
         * (link rel, forced attributes) may hold any words. */
        if (!parsed_output_is_safe(out, len)) {
            fprintf(stderr, "unsafe output: %s\n", out);
            abort();
        }
        sanitize_free(out);
    }
    sanitize_policy_free(q);
    return 0;
}
