/* Tests of the CSS module: the built-in handlers and whole-attribute cases
 * from golden files, the rule semantics, hostile-input bounds (linear time,
 * bounded output) and allocation failures.
 * Usage: test_css GOLDEN_DIR */
#include <gumbo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../libsanitize/alloc.h"
#include "../../libsanitize/css/declarations.h"
#include "../../libsanitize/css/handlers.h"
#include "../../libsanitize/css/style_rules.h"

static int passed, failed;

static void check(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void check(int ok, const char *file, int line, const char *fmt, ...)
{
    if (ok) {
        passed++;
        return;
    }
    failed++;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL %s:%d: ", file, line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
#define CHECK(cond, ...) check((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)

/* Test URL policy: http, https and scheme-less URLs. */
static bool check_url(const void *ctx, const char *url, size_t len)
{
    (void)ctx;
    size_t i = 0;
    while (i < len && url[i] != ':' && url[i] != '/' && url[i] != '?' && url[i] != '#')
        i++;
    if (i == len || url[i] != ':')
        return true;
    return (i == 4 && strncmp(url, "http", 4) == 0) || (i == 5 && strncmp(url, "https", 5) == 0);
}

static const sz_css_urls urls_off = {false, NULL, NULL};
static const sz_css_urls urls_on = {true, check_url, NULL};

/* Sanitizes and returns a malloc'd copy of the output ("" when empty). */
static char *run(const sz_style_rules *rules, int tag, const char *name, const char *css,
                 size_t len, const sz_css_urls *urls)
{
    sz_buf out;
    sz_buf_init(&out);
    sz_style_sanitize(rules, tag, name, css, len, urls, &out);
    size_t n;
    char *s = sz_buf_take(&out, &n);
    if (!s) {
        fprintf(stderr, "unexpected allocation failure\n");
        exit(2);
    }
    return s;
}

static sz_style_rules *std_rules(void)
{
    sz_style_rules *r;
    if (sz_style_rules_new(&r) != SANITIZE_OK || sz_style_allow_standard(r) != SANITIZE_OK)
        exit(2);
    return r;
}

static sz_style_rules *strict_rules(void)
{
    sz_style_rules *r;
    if (sz_style_rules_new(&r) != SANITIZE_OK ||
        sz_style_allow(r, "color", SZ_ANY_ELEMENT, NULL, NULL) != SANITIZE_OK ||
        sz_style_allow(r, "font-size", SZ_ANY_ELEMENT, NULL, "^[0-9]+px$") != SANITIZE_OK)
        exit(2);
    return r;
}

/* Replaces the {NUL} {TAB} {NL} {CR} {FF} placeholders in place. */
static size_t unplace(char *s)
{
    static const struct {
        const char *name;
        char c;
    } ph[] = {{"{NUL}", '\0'}, {"{TAB}", '\t'}, {"{NL}", '\n'}, {"{CR}", '\r'}, {"{FF}", '\f'}};
    size_t r = 0, w = 0, n = strlen(s);
    while (r < n) {
        size_t k;
        for (k = 0; k < sizeof ph / sizeof *ph; k++) {
            size_t m = strlen(ph[k].name);
            if (strncmp(s + r, ph[k].name, m) == 0) {
                s[w++] = ph[k].c;
                r += m;
                break;
            }
        }
        if (k == sizeof ph / sizeof *ph)
            s[w++] = s[r++];
    }
    s[w] = '\0';
    return w;
}

static FILE *open_golden(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    return f;
}

static char *chomp(char *line)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n'))
        line[--n] = '\0';
    return line;
}

static void test_handlers(const char *dir)
{
    FILE *f = open_golden(dir, "handlers.txt");
    sz_style_rules *rules = std_rules();
    static char line[2048];
    char seen[1024] = {0};
    size_t nprops = 0;
    while (sz_css_prop_name(nprops))
        nprops++;
    CHECK(nprops < sizeof seen, "too many properties");
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *prop = line;
        char *good = strchr(prop, '\t');
        char *bad = good ? strchr(good + 1, '\t') : NULL;
        if (!good || !bad) {
            CHECK(0, "malformed handlers.txt line: %s", line);
            continue;
        }
        *good++ = '\0';
        *bad++ = '\0';
        for (size_t i = 0; i < nprops; i++)
            if (strcmp(sz_css_prop_name(i), prop) == 0)
                seen[i] = 1;
        for (int pass = 0; pass < 2; pass++) {
            char *list = pass == 0 ? good : bad;
            char *save = NULL;
            for (char *v = strtok_r(list, "|", &save); v; v = strtok_r(NULL, "|", &save)) {
                while (*v == ' ')
                    v++;
                size_t vl = strlen(v);
                while (vl && v[vl - 1] == ' ')
                    v[--vl] = '\0';
                char css[4200], want[4200];
                snprintf(css, sizeof css, "%s: %s", prop, v);
                snprintf(want, sizeof want, "%s: %s", prop, pass == 0 ? v : "");
                char *got = run(rules, GUMBO_TAG_P, "p", css, strlen(css), &urls_off);
                if (pass == 0)
                    CHECK(strcmp(got, want) == 0, "[%s] accept \"%s\": got \"%s\"", prop, v, got);
                else
                    CHECK(got[0] == '\0', "[%s] reject \"%s\": got \"%s\"", prop, v, got);
                free(got);
            }
        }
        /* CSS-wide keywords pass everywhere. */
        char css[2100];
        snprintf(css, sizeof css, "%s: inherit", prop);
        char *got = run(rules, GUMBO_TAG_P, "p", css, strlen(css), &urls_off);
        CHECK(strcmp(got, css) == 0, "[%s] inherit: got \"%s\"", prop, got);
        free(got);
    }
    for (size_t i = 0; i < nprops; i++)
        CHECK(seen[i], "handlers.txt has no line for %s", sz_css_prop_name(i));
    fclose(f);
    sz_style_rules_free(rules);
}

