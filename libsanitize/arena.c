#include "arena.h"

#include <pthread.h>
#include <stdalign.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "libsanitize.h"
#include "poison.h"

typedef struct chunk {
    struct chunk *next;
    size_t size; /* usable bytes after the header */
    size_t used;
} chunk;

struct sz_arena {
    chunk *chunks; /* in use, newest first */
    /* Chunks kept from earlier documents, in the order they are taken up
     * again: a document like the last one finds the same chunks, so memory
     * once touched is not handed back to the system and faulted in again
     * (a page fault per 4 KiB costs more than parsing it on some virtual
     * machines). */
    chunk *spare;
    unsigned small_runs; /* documents in a row that used little of it */
    /* Kept scratch buffers, a stack: room for all a document takes at once
     * (the tree, the walk and its stack). */
    sz_buf bufs[12];
    size_t nbufs;
    size_t buf_bytes;    /* their capacity */
    size_t total;  /* bytes of the chunks in use */
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
    /* Chunks double up to this size, then stay there: a document holds at
     * most one chunk's worth more than it uses (doubling to the end would
     * waste up to half), so that what large documents need stays within
     * what the arena keeps between them. */
    MAX_CHUNK = 4 * 1024 * 1024,
    /* What a thread keeps between documents: enough for ordinary pages.
     * Up to KEEP_MAX while documents keep needing it, so that one huge
     * document does not pin its memory. */
    KEEP_BYTES = 8 * 1024 * 1024,
    KEEP_MAX = 64 * 1024 * 1024,
    SMALL_RUNS = 16,
    /* Scratch buffers kept: a document with a megabyte attribute value
     * fills several of a few MiB each. */
    KEEP_BUF_BYTES = 16 * 1024 * 1024,
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

/* The usable bytes of a chunk, after its header. */
static char *chunk_data(chunk *c)
{
    return (char *)c + HEADER;
}

static void destroy_arena(void *p)
{
    sz_arena *a = p;
    free_chunks(a->chunks);
    free_chunks(a->spare);
    while (a->nbufs) {
        sz_buf *kept = &a->bufs[--a->nbufs];
        sz_unpoison(kept->data, kept->cap);
        sz_buf_free(kept);
    }
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
    if ((!c || c->size - c->used < n) && a->spare && a->spare->size >= n &&
        !(a->budget && a->total + a->spare->size > a->budget)) {
        chunk *again = a->spare;
        a->spare = again->next;
        again->next = c;
        again->used = 0;
        a->chunks = c = again;
        a->total += again->size;
    }
    if (!c || c->size - c->used < n) {
        size_t size = c ? c->size * 2 : FIRST_CHUNK;
        if (size > MAX_CHUNK)
            size = MAX_CHUNK;
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
        sz_poison(chunk_data(fresh), size); /* unpoisoned as it is handed out */
        a->chunks = fresh;
        a->total += size;
        c = fresh;
    }
    char *p = chunk_data(c) + c->used;
    c->used += n;
    sz_unpoison(p, n);
    memset(p, 0, n);
    return p;
}

/* Moves the newest chunk in use to the front of the spare list; what it
 * held is poisoned until handed out again. */
static void spare_newest_chunk(sz_arena *a)
{
    chunk *c = a->chunks;
    sz_poison(chunk_data(c), c->used);
    a->chunks = c->next;
    c->next = a->spare;
    a->spare = c;
}

/* Puts the chunks in use before the spare ones, oldest first: the order in
 * which they were taken. */
static void spare_chunks_in_use(sz_arena *a)
{
    while (a->chunks)
        spare_newest_chunk(a);
    a->total = 0;
}

static size_t chunks_size(const chunk *c)
{
    size_t size = 0;
    for (; c; c = c->next)
        size += c->size;
    return size;
}

/* Frees spare chunks from the end of the list (the last taken, the
 * largest) until at most `keep` bytes are held. */
static void trim_spares(sz_arena *a, size_t keep)
{
    size_t held = chunks_size(a->spare);
    while (held > keep) {
        chunk **last = &a->spare;
        while ((*last)->next)
            last = &(*last)->next;
        held -= (*last)->size;
        sz_free(*last);
        *last = NULL;
    }
}

void sz_arena_reset(sz_arena *a)
{
    size_t used = 0;
    for (const chunk *c = a->chunks; c; c = c->next)
        used += c->used;
    spare_chunks_in_use(a);
    size_t held = chunks_size(a->spare);
    if (held <= KEEP_BYTES)
        return;
    /* Above KEEP_BYTES, memory stays only while documents use a good part
     * of it, and never more than KEEP_MAX. */
    a->small_runs = used < held / 4 ? a->small_runs + 1 : 0;
    trim_spares(a, a->small_runs >= SMALL_RUNS ? KEEP_BYTES : KEEP_MAX);
}

void sz_arena_buf_take(sz_arena *a, sz_buf *buf)
{
    if (!a->nbufs) {
        sz_buf_init(buf);
        return;
    }
    /* Field by field, here and in sz_arena_buf_give: copying the struct and
     * reading a field back from the copy stalls on store forwarding, and a
     * document takes and gives a dozen buffers (tiny_01: 0.19 -> 0.17 us). */
    const sz_buf *kept = &a->bufs[--a->nbufs];
    char *data = kept->data;
    size_t cap = kept->cap;
    buf->data = data;
    buf->len = 0;
    buf->cap = cap;
    buf->failed = false;
    sz_unpoison(data, cap);
    a->buf_bytes -= cap;
}

void sz_arena_buf_give(sz_arena *a, sz_buf *buf)
{
    if (buf->failed || a->nbufs == sizeof a->bufs / sizeof *a->bufs ||
        buf->cap > KEEP_BUF_BYTES - a->buf_bytes) {
        sz_buf_free(buf);
        return;
    }
    char *data = buf->data;
    size_t cap = buf->cap;
    sz_poison(data, cap);
    a->buf_bytes += cap;
    sz_buf *kept = &a->bufs[a->nbufs++];
    kept->data = data;
    kept->len = 0;
    kept->cap = cap;
    kept->failed = false;
    sz_buf_init(buf);
}

size_t sz_arena_total(const sz_arena *a)
{
    return a->total;
}

size_t sz_arena_held(const sz_arena *a)
{
    return chunks_size(a->chunks) + chunks_size(a->spare);
}

sz_arena_mark sz_arena_mark_now(const sz_arena *a)
{
    return (sz_arena_mark){a->chunks, a->chunks ? a->chunks->used : 0, a->total};
}

void sz_arena_rewind(sz_arena *a, sz_arena_mark mark)
{
    /* Chunks taken since go back to the front of the spare list. */
    while (a->chunks && a->chunks != mark.chunk)
        spare_newest_chunk(a);
    if (a->chunks) {
        sz_poison(chunk_data(a->chunks) + mark.used, a->chunks->used - mark.used);
        a->chunks->used = mark.used;
    }
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
