#include <stdio.h>
#include <stdlib.h>

#include "parse.h"

/* The parse running on this thread, for sz_gumbo_assert_fail. */
static _Thread_local jmp_buf *parse_escape;

/* Our copy of gumbo is Debian's libgumbo.a with every call to glibc's
 * __assert_fail renamed to this function (tools/guard_gumbo.sh). Debian
 * builds gumbo with assertions on, and at least one input reaches a failing
 * one (F1 in docs/security.md); the pre-filter removes the known trigger, and
 * this turns any other failed assertion into SANITIZE_ERR_PARSER for that one
 * document instead of an abort of the whole process. Leaving gumbo half-way
 * is safe for the same reasons as leaving it from the allocator: all of its
 * state is in the arena, which the caller resets, and it has no mutable
 * globals. The parse is abandoned; nothing gumbo built is used. */
void sz_gumbo_assert_fail(const char *assertion, const char *file, unsigned int line,
                          const char *function)
{
    if (parse_escape) {
        jmp_buf *escape = parse_escape;
        parse_escape = NULL;
        longjmp(*escape, (int)SANITIZE_ERR_PARSER);
    }
    /* Not inside sz_parse: not reachable from gumbo, but keep assert's
     * meaning. Not glibc's __assert_fail: <assert.h> declares it only
     * without NDEBUG, and release builds define NDEBUG. */
    fprintf(stderr, "%s:%u: %s: Assertion `%s' failed.\n", file, line, function, assertion);
    abort();
}

sanitize_status sz_parse(sz_arena *arena, const char *buf, size_t len, bool full_document,
                         size_t budget, sz_deadline *deadline, const GumboNode **root)
{
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = sz_arena_gumbo_alloc;
    options.deallocator = sz_arena_gumbo_free;
    options.userdata = arena;
    /* Recording errors copies the open-element stack per error: quadratic. */
    options.max_errors = 0;
    options.stop_on_first_error = false;
    options.fragment_context = full_document ? GUMBO_TAG_LAST : GUMBO_TAG_BODY;
    options.fragment_namespace = GUMBO_NAMESPACE_HTML;

    /* Nothing in this frame changes between setjmp and a longjmp from the
     * allocator, and gumbo keeps all its state in the arena, so abandoning
     * the parse half-way leaks nothing and leaves nothing inconsistent. */
    jmp_buf escape;
    jmp_buf *outer = parse_escape;
    int status = setjmp(escape);
    if (status) {
        sz_arena_disarm(arena);
        parse_escape = outer;
        return (sanitize_status)status;
    }
    sz_arena_arm(arena, budget, deadline, &escape);
    parse_escape = &escape;
    GumboOutput *output = gumbo_parse_with_options(&options, buf, len);
    parse_escape = outer;
    sz_arena_disarm(arena);
    *root = full_document ? output->document : output->root;
    return SANITIZE_OK;
}
