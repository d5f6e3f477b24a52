#include "url.h"

#include <string.h>

static bool is_alpha(char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
    return is_digit(c) || ((c | 32) >= 'a' && (c | 32) <= 'f');
}

static bool is_html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Built-in URL attributes, valid on every element. */
static const char *const single_url_attrs[] = {
    "action", "background", "cite", "classid", "codebase", "data", "dynsrc", "formaction",
    "href", "icon", "longdesc", "lowsrc", "manifest", "poster", "profile", "src", "usemap",
    "xlink:href",
};

sz_url_kind sz_url_attribute_kind(const sanitize_policy *p, int tag, const char *name)
{
    if (strcmp(name, "srcset") == 0 || strcmp(name, "imagesrcset") == 0)
        return SZ_URL_SRCSET;
    if (strcmp(name, "ping") == 0 || strcmp(name, "archive") == 0)
        return SZ_URL_SPACE_LIST;
    for (size_t i = 0; i < sizeof single_url_attrs / sizeof *single_url_attrs; i++)
        if (name[0] == single_url_attrs[i][0] && strcmp(name, single_url_attrs[i]) == 0)
            return SZ_URL_SINGLE;
    for (size_t i = 0; i < p->nurl_attrs; i++)
        if ((p->url_attrs[i].element == tag || p->url_attrs[i].element == SZ_ANY_ELEMENT) &&
            strcmp(p->url_attrs[i].name, name) == 0)
            return SZ_URL_SINGLE;
    return SZ_URL_NONE;
}

/* What the URL parser does before anything else: strip leading and trailing
 * C0 controls and spaces, and remove every tab and newline. The scheme we
 * judge must be the scheme the browser will see. Returns the cleaned URL
 * and sets *n to its length: a part of `v` when only ends are stripped,
 * else a copy in `scratch` (emptied first); NULL when that copy failed. */
static const char *browser_clean(const char *v, size_t *n, sz_buf *scratch)
{
    size_t len = *n;
    while (len && (unsigned char)v[0] <= 0x20)
        v++, len--;
    while (len && (unsigned char)v[len - 1] <= 0x20)
        len--;
    *n = len;
    if (!memchr(v, '\t', len) && !memchr(v, '\n', len) && !memchr(v, '\r', len))
        return v;
    scratch->len = 0;
    for (size_t i = 0; i < len; i++)
        if (v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
            sz_buf_putc(scratch, v[i]);
    *n = scratch->len;
    return scratch->failed ? NULL : scratch->data ? scratch->data : "";
}

/* Length of the scheme (without ':') or 0 when the URL is relative. */
static size_t scheme_length(const char *s, size_t n)
{
    if (n == 0 || !is_alpha(s[0]))
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (s[i] == ':')
            return i;
        if (!(is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.'))
            return 0;
    }
    return 0;
}

static bool slash(char c)
{
    return c == '/' || c == '\\';
}

/* bluemonday's RequireParseableURLs, modelled on Go's url.Parse: no spaces or
 * controls, %-escapes well formed, a numeric port, balanced IPv6 brackets. */
static bool parseable(const char *s, size_t n, size_t scheme_len)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c == 0x7f)
            return false;
        if (c == '%' && !(i + 2 < n && is_hex(s[i + 1]) && is_hex(s[i + 2])))
            return false;
    }
    size_t rest = scheme_len ? scheme_len + 1 : 0;
    if (n - rest >= 2 && s[rest] == '/' && s[rest + 1] == '/') {
        size_t a = rest + 2, e = a;
        while (e < n && s[e] != '/' && s[e] != '?' && s[e] != '#')
            e++;
        size_t at = a;
        for (size_t i = a; i < e; i++)
            if (s[i] == '@')
                at = i + 1;
        const char *host = s + at;
        size_t hn = e - at;
        size_t port_at = hn;
        if (hn && host[0] == '[') {
            const char *close = memchr(host, ']', hn);
            if (!close)
                return false;
            port_at = (size_t)(close - host) + 1;
            if (port_at < hn && host[port_at] != ':')
                return false;
        } else {
            const char *colon = memchr(host, ':', hn);
            if (colon)
                port_at = (size_t)(colon - host);
            for (size_t i = 0; i < port_at; i++)
                if (host[i] == '[' || host[i] == ']')
                    return false;
        }
        for (size_t i = port_at + 1; i < hn; i++)
            if (!is_digit(host[i]))
                return false;
    }
    return true;
}

