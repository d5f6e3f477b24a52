/*
 * bench_c — the C side of the libsanitize benchmark (see docs/performance.md).
 *
 * Document mode (default): for every file given, measures
 *   sanitize     sanitize_html() with the UGC preset, one policy for the run;
 *   gumbo        gumbo_parse_with_options() (body fragment, max_errors=0,
 *                gumbo's default malloc) + gumbo_destroy_output();
 *   gumbo_arena  the same parse on a bump arena that is reset per document
 *                (no destroy): the fastest way gumbo 0.10.1 can be driven;
 *   memcpy       a copy of the input, the floor of any byte-to-byte transform;
 * interleaved sample by sample, so that load on the shared machine hits every
 * mode alike. One JSON object per (file, mode) goes to stdout.
 *
 * With --interleave-files, the samples of all the files given are
 * interleaved too (file after file within each round) and every record
 * lists its samples in order: how run.py compares the sizes N, 2N and 4N
 * of one input shape turn by turn, so that a change of the machine's speed
 * between files cannot pass for a change of the time per byte.
 *
 * Memory mode (--memory): for each file, in this process, the resident
 * memory before sanitizing it and the peak after three calls (VmRSS and
 * VmHWM from /proc/self/status): the memory one call takes, as the system
 * sees it (arena, scratch buffers, output). Run it with one file per
 * process for a clean baseline.
 *
 * Thread mode (--threads-scaling): one thread pinned to each of two CPUs in
 * turn, then two threads (one per CPU) sharing one frozen policy, each
 * sanitizing the files round-robin for a fixed wall time; prints the
 * throughput of each run (see run_threads for why pinned).
 *
 * Times are CPU time of the process (CLOCK_PROCESS_CPUTIME_ID; the process
 * runs one measuring thread) and wall time (CLOCK_MONOTONIC), per call: a
 * sample is a batch of calls sized (from warm calls) to take about --sample-us,
 * divided by the batch size. Reported: median and min over the samples.
 */
#define _GNU_SOURCE /* CPU affinity of the thread mode */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gumbo.h>
#include <libsanitize.h>

enum { MODE_SANITIZE, MODE_GUMBO, MODE_GUMBO_ARENA, MODE_MEMCPY, MODE_COUNT };
static const char *const mode_names[MODE_COUNT] = {"sanitize", "gumbo", "gumbo_arena", "memcpy"};
static const char *const mode_impl[MODE_COUNT] = {"libsanitize-c", "gumbo-parse",
                                                  "gumbo-parse-arena", "memcpy"};

static struct {
    double budget_ms;    /* CPU time to spend per (document, mode), at least */
    double max_doc_ms;   /* stop sampling a (document, mode) past this much */
    double sample_us;    /* target length of one sample */
    double deadline_ms;  /* gumbo parses are abandoned past this CPU time */
    int min_samples;
    int max_samples;
    int modes[MODE_COUNT];
    double thread_seconds;
    int thread_reps;
    int threads_scaling;
    int memory;
    int interleave_files;
} cfg = {300, 4000, 2000, 3000, 5, 2001, {1, 1, 1, 1}, 1.0, 5, 0, 0, 0};

static double now_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static double now_thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static double now_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/* ---- gumbo allocators: both check a CPU deadline and leave by longjmp ---- */

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} chunk;

typedef struct {
    chunk *head;     /* first chunk, kept across documents */
    chunk *cur;
    unsigned long calls;
    double deadline; /* process CPU µs; 0 = none */
    jmp_buf escape;
} galloc;

static int deadline_hit(galloc *g)
{
    return g->deadline > 0 && (++g->calls & 255) == 0 && now_cpu() > g->deadline;
}

