/* A tiny test harness: CHECK records a failure with its location and goes
 * on; check_summary() prints the closing "N passed, N failed" line and gives
 * the exit status. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsanitize.h"

static int check_passed, check_failed;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            check_passed++;                                                           \
        } else {                                                                      \
            check_failed++;                                                           \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
        }                                                                             \
    } while (0)

#define CHECK_STATUS(expr, want)                                                      \
    do {                                                                              \
        sanitize_status got_ = (expr);                                                \
        if (got_ == (want)) {                                                         \
            check_passed++;                                                           \
        } else {                                                                      \
            check_failed++;                                                           \
            fprintf(stderr, "%s:%d: %s returned %d (%s), wanted %d\n", __FILE__,      \
                    __LINE__, #expr, got_, sanitize_status_str(got_), (int)(want));   \
        }                                                                             \
    } while (0)

/* sanitize_html_into() gives `want` in a buffer that fits it exactly, and
 * BUFFER_TOO_SMALL with the length in one a byte short. */
static inline int into_agrees(sanitize_policy *p, const char *in, size_t in_len,
                              const char *want, size_t want_len)
{
    char *buf = malloc(want_len + 1);
    size_t len = 99;
    if (!buf)
        return 0;
    int ok = sanitize_html_into(p, in, in_len, buf, want_len + 1, &len) == SANITIZE_OK &&
             len == want_len && memcmp(buf, want, want_len) == 0 && buf[want_len] == '\0';
    len = 99;
    buf[0] = 'x';
    ok = ok && sanitize_html_into(p, in, in_len, want_len ? buf : NULL, want_len, &len) ==
                   SANITIZE_ERR_BUFFER_TOO_SMALL &&
         len == want_len && (!want_len || buf[0] == '\0');
    free(buf);
    return ok;
}

/* sanitize_html_batch() of {in, "", in} gives want, "" and want, joined
 * with a NUL after each. */
static inline int batch_agrees(sanitize_policy *p, const char *in, size_t in_len,
                               const char *want, size_t want_len)
{
    const char *inputs[3] = {in, NULL, in};
    size_t lens[3] = {in_len, 0, in_len}, out_lens[3] = {99, 99, 99};
    sanitize_status statuses[3] = {99, 99, 99};
    char *out = NULL;
    if (sanitize_html_batch(p, 3, inputs, lens, &out, out_lens, statuses) != SANITIZE_OK)
        return 0;
    int ok = statuses[0] == SANITIZE_OK && statuses[1] == SANITIZE_OK &&
             statuses[2] == SANITIZE_OK && out_lens[0] == want_len && out_lens[1] == 0 &&
             out_lens[2] == want_len && memcmp(out, want, want_len) == 0 &&
             out[want_len] == '\0' && out[want_len + 1] == '\0' &&
             memcmp(out + want_len + 2, want, want_len) == 0 && out[2 * want_len + 2] == '\0';
    sanitize_free(out);
    return ok;
}

/* Records whether another entry point gave what sanitize_html() gave. */
static inline void check_agrees_at(const char *file, int line, int agrees, const char *entry,
                                   const char *in)
{
    if (agrees) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "%s:%d: %s(%.200s) does not give the same\n", file, line, entry, in);
    }
}

/* Sanitizes `in` with `p` (through every entry point) and compares the
 * result with `want`. */
static inline void check_sanitize_at(const char *file, int line, sanitize_policy *p,
                                     const char *in, size_t in_len, const char *want)
{
    char *out = NULL;
    size_t len = 0;
    sanitize_status st = sanitize_html(p, in, in_len, &out, &len);
    if (st == SANITIZE_OK && strlen(want) == len && memcmp(out, want, len) == 0 &&
        out[len] == '\0') {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "%s:%d: sanitize(%.200s)\n  got:  %.400s (%s)\n  want: %.400s\n", file,
                line, in, out ? out : "(null)", sanitize_status_str(st), want);
    }
    sanitize_free(out);
    check_agrees_at(file, line, into_agrees(p, in, in_len, want, strlen(want)),
                    "sanitize_html_into", in);
    check_agrees_at(file, line, batch_agrees(p, in, in_len, want, strlen(want)),
                    "sanitize_html_batch", in);
}

#define CHECK_SANITIZE(p, in, want) check_sanitize_at(__FILE__, __LINE__, p, in, strlen(in), want)

static inline sanitize_policy *preset(sanitize_preset which)
{
    sanitize_policy *p = NULL;
    if (sanitize_policy_new_preset(which, &p) != SANITIZE_OK) {
        fprintf(stderr, "cannot build preset %d\n", (int)which);
        exit(99);
    }
    return p;
}

static inline int check_summary(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
