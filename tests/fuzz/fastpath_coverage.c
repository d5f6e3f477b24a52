/* Which documents the fast parser takes, the rest going to gumbo: a guard
 * for speed, not for correctness (fuzz_fastpath checks that both paths give
 * the same output). A change that makes the fast parser give up on inputs
 * it used to take passes every other test and only shows in the benchmark;
 * here it fails. Run by replay.c over the benchmark corpus: every document
 * must take the fast path except the ones named in `to_gumbo`, which must
 * not (so that the list stays true). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fastparse.h"
#include "prefilter.h"

extern const char *replay_path;

/* The mutation-XSS comment: a <table> inside MathML's <mtext>. */
static const char *const to_gumbo[] = {"comment_02_xss_mixed.html"};

static bool expected_fast(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    for (size_t i = 0; i < sizeof to_gumbo / sizeof *to_gumbo; i++)
        if (strcmp(name, to_gumbo[i]) == 0)
            return false;
    return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sz_arena *arena = sz_arena_acquire();
    size_t n;
    const char *buf = sz_prefilter(arena, (const char *)data, size, &n);
    const GumboNode *root;
    bool fast = buf && sz_fast_parse(arena, buf, n, (size_t)1 << 32, &root);
    sz_arena_release(arena);
    if (fast != expected_fast(replay_path)) {
        fprintf(stderr, "%s: %s, expected %s\n", replay_path, fast ? "fast path" : "gumbo",
                fast ? "gumbo" : "the fast path");
        abort();
    }
    return 0;
}