static void *arena_alloc(void *ud, size_t n)
{
    galloc *g = ud;
    if (deadline_hit(g))
        longjmp(g->escape, 1);
    n = (n + 15) & ~(size_t)15;
    for (;;) {
        if (g->cur && g->cur->size - g->cur->used >= n) {
            void *p = g->cur->data + g->cur->used;
            g->cur->used += n;
            return p;
        }
        if (g->cur && g->cur->next) { /* reuse chunks from earlier documents */
            g->cur = g->cur->next;
            g->cur->used = 0;
            continue;
        }
        size_t size = g->cur ? g->cur->size * 2 : (size_t)1 << 20;
        while (size < n)
            size *= 2;
        chunk *c = malloc(sizeof *c + size);
        if (!c) {
            fputs("bench_c: out of memory\n", stderr);
            exit(2);
        }
        c->next = NULL;
        c->size = size;
        c->used = 0;
        if (g->cur)
            g->cur->next = c;
        else
            g->head = c;
        g->cur = c;
    }
}

static void arena_free(void *ud, void *p)
{
    (void)ud;
    (void)p;
}

static void arena_reset(galloc *g)
{
    g->cur = g->head;
    if (g->cur)
        g->cur->used = 0;
}

static void *malloc_alloc(void *ud, size_t n)
{
    galloc *g = ud;
    if (deadline_hit(g))
        longjmp(g->escape, 1); /* what this parse allocated leaks */
    return malloc(n);
}

static void malloc_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

/* ---- one document ---- */

typedef struct {
    char *path;   /* as given */
    char *data;   /* NUL-terminated copy (gumbo 0.10.1 reads one byte past) */
    size_t len;
} doc;

typedef struct {
    int active;
    int failed;          /* the status of the failing call, or -1 for a deadline */
    size_t out_len;
    uint64_t out_hash;
    int inconsistent;
    long batch;
    double spent;        /* CPU µs so far */
    int n;
    double *cpu, *wall;  /* per-call µs of each sample */
    long calls;
} mstate;

static sanitize_policy *g_policy;
static galloc g_arena, g_malloc;
static char *g_copy;
static size_t g_copy_cap;
static volatile unsigned char g_sink;

/* One gumbo parse, left by longjmp when the deadline passes. What is used
 * after setjmp is volatile, so that a longjmp cannot leave it stale. */
static int gumbo_call(int use_malloc_arg, const doc *d, mstate *st_arg)
{
    volatile int use_malloc = use_malloc_arg;
    mstate *volatile st = st_arg;
    galloc *volatile g = use_malloc ? &g_malloc : &g_arena;
    GumboOptions o = kGumboDefaultOptions;
    o.allocator = use_malloc ? malloc_alloc : arena_alloc;
    o.deallocator = use_malloc ? malloc_free : arena_free;
    o.userdata = g;
    o.max_errors = 0;
    o.fragment_context = GUMBO_TAG_BODY;
    o.fragment_namespace = GUMBO_NAMESPACE_HTML;
    g->calls = 0;
    g->deadline = now_cpu() + cfg.deadline_ms * 1000;
    if (setjmp(g->escape)) {
        g->deadline = 0;
        arena_reset(&g_arena);
        st->failed = -1;
        return 1;
    }
    GumboOutput *out = gumbo_parse_with_options(&o, d->data, d->len);
    g->deadline = 0;
    g_sink ^= (unsigned char)out->root->type;
    if (use_malloc)
        gumbo_destroy_output(&o, out);
    else
        arena_reset(&g_arena);
    return 0;
}

/* One call of a mode. Returns 0, or nonzero when the call failed. */
static int call_mode(int mode, const doc *d, mstate *st, int check)
{
    switch (mode) {
    case MODE_SANITIZE: {
        char *out;
        size_t out_len;
        sanitize_status s = sanitize_html(g_policy, d->data, d->len, &out, &out_len);
        if (s != SANITIZE_OK) {
            st->failed = (int)s;
            return 1;
        }
        if (check) {
            uint64_t h = fnv1a(out, out_len);
            if (st->calls == 0) {
                st->out_len = out_len;
                st->out_hash = h;
            } else if (h != st->out_hash || out_len != st->out_len) {
                st->inconsistent = 1;
            }
        } else if (out_len != st->out_len) {
            st->inconsistent = 1;
        }
        sanitize_free(out);
        return 0;
    }
    case MODE_GUMBO:
    case MODE_GUMBO_ARENA:
        return gumbo_call(mode == MODE_GUMBO, d, st);
    case MODE_MEMCPY:
        memcpy(g_copy, d->data, d->len);
        g_sink ^= (unsigned char)g_copy[d->len / 2];
        __asm__ __volatile__("" : : "r"(g_copy) : "memory");
        return 0;
    }
    return 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    if (n == 0)
        return 0;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double minimum(const double *v, int n)
{
    double m = n ? v[0] : 0;
    for (int i = 1; i < n; i++)
        if (v[i] < m)
            m = v[i];
    return m;
}

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            printf("\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            printf("\\u%04x", *s);
        else
            putchar(*s);
    }
    putchar('"');
}

