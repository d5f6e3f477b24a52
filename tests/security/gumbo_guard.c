/* The second line of defence against gumbo 0.10.1's assertion failures (F1
 * in docs/security.md). The pre-filter removes the one known trigger before
 * gumbo sees it, so these tests call the parser glue directly with the raw
 * reproducer, as if a cousin of F1 had passed the pre-filter:
 *
 *   - the failed assertion becomes SANITIZE_ERR_PARSER, in fragment and in
 *     full-document mode, and the process lives on;
 *   - the thread's arena is usable right after, and 1000 escapes neither
 *     grow it nor disturb later parses;
 *   - two threads escaping at once each get their own status (the escape
 *     is per thread);
 *   - outside a parse, sz_gumbo_assert_fail is still an assertion failure.
 *
 * An optional argument names ../shared/reference/gumbo, whose 705-byte fuzzer
 * original of F1 is then checked too. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "parse.h"

static int failures;

#define CHECK(cond, ...)                                                                 \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            failures++;                                                                  \
            fprintf(stderr, "%s:%d: FAILED: ", __FILE__, __LINE__);                      \
            fprintf(stderr, __VA_ARGS__);                                                \
            fputc('\n', stderr);                                                         \
        }                                                                                \
    } while (0)

static const char f1[] = "<table><svg><select><foreignObject><select><tr>";

/* Parses a NUL-terminated copy of `in` the way sanitize.c does, minus the
 * pre-filter, and returns the status. */
static sanitize_status parse(sz_arena *arena, const char *in, size_t n, bool full,
                             const GumboNode **root)
{
    sz_arena_reset(arena);
    char *copy = sz_arena_alloc(arena, n + 1);
    if (!copy)
        return SANITIZE_ERR_NOMEM;
    memcpy(copy, in, n);
    return sz_parse(arena, copy, n, full, (size_t)64 << 20, NULL, root);
}

/* An ordinary document parses to <p><b>ok</b></p> after an escape. */
static int parses_normally(sz_arena *arena)
{
    const GumboNode *root;
    if (parse(arena, "<p><b>ok</b>", 12, false, &root) != SANITIZE_OK)
        return 0;
    if (root->v.element.children.length != 1)
        return 0;
    const GumboNode *p = root->v.element.children.data[0];
    if (p->type != GUMBO_NODE_ELEMENT || p->v.element.tag != GUMBO_TAG_P)
        return 0;
    const GumboNode *b = p->v.element.children.data[0];
    const GumboNode *text = b->v.element.children.data[0];
    return b->v.element.tag == GUMBO_TAG_B && text->type == GUMBO_NODE_TEXT &&
           !strcmp(text->v.text.text, "ok");
}

static void test_escape_in_both_modes(void)
{
    sz_arena *arena = sz_arena_acquire();
    const GumboNode *root;
    CHECK(parse(arena, f1, sizeof f1 - 1, false, &root) == SANITIZE_ERR_PARSER,
          "fragment: F1 did not end in SANITIZE_ERR_PARSER");
    CHECK(parses_normally(arena), "fragment: the next parse went wrong");
    CHECK(parse(arena, f1, sizeof f1 - 1, true, &root) == SANITIZE_ERR_PARSER,
          "full document: F1 did not end in SANITIZE_ERR_PARSER");
    CHECK(parses_normally(arena), "full document: the next parse went wrong");
    sz_arena_release(arena);
}

static void test_repeated_escapes(void)
{
    sz_arena *arena = sz_arena_acquire();
    const GumboNode *root;
    size_t first = 0;
    for (int i = 0; i < 1000; i++) {
        sanitize_status st = parse(arena, f1, sizeof f1 - 1, i & 1, &root);
        if (st != SANITIZE_ERR_PARSER) {
            CHECK(0, "escape %d: status %d", i, (int)st);
            break;
        }
        if (i == 1)
            first = sz_arena_held(arena);
    }
    CHECK(sz_arena_held(arena) <= first, "arena grew from %zu to %zu bytes over 1000 escapes",
          first, sz_arena_held(arena));
    CHECK(parses_normally(arena), "parse after 1000 escapes went wrong");
    sz_arena_release(arena);
}

static void *escape_and_parse(void *arg)
{
    int *ok = arg;
    sz_arena *arena = sz_arena_acquire();
    const GumboNode *root;
    *ok = 1;
    for (int i = 0; i < 300 && *ok; i++) {
        *ok = parse(arena, f1, sizeof f1 - 1, false, &root) == SANITIZE_ERR_PARSER &&
              parses_normally(arena);
    }
    sz_arena_release(arena);
    return NULL;
}

static void test_threads(void)
{
    pthread_t t[2];
    int ok[2] = {0, 0};
    for (int i = 0; i < 2; i++)
        CHECK(!pthread_create(&t[i], NULL, escape_and_parse, &ok[i]), "pthread_create");
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECK(ok[0] && ok[1], "threads: escape or later parse failed (%d, %d)", ok[0], ok[1]);
}

static void test_outside_a_parse_it_aborts(void)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        /* The child's report on stderr would look like a failure in the log. */
        if (!freopen("/dev/null", "w", stderr))
            _exit(3);
        sz_gumbo_assert_fail("node", "parser.c", 1, "test");
    }
    int ws = 0;
    CHECK(pid > 0 && waitpid(pid, &ws, 0) == pid, "fork/waitpid");
    CHECK(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGABRT,
          "outside a parse: expected SIGABRT, got status %d", ws);
}

static void test_fuzzer_original(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/select-in-table-foreign-assert-abort.fuzzer-original.bin",
             dir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("# %s absent: fuzzer original not checked\n", path);
        return;
    }
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    sz_arena *arena = sz_arena_acquire();
    const GumboNode *root;
    for (int full = 0; full < 2; full++) {
        CHECK(parse(arena, buf, n, full, &root) == SANITIZE_ERR_PARSER,
              "fuzzer original (full=%d): no SANITIZE_ERR_PARSER", full);
    }
    CHECK(parses_normally(arena), "parse after the fuzzer original went wrong");
    sz_arena_release(arena);
}

int main(int argc, char **argv)
{
    test_escape_in_both_modes();
    test_repeated_escapes();
    test_threads();
    test_outside_a_parse_it_aborts();
    if (argc > 1)
        test_fuzzer_original(argv[1]);
    printf("%s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
