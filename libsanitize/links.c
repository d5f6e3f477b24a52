#include "links.h"

#include <string.h>

#include "walk.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool is_link(int tag)
{
    return tag == GUMBO_TAG_A || tag == GUMBO_TAG_AREA || tag == GUMBO_TAG_LINK;
}

static bool takes_crossorigin(int tag)
{
    return tag == GUMBO_TAG_AUDIO || tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_LINK ||
           tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_VIDEO;
}

bool sz_link_attr_is_managed(const sanitize_policy *p, int tag, const char *name)
{
    if (tag == GUMBO_TAG_IFRAME && p->sandbox_required && strcmp(name, "sandbox") == 0)
        return true;
    if (takes_crossorigin(tag) && sz_flag(p, SANITIZE_FLAG_CROSSORIGIN_ANONYMOUS) &&
        strcmp(name, "crossorigin") == 0)
        return true;
    return false;
}

/* Is `token` among the space-separated tokens of list (ASCII case-insensitive)? */
static bool has_token(const char *list, size_t n, const char *token)
{
    size_t tn = strlen(token), i = 0;
    while (i < n) {
        while (i < n && is_space(list[i]))
            i++;
        size_t s = i;
        while (i < n && !is_space(list[i]))
            i++;
        if (i - s == tn) {
            size_t k = 0;
            while (k < tn && (list[s + k] | 32) == token[k])
                k++;
            if (k == tn)
                return true;
        }
    }
    return false;
}

/* Appends the tokens of `tokens` to rel unless present already. */
static void add_tokens(sz_buf *rel, const char *tokens)
{
    const char *t = tokens;
    while (*t) {
        while (*t == ' ')
            t++;
        const char *e = t;
        while (*e && *e != ' ')
            e++;
        if (e > t) {
            char word[64];
            size_t wn = (size_t)(e - t) < sizeof word - 1 ? (size_t)(e - t) : sizeof word - 1;
            for (size_t i = 0; i < wn; i++)
                word[i] = (t[i] >= 'A' && t[i] <= 'Z') ? (char)(t[i] + 32) : t[i];
            word[wn] = '\0';
            if (!has_token(rel->data ? rel->data : "", rel->len, word)) {
                if (rel->len)
                    sz_buf_putc(rel, ' ');
                sz_buf_append(rel, t, (size_t)(e - t));
            }
        }
        t = e;
    }
}

void sz_links_finish(const sanitize_policy *p, int tag, const sz_link_state *st, sz_buf *attrs,
                     sz_buf *rel)
{
    if (is_link(tag) && st->has_href) {
        rel->len = 0;
        if (st->has_rel)
            sz_buf_append(rel, st->rel, st->rel_len);
        if (p->link_rel)
            add_tokens(rel, p->link_rel);
        if (sz_flag(p, SANITIZE_FLAG_NOFOLLOW) ||
            (st->external && sz_flag(p, SANITIZE_FLAG_NOFOLLOW_FULLY_QUALIFIED)))
            add_tokens(rel, "nofollow");
        if (sz_flag(p, SANITIZE_FLAG_NOREFERRER) ||
            (st->external && sz_flag(p, SANITIZE_FLAG_NOREFERRER_FULLY_QUALIFIED)))
            add_tokens(rel, "noreferrer");
        bool blank = false;
        if (tag == GUMBO_TAG_A && st->external &&
            sz_flag(p, SANITIZE_FLAG_TARGET_BLANK_FULLY_QUALIFIED)) {
            sz_write_attribute(attrs, "target", 6, "_blank", 6);
            blank = true;
        } else if (st->has_target) {
            sz_write_attribute(attrs, "target", 6, st->target, st->target_len);
            blank = st->target_len == 6 && strncmp(st->target, "_blank", 6) == 0;
        }
        if (blank || sz_flag(p, SANITIZE_FLAG_NOOPENER))
            add_tokens(rel, "noopener");
        if (rel->len)
            sz_write_attribute(attrs, "rel", 3, rel->data, rel->len);
    } else {
        if (st->has_target)
            sz_write_attribute(attrs, "target", 6, st->target, st->target_len);
        if (st->has_rel)
            sz_write_attribute(attrs, "rel", 3, st->rel, st->rel_len);
    }
    if (takes_crossorigin(tag) && sz_flag(p, SANITIZE_FLAG_CROSSORIGIN_ANONYMOUS))
        sz_write_attribute(attrs, "crossorigin", 11, "anonymous", 9);
    if (tag == GUMBO_TAG_IFRAME && p->sandbox_required) {
        rel->len = 0;
        for (int t = 0; t < SZ_SANDBOX_TOKEN_COUNT; t++)
            if ((p->sandbox_tokens >> t & 1) && st->sandbox &&
                has_token(st->sandbox, st->sandbox_len, sz_sandbox_tokens[t]))
                add_tokens(rel, sz_sandbox_tokens[t]);
        sz_write_attribute(attrs, "sandbox", 7, rel->data ? rel->data : "", rel->len);
    }
}