/* Takes one sample (a batch of calls) of a mode; returns 0 or 1 on failure. */
static int take_sample(int mode, const doc *d, mstate *st)
{
    double c0 = now_cpu(), w0 = now_wall();
    for (long i = 0; i < st->batch; i++) {
        if (call_mode(mode, d, st, 0))
            return 1;
    }
    double c = now_cpu() - c0, w = now_wall() - w0;
    st->cpu[st->n] = c / st->batch;
    st->wall[st->n] = w / st->batch;
    st->n++;
    st->spent += c;
    st->calls += st->batch;
    return 0;
}

/* Per-call CPU time of warm calls, to size the batch: runs of 1, 2, 4, ...
 * calls until one takes a tenth of a sample. Sizing it from the cold first
 * call (arena, page faults, caches: up to 100x a warm call) gave batches of a
 * few calls, and the two process-CPU clock reads of each sample (1.3 us
 * each on the benchmark's VM) then became a large part of a tiny
 * document's time. The calls
 * count as spent. Returns -1 if a call failed. */
static double warm_per_call(int mode, const doc *d, mstate *s)
{
    for (long n = 1;; n *= 2) {
        double c0 = now_cpu();
        for (long i = 0; i < n; i++) {
            if (call_mode(mode, d, s, 0))
                return -1;
        }
        double c = now_cpu() - c0;
        s->spent += c;
        s->calls += n;
        if (c >= cfg.sample_us / 10)
            return c / (double)n;
    }
}

/* Warms a (document, mode) up and sizes its batch; the state is active
 * afterwards unless the warm-up failed or was too slow to repeat. */
static void start_mode(int m, const doc *d, mstate *s)
{
    s->cpu = calloc((size_t)cfg.max_samples + 1, sizeof(double));
    s->wall = calloc((size_t)cfg.max_samples + 1, sizeof(double));
    s->active = 1;
    /* warm-up call, which also records the output and sizes the batch */
    double c0 = now_cpu(), w0 = now_wall();
    int bad = call_mode(m, d, s, 1);
    double c = now_cpu() - c0, w = now_wall() - w0;
    s->spent = c;
    s->calls = 1;
    double per = c;
    if (!bad && c < cfg.sample_us) {
        per = warm_per_call(m, d, s);
        bad = per < 0;
    }
    if (per < 0.01)
        per = 0.01;
    s->batch = (long)(cfg.sample_us / per);
    if (s->batch < 1)
        s->batch = 1;
    if (bad || c >= cfg.max_doc_ms * 1000) { /* failed, or too slow to repeat: the warm-up is the sample */
        s->cpu[0] = c;
        s->wall[0] = w;
        s->n = 1;
        s->active = 0;
    }
}

/* Takes one sample of every active state in turn until each has enough:
 * sample i of every state is taken in the same round of this loop, so
 * that load on the shared machine hits them alike. */
static void interleave(const doc *const *docs, const int *modes, mstate *st, int count)
{
    for (;;) {
        int any = 0;
        for (int k = 0; k < count; k++) {
            mstate *s = &st[k];
            if (!s->active)
                continue;
            double per_sample = s->n ? s->cpu[s->n - 1] * s->batch : s->spent * s->batch;
            int enough = s->n >= cfg.min_samples && s->spent >= cfg.budget_ms * 1000;
            int capped = s->n >= 1 && s->spent + per_sample > cfg.max_doc_ms * 1000;
            if (s->n >= cfg.max_samples || enough || capped) {
                s->active = 0;
                continue;
            }
            any = 1;
            if (take_sample(modes[k], docs[k], s))
                s->active = 0;
        }
        if (!any)
            break;
    }
}

