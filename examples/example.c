/* The smallest complete use of libsanitize: build a policy, sanitize, free.
 * Build: cc example.c $(pkg-config --cflags --libs libsanitize) */
#include <libsanitize.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    sanitize_policy *policy;
    sanitize_status status = sanitize_policy_new_preset(SANITIZE_PRESET_UGC, &policy);
    if (status != SANITIZE_OK) {
        fprintf(stderr, "policy: %s\n", sanitize_status_str(status));
        return 1;
    }
    /* Tailor the preset: open external links in a new tab. */
    sanitize_policy_set_flag(policy, SANITIZE_FLAG_TARGET_BLANK_FULLY_QUALIFIED, 1);

    const char *untrusted = "<p onclick=\"steal()\">Hi <a href=\"https://example.org\">there</a>"
                            "<script>steal()</script></p>";
    char *clean;
    size_t clean_len;
    status = sanitize_html(policy, untrusted, strlen(untrusted), &clean, &clean_len);
    if (status != SANITIZE_OK) {
        fprintf(stderr, "sanitize: %s\n", sanitize_status_str(status));
        sanitize_policy_free(policy);
        return 1;
    }
    printf("%s\n", clean);
    sanitize_free(clean);
    sanitize_policy_free(policy);
    return 0;
}
