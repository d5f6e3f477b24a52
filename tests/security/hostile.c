/* Hostile inputs: each has a defined result, bounded time and bounded
 * memory. Usage: hostile [PATHOLOGICAL_DIR] (the directory of
 * ../shared/corpus/pathological; its part is skipped when absent).
 *
 * Time must stay linear. The test doubles each generated input and compares
 * the CPU time of the two sizes (best of three runs, so that a loaded machine
 * cannot fake a quadratic ratio): a doubling may cost at most 3x (quadratic
 * would be 4x; linear 2x), or the call must stop cleanly with
 * SANITIZE_ERR_DEADLINE / SANITIZE_ERR_MEMORY_BUDGET within its budget. CPU
 * time is the only measure of gumbo's own work from outside; the bounds are
 * generous on purpose. Output sizes are deterministic and checked exactly. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libsanitize.h"

static int failures;

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void check(int ok, const char *what, const char *detail)
{
    if (!ok) {
        failures++;
        fprintf(stderr, "FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    } else {
        printf("ok   %s\n", what);
    }
}

/* `unit` repeated n times between `head` and `tail`, in an exact-size buffer. */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail, size_t *len)
{
    size_t h = strlen(head), u = strlen(unit), t = strlen(tail);
    *len = h + u * n + t;
    char *s = malloc(*len ? *len : 1);
    memcpy(s, head, h);
    for (size_t i = 0; i < n; i++)
        memcpy(s + h + i * u, unit, u);
    memcpy(s + h + u * n, tail, t);
    return s;
}

static size_t count(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), c = 0;
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0)
            c++;
    return c;
}

static int valid_utf8_no_nul(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                   : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        if (!len || i + len > n || c == 0)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

typedef struct {
    sanitize_status st;
    size_t len;
    size_t elements; /* `<` in the output: start and end tags */
    double ms;
} result;

static result run(sanitize_policy *p, const char *in, size_t n)
{
    result r = {0};
    char *out;
    double t0 = cpu_ms();
    r.st = sanitize_html(p, in, n, &out, &r.len);
    r.ms = cpu_ms() - t0;
    if (r.st == SANITIZE_OK) {
        r.elements = count(out, r.len, "<");
        if (!valid_utf8_no_nul((const unsigned char *)out, r.len)) {
            failures++;
            fprintf(stderr, "FAIL output is not valid UTF-8 without NUL\n");
        }
    }
    sanitize_free(out);
    return r;
}

static int stopped(sanitize_status st)
{
    return st == SANITIZE_ERR_DEADLINE || st == SANITIZE_ERR_MEMORY_BUDGET;
}

static sanitize_policy *slow; /* UGC with SANITIZE_FLAG_NO_FAST_PATH: gumbo */

/* Below this many ms a doubling's time ratio is not judged (see linear1);
 * AddressSanitizer makes everything several times slower. */
#if defined(__SANITIZE_ADDRESS__)
#define NOISE_MS 600
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NOISE_MS 600
#endif
#endif
#ifndef NOISE_MS
#define NOISE_MS 150
#endif

/* Linearity: n and 2n copies of `unit`, best of three CPU times each. */
static void linear1(sanitize_policy *p, const char *name, const char *head, const char *unit,
                   size_t n, const char *tail)
{
    result r[2];
    for (int k = 0; k < 2; k++) {
        size_t len;
        char *in = repeat(head, unit, n << k, tail, &len);
        r[k] = run(p, in, len);
        for (int t = 0; t < 2 && r[k].st == SANITIZE_OK; t++) {
            result again = run(p, in, len);
            if (again.ms < r[k].ms)
                r[k].ms = again.ms;
        }
        free(in);
    }
    char detail[256];
    snprintf(detail, sizeof detail, "n=%zu: %s %.1f ms, %zu B out; 2n: %s %.1f ms, %zu B out", n,
             sanitize_status_str(r[0].st), r[0].ms, r[0].len, sanitize_status_str(r[1].st),
             r[1].ms, r[1].len);
    int ok;
    if (r[0].st == SANITIZE_OK && r[1].st == SANITIZE_OK)
        /* Output at most doubles (plus a constant); time within 3x, or too
         * small to tell quadratic work from noise: at these sizes a
         * quadratic path costs seconds, while a linear one can still jump
         * several-fold when its memory crosses what the allocator keeps
         * mapped (page faults cost ~10 us on the CI's virtual machines). */
        ok = r[1].len <= 2 * r[0].len + 64 && (r[1].ms <= 3.2 * r[0].ms || r[1].ms < NOISE_MS);
    else
        ok = (r[0].st == SANITIZE_OK || stopped(r[0].st)) && stopped(r[1].st);
    char what[512];
    snprintf(what, sizeof what, "linear: %s%s (%s)", name, p == slow ? ", gumbo" : "", detail);
    check(ok, what, NULL);
}

static void linear(sanitize_policy *p, const char *name, const char *head, const char *unit,
                   size_t n, const char *tail)
{
    linear1(p, name, head, unit, n, tail);
    linear1(slow, name, head, unit, n, tail);
}

static void pathological_dir(sanitize_policy *p, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        printf("skip pathological corpus: %s not found\n", dir);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *in = malloc(n > 0 ? (size_t)n : 1);
        size_t got = fread(in, 1, (size_t)n, f);
        fclose(f);
        result r = run(p, in, got);
        /* Default budget: 100 ms + 1 ms per 4 KiB. A deadline may overshoot
         * by one check interval; allow 5x for slow (instrumented) builds. */
        double budget = 100 + (double)got / 4096;
        char what[1024];
        snprintf(what, sizeof what, "pathological %s (%zu B): %s, %.1f ms, %zu B out", e->d_name,
                 got, sanitize_status_str(r.st), r.ms, r.len);
        check((r.st == SANITIZE_OK || stopped(r.st)) && r.ms < 5 * budget + 2000, what, NULL);
        free(in);
    }
    closedir(d);
}

