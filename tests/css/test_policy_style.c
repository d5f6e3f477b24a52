/* Tests of the public style builder calls (libsanitize/policy_style.c):
 * argument checks, frozen policies, and that a failed call leaves the policy
 * as it was. */
#include <gumbo.h>
#include <stdio.h>
#include <string.h>

#include "libsanitize.h"
#include "../../libsanitize/css/style_rules.h"
#include "../../libsanitize/policy.h"

static int passed, failed;
#define CHECK(cond, msg)                                                                       \
    do {                                                                                       \
        if (cond) {                                                                            \
            passed++;                                                                          \
        } else {                                                                               \
            failed++;                                                                          \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, msg);                     \
        }                                                                                      \
    } while (0)

static int cb(void *ud, const char *property, const char *value, size_t len)
{
    (void)ud;
    (void)property;
    (void)value;
    return len > 0;
}

int main(void)
{
    sanitize_policy *p = NULL;
    CHECK(sanitize_policy_new(&p) == SANITIZE_OK && p, "new policy");
    const char *vals[] = {"left", "right"};

    CHECK(sanitize_policy_allow_style(NULL, "color", NULL, NULL) == SANITIZE_ERR_INVALID_ARGUMENT,
          "NULL policy");
    CHECK(sanitize_policy_allow_style(p, NULL, NULL, NULL) == SANITIZE_ERR_INVALID_ARGUMENT,
          "NULL property");
    CHECK(sanitize_policy_allow_style(p, "", NULL, NULL) == SANITIZE_ERR_INVALID_ARGUMENT,
          "empty property");
    CHECK(sanitize_policy_allow_style(p, "color", "nosuchelement", NULL) ==
              SANITIZE_ERR_UNKNOWN_ELEMENT,
          "unknown element");
    CHECK(sanitize_policy_allow_style(p, "color", NULL, "(") == SANITIZE_ERR_BAD_REGEX,
          "bad value pattern");
    CHECK(sanitize_policy_allow_style(p, "behavior", NULL, ".*") ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "behavior refused");
    CHECK(sanitize_policy_allow_style_on_matching(p, "color", "(", NULL) ==
              SANITIZE_ERR_BAD_REGEX,
          "bad element pattern");
    CHECK(sanitize_policy_allow_style_on_matching(p, "color", NULL, NULL) ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "NULL element pattern");
    CHECK(sanitize_policy_allow_style_values(p, "text-align", NULL, vals, 0) ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "no values");
    CHECK(sanitize_policy_allow_style_values(p, "text-align", NULL, NULL, 2) ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "NULL values");
    CHECK(sanitize_policy_allow_style_callback(p, "width", NULL, NULL, NULL) ==
              SANITIZE_ERR_INVALID_ARGUMENT,
          "NULL callback");
    CHECK(p->styles == NULL, "failed calls leave no style table behind");

    CHECK(sanitize_policy_allow_style(p, "color", "P", NULL) == SANITIZE_OK, "allow on p");
    CHECK(p->styles && sz_style_in_scope(p->styles, GUMBO_TAG_P, "p"), "p in scope");
    CHECK(!sz_style_in_scope(p->styles, GUMBO_TAG_DIV, "div"), "div not in scope");
    CHECK(sanitize_policy_allow_style(p, "color", NULL, "(") == SANITIZE_ERR_BAD_REGEX,
          "bad pattern later");
    CHECK(p->styles != NULL, "existing table kept after a failed call");
    CHECK(sanitize_policy_allow_style_on_matching(p, "color", "^h[1-6]$", NULL) == SANITIZE_OK,
          "matching");
    CHECK(sz_style_in_scope(p->styles, GUMBO_TAG_H3, "h3"), "h3 in scope");
    CHECK(sanitize_policy_allow_style_values(p, "text-align", "td", vals, 2) == SANITIZE_OK,
          "values");
    CHECK(sanitize_policy_allow_style_callback(p, "width", "img", cb, NULL) == SANITIZE_OK,
          "callback");
    CHECK(sz_style_in_scope(p->styles, GUMBO_TAG_IMG, "img"), "img in scope");

    sanitize_policy *c = NULL;
    CHECK(sanitize_policy_clone(p, &c) == SANITIZE_OK && c, "clone");
    CHECK(sanitize_policy_allow_standard_styles(p) == SANITIZE_OK, "standard");
    CHECK(sz_style_in_scope(p->styles, GUMBO_TAG_DIV, "div"), "standard: every element");
    if (c) {
        CHECK(c->styles && c->styles != p->styles, "clone has its own table");
        CHECK(c->styles && !sz_style_in_scope(c->styles, GUMBO_TAG_DIV, "div"),
              "clone not changed by the original");
    }
    CHECK(sanitize_policy_freeze(p) == SANITIZE_OK, "freeze");
    CHECK(sanitize_policy_allow_style(p, "color", NULL, NULL) == SANITIZE_ERR_POLICY_FROZEN,
          "frozen allow");
    CHECK(sanitize_policy_allow_style_on_matching(p, "color", "x", NULL) ==
              SANITIZE_ERR_POLICY_FROZEN,
          "frozen matching");
    CHECK(sanitize_policy_allow_style_values(p, "color", NULL, vals, 2) ==
              SANITIZE_ERR_POLICY_FROZEN,
          "frozen values");
    CHECK(sanitize_policy_allow_style_callback(p, "color", NULL, cb, NULL) ==
              SANITIZE_ERR_POLICY_FROZEN,
          "frozen callback");
    CHECK(sanitize_policy_allow_standard_styles(p) == SANITIZE_ERR_POLICY_FROZEN,
          "frozen standard");
    CHECK(sanitize_policy_allow_standard_styles(NULL) == SANITIZE_ERR_INVALID_ARGUMENT,
          "standard NULL");
    sanitize_policy_free(p);
    sanitize_policy_free(c);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
