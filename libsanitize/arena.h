/* The parser's memory: a per-thread bump allocator handed to gumbo.
 *
 * Why: gumbo 0.10.1 reads uninitialised memory in fragment mode (so every
 * block is zero-filled), never checks for NULL (so the allocator never
 * returns it: on an exceeded budget or deadline it leaves the parse with
 * longjmp), frees its tree recursively (so we never free it: the whole arena
 * is reset after each document), and is quadratic on some inputs (so the
 * CPU deadline is checked here, where gumbo calls us at least once per tag
 * or attribute). */
#ifndef SZ_ARENA_H
#define SZ_ARENA_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buffer.h"

typedef struct sz_arena sz_arena;

/* The calling thread's arena, or a private one when the thread's arena is
 * already in use (a callback that sanitizes from inside a sanitize call).
 * NULL on NOMEM. Pair with sz_arena_release(). */
sz_arena *sz_arena_acquire(void);
void sz_arena_release(sz_arena *arena);

/* A limit on the thread CPU time of one document. The clock is read lazily:
 * reading it is a system call (about a microsecond on some virtual
 * machines, as much as a small document costs), so it starts at the first
 * check, which comes after a bounded amount of work (DEADLINE_EVERY arena
 * allocations or walked nodes); documents that small never read it. */
typedef struct sz_deadline {
    uint64_t budget_ns; /* 0: no limit */
    uint64_t at_ns;     /* 0 until the first check */
} sz_deadline;

/* Whether the deadline has passed; the first call starts it. */
bool sz_deadline_passed(sz_deadline *d);

/* Limits for the next parse: total bytes and a CPU deadline (NULL: none).
 * `escape` receives a SANITIZE_ERR_* status via longjmp. */
void sz_arena_arm(sz_arena *arena, size_t budget, sz_deadline *deadline, jmp_buf *escape);
void sz_arena_disarm(sz_arena *arena);

/* Zero-filled memory; on failure longjmps when armed, else returns NULL. */
void *sz_arena_alloc(sz_arena *arena, size_t n);

/* Bytes of the chunks this document has taken: what memory budgets count. */
size_t sz_arena_total(const sz_arena *arena);

/* Bytes the arena holds: chunks in use, and those kept for later documents. */
size_t sz_arena_held(const sz_arena *arena);

/* A position to return to: everything allocated after sz_arena_mark() is
 * forgotten by sz_arena_rewind(). */
typedef struct sz_arena_mark {
    void *chunk;
    size_t used;
    size_t total;
} sz_arena_mark;
sz_arena_mark sz_arena_mark_now(const sz_arena *arena);
void sz_arena_rewind(sz_arena *arena, sz_arena_mark mark);

/* Forgets every allocation; the chunks are kept for the next documents
 * (up to a bound, see arena.c). */
void sz_arena_reset(sz_arena *arena);

/* Growable scratch buffers kept with the arena between documents, like its
 * chunks: a document's buffers start with the capacity the last document's
 * grew to, instead of growing again through fresh memory (page faults) on
 * every call with a large document. take() fills `buf`, empty; give()
 * keeps it, or frees it past a bound (see arena.c), and leaves `buf` empty.
 * Give back in the reverse order of taking, so that each buffer goes to
 * the same use in the next document. */
void sz_arena_buf_take(sz_arena *arena, sz_buf *buf);
void sz_arena_buf_give(sz_arena *arena, sz_buf *buf);

/* Thread CPU time in nanoseconds. */
uint64_t sz_thread_cpu_ns(void);

/* gumbo's allocator interface. */
void *sz_arena_gumbo_alloc(void *arena, size_t n);
void sz_arena_gumbo_free(void *arena, void *ptr);

#endif