static void test_cases(const char *dir)
{
    FILE *f = open_golden(dir, "cases.txt");
    sz_style_rules *std = std_rules(), *strict = strict_rules();
    static char line[65536];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        chomp(line);
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *setup = line;
        char *in = strchr(setup, '\t');
        char *want = in ? strchr(in + 1, '\t') : NULL;
        if (!in || !want) {
            CHECK(0, "cases.txt:%d: malformed", lineno);
            continue;
        }
        *in++ = '\0';
        *want++ = '\0';
        size_t inlen = unplace(in);
        unplace(want);
        const sz_style_rules *rules = strcmp(setup, "strict") == 0 ? strict : std;
        const sz_css_urls *urls = strcmp(setup, "url") == 0 ? &urls_on : &urls_off;
        char *got = run(rules, GUMBO_TAG_SPAN, "span", in, inlen, urls);
        CHECK(strcmp(got, want) == 0, "cases.txt:%d: want \"%s\", got \"%s\"", lineno, want, got);
        /* The canonical form is a fixed point. */
        char *again = run(rules, GUMBO_TAG_SPAN, "span", got, strlen(got), urls);
        CHECK(strcmp(again, got) == 0, "cases.txt:%d: second pass changed \"%s\" to \"%s\"",
              lineno, got, again);
        free(again);
        free(got);
    }
    fclose(f);
    sz_style_rules_free(std);
    sz_style_rules_free(strict);
}

static void test_table_sorted(void)
{
    for (size_t i = 1; sz_css_prop_name(i); i++)
        CHECK(strcmp(sz_css_prop_name(i - 1), sz_css_prop_name(i)) < 0,
              "property table not sorted at %s", sz_css_prop_name(i));
}

static void expect(const sz_style_rules *r, int tag, const char *name, const char *css,
                   const char *want, int line)
{
    char *got = run(r, tag, name, css, strlen(css), &urls_off);
    check(strcmp(got, want) == 0, __FILE__, line, "<%s style=\"%s\">: want \"%s\", got \"%s\"",
          name, css, want, got);
    free(got);
}
#define EXPECT(r, tag, name, css, want) expect(r, tag, name, css, want, __LINE__)

static int calls;
static int cb_small(void *ud, const char *property, const char *value, size_t len)
{
    calls++;
    CHECK(ud == &calls, "user data passed through");
    CHECK(strcmp(property, "width") == 0, "callback property: %s", property);
    return len <= 4 && value[len - 1] == 'x';
}

