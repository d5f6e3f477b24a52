#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>

#include "alloc.h"

struct sz_regex {
    pcre2_code *code;
    pcre2_match_context *limits;
    char *pattern;
    unsigned long refs;
};

/* Patterns come from policy authors, subjects from attackers: bound the work
 * one match may do so that a careless pattern is not a DoS lever. */
enum { MATCH_LIMIT = 100000, DEPTH_LIMIT = 10000 };

sanitize_status sz_regex_compile(const char *pattern, sz_regex **out)
{
    *out = NULL;
    sz_regex *re = sz_calloc(1, sizeof *re);
    if (!re)
        return SANITIZE_ERR_NOMEM;
    re->refs = 1;
    re->pattern = sz_strdup(pattern);
    if (!re->pattern) {
        sz_free(re);
        return SANITIZE_ERR_NOMEM;
    }
    int err;
    PCRE2_SIZE offset;
    re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                             PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_INVALID_UTF, &err,
                             &offset, NULL);
    if (!re->code) {
        sz_free(re->pattern);
        sz_free(re);
        return err == PCRE2_ERROR_NOMEMORY ? SANITIZE_ERR_NOMEM : SANITIZE_ERR_BAD_REGEX;
    }
    /* JIT is an optimisation only: when it is unavailable the interpreter is
     * used, with the same results. */
    (void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
    re->limits = pcre2_match_context_create(NULL);
    if (!re->limits) {
        pcre2_code_free(re->code);
        sz_free(re->pattern);
        sz_free(re);
        return SANITIZE_ERR_NOMEM;
    }
    pcre2_set_match_limit(re->limits, MATCH_LIMIT);
    pcre2_set_depth_limit(re->limits, DEPTH_LIMIT);
    *out = re;
    return SANITIZE_OK;
}

sz_regex *sz_regex_ref(sz_regex *re)
{
    if (re)
        __atomic_add_fetch(&re->refs, 1, __ATOMIC_RELAXED);
    return re;
}

void sz_regex_unref(sz_regex *re)
{
    if (!re || __atomic_sub_fetch(&re->refs, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    pcre2_match_context_free(re->limits);
    pcre2_code_free(re->code);
    sz_free(re->pattern);
    sz_free(re);
}

const char *sz_regex_pattern(const sz_regex *re)
{
    return re->pattern;
}

bool sz_regex_search(const sz_regex *re, const char *subject, size_t len)
{
    /* One ovector pair is all a yes/no search needs; match data is small and
     * per call so that matching stays thread-safe without locks. */
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    if (!md)
        return false;
    int rc = pcre2_match(re->code, (PCRE2_SPTR)(subject ? subject : ""), len, 0, 0, md,
                         re->limits);
    pcre2_match_data_free(md);
    return rc >= 0;
}
