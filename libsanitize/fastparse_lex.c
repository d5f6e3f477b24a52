/* The fast parser's lexical half: character references, attributes and
 * the whole-input character check, each accepting only what it is certain
 * gumbo 0.10.1 reads the same way. */
#include <stdint.h>
#include <string.h>

#include "escape.h"
#include "entities.h"
#include "fastparse_internal.h"

bool sz_fast_is_alpha(char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

bool sz_fast_is_alnum(char c)
{
    return sz_fast_is_alpha(c) || (c >= '0' && c <= '9');
}

bool sz_fast_is_name_char(char c)
{
    return sz_fast_is_alnum(c) || c == '-' || c == ':' || c == '_' || c == '.';
}

bool sz_fast_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

void *sz_fast_alloc(sz_fast *ps, size_t n)
{
    return sz_arena_alloc(ps->arena, n);
}

bool sz_fast_over_budget(const sz_fast *ps)
{
    size_t held = ps->tree->mem.cap + ps->stack_mem.cap;
    size_t total = sz_arena_total(ps->arena);
    return total > ps->budget || held > ps->budget - total;
}

char *sz_fast_copy(sz_fast *ps, const char *s, size_t n)
{
    char *c = sz_fast_alloc(ps, n + 1);
    if (c)
        memcpy(c, s, n); /* zero-filled: terminated */
    return c;
}

bool sz_fast_vector_add(sz_fast *ps, GumboVector *v, void *item)
{
    if (v->length == v->capacity) {
        unsigned cap = v->capacity ? v->capacity * 2 : 4;
        void **data = sz_fast_alloc(ps, cap * sizeof *data);
        if (!data)
            return false;
        if (v->length)
            memcpy(data, v->data, v->length * sizeof *data);
        v->data = data;
        v->capacity = cap;
    }
    v->data[v->length++] = item;
    return true;
}

/* The entity named by the n bytes at `name` in a sorted table, or NULL. */
static const struct sz_entity *find_entity(const struct sz_entity *table, size_t count,
                                           const char *name, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *e = table[mid].name;
        int cmp = strncmp(e, name, n);
        if (cmp == 0 && e[n] != '\0')
            cmp = 1;
        if (cmp == 0)
            return &table[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static void put_utf8(sz_buf *out, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sz_buf_append(out, u, n);
}

/* What gumbo 0.10.1 makes of references to U+0080..U+009F: windows-1252's
 * characters, where it has one. */
static const unsigned short c1_references[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* "&#...": decimal or hex digits, ';' optional. As in gumbo, NUL,
 * surrogates and values past U+10FFFF become U+FFFD, U+0080..U+009F are
 * remapped, and other controls and noncharacters are kept (the serializer
 * writes them as references again). A CR is left to gumbo: a text node of
 * it alone would be whitespace. */
static bool numeric_ref(sz_fast *ps, sz_buf *out)
{
    const char *s = ps->p + 2;
    bool hex = s < ps->end && (*s | 32) == 'x';
    if (hex)
        s++;
    unsigned long cp = 0;
    int digits = 0;
    for (; s < ps->end; s++, digits++) {
        char c = *s;
        int d = (c >= '0' && c <= '9') ? c - '0'
              : (hex && (c | 32) >= 'a' && (c | 32) <= 'f') ? (c | 32) - 'a' + 10 : -1;
        if (d < 0)
            break;
        if (digits == 7)
            return false; /* long enough to overflow gumbo's int (F4) */
        cp = cp * (hex ? 16 : 10) + (unsigned long)d;
    }
    if (s >= ps->end)
        return false;
    if (!digits) {
        /* "&#" or "&#x" without digits: literal text. */
        sz_buf_putc(out, '&');
        ps->p++;
        return true;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    else if (cp == '\r')
        return false;
    else if (cp >= 0x80 && cp <= 0x9F)
        cp = c1_references[cp - 0x80];
    put_utf8(out, cp);
    ps->p = *s == ';' ? s + 1 : s;
    return true;
}

/* Decodes a character reference at ps->p (which is at '&') into `out`,
 * HTML5's way: the longest name in the table, where only the legacy names
 * may lack the ';'. In attribute values a legacy name without ';' that is
 * followed by an alphanumeric or '=' stays literal text (the rule that keeps
 * query strings). False when the reference is one we do not handle. */
bool sz_fast_char_ref(sz_fast *ps, sz_buf *out, bool in_attribute)
{
    const char *s = ps->p + 1;
    if (s < ps->end && *s == '#')
        return numeric_ref(ps, out);
    const char *name = s;
    while (s < ps->end && sz_fast_is_alnum(*s))
        s++;
    if (s >= ps->end)
        return false; /* gumbo reads past the end here (F2): not ours */
    size_t n = (size_t)(s - name);
    const struct sz_entity *e = NULL;
    if (n && *s == ';')
        e = find_entity(sz_entities, sizeof sz_entities / sizeof *sz_entities, name, n);
    if (e) {
        sz_buf_puts(out, e->utf8);
        ps->p = s + 1;
        return true;
    }
    size_t k = n < SZ_LEGACY_ENTITY_MAX ? n : SZ_LEGACY_ENTITY_MAX;
    for (; k > 0 && !e; k--)
        e = find_entity(sz_legacy_entities, sizeof sz_legacy_entities / sizeof *sz_legacy_entities,
                        name, k);
    if (e && !(in_attribute && (k + 1 < n || name[k + 1] == '='))) {
        /* k was decremented once past the match: the name is k + 1 long. */
        sz_buf_puts(out, e->utf8);
        ps->p = name + k + 1;
        return true;
    }
    /* No reference: the ampersand and the name are text. */
    sz_buf_append(out, ps->p, (size_t)(name + n - ps->p));
    ps->p = name + n;
    return true;
}

/* One attribute value, decoded, into `val`. */
static bool attribute_value(sz_fast *ps, sz_buf *val)
{
    val->len = 0;
    if (ps->p < ps->end && (*ps->p == '"' || *ps->p == '\'')) {
        char q = *ps->p++;
        while (ps->p < ps->end && *ps->p != q) {
            char c = *ps->p;
            if (c == '&') {
                if (!sz_fast_char_ref(ps, val, true))
                    return false;
                continue;
            }
            if (c == '\r') {
                sz_buf_putc(val, '\n');
                ps->p += (ps->p + 1 < ps->end && ps->p[1] == '\n') ? 2 : 1;
                continue;
            }
            const char *run = ps->p;
            while (ps->p < ps->end && *ps->p != q && *ps->p != '&' && *ps->p != '\r')
                ps->p++;
            sz_buf_append(val, run, (size_t)(ps->p - run));
        }
        if (ps->p >= ps->end)
            return false;
        ps->p++;
        return true;
    }
    /* Unquoted: stop at whitespace or '>'; the characters the tokenizer
     * flags as errors inside are left to gumbo. */
    while (ps->p < ps->end && !sz_fast_is_space(*ps->p) && *ps->p != '>') {
        char c = *ps->p;
        if (c == '"' || c == '\'' || c == '<' || c == '=' || c == '`')
            return false;
        if (c == '&') {
            if (!sz_fast_char_ref(ps, val, true))
                return false;
            continue;
        }
        sz_buf_putc(val, c);
        ps->p++;
    }
    return val->len > 0;
}

static void skip_space(sz_fast *ps)
{
    while (ps->p < ps->end && sz_fast_is_space(*ps->p))
        ps->p++;
}

/* Duplicate attribute names: a linear scan for the usual few, an
 * open-addressing table of attribute indices past that (gumbo's own check
 * is a linear scan per attribute: quadratic). Probes count as parser work,
 * so colliding names only send the input to gumbo sooner. */
enum { LINEAR_NAMES = 16 };
typedef struct name_set {
    unsigned *slot; /* attribute index + 1; 0 is free */
    size_t cap;
} name_set;

static size_t name_hash(const char *s)
{
    size_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static const char *attribute_name(const GumboVector *attributes, unsigned i)
{
    return ((const GumboAttribute *)attributes->data[i])->name;
}

/* Whether no attribute has `name` yet; past the linear range it is then
 * recorded as the next attribute. False on a repeat, or on NOMEM. */
static bool name_is_new(sz_fast *ps, name_set *set, const GumboVector *attributes,
                        const char *name)
{
    unsigned n = attributes->length;
    if (n < LINEAR_NAMES) {
        for (unsigned i = 0; i < n; i++, ps->work++)
            if (strcmp(attribute_name(attributes, i), name) == 0)
                return false;
        return true;
    }
    if (2 * (size_t)(n + 1) > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 4 * LINEAR_NAMES;
        unsigned *slot = sz_fast_alloc(ps, cap * sizeof *slot);
        if (!slot)
            return false;
        for (unsigned i = 0; i < n; i++) {
            size_t h = name_hash(attribute_name(attributes, i)) & (cap - 1);
            while (slot[h])
                h = (h + 1) & (cap - 1), ps->work++;
            slot[h] = i + 1;
        }
        set->slot = slot;
        set->cap = cap;
    }
    size_t h = name_hash(name) & (set->cap - 1);
    for (; set->slot[h]; h = (h + 1) & (set->cap - 1), ps->work++)
        if (strcmp(attribute_name(attributes, set->slot[h] - 1), name) == 0)
            return false;
    set->slot[h] = n + 1;
    return true;
}

/* Parses the attributes and the end of a start tag. */
bool sz_fast_attributes(sz_fast *ps, GumboVector *attributes)
{
    sz_buf *val = &ps->value;
    name_set names = {NULL, 0};
    ps->self_closing = false;
    for (;;) {
        skip_space(ps);
        if (ps->p >= ps->end)
            return false;
        if (*ps->p == '>') {
            ps->p++;
            return true;
        }
        if (*ps->p == '/') {
            if (ps->p + 1 < ps->end && ps->p[1] == '>') {
                ps->p += 2;
                ps->self_closing = true;
                return true;
            }
            return false;
        }
        const char *name = ps->p;
        while (ps->p < ps->end && (sz_fast_is_alnum(*ps->p) || *ps->p == '-' || *ps->p == '_' ||
                                   *ps->p == ':' || *ps->p == '.'))
            ps->p++;
        size_t name_len = (size_t)(ps->p - name);
        if (!name_len || name_len > 64 || ps->p >= ps->end ||
            !(sz_fast_is_space(*ps->p) || *ps->p == '=' || *ps->p == '>' || *ps->p == '/'))
            return false;
        skip_space(ps);
        val->len = 0;
        bool has_value = ps->p < ps->end && *ps->p == '=';
        if (has_value) {
            ps->p++;
            skip_space(ps);
            if (!attribute_value(ps, val))
                return false;
            if (ps->p < ps->end && !sz_fast_is_space(*ps->p) && *ps->p != '>' && *ps->p != '/')
                return false;
        }
        if (val->failed || ps->work > ps->work_limit)
            return false;
        char lower[65];
        for (size_t i = 0; i < name_len; i++)
            lower[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
        lower[name_len] = '\0';
        /* A repeated name: gumbo 0.10.1 drops it but does not reset its name
         * buffer, so the next attribute's name comes out glued to it. Not a
         * shape to imitate: leave the input to gumbo. */
        if (!name_is_new(ps, &names, attributes, lower))
            return false;
        GumboAttribute *a = sz_fast_alloc(ps, sizeof *a);
        if (!a || !(a->name = sz_fast_copy(ps, lower, name_len)) ||
            !(a->value = sz_fast_copy(ps, val->data ? val->data : "", val->len)) ||
            !sz_fast_vector_add(ps, &(*attributes), a))
            return false;
        a->attr_namespace = GUMBO_ATTR_NAMESPACE_NONE;
    }
}

/* Whole-input checks: valid UTF-8 without the characters gumbo treats
 * specially (NUL, controls other than whitespace, C1 controls,
 * noncharacters, a leading byte order mark). */
/* Eight bytes at a time: a word of printable ASCII (0x20..0x7E) needs no
 * closer look, and is what most markup is made of. */
static bool printable_ascii_word(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t below_space = (x - ones * 0x20) & ~x;
    uint64_t del = ((x ^ (ones * 0x7F)) - ones) & ~(x ^ (ones * 0x7F));
    return ((x | below_space | del) & highs) == 0;
}

bool sz_fast_plain_characters(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        if (c >= 0xE1 && c <= 0xEE && c != 0xED && i + 3 <= n && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80) {
            i += 3; /* most of CJK and Indic text: nothing to look at closer */
            continue;
        }
        if (c < 0x80) {
            if (i + 8 <= n && printable_ascii_word(u + i)) {
                i += 8;
                continue;
            }
            if (c < 0x20 ? !(c == '\t' || c == '\n' || c == '\f' || c == '\r') : c == 0x7F)
                return false;
            i++;
            continue;
        }
        size_t len = sz_utf8_sequence(u + i, n - i);
        if (len == 0)
            return false;
        if (c == 0xC2 && u[i + 1] < 0xA0)
            return false; /* U+0080..U+009F */
        if (c == 0xEF && ((u[i + 1] == 0xB7 && u[i + 2] >= 0x90 && u[i + 2] <= 0xAF) ||
                          (u[i + 1] == 0xBF && u[i + 2] >= 0xBE)))
            return false; /* noncharacters */
        if (len == 4 && (u[i + 1] & 0x0F) == 0x0F && u[i + 2] == 0xBF && u[i + 3] >= 0xBE)
            return false;
        i += len;
    }
    return true;
}

