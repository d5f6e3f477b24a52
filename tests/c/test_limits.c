/* Limits, hostile shapes, threads and re-entrancy. */
#include <pthread.h>

#include "check.h"

static char *repeat(const char *unit, size_t times, const char *tail, size_t *len)
{
    size_t u = strlen(unit), t = strlen(tail);
    char *s = malloc(u * times + t + 1);
    if (!s)
        exit(99);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    memcpy(s + u * times, tail, t + 1);
    *len = u * times + t;
    return s;
}

static sanitize_status run(sanitize_policy *p, const char *in, size_t n, char **out, size_t *len)
{
    return sanitize_html(p, in, n, out, len);
}

typedef struct {
    sanitize_policy *policy;
    const char *input;
    const char *want;
    int mismatches;
} thread_job;

static void *worker(void *arg)
{
    thread_job *job = arg;
    for (int i = 0; i < 2000; i++) {
        char *out;
        size_t len;
        if (sanitize_html(job->policy, job->input, strlen(job->input), &out, &len) != SANITIZE_OK ||
            strcmp(out, job->want) != 0)
            job->mismatches++;
        sanitize_free(out);
    }
    return NULL;
}

static sanitize_filter_result reenter(void *data, const char *element, const char *attr,
                                      const char *value, size_t len, sanitize_value_sink *sink)
{
    (void)element;
    (void)attr;
    /* A filter that sanitizes the value with another policy while the outer
     * call is still running: the thread's arena is busy, so the inner call
     * must use its own. */
    char *inner;
    size_t inner_len;
    if (sanitize_html(data, value, len, &inner, &inner_len) != SANITIZE_OK)
        return SANITIZE_FILTER_DROP;
    sanitize_value_sink_set(sink, inner, inner_len);
    sanitize_free(inner);
    return SANITIZE_FILTER_REPLACE;
}

