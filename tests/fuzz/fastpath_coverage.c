/* Which documents the fast parser takes, the rest going to gumbo: a guard
 * for speed, not for correctness (fuzz_fastpath checks that both paths give
 * the same output). A change that makes the fast parser give up on inputs
 * it used to take passes every other test and only shows in the benchmark;
 * here it fails.
 *
 *   fastpath_coverage DIR... [--gumbo FILE_NAME...]
 *
 * Every regular file in the directories must take the fast path, except the
 * ones named after --gumbo, which must not (so that the list stays true).
 * Exits 77 (skipped) when a directory is missing. */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fastparse.h"
#include "prefilter.h"

static bool named(const char *name, char **list, int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(name, list[i]) == 0)
            return true;
    return false;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            cap = cap ? cap * 2 : 65536;
            char *bigger = realloc(data, cap);
            if (!bigger)
                break;
            data = bigger;
        }
        size_t got = fread(data + *len, 1, cap - *len, f);
        *len += got;
        if (!got)
            break;
    }
    fclose(f);
    return data;
}

static bool takes_fast_path(const char *data, size_t len)
{
    sz_arena *arena = sz_arena_acquire();
    size_t n;
    const char *buf = sz_prefilter(arena, data, len, &n);
    const GumboNode *root;
    bool fast = buf && sz_fast_parse(arena, buf, n, (size_t)1 << 32, &root);
    sz_arena_release(arena);
    return fast;
}

int main(int argc, char **argv)
{
    int dirs = argc - 1;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--gumbo") == 0)
            dirs = i - 1;
    char **gumbo = argv + dirs + 2;
    int gumbo_count = argc - dirs - 2 > 0 ? argc - dirs - 2 : 0;
    int fast = 0, slow = 0, failed = 0;
    for (int d = 1; d <= dirs; d++) {
        DIR *dir = opendir(argv[d]);
        if (!dir) {
            fprintf(stderr, "%s: missing, skipped\n", argv[d]);
            return 77;
        }
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[d], e->d_name);
            size_t len;
            char *data = slurp(path, &len);
            if (!data) {
                fprintf(stderr, "%s: cannot read\n", path);
                failed++;
                continue;
            }
            bool took = takes_fast_path(data, len);
            bool expected = !named(e->d_name, gumbo, gumbo_count);
            took ? fast++ : slow++;
            if (took != expected) {
                fprintf(stderr, "%s: %s, expected %s\n", path, took ? "fast path" : "gumbo",
                        expected ? "the fast path" : "gumbo");
                failed++;
            }
            free(data);
        }
        closedir(dir);
    }
    printf("%d documents on the fast path, %d to gumbo, %d unexpected\n", fast, slow, failed);
    return failed ? 1 : 0;
}
