/* Which documents the fast parser takes, the rest going to gumbo: a guard
 * for speed, not for correctness (fuzz_fastpath checks that both paths give
 * the same output). A change that makes the fast parser give up on inputs
 * it used to take passes every other test and only shows in the benchmark;
 * here it fails. Run by replay.c over the benchmark corpus: every document
 * must take the fast path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "fastparse.h"
#include "prefilter.h"

extern const char *replay_path;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sz_arena *arena = sz_arena_acquire();
    size_t n;
    const char *buf = sz_prefilter(arena, (const char *)data, size, &n);
    sz_tree tree;
    sz_tree_init(&tree, arena);
    bool fast = buf && sz_fast_parse(arena, buf, n, (size_t)1 << 32, &tree);
    sz_tree_free(&tree, arena);
    sz_arena_release(arena);
    if (!fast) {
        fprintf(stderr, "%s: left to gumbo, expected the fast path\n", replay_path);
        abort();
    }
    return 0;
}