static bool ascii_prefix_ci(const char *s, size_t n, const char *prefix)
{
    size_t pn = strlen(prefix);
    if (n < pn)
        return false;
    for (size_t i = 0; i < pn; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != prefix[i])
            return false;
    }
    return true;
}

/* data:<type>;base64,<payload> with an allowed image type and a payload that
 * is well-formed base64 (bluemonday's AllowDataURIImages). */
static bool data_image_ok(const sanitize_policy *p, const char *s, size_t n)
{
    const char *body = s + 5;
    size_t bn = n - 5;
    const char *semi = memchr(body, ';', bn);
    if (!semi)
        return false;
    size_t tn = (size_t)(semi - body);
    bool type_ok = false;
    for (size_t i = 0; i < p->ndata_image_types && !type_ok; i++)
        type_ok = strlen(p->data_image_types[i]) == tn &&
                  ascii_prefix_ci(body, tn, p->data_image_types[i]);
    if (!type_ok || !ascii_prefix_ci(semi, bn - tn, ";base64,"))
        return false;
    const char *b64 = semi + 8;
    size_t b64n = bn - tn - 8, count = 0, pad = 0;
    for (size_t i = 0; i < b64n; i++) {
        char c = b64[i];
        if (c == '=') {
            pad++;
        } else if (pad || !(is_alpha(c) || is_digit(c) || c == '+' || c == '/')) {
            return false;
        }
        count++;
    }
    return count > 0 && count % 4 == 0 && pad <= 2;
}

static bool data_images_apply(int tag, const char *attr)
{
    return (tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_SOURCE) &&
           (strcmp(attr, "src") == 0 || strcmp(attr, "srcset") == 0);
}

static bool scheme_allowed(const sanitize_policy *p, const char *s, size_t n, size_t sl)
{
    char lower[64];
    if (sl >= sizeof lower)
        return false;
    for (size_t i = 0; i < sl; i++)
        lower[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    lower[sl] = '\0';
    /* Script URLs run in the page's origin when followed: like script
     * elements, never kept without the unsafe flag, whatever scheme rules
     * (an empty or broad allow_url_schemes_matching pattern) say. */
    if ((strcmp(lower, "javascript") == 0 || strcmp(lower, "vbscript") == 0 ||
         strcmp(lower, "livescript") == 0) &&
        !sz_flag(p, SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE))
        return false;
    for (size_t i = 0; i < p->nschemes; i++) {
        if (strcmp(p->schemes[i].name, lower) == 0) {
            const sz_scheme *sc = &p->schemes[i];
            return !sc->callback || sc->callback(sc->user_data, s, n);
        }
    }
    for (size_t i = 0; i < p->nscheme_res; i++)
        if (sz_regex_search(p->scheme_res[i], lower, sl))
            return true;
    return false;
}

/* Judges one cleaned URL `s` and appends what to write. */
static bool check_one(const sanitize_policy *p, int tag, const char *attr, const char *s,
                      size_t n, sz_buf *out, bool *external)
{
    size_t sl = scheme_length(s, n);
    bool ok, opaque_data = false;
    if (sl == 0) {
        ok = sz_flag(p, SANITIZE_FLAG_ALLOW_RELATIVE_URLS) && n > 0;
        if (external)
            *external = n >= 2 && slash(s[0]) && slash(s[1]);
    } else if (p->data_images && sl == 4 && ascii_prefix_ci(s, n, "data:") &&
               data_images_apply(tag, attr)) {
        ok = data_image_ok(p, s, n);
        opaque_data = true; /* its payload is checked above, not parsed as a URL */
    } else {
        ok = scheme_allowed(p, s, n, sl);
        if (external)
            *external = n > sl + 2 && slash(s[sl + 1]) && slash(s[sl + 2]);
    }
    if (ok && !opaque_data && sz_flag(p, SANITIZE_FLAG_REQUIRE_PARSEABLE_URLS))
        ok = parseable(s, n, sl);
    if (!ok)
        return false;
    for (size_t i = 0; i < n; i++)
        sz_buf_putc(out, i < sl && s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i]);
    return true;
}

