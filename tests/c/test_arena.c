/* What the thread's arena keeps between documents: its chunks and its
 * scratch buffers, so that a large document sanitized again does not map
 * (and fault in) fresh memory on every call. Internal API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "fastparse.h"
#include "parse.h"
#include "poison.h"
#include "prefilter.h"

static void test_buffers_come_back_with_their_capacity(void)
{
    sz_arena *a = sz_arena_acquire();
    sz_buf big, small;
    sz_arena_buf_take(a, &big);
    sz_arena_buf_take(a, &small);
    CHECK(big.cap == 0 && small.cap == 0);
    CHECK(sz_buf_reserve(&big, 1 << 20) && sz_buf_reserve(&small, 100));
    sz_buf_append(&big, "x", 1);
    size_t big_cap = big.cap, small_cap = small.cap;
    /* Given back in the reverse order of taking: each goes to the same use. */
    sz_arena_buf_give(a, &small);
    sz_arena_buf_give(a, &big);
    CHECK(big.data == NULL && big.cap == 0); /* left empty */
    sz_arena_buf_take(a, &big);
    sz_arena_buf_take(a, &small);
    CHECK(big.cap == big_cap && big.len == 0);
    CHECK(small.cap == small_cap && small.len == 0);
    sz_arena_buf_give(a, &small);
    sz_arena_buf_give(a, &big);
    sz_arena_release(a);
}

static void test_kept_buffers_are_bounded(void)
{
    sz_arena *a = sz_arena_acquire();
    sz_buf huge, failed;
    sz_arena_buf_take(a, &huge);
    sz_arena_buf_take(a, &failed);
    /* 32 MiB: more than the arena keeps, freed when given back. */
    CHECK(sz_buf_reserve(&huge, (size_t)32 << 20));
    failed.failed = true; /* out of memory once: not kept either */
    sz_arena_buf_give(a, &failed);
    sz_arena_buf_give(a, &huge);
    sz_buf again;
    sz_arena_buf_take(a, &again);
    CHECK(again.cap < ((size_t)32 << 20) && !again.failed);
    sz_arena_buf_give(a, &again);
    sz_arena_release(a);
}

/* A document needing tens of MiB of arena, repeated: from the third call on
 * it must find every chunk it takes already held (none freed at the end of
 * a call only to be allocated again at the next), whatever chunks smaller
 * documents left before it. gumbo parses it: its nodes are what takes tens
 * of MiB (the fast parser's compact tree needs a few). */
static void test_large_document_keeps_its_chunks(void)
{
    /* Closed siblings: gumbo parses them in linear time (100k unclosed
     * divs took it seconds per call, minutes under valgrind). */
    static const char unit[] = "<div>x</div>";
    enum { DIVS = 100000, UNIT = sizeof unit - 1 };
    size_t len = (size_t)DIVS * UNIT;
    char *doc = malloc(len + 1);
    CHECK(doc != NULL);
    if (!doc)
        return;
    for (size_t i = 0; i < DIVS; i++)
        memcpy(doc + i * UNIT, unit, UNIT);
    doc[len] = '\0';
    sz_tree tree;
    sz_arena *a = sz_arena_acquire();
    sz_tree_init(&tree, a);
    CHECK(sz_fast_parse(a, "<p>small</p>", 12, (size_t)1 << 30, &tree));
    sz_tree_free(&tree, a);
    sz_arena_release(a);
    size_t held_before = 0;
    for (int call = 1; call <= 5; call++) {
        a = sz_arena_acquire();
        /* As sanitize_html() does: the input copied into the arena first. */
        size_t n;
        const char *copy = sz_prefilter(a, doc, len, &n);
        const GumboNode *root;
        CHECK(copy && sz_parse(a, copy, n, false, (size_t)1 << 30, NULL, &root) == SANITIZE_OK);
        size_t taken = sz_arena_total(a);
        /* More than the 8 MiB kept for any document: the case at hand. */
        CHECK(taken > (size_t)8 << 20);
        if (call >= 3 && taken > held_before) {
            fprintf(stderr, "call %d took %zu bytes of chunks, %zu were held\n", call, taken,
                    held_before);
            CHECK(taken <= held_before);
        }
        sz_arena_release(a);
        a = sz_arena_acquire();
        held_before = sz_arena_held(a);
        sz_arena_release(a);
    }
    CHECK(held_before <= (size_t)64 << 20);
    free(doc);
}

#ifdef SZ_ASAN
/* Memory kept for the next document is poisoned until it is handed out
 * again, so that ASan (the fuzz targets, the sanitizer build of these tests)
 * reports a pointer kept from an earlier document. */
static void test_kept_memory_is_poisoned_until_handed_out(void)
{
    sz_arena *a = sz_arena_acquire();
    char *first = sz_arena_alloc(a, 100);
    sz_arena_mark mark = sz_arena_mark_now(a);
    char *later = sz_arena_alloc(a, 100);
    CHECK(first && later && !__asan_address_is_poisoned(later));
    sz_arena_rewind(a, mark);
    CHECK(__asan_address_is_poisoned(later) && !__asan_address_is_poisoned(first));
    char *again = sz_arena_alloc(a, 100);
    CHECK(again == later && !__asan_address_is_poisoned(again + 99));
    sz_buf buf;
    sz_arena_buf_take(a, &buf);
    CHECK(sz_buf_reserve(&buf, 1000));
    char *data = buf.data;
    sz_arena_buf_give(a, &buf);
    CHECK(__asan_address_is_poisoned(data) && __asan_address_is_poisoned(data + 999));
    sz_arena_release(a); /* resets: the chunk is kept, poisoned */
    CHECK(__asan_address_is_poisoned(first));

    a = sz_arena_acquire();
    char *reused = sz_arena_alloc(a, 100);
    CHECK(reused == first && !__asan_address_is_poisoned(reused) && reused[99] == 0);
    sz_arena_buf_take(a, &buf);
    CHECK(buf.data == data && !__asan_address_is_poisoned(data + 999));
    sz_arena_buf_give(a, &buf);
    sz_arena_release(a);
}
#endif

int main(void)
{
    test_buffers_come_back_with_their_capacity();
    test_kept_buffers_are_bounded();
    test_large_document_keeps_its_chunks();
#ifdef SZ_ASAN
    test_kept_memory_is_poisoned_until_handed_out();
#endif
    return check_summary();
}
