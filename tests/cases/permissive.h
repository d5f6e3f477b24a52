/* The deliberately permissive test policy: many elements and attributes,
 * comments, relative URLs, but nothing unsafe. Security tests run every
 * vector through it as well as through the presets. */
#ifndef PERMISSIVE_H
#define PERMISSIVE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsanitize.h"

static inline sanitize_policy *permissive_policy(void)
{
    static const char *const elements[] = {
        "a", "abbr", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "big",
        "blockquote", "br", "button", "caption", "center", "cite", "code", "col", "colgroup",
        "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption",
        "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "map", "mark",
        "marquee", "nav", "object", "ol", "optgroup", "option", "output", "p", "param", "pre",
        "q", "rp", "rt", "ruby", "s", "samp", "section", "small", "source", "span", "strike",
        "strong", "sub", "summary", "sup", "table", "tbody", "td", "textarea", "tfoot", "th",
        "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr",
    };
    static const char *const attributes[] = {
        "action", "align", "alt", "background", "border", "cite", "class", "color", "cols",
        "colspan", "coords", "data", "datetime", "dir", "disabled", "download", "face",
        "formaction", "headers", "height", "href", "hreflang", "id", "lang", "longdesc", "loop",
        "max", "method", "min", "name", "open", "ping", "placeholder", "poster", "rel", "rows",
        "rowspan", "scope", "shape", "size", "span", "src", "srcset", "start", "style", "summary",
        "tabindex", "target", "title", "type", "usemap", "value", "width", "xlink:href",
    };
    sanitize_policy *p;
    if (sanitize_policy_new(&p) != SANITIZE_OK)
        exit(99);
    for (size_t i = 0; i < sizeof elements / sizeof *elements; i++)
        if (sanitize_policy_allow_element(p, elements[i]) != SANITIZE_OK) {
            fprintf(stderr, "permissive: cannot allow %s\n", elements[i]);
            exit(99);
        }
    for (size_t i = 0; i < sizeof attributes / sizeof *attributes; i++)
        if (strcmp(attributes[i], "style") != 0)
            sanitize_policy_allow_attribute(p, attributes[i], NULL, NULL);
    sanitize_policy_allow_standard_styles(p);
    sanitize_policy_allow_url_scheme(p, "http");
    sanitize_policy_allow_url_scheme(p, "https");
    sanitize_policy_allow_url_scheme(p, "mailto");
    sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_RELATIVE_URLS, 1);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_COMMENTS, 1);
    sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_DATA_ATTRIBUTES, 1);
    sanitize_policy_allow_attribute_prefix(p, "aria-");
    return p;
}

#endif