int main(void)
{
    sanitize_policy *p = preset(SANITIZE_PRESET_UGC);
    char *out;
    size_t len, n;

    /* Input size limit. */
    sanitize_policy *small = preset(SANITIZE_PRESET_UGC);
    CHECK_STATUS(sanitize_policy_set_limit(small, SANITIZE_LIMIT_INPUT_BYTES, 10), SANITIZE_OK);
    CHECK_STATUS(run(small, "0123456789", 10, &out, &len), SANITIZE_OK);
    sanitize_free(out);
    CHECK_STATUS(run(small, "0123456789a", 11, &out, &len), SANITIZE_ERR_INPUT_TOO_LARGE);
    CHECK(out == NULL && len == 0);
    sanitize_policy_free(small);

    /* Depth: elements deeper than the limit are unwrapped, text stays. */
    sanitize_policy *shallow = preset(SANITIZE_PRESET_UGC);
    sanitize_policy_set_limit(shallow, SANITIZE_LIMIT_DEPTH, 2);
    CHECK_SANITIZE(shallow, "<div><div><div><b>x</b></div></div></div>y",
                   "<div><div>x</div></div>y");
    sanitize_policy_free(shallow);

    /* 100 000 nested elements (span: linear for the parser) without recursion
     * anywhere, written at most 256 deep. */
    char *deep = repeat("<span>", 100000, "x", &n);
    sanitize_policy *fast = preset(SANITIZE_PRESET_UGC);
    sanitize_policy_set_limit(fast, SANITIZE_LIMIT_CPU_MS, 600000);
    sanitize_status st = run(fast, deep, n, &out, &len);
    CHECK(st == SANITIZE_OK || st == SANITIZE_ERR_DEADLINE);
    if (st == SANITIZE_OK) {
        size_t opened = 0;
        for (const char *c = out; (c = strstr(c, "<span>")) != NULL; c++)
            opened++;
        CHECK(opened == 256);
        CHECK(len > 0 && out[len - 1] == '>');
    }
    sanitize_free(out);
    free(deep);

    /* Attributes per element: only the first N are looked at. */
    sanitize_policy *few = preset(SANITIZE_PRESET_UGC);
    sanitize_policy_set_limit(few, SANITIZE_LIMIT_ATTRIBUTES, 2);
    CHECK_SANITIZE(few, "<p a=1 b=2 title=t>x</p>", "<p>x</p>");
    CHECK_SANITIZE(few, "<p title=t b=2 c=3>x</p>", "<p title=\"t\">x</p>");
    sanitize_policy_free(few);

    /* The CPU deadline stops gumbo's quadratic cases with its own status
     * (100 000 unclosed <div> take gumbo over a minute)... */
    char *divs = repeat("<div>", 100000, "", &n);
    sanitize_policy *quick = preset(SANITIZE_PRESET_UGC);
    sanitize_policy_set_limit(quick, SANITIZE_LIMIT_CPU_MS, 50);
    sanitize_policy_set_flag(quick, SANITIZE_FLAG_NO_FAST_PATH, 1);
    CHECK_STATUS(run(quick, divs, n, &out, &len), SANITIZE_ERR_DEADLINE);
    CHECK(out == NULL);
    sanitize_policy_free(quick);
    /* ...which the fast parser handles in linear time. */
    quick = preset(SANITIZE_PRESET_UGC);
    sanitize_policy_set_limit(quick, SANITIZE_LIMIT_CPU_MS, 2000);
    CHECK_STATUS(run(quick, divs, n, &out, &len), SANITIZE_OK);
    sanitize_free(out);
    /* Its own work is bounded: unmatched end tags over a deep stack (a
     * quadratic walk) make it give up, and gumbo's deadline applies. */
    free(divs);
    size_t half;
    char *spans = repeat("<span>", 50000, "", &half);
    char *ends = repeat("</x-y>", 50000, "", &n);
    char *both = malloc(half + n + 1);
    memcpy(both, spans, half);
    memcpy(both + half, ends, n + 1);
    sanitize_status bounded = run(quick, both, half + n, &out, &len);
    CHECK(bounded == SANITIZE_OK || bounded == SANITIZE_ERR_DEADLINE);
    sanitize_free(out);
    free(spans);
    free(ends);
    free(both);
    sanitize_policy_free(quick);

    /* The memory budget too. */
    char *many = repeat("<i>x</i>", 200000, "", &n);
    sanitize_policy *tight = preset(SANITIZE_PRESET_UGC);
    sanitize_policy_set_limit(tight, SANITIZE_LIMIT_MEMORY_BYTES, 1 << 20);
    CHECK_STATUS(run(tight, many, n, &out, &len), SANITIZE_ERR_MEMORY_BUDGET);
    sanitize_policy_free(tight);
    /* ...and the same thread sanitizes normally afterwards. */
    CHECK_SANITIZE(p, "<b>after</b>", "<b>after</b>");
    free(many);

    /* F1: the 47-byte input that aborts gumbo 0.10.1. */
    CHECK_STATUS(run(p, "<table><svg><select><foreignObject><select><tr>", 47, &out, &len),
                 SANITIZE_OK);
    sanitize_free(out);

    /* Threads share one frozen policy and agree with one thread. */
    const char *input = "<p onclick=x>Hi <a href=\"https://e.org/\">l</a><script>s</script></p>";
    char *want;
    CHECK_STATUS(run(p, input, strlen(input), &want, &len), SANITIZE_OK);
    thread_job jobs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job){p, input, want, 0};
        CHECK(pthread_create(&threads[i], NULL, worker, &jobs[i]) == 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        CHECK(jobs[i].mismatches == 0);
    }
    sanitize_free(want);

    /* Re-entrancy from a callback. */
    sanitize_policy *outer;
    sanitize_policy_new(&outer);
    sanitize_policy_allow_element(outer, "p");
    sanitize_policy_allow_attribute(outer, "title", NULL, NULL);
    sanitize_policy *inner = preset(SANITIZE_PRESET_STRICT);
    sanitize_policy_set_attribute_filter(outer, reenter, inner);
    CHECK_SANITIZE(outer, "<p title=\"<b>bold</b>\">x</p>", "<p title=\"bold\">x</p>");
    sanitize_policy_free(outer);
    sanitize_policy_free(inner);

    sanitize_policy_free(fast);
    sanitize_policy_free(p);
    return check_summary();
}
