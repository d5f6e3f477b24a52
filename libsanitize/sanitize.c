/* sanitize_html(): limits, parse, walk, and the optional round-trip check. */
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "escape.h"
#include "fastparse.h"
#include "parse.h"
#include "prefilter.h"
#include "tree.h"
#include "walk.h"

static uint64_t cpu_budget_ns(const sanitize_policy *p, size_t len)
{
    size_t ms = p->limits[SANITIZE_LIMIT_CPU_MS];
    if (!ms)
        ms = 100 + len / 4096;
    return (uint64_t)ms * 1000000u;
}

static size_t memory_budget(const sanitize_policy *p, size_t len)
{
    size_t b = p->limits[SANITIZE_LIMIT_MEMORY_BYTES];
    if (b)
        return b;
    return ((size_t)64 << 20) + (len > SIZE_MAX / 128 ? SIZE_MAX / 2 : len * 64);
}

/* Parses the serialized output again and serializes that tree as it is: a
 * different result means the browser would not see what we decided to keep. */
static sanitize_status verify_roundtrip(const sanitize_policy *p, sz_arena *arena,
                                        const sz_buf *out, sz_deadline *deadline)
{
    sz_arena_reset(arena);
    size_t len;
    const char *copy = sz_prefilter(arena, out->data ? out->data : "", out->len, &len);
    if (!copy)
        return SANITIZE_ERR_NOMEM;
    const GumboNode *root;
    bool full = sz_flag(p, SANITIZE_FLAG_FULL_DOCUMENT);
    sanitize_status st = sz_parse(arena, copy, len, full, memory_budget(p, len), deadline, &root);
    if (st)
        return st;
    sz_tree tree;
    sz_tree_init(&tree, arena);
    sz_buf again;
    sz_buf_init(&again);
    if (full && root->v.document.has_doctype)
        sz_buf_puts(&again, "<!DOCTYPE html>");
    st = sz_tree_from_gumbo(&tree, arena, root);
    if (!st) {
        sz_walk w;
        sz_walk_init(&w, p, arena, &again);
        w.identity = true;
        w.input = copy;
        w.input_len = len;
        w.deadline = deadline;
        st = sz_walk_tree(&w, &tree);
        if (!st && (w.mismatch || again.len != out->len ||
                    (out->len && memcmp(again.data, out->data, out->len) != 0)))
            st = SANITIZE_ERR_ROUNDTRIP;
        sz_walk_free(&w);
    }
    sz_buf_free(&again);
    sz_tree_free(&tree, arena);
    return st;
}

/* gumbo 0.10.1 can produce invalid UTF-8 from an overflowing numeric
 * character reference (F4). The output must be valid UTF-8: check it in one
 * pass and, in that rare case, rebuild it with U+FFFD. */
static sanitize_status repair_utf8(sz_buf *out)
{
    if (out->failed)
        return SANITIZE_ERR_NOMEM;
    size_t valid = sz_utf8_valid_prefix(out->data ? out->data : "", out->len);
    if (valid == out->len)
        return SANITIZE_OK;
    sz_buf fixed;
    sz_buf_init(&fixed);
    sz_buf_append(&fixed, out->data, valid);
    sz_append_valid_utf8(&fixed, out->data + valid, out->len - valid);
    if (fixed.failed) {
        sz_buf_free(&fixed);
        return SANITIZE_ERR_NOMEM;
    }
    sz_buf_free(out);
    *out = fixed;
    return SANITIZE_OK;
}

static sanitize_status run(const sanitize_policy *p, sz_arena *arena, const char *input,
                           size_t input_len, sz_buf *out)
{
    sz_deadline deadline = {.budget_ns = cpu_budget_ns(p, input_len)};
    size_t len;
    const char *buf = sz_prefilter(arena, input, input_len, &len);
    if (!buf)
        return SANITIZE_ERR_NOMEM;
    bool full = sz_flag(p, SANITIZE_FLAG_FULL_DOCUMENT);
    size_t budget = memory_budget(p, input_len);
    sanitize_status st = SANITIZE_OK;
    sz_tree tree;
    sz_tree_init(&tree, arena);
    /* Most user content is simple markup the fast parser builds the very
     * same tree for; when it is not sure, gumbo parses from scratch. */
    sz_arena_mark mark = sz_arena_mark_now(arena);
    bool fast = !full && !sz_flag(p, SANITIZE_FLAG_NO_FAST_PATH) &&
                sz_fast_parse(arena, buf, len, budget, &tree);
    bool doctype = false;
    if (!fast) {
        sz_arena_rewind(arena, mark);
        tree.count = 0;
        const GumboNode *root;
        st = sz_parse(arena, buf, len, full, budget, &deadline, &root);
        if (!st) {
            doctype = full && root->v.document.has_doctype;
            st = sz_tree_from_gumbo(&tree, arena, root);
        }
    }
    if (!st) {
        /* Sanitized output is rarely much larger than the input; one
         * reserve spares most regrowth. */
        sz_buf_reserve(out, input_len + input_len / 8 + 64);
        if (doctype)
            sz_buf_puts(out, "<!DOCTYPE html>");
        sz_walk w;
        sz_walk_init(&w, p, arena, out);
        w.input = buf;
        w.input_len = len;
        w.deadline = &deadline;
        st = sz_walk_tree(&w, &tree);
        sz_walk_free(&w);
    }
    sz_tree_free(&tree, arena);
    if (st)
        return st;
    /* The fast parser accepts valid UTF-8 only and decodes references to
     * valid characters, so only gumbo's trees need the check. */
    if (!st)
        st = fast ? (out->failed ? SANITIZE_ERR_NOMEM : SANITIZE_OK) : repair_utf8(out);
    if (!st && sz_flag(p, SANITIZE_FLAG_VERIFY_ROUNDTRIP))
        st = verify_roundtrip(p, arena, out, &deadline);
    return st;
}