/* One JSON line for a (document, mode); with --interleave-files it also
 * lists every sample's per-call CPU time in the order taken (before the
 * median sorts them), so that a reader can pair the documents' samples
 * turn by turn. */
static void report(int m, const doc *d, mstate *s, long rss)
{
    printf("{\"runner\":\"c\",\"impl\":\"%s\",\"mode\":\"%s\",\"file\":", mode_impl[m],
           mode_names[m]);
    json_str(d->path);
    printf(",\"bytes_in\":%zu,\"bytes_out\":%zu,\"out_hash\":\"%016llx\",\"ok\":%s",
           d->len,
           m == MODE_SANITIZE ? s->out_len : (m == MODE_MEMCPY ? d->len : 0),
           m == MODE_SANITIZE ? (unsigned long long)s->out_hash : 0ull,
           s->failed ? "false" : "true");
    if (s->failed)
        printf(",\"error\":\"%s\"",
               s->failed == -1 ? "deadline" : sanitize_status_str((sanitize_status)s->failed));
    if (cfg.interleave_files) {
        printf(",\"cpu_samples_us\":[");
        for (int i = 0; i < s->n; i++)
            printf("%s%.4f", i ? "," : "", s->cpu[i]);
        printf("]");
    }
    double cmin = minimum(s->cpu, s->n), wmin = minimum(s->wall, s->n);
    double cmed = median(s->cpu, s->n), wmed = median(s->wall, s->n);
    printf(",\"inconsistent\":%s,\"samples\":%d,\"calls\":%ld,\"batch\":%ld,"
           "\"cpu_median_us\":%.4f,\"cpu_min_us\":%.4f,\"wall_median_us\":%.4f,"
           "\"wall_min_us\":%.4f,\"peak_rss_kb\":%ld,\"clock\":\"process_cpu\"}\n",
           s->inconsistent ? "true" : "false", s->n, s->calls, s->batch, cmed, cmin, wmed, wmin,
           rss);
    fflush(stdout);
    free(s->cpu);
    free(s->wall);
}

/* Measures the selected modes on a group of documents, interleaved: one
 * document at a time in document mode, all of them with --interleave-files. */
static void run_group(const doc *docs, int ndocs)
{
    int count = 0;
    const doc **which = calloc((size_t)ndocs * MODE_COUNT, sizeof *which);
    int *modes = calloc((size_t)ndocs * MODE_COUNT, sizeof *modes);
    mstate *st = calloc((size_t)ndocs * MODE_COUNT, sizeof *st);
    if (!which || !modes || !st) {
        fputs("bench_c: out of memory\n", stderr);
        exit(2);
    }
    for (int k = 0; k < ndocs; k++) {
        if (docs[k].len + 1 > g_copy_cap) {
            free(g_copy);
            g_copy_cap = docs[k].len + 1;
            g_copy = malloc(g_copy_cap);
        }
        for (int m = 0; m < MODE_COUNT; m++) {
            if (!cfg.modes[m])
                continue;
            which[count] = &docs[k];
            modes[count] = m;
            start_mode(m, &docs[k], &st[count]);
            count++;
        }
    }
    interleave(which, modes, st, count);
    long rss = peak_rss_kb();
    for (int k = 0; k < count; k++)
        report(modes[k], which[k], &st[k], rss);
    free(which);
    free(modes);
    free(st);
}

/* ---- thread scaling ---- */

typedef struct {
    const doc *docs;
    int ndocs, start;
    double seconds;
    long done_docs;
    double done_bytes, cpu_us;
    int errors;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    double c0 = now_thread_cpu();
    double end = now_wall() + w->seconds * 1e6;
    int i = w->start % w->ndocs;
    while (now_wall() < end) {
        char *out;
        size_t out_len;
        if (sanitize_html(g_policy, w->docs[i].data, w->docs[i].len, &out, &out_len) != SANITIZE_OK)
            w->errors++;
        else
            sanitize_free(out);
        w->done_docs++;
        w->done_bytes += (double)w->docs[i].len;
        i = (i + 1) % w->ndocs;
    }
    w->cpu_us = now_thread_cpu() - c0;
    return NULL;
}

