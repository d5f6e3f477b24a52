/* The built-in presets, written with the public builder calls so that a
 * preset is exactly what a user could build by hand. UGC follows
 * bluemonday's UGCPolicy (policies.go, helpers.go) rule for rule; the
 * patterns are bluemonday's, with Go's ASCII `\s` spelled out because PCRE2's
 * `\s` also matches VT. */
#include <stddef.h>

#include "libsanitize.h"

#define SPACE "\\t\\n\\f\\r "
#define P_CELL_ALIGN "(?i)^(center|justify|left|right|char)$"
#define P_CELL_VALIGN "(?i)^(baseline|bottom|middle|top)$"
#define P_DIRECTION "(?i)^(rtl|ltr)$"
#define P_IMAGE_ALIGN "(?i)^(left|right|top|texttop|middle|absmiddle|baseline|bottom|absbottom)$"
#define P_INTEGER "^[0-9]+$"
#define P_ISO8601 \
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}([ T][0-9]{2}(:[0-9]{2}){1,2}(.[0-9]{1,6})?Z?([\\+-][0-9]{2}:[0-9]{2})?)?)?)?$"
#define P_LIST_TYPE "(?i)^(circle|disc|square|a|A|i|I|1)$"
#define P_SPACE_TOKENS "^([" SPACE "\\p{L}\\p{N}_-]+)$"
#define P_NUMBER "^[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?$"
#define P_NUMBER_OR_PERCENT "^[0-9]+[%]?$"
#define P_PARAGRAPH "^[\\p{L}\\p{N}" SPACE "\\-_',\\[\\]!\\./\\\\\\(\\)]*$"

typedef struct {
    const char *attribute;
    const char *elements; /* space-separated; NULL: global */
    const char *pattern;
} attr_rule;

static const char ugc_elements[] =
    "a abbr acronym area article aside b bdi bdo blockquote br caption cite code col colgroup "
    "dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hgroup hr i img ins "
    "li map mark meter ol p pre progress q rp rt ruby s samp section small span strike strong "
    "sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr";

/* Allowed elements that bluemonday drops when no attribute survives. */
static const char ugc_need_attrs[] = "a area bdo img map meter progress";

static const attr_rule ugc_attrs[] = {
    {"dir", NULL, P_DIRECTION},
    {"lang", NULL, "[a-zA-Z]{2,20}"},
    {"id", NULL, "[a-zA-Z0-9\\:\\-_\\.]+"},
    {"title", NULL, P_PARAGRAPH},
    {"open", "details", "(?i)^(|open)$"},
    {"cite", "blockquote q", NULL},
    {"href", "a", NULL},
    {"name", "map", "^([\\p{L}\\p{N}_-]+)$"},
    {"alt", "area", P_PARAGRAPH},
    {"coords", "area", "^([0-9]+,)+[0-9]+$"},
    {"href", "area", NULL},
    {"rel", "area", P_SPACE_TOKENS},
    {"shape", "area", "(?i)^(default|circle|rect|poly)$"},
    {"usemap", "img", "(?i)^#[\\p{L}\\p{N}_-]+$"},
    {"align", "img", P_IMAGE_ALIGN},
    {"alt", "img", P_PARAGRAPH},
    {"height", "img", P_NUMBER_OR_PERCENT},
    {"width", "img", P_NUMBER_OR_PERCENT},
    {"src", "img", NULL},
    {"datetime", "time", P_ISO8601},
    {"dir", "bdi bdo", P_DIRECTION},
    {"cite", "del ins", P_PARAGRAPH},
    {"datetime", "del ins", P_ISO8601},
    {"type", "ol ul li", P_LIST_TYPE},
    {"value", "li", P_INTEGER},
    {"height", "table", P_NUMBER_OR_PERCENT},
    {"width", "table", P_NUMBER_OR_PERCENT},
    {"summary", "table", P_PARAGRAPH},
    {"align", "col colgroup thead tr tbody tfoot td th", P_CELL_ALIGN},
    {"valign", "col colgroup thead tr tbody tfoot td th", P_CELL_VALIGN},
    {"height", "col colgroup td th", P_NUMBER_OR_PERCENT},
    {"width", "col colgroup td th", P_NUMBER_OR_PERCENT},
    {"span", "col colgroup", P_INTEGER},
    {"abbr", "td th", P_PARAGRAPH},
    {"colspan", "td th", P_INTEGER},
    {"rowspan", "td th", P_INTEGER},
    {"headers", "td th", P_SPACE_TOKENS},
    {"scope", "td th", "(?i)(?:row|col)(?:group)?"},
    {"nowrap", "td th", "(?i)|nowrap"},
    {"value", "meter", P_NUMBER},
    {"min", "meter", P_NUMBER},
    {"max", "meter", P_NUMBER},
    {"low", "meter", P_NUMBER},
    {"high", "meter", P_NUMBER},
    {"optimum", "meter", P_NUMBER},
    {"value", "progress", P_NUMBER},
    {"max", "progress", P_NUMBER},
};