bool sz_url_allowed(const sanitize_policy *p, const char *url, size_t len)
{
    sz_buf clean, out;
    sz_buf_init(&clean);
    sz_buf_init(&out);
    const char *c = browser_clean(url, &len, &clean);
    bool ok = c && check_one(p, GUMBO_TAG_UNKNOWN, "", c, len, &out, NULL);
    sz_buf_free(&clean);
    sz_buf_free(&out);
    return ok;
}

/* srcset: image candidate strings, parsed as the HTML standard does (a URL
 * runs to whitespace; trailing commas end it; descriptors run to a comma
 * outside parentheses, which do not nest: ')' always leaves them).
 * Candidates whose URL fails are removed, and so are candidates whose
 * descriptors hold parentheses: no valid descriptor has them, and without
 * them no other parser can split the list differently. */
static bool check_srcset(const sanitize_policy *p, int tag, const char *attr, const char *v,
                         size_t n, sz_buf *out, sz_buf *scratch)
{
    size_t i = 0, kept = 0;
    while (i < n) {
        while (i < n && (is_html_space(v[i]) || v[i] == ','))
            i++;
        if (i >= n)
            break;
        size_t us = i;
        while (i < n && !is_html_space(v[i]))
            i++;
        size_t ue = i;
        size_t ds = i, de = i;
        if (ue > us && v[ue - 1] == ',') {
            while (ue > us && v[ue - 1] == ',')
                ue--;
        } else {
            bool in_parens = false, parens = false;
            while (i < n && (in_parens || v[i] != ',')) {
                if (v[i] == '(')
                    in_parens = parens = true;
                else if (v[i] == ')')
                    in_parens = false;
                i++;
            }
            if (parens)
                continue;
            ds = ue;
            de = i;
            while (ds < de && is_html_space(v[ds]))
                ds++;
            while (de > ds && is_html_space(v[de - 1]))
                de--;
        }
        size_t cn = ue - us;
        const char *c = browser_clean(v + us, &cn, scratch);
        size_t mark = out->len;
        if (kept)
            sz_buf_append(out, ", ", 2);
        if (!c || !check_one(p, tag, attr, c, cn, out, NULL)) {
            out->len = mark;
            continue;
        }
        if (de > ds) {
            sz_buf_putc(out, ' ');
            sz_buf_append(out, v + ds, de - ds);
        }
        kept++;
    }
    return kept > 0;
}

static bool check_space_list(const sanitize_policy *p, int tag, const char *attr, const char *v,
                             size_t n, sz_buf *out, sz_buf *scratch)
{
    size_t i = 0, kept = 0;
    while (i < n) {
        while (i < n && is_html_space(v[i]))
            i++;
        size_t s = i;
        while (i < n && !is_html_space(v[i]))
            i++;
        if (i == s)
            break;
        size_t cn = i - s;
        const char *c = browser_clean(v + s, &cn, scratch);
        size_t mark = out->len;
        if (kept)
            sz_buf_putc(out, ' ');
        if (!c || !check_one(p, tag, attr, c, cn, out, NULL)) {
            out->len = mark;
            continue;
        }
        kept++;
    }
    return kept > 0;
}

bool sz_url_check_value(const sanitize_policy *p, int tag, const char *attr, sz_url_kind kind,
                        const char *value, size_t len, sz_buf *out, sz_buf *scratch,
                        bool *external)
{
    bool ok;
    if (external)
        *external = false;
    if (kind == SZ_URL_SRCSET) {
        ok = check_srcset(p, tag, attr, value, len, out, scratch);
    } else if (kind == SZ_URL_SPACE_LIST) {
        ok = check_space_list(p, tag, attr, value, len, out, scratch);
    } else {
        const char *c = browser_clean(value, &len, scratch);
        ok = c && check_one(p, tag, attr, c, len, out, external);
    }
    /* Out of memory is not a rejection: make the caller see it. */
    if (scratch->failed)
        out->failed = true;
    return ok && !out->failed;
}