/* Runs `count` workers at once for cfg.thread_seconds, worker k pinned to
 * cpus[k] (when cpus is not NULL), and prints one record. */
static void run_workers(const doc *docs, int ndocs, int rep, int count, const int *cpus)
{
    worker w[2];
    pthread_t th[2];
    for (int k = 0; k < count; k++) {
        memset(&w[k], 0, sizeof w[k]);
        w[k].docs = docs;
        w[k].ndocs = ndocs;
        w[k].start = k * (ndocs / 2);
        w[k].seconds = cfg.thread_seconds;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        if (cpus) {
            cpu_set_t set;
            CPU_ZERO(&set);
            CPU_SET(cpus[k], &set);
            pthread_attr_setaffinity_np(&attr, sizeof set, &set);
        }
        if (pthread_create(&th[k], &attr, work, &w[k]) != 0) {
            fputs("bench_c: pthread_create failed\n", stderr);
            exit(2);
        }
        pthread_attr_destroy(&attr);
    }
    long docs_done = 0;
    double bytes = 0, cpu = 0;
    int errors = 0;
    for (int k = 0; k < count; k++) {
        pthread_join(th[k], NULL);
        docs_done += w[k].done_docs;
        bytes += w[k].done_bytes;
        cpu += w[k].cpu_us;
        errors += w[k].errors;
    }
    printf("{\"runner\":\"c\",\"impl\":\"libsanitize-c\",\"mode\":\"threads\",\"rep\":%d,"
           "\"threads\":%d,\"cpus\":[",
           rep, count);
    for (int k = 0; cpus && k < count; k++)
        printf("%s%d", k ? "," : "", cpus[k]);
    printf("],\"seconds\":%.3f,\"docs\":%ld,\"bytes\":%.0f,"
           "\"docs_per_s\":%.1f,\"mb_per_s\":%.3f,\"thread_cpu_s\":%.3f,\"errors\":%d}\n",
           cfg.thread_seconds, docs_done, bytes, docs_done / cfg.thread_seconds,
           bytes / cfg.thread_seconds / 1e6, cpu / 1e6, errors);
    fflush(stdout);
}

/* Each repetition: one thread on the first CPU this process may use, one on
 * the second, then two threads, one on each. The two CPUs of a VM need not
 * be equally fast (on the benchmark's VM one thread ran at 2,070 or 3,280
 * documents/s depending on which vCPU the scheduler gave it, two threads at
 * 5,370 every time), so the comparison is with the mean of both: a thread
 * that the scheduler puts on either. Unpinned when fewer than two CPUs. */
static void run_threads(const doc *docs, int ndocs)
{
    int cpus[2], ncpus = 0;
    cpu_set_t allowed;
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0)
        for (int c = 0; c < CPU_SETSIZE && ncpus < 2; c++)
            if (CPU_ISSET(c, &allowed))
                cpus[ncpus++] = c;
    for (int rep = 0; rep < cfg.thread_reps; rep++) {
        if (ncpus < 2) {
            run_workers(docs, ndocs, rep, 1, NULL);
            run_workers(docs, ndocs, rep, 2, NULL);
            continue;
        }
        run_workers(docs, ndocs, rep, 1, &cpus[0]);
        run_workers(docs, ndocs, rep, 1, &cpus[1]);
        run_workers(docs, ndocs, rep, 2, cpus);
    }
}

static int read_file(const char *path, doc *d)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    if (!buf)
        return -1;
    buf[len] = '\0';
    d->path = (char *)path;
    d->data = buf;
    d->len = len;
    return 0;
}

/* A "VmRSS:"-style field of /proc/self/status, in KiB; -1 if missing. */
static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long kb = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0) {
            kb = atol(line + n);
            break;
        }
    fclose(f);
    return kb;
}

static void run_memory(const doc *d)
{
    char *out = NULL;
    size_t out_len = 0;
    long before = status_kb("VmRSS:");
    sanitize_status st = SANITIZE_OK;
    for (int call = 0; call < 3 && st == SANITIZE_OK; call++) {
        st = sanitize_html(g_policy, d->data, d->len, &out, &out_len);
        sanitize_free(out);
    }
    long peak = status_kb("VmHWM:"), after = status_kb("VmRSS:");
    printf("{\"runner\":\"c\",\"impl\":\"libsanitize-c\",\"mode\":\"memory\",\"file\":\"%s\","
           "\"bytes_in\":%zu,\"ok\":%s,\"rss_before_kb\":%ld,\"rss_peak_kb\":%ld,"
           "\"rss_after_kb\":%ld}\n",
           d->path, d->len, st == SANITIZE_OK ? "true" : "false", before, peak, after);
}

