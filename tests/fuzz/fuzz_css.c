/* Fuzz target for the CSS module (issue 6). The first byte picks a rules
 * setup and whether url() is allowed; the rest is a style attribute value.
 * It checks the properties every output must have, whatever the input:
 * bounded size, no bytes or words that could change meaning or run code,
 * and a second pass over the output is a fixed point (canonical form). */
#include <gumbo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../libsanitize/css/style_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool any_url(const void *ctx, const char *url, size_t len)
{
    (void)ctx;
    /* Accept everything but javascript-looking schemes, so url() output is
     * exercised and the screen behind the check is too. */
    return !(len >= 4 && (url[0] | 0x20) == 'j');
}

static int everything(void *ud, const char *property, const char *value, size_t len)
{
    (void)ud;
    (void)property;
    (void)value;
    (void)len;
    return 1;
}

static sz_style_rules *setup(unsigned which)
{
    sz_style_rules *r = NULL;
    if (sz_style_rules_new(&r) != SANITIZE_OK)
        abort();
    switch (which % 4) {
    case 0:
        sz_style_allow_standard(r);
        break;
    case 1: /* permissive patterns: only the value screen stands guard */
        sz_style_allow(r, "color", SZ_ANY_ELEMENT, NULL, ".*");
        sz_style_allow(r, "background", SZ_ANY_ELEMENT, NULL, "");
        sz_style_allow(r, "font-family", SZ_ANY_ELEMENT, NULL, ".");
        sz_style_allow(r, "width", SZ_ANY_ELEMENT, NULL, NULL);
        break;
    case 2: {
        const char *v[] = {"red", "url(x)", "expression(1)"};
        sz_style_allow_values(r, "color", SZ_ANY_ELEMENT, v, 3);
        sz_style_allow_callback(r, "content", SZ_ANY_ELEMENT, everything, NULL);
        sz_style_allow_callback(r, "background-image", SZ_ANY_ELEMENT, everything, NULL);
        sz_style_allow(r, "margin", GUMBO_TAG_DIV, NULL, NULL);
        break;
    }
    default:
        sz_style_allow_standard(r);
        sz_style_allow(r, "filter", SZ_ANY_ELEMENT, NULL, "^.*$");
        sz_style_allow(r, "cursor", SZ_ANY_ELEMENT, NULL, "(?s).*");
        break;
    }
    return r;
}

static const char *find_ci(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++) {
        size_t j = 0;
        while (j < m && (char)((s[i + j] >= 'A' && s[i + j] <= 'Z') ? s[i + j] + 32 : s[i + j]) ==
                            w[j])
            j++;
        if (j == m)
            return s + i;
    }
    return NULL;
}

static void check_output(const char *s, size_t n, size_t in, bool urls)
{
    static const char *const never[] = {
        "expression", "javascript:", "vbscript:", "@import", "behavior", "-moz-binding",
        "/*",         "<!--",        "-->",       "image(",  "image-set(", "cross-fade(",
        "element(",   "paint(",      "var(",      "env(",    "attr(",
    };
    if (n > 4 * in + 16)
        abort();
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' ||
            c == '{' || c == '}')
            abort();
    }
    /* Inside a quoted string (written with single quotes, which never
     * occur inside one) these words are only text: blank the strings out. */
    char *code = malloc(n + 1);
    if (!code)
        abort();
    bool quoted = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'')
            quoted = !quoted;
        code[i] = quoted && s[i] != '\'' ? ' ' : s[i];
    }
    for (size_t i = 0; i < sizeof never / sizeof *never; i++)
        if (find_ci(code, n, never[i]))
            abort();
    if (!urls && (find_ci(code, n, "url(") || find_ci(code, n, "src(")))
        abort();
    free(code);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned which = data[0];
    bool urls = (which & 4) != 0;
    sz_css_urls u = {urls, any_url, NULL};
    sz_style_rules *r = setup(which);
    const char *css = (const char *)data + 1;
    size_t len = size - 1;
    int tag = (which & 8) ? GUMBO_TAG_DIV : GUMBO_TAG_SPAN;
    const char *name = (which & 8) ? "div" : "span";

    sz_buf out;
    sz_buf_init(&out);
    sz_style_sanitize(r, tag, name, css, len, &u, &out);
    if (out.failed)
        abort(); /* no allocation failures in this build */
    check_output(out.data, out.len, len, urls);

    /* Canonical: sanitizing the output again changes nothing. */
    sz_buf again;
    sz_buf_init(&again);
    sz_style_sanitize(r, tag, name, out.data ? out.data : "", out.len, &u, &again);
    if (again.len != out.len || (out.len && memcmp(again.data, out.data, out.len) != 0))
        abort();
    sz_buf_free(&again);
    sz_buf_free(&out);
    sz_style_rules_free(r);
    return 0;
}