/* Calls `fn` for every space-separated word of `list`. */
static sanitize_status each_word(const char *list, sanitize_policy *p,
                                 sanitize_status (*fn)(sanitize_policy *, const char *, void *),
                                 void *arg)
{
    char word[32];
    while (*list) {
        size_t n = 0;
        while (*list && *list != ' ' && n < sizeof word - 1)
            word[n++] = *list++;
        word[n] = '\0';
        while (*list == ' ')
            list++;
        sanitize_status st = fn(p, word, arg);
        if (st)
            return st;
    }
    return SANITIZE_OK;
}

static sanitize_status allow_element(sanitize_policy *p, const char *name, void *arg)
{
    (void)arg;
    return sanitize_policy_allow_element(p, name);
}

static sanitize_status need_attrs(sanitize_policy *p, const char *name, void *arg)
{
    (void)arg;
    return sanitize_policy_require_attributes(p, name, 1);
}

static sanitize_status allow_attr_on(sanitize_policy *p, const char *element, void *arg)
{
    const attr_rule *r = arg;
    return sanitize_policy_allow_attribute(p, r->attribute, element, r->pattern);
}

static sanitize_status build_ugc(sanitize_policy *p)
{
    sanitize_status st;
    if ((st = each_word(ugc_elements, p, allow_element, NULL)) ||
        (st = each_word(ugc_need_attrs, p, need_attrs, NULL)))
        return st;
    for (size_t i = 0; i < sizeof ugc_attrs / sizeof *ugc_attrs; i++) {
        const attr_rule *r = &ugc_attrs[i];
        st = r->elements ? each_word(r->elements, p, allow_attr_on, (void *)r)
                         : sanitize_policy_allow_attribute(p, r->attribute, NULL, r->pattern);
        if (st)
            return st;
    }
    static const char *const schemes[] = {"mailto", "http", "https"};
    for (size_t i = 0; i < 3; i++)
        if ((st = sanitize_policy_allow_url_scheme(p, schemes[i])))
            return st;
    if ((st = sanitize_policy_set_flag(p, SANITIZE_FLAG_REQUIRE_PARSEABLE_URLS, 1)) ||
        (st = sanitize_policy_set_flag(p, SANITIZE_FLAG_ALLOW_RELATIVE_URLS, 1)) ||
        (st = sanitize_policy_set_flag(p, SANITIZE_FLAG_NOFOLLOW, 1)))
        return st;
    return SANITIZE_OK;
}

/* Rich text: what editors and pasted e-mail use beyond UGC, with styles
 * checked declaration by declaration and classes kept (bluemonday's
 * AllowStyling). */
static const char rich_extra_elements[] = "kbd center big font address nav header footer main";

static sanitize_status build_rich_text(sanitize_policy *p)
{
    sanitize_status st;
    if ((st = build_ugc(p)) || (st = each_word(rich_extra_elements, p, allow_element, NULL)))
        return st;
    static const attr_rule font_attrs[] = {
        {"color", "font", "^#?[a-zA-Z0-9]{1,20}$"},
        {"face", "font", "^[\\p{L}\\p{N} ,_-]{1,100}$"},
        {"size", "font", "^[+-]?[1-7]$"},
    };
    for (size_t i = 0; i < sizeof font_attrs / sizeof *font_attrs; i++)
        if ((st = allow_attr_on(p, font_attrs[i].elements, (void *)&font_attrs[i])))
            return st;
    if ((st = sanitize_policy_require_attributes(p, "font", 1)) ||
        (st = sanitize_policy_allow_attribute(p, "class", NULL, P_SPACE_TOKENS)) ||
        (st = sanitize_policy_allow_standard_styles(p)))
        return st;
    return SANITIZE_OK;
}

sanitize_status sanitize_policy_new_preset(sanitize_preset preset, sanitize_policy **out)
{
    if (!out)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    *out = NULL;
    if (preset != SANITIZE_PRESET_STRICT && preset != SANITIZE_PRESET_UGC &&
        preset != SANITIZE_PRESET_RICH_TEXT)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sanitize_policy *p;
    sanitize_status st = sanitize_policy_new(&p);
    if (st)
        return st;
    if (preset == SANITIZE_PRESET_UGC)
        st = build_ugc(p);
    else if (preset == SANITIZE_PRESET_RICH_TEXT)
        st = build_rich_text(p);
    if (st) {
        sanitize_policy_free(p);
        return st;
    }
    *out = p;
    return SANITIZE_OK;
}