static void test_rules(void)
{
    sz_style_rules *r;
    CHECK(sz_style_rules_new(&r) == SANITIZE_OK, "new");
    CHECK(!sz_style_in_scope(r, GUMBO_TAG_P, "p"), "empty rules are out of scope");

    /* Element rules take precedence over pattern rules; globals always apply. */
    sz_regex *re;
    CHECK(sz_regex_compile("^h[1-6]$", &re) == SANITIZE_OK, "compile");
    CHECK(sz_style_allow(r, "text-align", GUMBO_TAG_P, NULL, NULL) == SANITIZE_OK, "allow");
    CHECK(sz_style_allow(r, "color", SZ_ANY_ELEMENT, re, NULL) == SANITIZE_OK, "matching");
    sz_regex_unref(re);
    CHECK(sz_style_in_scope(r, GUMBO_TAG_P, "p"), "p in scope");
    CHECK(sz_style_in_scope(r, GUMBO_TAG_H2, "h2"), "h2 in scope");
    CHECK(!sz_style_in_scope(r, GUMBO_TAG_DIV, "div"), "div out of scope");
    EXPECT(r, GUMBO_TAG_P, "p", "text-align: center; color: red", "text-align: center");
    EXPECT(r, GUMBO_TAG_H2, "h2", "text-align: center; color: red", "color: red");
    EXPECT(r, GUMBO_TAG_DIV, "div", "text-align: center; color: red", "");

    const char *vals[] = {"Bold", "normal"};
    CHECK(sz_style_allow_values(r, "font-weight", SZ_ANY_ELEMENT, vals, 2) == SANITIZE_OK,
          "values");
    CHECK(sz_style_in_scope(r, GUMBO_TAG_DIV, "div"), "global rule puts div in scope");
    EXPECT(r, GUMBO_TAG_DIV, "div", "font-weight: BOLD; font-weight: 700", "font-weight: BOLD");
    EXPECT(r, GUMBO_TAG_P, "p", "font-weight: normal", "font-weight: normal");

    /* A regex sees the lower-cased canonical value. */
    CHECK(sz_style_allow(r, "margin", GUMBO_TAG_DIV, NULL, "^[0-9]+px( [0-9]+px)*$") ==
              SANITIZE_OK,
          "regex");
    EXPECT(r, GUMBO_TAG_DIV, "div", "margin:1PX   2px", "margin: 1PX 2px");
    EXPECT(r, GUMBO_TAG_DIV, "div", "margin: auto", "");
    /* Regex rules still go through the value screen. */
    CHECK(sz_style_allow(r, "content", SZ_ANY_ELEMENT, NULL, ".*") == SANITIZE_OK, "any");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: 'x'", "content: 'x'");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: url(x)", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: expression(1)", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: '\\22 '", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: '<'", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: 'javascript:x'", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: -WEBKIT-IMAGE-SET('x' 1x)", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: IMAGE-set('x' 1x)", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: -Moz-Element(#x)", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: \\69mage('x')", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: VAR(--x)", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: Src('x')", "");
    EXPECT(r, GUMBO_TAG_DIV, "div", "content: counter(x)", "content: counter(x)");

    calls = 0;
    CHECK(sz_style_allow_callback(r, "WIDTH", SZ_ANY_ELEMENT, cb_small, &calls) == SANITIZE_OK,
          "callback");
    EXPECT(r, GUMBO_TAG_DIV, "div", "width: 10px; width: 1000px; width: 5em",
           "width: 10px");
    CHECK(calls == 3, "callback called %d times", calls);

    /* Vendor prefixes are stripped for the lookup, kept in the output. */
    CHECK(sz_style_allow(r, "-webkit-user-select", SZ_ANY_ELEMENT, NULL, NULL) == SANITIZE_OK,
          "prefixed rule");
    EXPECT(r, GUMBO_TAG_DIV, "div", "-Moz-User-Select: none; user-select: none",
           "-moz-user-select: none; user-select: none");

    /* Refused property names. */
    CHECK(sz_style_allow(r, "behavior", SZ_ANY_ELEMENT, NULL, ".*") ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "behavior");
    CHECK(sz_style_allow(r, "-moz-binding", SZ_ANY_ELEMENT, NULL, ".*") ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "binding");
    CHECK(sz_style_allow(r, "--x", SZ_ANY_ELEMENT, NULL, ".*") == SANITIZE_ERR_INVALID_ARGUMENT,
          "custom property");
    CHECK(sz_style_allow(r, "col or", SZ_ANY_ELEMENT, NULL, NULL) ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "space in name");
    CHECK(sz_style_allow(r, "x", SZ_ANY_ELEMENT, NULL, "(") == SANITIZE_ERR_BAD_REGEX, "regex");
    CHECK(sz_style_allow_values(r, "x", SZ_ANY_ELEMENT, vals, 0) ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "no values");
    CHECK(sz_style_allow_callback(r, "x", SZ_ANY_ELEMENT, NULL, NULL) ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "no callback");

    /* position: fixed is not built in, but a rule can add it. */
    const char *fixed[] = {"fixed"};
    sz_style_rules *pos = std_rules();
    EXPECT(pos, GUMBO_TAG_DIV, "div", "position: fixed; position: relative", "position: relative");
    CHECK(sz_style_allow_values(pos, "position", SZ_ANY_ELEMENT, fixed, 1) == SANITIZE_OK, "fixed");
    EXPECT(pos, GUMBO_TAG_DIV, "div", "position: fixed; position: relative",
           "position: fixed; position: relative");
    sz_style_rules_free(pos);

    /* Unknown property with no pattern: rejected. */
    CHECK(sz_style_allow(r, "zoom", SZ_ANY_ELEMENT, NULL, NULL) == SANITIZE_OK, "zoom");
    EXPECT(r, GUMBO_TAG_DIV, "div", "zoom: 2", "");

    /* A clone behaves the same and is independent. */
    sz_style_rules *c;
    CHECK(sz_style_rules_clone(r, &c) == SANITIZE_OK, "clone");
    sz_style_rules_free(r);
    EXPECT(c, GUMBO_TAG_H2, "h2", "text-align: center; color: red", "color: red");
    EXPECT(c, GUMBO_TAG_DIV, "div", "font-weight: BOLD", "font-weight: BOLD");
    sz_style_rules *none;
    CHECK(sz_style_rules_clone(NULL, &none) == SANITIZE_OK && none == NULL, "clone NULL");
    sz_style_rules_free(c);
    sz_style_rules_free(NULL);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: a busy machine does not count */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Builds `reps` copies of `unit` (plus prefix) and times one sanitize. */
static double timed(const sz_style_rules *r, const char *prefix, const char *unit, size_t reps,
                    size_t *out_len, size_t *in_len)
{
    size_t pl = strlen(prefix), ul = strlen(unit);
    size_t n = pl + ul * reps;
    char *css = malloc(n + 1);
    if (!css)
        exit(2);
    memcpy(css, prefix, pl);
    for (size_t i = 0; i < reps; i++)
        memcpy(css + pl + i * ul, unit, ul);
    css[n] = '\0';
    double t0 = now();
    char *got = run(r, GUMBO_TAG_DIV, "div", css, n, &urls_on);
    double t = now() - t0;
    *out_len = strlen(got);
    *in_len = n;
    free(got);
    free(css);
    return t;
}

/* Linear time: 16x the input may cost at most 64x the time. Quadratic work
 * would cost 256x; the slack covers noise on a busy machine, caches (the
 * small input fits in L2, the large one does not) and sanitizer builds.
 * Best of three runs each. The large input is about 2 MB. */
static void linear(const sz_style_rules *r, const char *prefix, const char *unit)
{
    size_t reps = (2u << 20) / strlen(unit) / 16;
    size_t o1, o2, i1, i2;
    double t1 = 1e9, t2 = 1e9;
    for (int k = 0; k < 3; k++) {
        double a = timed(r, prefix, unit, reps, &o1, &i1);
        double b = timed(r, prefix, unit, reps * 16, &o2, &i2);
        t1 = a < t1 ? a : t1;
        t2 = b < t2 ? b : t2;
    }
    CHECK(t2 < 0.1 || t2 < t1 * 64, "\"%s%s\" x%zu: %.4fs, x16: %.4fs (not linear)", prefix,
          unit, reps, t1, t2);
    CHECK(t2 < 60.0, "\"%s\" x%zu took %.3fs", unit, reps * 16, t2);
    CHECK(o2 <= 2 * i2 + 16, "output %zu for input %zu", o2, i2);
}

static void test_hostile(void)
{
    sz_style_rules *r = std_rules();
    linear(r, "width: ", "(");
    linear(r, "width: calc", "(");
    linear(r, "transform: ", "rotate(");
    linear(r, "", "color: red; ");
    linear(r, "", "margin: 1px 2px 3px 4px; x: y; ");
    linear(r, "font-family: ", "a, ");
    linear(r, "font-family: '", "a");
    linear(r, "", "/*");
    linear(r, "", "\\");
    linear(r, "", "url(");
    linear(r, "", "{[(");
    linear(r, "", "@import x;");
    linear(r, "color: ", "\\72 ");

    /* Deep but valid nesting is refused, shallow is fine. */
    EXPECT(r, GUMBO_TAG_DIV, "div", "width: calc(((1px)))", "width: calc(((1px)))");
    EXPECT(r, GUMBO_TAG_DIV, "div", "width: calc(((((((((1px)))))))))", "");
    /* A declaration after a huge refused one is still read. */
    size_t n = 1 << 20;
    char *css = malloc(n + 32);
    if (!css)
        exit(2);
    memcpy(css, "width: ", 7);
    memset(css + 7, '(', n);
    memcpy(css + 7 + n, ";color:red", 11);
    char *got = run(r, GUMBO_TAG_DIV, "div", css, strlen(css), &urls_off);
    /* The open blocks swallow the rest (CSS Syntax), so nothing survives. */
    CHECK(strcmp(got, "") == 0, "nested: got %.40s", got);
    free(got);
    memset(css + 7, 'x', n);
    got = run(r, GUMBO_TAG_DIV, "div", css, strlen(css), &urls_off);
    CHECK(strcmp(got, "color: red") == 0, "long ident then color: got %.40s", got);
    free(got);
    free(css);
    /* NUL bytes inside and NULL input. */
    got = run(r, GUMBO_TAG_DIV, "div", NULL, 0, &urls_off);
    CHECK(got[0] == '\0', "NULL input");
    free(got);
    sz_style_rules_free(r);
}

#ifdef SZ_FAULT_INJECTION
/* Every allocation failure is reported through out->failed and leaks
 * nothing (run under ASan or valgrind to see leaks). */
static void test_faults(void)
{
    const char *css = "color: red; background: url(http://x/a.png) red; font-family: 'a', b; "
                      "x: y; width: calc(1px + 2px)";
    for (unsigned long k = 1; k < 1000; k++) {
        sz_style_rules *r = NULL, *c = NULL;
        sz_fault_inject_after(k);
        bool ok = sz_style_rules_new(&r) == SANITIZE_OK &&
                  sz_style_allow(r, "color", SZ_ANY_ELEMENT, NULL, NULL) == SANITIZE_OK &&
                  sz_style_allow(r, "width", GUMBO_TAG_DIV, NULL, "px") == SANITIZE_OK &&
                  sz_style_allow_standard(r) == SANITIZE_OK &&
                  sz_style_rules_clone(r, &c) == SANITIZE_OK;
        sz_buf out;
        sz_buf_init(&out);
        if (ok)
            sz_style_sanitize(c, GUMBO_TAG_DIV, "div", css, strlen(css), &urls_on, &out);
        unsigned long made = sz_fault_inject_after(0);
        bool done = ok && !out.failed;
        sz_buf_free(&out);
        sz_style_rules_free(r);
        sz_style_rules_free(c);
        if (made < k) {
            CHECK(done, "no failure injected at %lu yet not done", k);
            break;
        }
        CHECK(!done, "allocation %lu failed but nothing reported it", k);
    }
}
#endif

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s GOLDEN_DIR\n", argv[0]);
        return 2;
    }
    test_table_sorted();
    test_handlers(argv[1]);
    test_cases(argv[1]);
    test_rules();
    test_hostile();
#ifdef SZ_FAULT_INJECTION
    test_faults();
#endif
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