static void usage(void)
{
    fputs("usage: bench_c [--modes sanitize,gumbo,gumbo_arena,memcpy] [--budget-ms N]\n"
          "               [--max-doc-ms N] [--sample-us N] [--min-samples N] [--max-samples N]\n"
          "               [--deadline-ms N] [--interleave-files] FILE...\n"
          "       bench_c --threads-scaling [--seconds S] [--reps N] FILE...\n"
          "       bench_c --memory FILE...\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--threads-scaling") == 0) {
            cfg.threads_scaling = 1;
            continue;
        }
        if (strcmp(a, "--memory") == 0) {
            cfg.memory = 1;
            continue;
        }
        if (strcmp(a, "--interleave-files") == 0) {
            cfg.interleave_files = 1;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (!v)
            usage();
        i++;
        if (strcmp(a, "--modes") == 0) {
            memset(cfg.modes, 0, sizeof cfg.modes);
            char *list = strdup(v), *save = NULL;
            for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                int found = 0;
                for (int m = 0; m < MODE_COUNT; m++)
                    if (strcmp(t, mode_names[m]) == 0)
                        cfg.modes[m] = found = 1;
                if (!found)
                    usage();
            }
            free(list);
        } else if (strcmp(a, "--budget-ms") == 0) {
            cfg.budget_ms = atof(v);
        } else if (strcmp(a, "--max-doc-ms") == 0) {
            cfg.max_doc_ms = atof(v);
        } else if (strcmp(a, "--sample-us") == 0) {
            cfg.sample_us = atof(v);
        } else if (strcmp(a, "--min-samples") == 0) {
            cfg.min_samples = atoi(v);
        } else if (strcmp(a, "--max-samples") == 0) {
            cfg.max_samples = atoi(v);
        } else if (strcmp(a, "--deadline-ms") == 0) {
            cfg.deadline_ms = atof(v);
        } else if (strcmp(a, "--seconds") == 0) {
            cfg.thread_seconds = atof(v);
        } else if (strcmp(a, "--reps") == 0) {
            cfg.thread_reps = atoi(v);
        } else {
            usage();
        }
    }
    if (i >= argc || cfg.max_samples < 1)
        usage();

    sanitize_status s = sanitize_policy_new_preset(SANITIZE_PRESET_UGC, &g_policy);
    if (s != SANITIZE_OK) {
        fprintf(stderr, "bench_c: sanitize_policy_new_preset: %s\n", sanitize_status_str(s));
        return 2;
    }
    sanitize_policy_freeze(g_policy);
    printf("{\"runner\":\"c\",\"meta\":true,\"impl\":\"libsanitize-c\",\"version\":\"%s\","
           "\"gumbo\":\"0.10.1\",\"rss_start_kb\":%ld}\n",
           sanitize_version(), peak_rss_kb());

    int ndocs = argc - i;
    doc *docs = calloc((size_t)ndocs, sizeof *docs);
    for (int k = 0; k < ndocs; k++) {
        if (read_file(argv[i + k], &docs[k]) != 0) {
            fprintf(stderr, "bench_c: %s: %s\n", argv[i + k], strerror(errno));
            return 2;
        }
    }
    if (cfg.threads_scaling) {
        run_threads(docs, ndocs);
    } else if (cfg.memory) {
        for (int k = 0; k < ndocs; k++)
            run_memory(&docs[k]);
    } else if (cfg.interleave_files) {
        run_group(docs, ndocs);
    } else {
        for (int k = 0; k < ndocs; k++)
            run_group(&docs[k], 1);
    }
    for (int k = 0; k < ndocs; k++)
        free(docs[k].data);
    free(docs);
    free(g_copy);
    sanitize_policy_free(g_policy);
    return 0;
}
