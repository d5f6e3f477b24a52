#include "arena.h"

#include <pthread.h>
#include <stdalign.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "libsanitize.h"

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
} chunk;

struct sz_arena {
    chunk *chunks; /* newest first */
    size_t total;  /* bytes of all chunks */
    size_t budget;
    sz_deadline *deadline;
    jmp_buf *escape;
    unsigned calls;
    bool in_use;
    bool is_thread_arena;
};

enum {
    ALIGN = alignof(max_align_t),
    FIRST_CHUNK = 64 * 1024,
    /* What a thread keeps between documents: enough for ordinary pages,
     * without pinning the memory of one huge document forever. */
    KEEP_BYTES = 8 * 1024 * 1024,
    DEADLINE_EVERY = 256,
};

#define HEADER ((sizeof(chunk) + ALIGN - 1) / ALIGN * ALIGN)

static pthread_key_t arena_key;
static pthread_once_t arena_once = PTHREAD_ONCE_INIT;
static bool arena_key_ok;

static void free_chunks(chunk *c)
{
    while (c) {
        chunk *next = c->next;
        sz_free(c);
        c = next;
    }
}

static void destroy_arena(void *p)
{
    sz_arena *a = p;
    free_chunks(a->chunks);
    sz_free(a);
}

static void make_key(void)
{
    arena_key_ok = pthread_key_create(&arena_key, destroy_arena) == 0;
}

uint64_t sz_thread_cpu_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

sz_arena *sz_arena_acquire(void)
{
    pthread_once(&arena_once, make_key);
    sz_arena *a = arena_key_ok ? pthread_getspecific(arena_key) : NULL;
    if (a && !a->in_use) {
        a->in_use = true;
        return a;
    }
    bool for_thread = arena_key_ok && !a;
    a = sz_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    if (for_thread && pthread_setspecific(arena_key, a) == 0)
        a->is_thread_arena = true;
    a->in_use = true;
    return a;
}

void sz_arena_release(sz_arena *a)
{
    if (!a)
        return;
    sz_arena_reset(a);
    a->in_use = false;
    if (!a->is_thread_arena)
        destroy_arena(a);
}

bool sz_deadline_passed(sz_deadline *d)
{
    if (!d->budget_ns)
        return false;
    uint64_t now = sz_thread_cpu_ns();
    if (!d->at_ns) {
        d->at_ns = now + d->budget_ns;
        return false;
    }
    return now > d->at_ns;
}

void sz_arena_arm(sz_arena *a, size_t budget, sz_deadline *deadline, jmp_buf *escape)
{
    a->budget = budget;
    a->deadline = deadline;
    a->escape = escape;
    a->calls = 0;
}

void sz_arena_disarm(sz_arena *a)
{
    a->escape = NULL;
    a->budget = 0;
    a->deadline = NULL;
}

static void *fail(sz_arena *a, sanitize_status status)
{
    if (a->escape) {
        jmp_buf *escape = a->escape;
        a->escape = NULL;
        longjmp(*escape, (int)status);
    }
    return NULL;
}

void *sz_arena_alloc(sz_arena *a, size_t n)
{
    if (a->deadline && ++a->calls % DEADLINE_EVERY == 0 && sz_deadline_passed(a->deadline))
        return fail(a, SANITIZE_ERR_DEADLINE);
    n = n ? (n + ALIGN - 1) / ALIGN * ALIGN : ALIGN;
    chunk *c = a->chunks;
    if (!c || c->size - c->used < n) {
        size_t size = c ? c->size * 2 : FIRST_CHUNK;
        if (size < n)
            size = n;
        if (size > SIZE_MAX - HEADER)
            return fail(a, SANITIZE_ERR_MEMORY_BUDGET);
        if (a->budget && a->total + size > a->budget) {
            /* A smaller chunk may still fit the budget. */
            size = n;
            if (a->total + size > a->budget)
                return fail(a, SANITIZE_ERR_MEMORY_BUDGET);
        }
        chunk *fresh = sz_malloc(HEADER + size);
        if (!fresh)
            return fail(a, SANITIZE_ERR_NOMEM);
        fresh->next = c;
        fresh->size = size;
        fresh->used = 0;
        a->chunks = fresh;
        a->total += size;
        c = fresh;
    }
    char *p = (char *)c + HEADER + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

void sz_arena_reset(sz_arena *a)
{
    chunk *keep = a->chunks;
    if (!keep)
        return;
    /* The newest chunk is the largest: keep it unless it is huge. */
    free_chunks(keep->next);
    keep->next = NULL;
    if (keep->size > KEEP_BYTES) {
        sz_free(keep);
        a->chunks = NULL;
        a->total = 0;
        return;
    }
    keep->used = 0;
    a->total = keep->size;
}

size_t sz_arena_total(const sz_arena *a)
{
    return a->total;
}

sz_arena_mark sz_arena_mark_now(const sz_arena *a)
{
    return (sz_arena_mark){a->chunks, a->chunks ? a->chunks->used : 0, a->total};
}

void sz_arena_rewind(sz_arena *a, sz_arena_mark mark)
{
    while (a->chunks && a->chunks != mark.chunk) {
        chunk *next = a->chunks->next;
        sz_free(a->chunks);
        a->chunks = next;
    }
    if (a->chunks)
        a->chunks->used = mark.used;
    a->total = mark.total;
}

void *sz_arena_gumbo_alloc(void *arena, size_t n)
{
    return sz_arena_alloc(arena, n);
}

void sz_arena_gumbo_free(void *arena, void *ptr)
{
    /* Everything goes at once in sz_arena_reset(). */
    (void)arena;
    (void)ptr;
}