/* What every entry point checks before it sanitizes; then the thread's
 * arena for the call, to give back with sz_arena_release(). */
static sanitize_status begin(sanitize_policy *policy, const char *input, size_t input_len,
                             sz_arena **arena)
{
    if (!policy || (!input && input_len))
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sanitize_policy_freeze(policy);
    if (input_len > policy->limits[SANITIZE_LIMIT_INPUT_BYTES])
        return SANITIZE_ERR_INPUT_TOO_LARGE;
    *arena = sz_arena_acquire();
    return *arena ? SANITIZE_OK : SANITIZE_ERR_NOMEM;
}

sanitize_status sanitize_html(sanitize_policy *policy, const char *input, size_t input_len,
                              char **out, size_t *out_len)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!out || !out_len)
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_arena *arena;
    sanitize_status st = begin(policy, input, input_len, &arena);
    if (st)
        return st;
    sz_buf result;
    sz_buf_init(&result);
    st = run(policy, arena, input ? input : "", input_len, &result);
    sz_arena_release(arena);
    if (st) {
        sz_buf_free(&result);
        return st;
    }
    *out = sz_buf_take(&result, out_len);
    return *out ? SANITIZE_OK : SANITIZE_ERR_NOMEM;
}

sanitize_status sanitize_html_into(sanitize_policy *policy, const char *input, size_t input_len,
                                   char *buffer, size_t buffer_size, size_t *out_len)
{
    if (buffer && buffer_size)
        buffer[0] = '\0';
    if (out_len)
        *out_len = 0;
    if (!out_len || (!buffer && buffer_size))
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_arena *arena;
    sanitize_status st = begin(policy, input, input_len, &arena);
    if (st)
        return st;
    /* The output is built in one of the arena's scratch buffers, which stay
     * allocated from call to call, then copied out. */
    sz_buf result;
    sz_arena_buf_take(arena, &result);
    st = run(policy, arena, input ? input : "", input_len, &result);
    if (!st) {
        if (result.len < buffer_size) {
            if (result.len)
                memcpy(buffer, result.data, result.len);
            buffer[result.len] = '\0';
        } else {
            st = SANITIZE_ERR_BUFFER_TOO_SMALL;
        }
        *out_len = result.len;
    }
    sz_arena_buf_give(arena, &result);
    sz_arena_release(arena);
    return st;
}

sanitize_status sanitize_html_batch(sanitize_policy *policy, size_t count,
                                    const char *const *inputs, const size_t *input_lens,
                                    char **out, size_t *out_lens, sanitize_status *statuses)
{
    if (out)
        *out = NULL;
    if (!policy || !out || (count && (!inputs || !input_lens || !out_lens || !statuses)))
        return SANITIZE_ERR_INVALID_ARGUMENT;
    sz_buf joined;
    sz_buf_init(&joined);
    for (size_t i = 0; i < count; i++) {
        sz_arena *arena;
        sanitize_status st = begin(policy, inputs[i], input_lens[i], &arena);
        out_lens[i] = 0;
        if (!st) {
            /* Each output is built on its own, as sanitize_html_into()
             * builds it (the UTF-8 repair and the round-trip check look at
             * the whole of it), then appended. */
            sz_buf result;
            sz_arena_buf_take(arena, &result);
            st = run(policy, arena, inputs[i] ? inputs[i] : "", input_lens[i], &result);
            if (!st) {
                sz_buf_append(&joined, result.data, result.len);
                out_lens[i] = result.len;
            }
            sz_arena_buf_give(arena, &result);
            sz_arena_release(arena);
        }
        statuses[i] = st;
        sz_buf_putc(&joined, '\0');
    }
    size_t total;
    *out = sz_buf_take(&joined, &total);
    if (*out)
        return SANITIZE_OK;
    for (size_t i = 0; i < count; i++)
        out_lens[i] = 0;
    return SANITIZE_ERR_NOMEM;
}
