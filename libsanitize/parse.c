#include "parse.h"

sanitize_status sz_parse(sz_arena *arena, const char *buf, size_t len, bool full_document,
                         size_t budget, uint64_t deadline_ns, const GumboNode **root)
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
    int status = setjmp(escape);
    if (status) {
        sz_arena_disarm(arena);
        return (sanitize_status)status;
    }
    sz_arena_arm(arena, budget, deadline_ns, &escape);
    GumboOutput *output = gumbo_parse_with_options(&options, buf, len);
    sz_arena_disarm(arena);
    *root = full_document ? output->document : output->root;
    return SANITIZE_OK;
}