int main(int argc, char **argv)
{
    sanitize_policy *ugc, *big;
    sanitize_policy_new_preset(SANITIZE_PRESET_UGC, &ugc);
    sanitize_policy_clone(ugc, &big);
    sanitize_policy_clone(ugc, &slow);
    sanitize_policy_set_flag(slow, SANITIZE_FLAG_NO_FAST_PATH, 1);
    sanitize_policy_set_limit(big, SANITIZE_LIMIT_CPU_MS, 120000);
    sanitize_policy_set_limit(big, SANITIZE_LIMIT_INPUT_BYTES, (size_t)64 << 20);
    char *out;
    size_t len;
    sanitize_status st;

    /* Invalid UTF-8: every bad byte becomes U+FFFD; output valid. */
    {
        static const char bad[] = "a\xC0\xAF<b>\xED\xA0\x80</b>\xF5\xFF\xE2\x82z\x80";
        st = sanitize_html(ugc, bad, sizeof bad - 1, &out, &len);
        check(st == SANITIZE_OK && valid_utf8_no_nul((unsigned char *)out, len) &&
                  strstr(out, "<b>") && count(out, len, "\xEF\xBF\xBD") >= 5,
              "invalid UTF-8 becomes U+FFFD", out);
        sanitize_free(out);
        unsigned seed = 12345;
        char *noise = malloc(1 << 16);
        for (int i = 0; i < (1 << 16); i++)
            noise[i] = (char)((seed = seed * 1103515245u + 12345u) >> 16);
        result r = run(ugc, noise, 1 << 16);
        check(r.st == SANITIZE_OK, "64 KiB of random bytes", sanitize_status_str(r.st));
        free(noise);
    }
    /* NUL bytes: removed from text, never cut the input short. */
    {
        static const char nul[] = "a\0b<b\0>c\0</b><p title=\"x\0y\">d</p>\0";
        st = sanitize_html(ugc, nul, sizeof nul - 1, &out, &len);
        check(st == SANITIZE_OK && len == strlen(out) && strstr(out, "d</p>") != NULL,
              "NUL bytes", out);
        sanitize_free(out);
    }
    /* ~1 GiB: the size check comes before any read or allocation, so a
     * 1-byte buffer with a 1 GiB length is never touched. */
    {
        char one = 'x';
        st = sanitize_html(ugc, &one, (size_t)1 << 30, &out, &len);
        check(st == SANITIZE_ERR_INPUT_TOO_LARGE && !out && !len,
              "1 GiB input: SANITIZE_ERR_INPUT_TOO_LARGE", sanitize_status_str(st));
        st = sanitize_html(ugc, &one, SIZE_MAX, &out, &len);
        check(st == SANITIZE_ERR_INPUT_TOO_LARGE, "SIZE_MAX input", sanitize_status_str(st));
        check(sanitize_policy_set_limit(big, SANITIZE_LIMIT_INPUT_BYTES, (size_t)1 << 32) ==
                  SANITIZE_ERR_INVALID_ARGUMENT,
              "input limit above 4 GiB - 1 is refused", NULL);
        size_t n;
        char *in = repeat("", "x", ((size_t)16 << 20) + 1, "", &n);
        st = sanitize_html(ugc, in, n, &out, &len);
        check(st == SANITIZE_ERR_INPUT_TOO_LARGE, "16 MiB + 1 with the default limit",
              sanitize_status_str(st));
        free(in);
    }
    /* 100 000-deep nesting: gumbo is quadratic here (73 s CPU): the default
     * budget stops it. 5 000 deep with a big budget: written depth capped at
     * the 256 default, content kept. */
    {
        size_t n;
        char *in = repeat("", "<div>", 100000, "x", &n);
        result r = run(ugc, in, n);
        char d[128];
        snprintf(d, sizeof d, "%s in %.0f ms", sanitize_status_str(r.st), r.ms);
        check((r.st == SANITIZE_OK || stopped(r.st)) && r.ms < 5000,
              "100 000 nested <div>: bounded", d);
        r = run(slow, in, n);
        snprintf(d, sizeof d, "%s in %.0f ms", sanitize_status_str(r.st), r.ms);
        check(stopped(r.st) && r.ms < 5000, "100 000 nested <div>, gumbo: stopped", d);
        free(in);
        in = repeat("", "<div>", 5000, "x", &n);
        st = sanitize_html(big, in, n, &out, &len);
        check(st == SANITIZE_OK && count(out, len, "<div>") == 256 &&
                  count(out, len, "</div>") == 256 && strstr(out, "x"),
              "5 000 nested <div>: 256 written", sanitize_status_str(st));
        sanitize_free(out);
        free(in);
        /* The same through unwrapped elements: no output depth at all. */
        in = repeat("", "<nav>", 5000, "x", &n);
        st = sanitize_html(big, in, n, &out, &len);
        check(st == SANITIZE_OK && strcmp(out, "x") == 0, "5 000 nested unwrapped <nav>", out);
        sanitize_free(out);
        free(in);
    }
    /* 100 000 attributes on one element: distinct names make gumbo's
     * duplicate check quadratic (stopped); one repeated name is linear and
     * deduplicated; 300 distinct allowed ones are cut at the 256 limit. */
    {
        size_t n = 0, cap = 100000 * 16 + 16;
        char *in = malloc(cap);
        n += (size_t)sprintf(in, "<b");
        for (int i = 0; i < 100000; i++)
            n += (size_t)sprintf(in + n, " a%d=%d", i, i);
        n += (size_t)sprintf(in + n, ">x");
        result r = run(ugc, in, n);
        char d[128];
        snprintf(d, sizeof d, "%s in %.0f ms", sanitize_status_str(r.st), r.ms);
        check((r.st == SANITIZE_OK || stopped(r.st)) && r.ms < 5000,
              "100 000 distinct attributes: bounded", d);
        free(in);
        in = repeat("<b", " title=x", 100000, ">y", &n);
        st = sanitize_html(ugc, in, n, &out, &len);
        check(st == SANITIZE_OK && strcmp(out, "<b title=\"x\">y</b>") == 0,
              "100 000 repeated attributes", sanitize_status_str(st));
        sanitize_free(out);
        free(in);
        sanitize_policy *perm;
        sanitize_policy_new(&perm);
        sanitize_policy_allow_element(perm, "b");
        sanitize_policy_allow_attribute_prefix(perm, "a");
        in = malloc(300 * 16 + 16);
        n = (size_t)sprintf(in, "<b");
        for (int i = 0; i < 300; i++)
            n += (size_t)sprintf(in + n, " a%d=%d", i, i);
        n += (size_t)sprintf(in + n, ">x");
        st = sanitize_html(perm, in, n, &out, &len);
        check(st == SANITIZE_OK && count(out, len, "=\"") == 256,
              "300 allowed attributes: 256 kept", sanitize_status_str(st));
        sanitize_free(out);
        free(in);
        sanitize_policy_free(perm);
    }
    /* A 10 MB attribute value (allowed, kept) and a 10 MB URL. */
    {
        size_t n;
        char *in = repeat("<p title=\"", "a", 10 << 20, "\">x</p>", &n);
        st = sanitize_html(big, in, n, &out, &len);
        check(st == SANITIZE_OK && len == n, "10 MB attribute value kept",
              sanitize_status_str(st));
        sanitize_free(out);
        free(in);
        in = repeat("<a href=\"https://x/", "a", 10 << 20, "\">x</a>", &n);
        st = sanitize_html(big, in, n, &out, &len);
        check(st == SANITIZE_OK && len > (size_t)10 << 20, "10 MB URL kept",
              sanitize_status_str(st));
        sanitize_free(out);
        free(in);
    }
    /* 1 000 000 unclosed tags. */
    {
        size_t n;
        char *in = repeat("", "<b>", 1000000, "x", &n);
        result r = run(ugc, in, n);
        char d[128];
        snprintf(d, sizeof d, "%s in %.0f ms", sanitize_status_str(r.st), r.ms);
        check((r.st == SANITIZE_OK || stopped(r.st)) && r.ms < 10000,
              "1 000 000 unclosed <b>: bounded", d);
        free(in);
        in = repeat("", "<p>x", 1000000, "", &n);
        r = run(ugc, in, n);
        snprintf(d, sizeof d, "%s in %.0f ms, %zu B", sanitize_status_str(r.st), r.ms, r.len);
        check((r.st == SANITIZE_OK && r.len == 1000000 * 8) || stopped(r.st),
              "1 000 000 unclosed <p>", d);
        free(in);
    }
    /* Entity floods. */
    {
        size_t n;
        char *in = repeat("", "&amp;", 1000000, "", &n);
        st = sanitize_html(big, in, n, &out, &len);
        check(st == SANITIZE_OK && len == n, "1 000 000 &amp;", sanitize_status_str(st));
        sanitize_free(out);
        free(in);
        in = repeat("<p title=\"", "&#x61;&#98;&eacute;&aacute", 200000, "\">", &n);
        st = sanitize_html(big, in, n, &out, &len);
        check(st == SANITIZE_OK && count(out, len, "ab\xC3\xA9\xC3\xA1") == 200000,
              "800 000 references in an attribute", sanitize_status_str(st));
        sanitize_free(out);
        free(in);
        in = repeat("", "&#4294967356;&#x110000;&#0;&#xD800;&notin&noti;", 100000, "", &n);
        st = sanitize_html(big, in, n, &out, &len);
        check(st == SANITIZE_OK && !memchr(out, '<', len), "invalid reference flood",
              sanitize_status_str(st));
        sanitize_free(out);
        free(in);
    }
    /* Linear time on the patterns gumbo handles in linear time. */
    linear(ugc, "text", "", "lorem ipsum ", 20000, "");
    linear(ugc, "entities", "", "&amp;&#x41;&eacute;", 10000, "");
    linear(ugc, "paragraphs", "", "<p>x</p>", 20000, "");
    linear(ugc, "unclosed <p>", "", "<p>x", 20000, "");
    linear(ugc, "links", "", "<a href=\"http://e.com/\">x</a>", 5000, "");
    linear(ugc, "table cells", "<table>", "<tr><td>x</td></tr>", 5000, "</table>");
    linear(ugc, "unclosed <a>", "", "<a>x", 20000, "");
    linear(ugc, "comments", "", "<!-- c -->", 20000, "");
    linear(ugc, "dropped script", "", "<script>x</script>", 10000, "");
    linear(ugc, "svg <g>", "<svg>", "<g>", 20000, "");
    linear(ugc, "<select><option>", "", "<select><option>x", 10000, "");
    linear(ugc, "one long attribute", "<b title=\"", "abcdefgh", 20000, "\">x");
    linear(ugc, "NUL bytes", "", "\x01\x7f", 20000, "");
    /* Quadratic in gumbo: must be stopped, not run for seconds. */
    linear(ugc, "nested <div> (quadratic in gumbo)", "", "<div>", 40000, "");
    linear(ugc, "distinct <b id> (quadratic in gumbo)", "", "<b id=1>", 40000, "");
    linear(ugc, "<li> in <ul> (quadratic in gumbo)", "<ul>", "<li><ul>", 40000, "");

    if (argc > 1)
        pathological_dir(ugc, argv[1]);
    sanitize_policy_free(ugc);
    sanitize_policy_free(big);
    sanitize_policy_free(slow);
    printf("%s\n", failures ? "FAILED" : "all passed");
    return failures != 0;
}
