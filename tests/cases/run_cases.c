/* Runs the golden cases: files of the form
 *
 *   === name of the case
 *   policy: strict | ugc | rich-text | permissive
 *   flag: allow-comments        (repeatable; see flag_names below)
 *   status: deadline             (expected error instead of output)
 *   id-prefix: user-             (sanitize_policy_set_id_prefix)
 *   escapes: yes                 (\n \r \t \0 \xHH \\ in input and output)
 *   --- input
 *   ...
 *   --- output
 *   ...
 *
 * The newline before a `---` / `===` line or the end of file is not part of
 * the content. Each case is also checked to be idempotent: sanitizing the
 * expected output gives it back (except with id-prefix). Usage: run_cases FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsanitize.h"
#include "permissive.h"

static int passed, failed;

static const struct {
    const char *name;
    sanitize_flag flag;
} flag_names[] = {
    {"allow-comments", SANITIZE_FLAG_ALLOW_COMMENTS},
    {"space-when-stripping", SANITIZE_FLAG_SPACE_WHEN_STRIPPING},
    {"allow-data-attributes", SANITIZE_FLAG_ALLOW_DATA_ATTRIBUTES},
    {"allow-relative-urls", SANITIZE_FLAG_ALLOW_RELATIVE_URLS},
    {"require-parseable-urls", SANITIZE_FLAG_REQUIRE_PARSEABLE_URLS},
    {"nofollow", SANITIZE_FLAG_NOFOLLOW},
    {"target-blank", SANITIZE_FLAG_TARGET_BLANK_FULLY_QUALIFIED},
    {"verify-roundtrip", SANITIZE_FLAG_VERIFY_ROUNDTRIP},
    {"full-document", SANITIZE_FLAG_FULL_DOCUMENT},
    {"allow-style-urls", SANITIZE_FLAG_ALLOW_STYLE_URLS},
};

static const struct {
    const char *name;
    sanitize_status status;
} status_names[] = {
    {"input-too-large", SANITIZE_ERR_INPUT_TOO_LARGE},
    {"deadline", SANITIZE_ERR_DEADLINE},
    {"memory-budget", SANITIZE_ERR_MEMORY_BUDGET},
    {"roundtrip", SANITIZE_ERR_ROUNDTRIP},
};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    if (!data || fread(data, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(data);
        return NULL;
    }
    fclose(f);
    data[n] = '\0';
    *len = (size_t)n;
    return data;
}

/* Decodes the escapes in place; returns the new length. */
static size_t unescape(char *s, size_t n)
{
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        if (s[r] != '\\' || r + 1 >= n) {
            s[w++] = s[r];
            continue;
        }
        char c = s[++r];
        if (c == 'n') s[w++] = '\n';
        else if (c == 'r') s[w++] = '\r';
        else if (c == 't') s[w++] = '\t';
        else if (c == '0') s[w++] = '\0';
        else if (c == 'x' && r + 2 < n) {
            char hex[3] = {s[r + 1], s[r + 2], 0};
            s[w++] = (char)strtol(hex, NULL, 16);
            r += 2;
        } else s[w++] = c;
    }
    return w;
}

typedef struct {
    char name[256];
    char policy[32];
    char id_prefix[64];
    int flags[32];
    int nflags;
    int status;
    int escapes;
    char *input, *output;
    size_t input_len, output_len;
} test_case;

static sanitize_policy *make_policy(const test_case *c)
{
    sanitize_policy *p = NULL;
    if (strcmp(c->policy, "strict") == 0)
        sanitize_policy_new_preset(SANITIZE_PRESET_STRICT, &p);
    else if (strcmp(c->policy, "ugc") == 0 || !*c->policy)
        sanitize_policy_new_preset(SANITIZE_PRESET_UGC, &p);
    else if (strcmp(c->policy, "rich-text") == 0)
        sanitize_policy_new_preset(SANITIZE_PRESET_RICH_TEXT, &p);
    else if (strcmp(c->policy, "permissive") == 0)
        p = permissive_policy();
    for (int i = 0; p && i < c->nflags; i++)
        sanitize_policy_set_flag(p, (sanitize_flag)c->flags[i], 1);
    if (p && *c->id_prefix)
        sanitize_policy_set_id_prefix(p, c->id_prefix);
    return p;
}

static void run_case(const char *file, test_case *c)
{
    sanitize_policy *p = make_policy(c);
    if (!p) {
        failed++;
        fprintf(stderr, "%s: %s: unknown policy '%s'\n", file, c->name, c->policy);
        return;
    }
    if (c->escapes) {
        c->input_len = unescape(c->input, c->input_len);
        c->output_len = unescape(c->output, c->output_len);
    }
    char *out;
    size_t len;
    sanitize_status st = sanitize_html(p, c->input, c->input_len, &out, &len);
    int ok;
    if (c->status)
        ok = st == (sanitize_status)c->status;
    else
        ok = st == SANITIZE_OK && len == c->output_len && memcmp(out, c->output, len) == 0;
    if (ok && !c->status && !*c->id_prefix) {
        /* Idempotence: the output is a fixed point (not with an id prefix,
         * which is added again on every pass, as in ammonia). */
        char *again;
        size_t again_len;
        ok = sanitize_html(p, out, len, &again, &again_len) == SANITIZE_OK && again_len == len &&
             memcmp(again, out, len) == 0;
        if (!ok)
            fprintf(stderr, "%s: %s: not idempotent: [%.*s]\n", file, c->name, (int)again_len,
                    again ? again : "");
        sanitize_free(again);
    } else if (!ok) {
        fprintf(stderr, "%s: %s\n  got (%s): [%.*s]\n  want: [%.*s]\n", file, c->name,
                sanitize_status_str(st), (int)len, out ? out : "", (int)c->output_len, c->output);
    }
    ok ? passed++ : failed++;
    sanitize_free(out);
    sanitize_policy_free(p);
}

/* Ends the text at the newline before `end` (which starts a marker line). */
static size_t content_length(const char *start, const char *end)
{
    if (end > start && end[-1] == '\n')
        end--;
    return end > start ? (size_t)(end - start) : 0;
}

static void run_file(const char *path)
{
    size_t len;
    char *data = read_file(path, &len);
    if (!data) {
        failed++;
        fprintf(stderr, "%s: cannot read\n", path);
        return;
    }
    char *pos = data, *end = data + len;
    int cases = 0;
    while (pos < end) {
        char *start = strstr(pos, "=== ");
        if (!start || (start != data && start[-1] != '\n'))
            break;
        test_case c = {0};
        char *line_end = strchr(start, '\n');
        if (!line_end)
            break;
        snprintf(c.name, sizeof c.name, "%.*s", (int)(line_end - start - 4), start + 4);
        pos = line_end + 1;
        while (pos < end && strncmp(pos, "--- input\n", 10) != 0) {
            line_end = strchr(pos, '\n');
            if (!line_end)
                line_end = end;
            *line_end = '\0';
            if (strncmp(pos, "policy: ", 8) == 0) {
                snprintf(c.policy, sizeof c.policy, "%s", pos + 8);
            } else if (strncmp(pos, "flag: ", 6) == 0) {
                size_t i = 0;
                while (i < sizeof flag_names / sizeof *flag_names &&
                       strcmp(flag_names[i].name, pos + 6))
                    i++;
                if (i == sizeof flag_names / sizeof *flag_names || c.nflags == 32) {
                    fprintf(stderr, "%s: %s: unknown flag %s\n", path, c.name, pos + 6);
                    failed++;
                } else {
                    c.flags[c.nflags++] = flag_names[i].flag;
                }
            } else if (strncmp(pos, "status: ", 8) == 0) {
                for (size_t i = 0; i < sizeof status_names / sizeof *status_names; i++)
                    if (strcmp(status_names[i].name, pos + 8) == 0)
                        c.status = status_names[i].status;
                if (!c.status) {
                    fprintf(stderr, "%s: %s: unknown status %s\n", path, c.name, pos + 8);
                    failed++;
                }
            } else if (strncmp(pos, "id-prefix: ", 11) == 0) {
                snprintf(c.id_prefix, sizeof c.id_prefix, "%s", pos + 11);
            } else if (strcmp(pos, "escapes: yes") == 0) {
                c.escapes = 1;
            }
            pos = line_end + 1;
        }
        if (pos >= end)
            break;
        c.input = pos + 10;
        char *out_marker = strstr(c.input, "\n--- output\n");
        if (!out_marker) {
            fprintf(stderr, "%s: %s: no output section\n", path, c.name);
            failed++;
            break;
        }
        c.input_len = content_length(c.input, out_marker + 1);
        c.output = out_marker + 12;
        char *next = strstr(c.output, "\n=== ");
        char *stop = next ? next + 1 : end;
        c.output_len = content_length(c.output, stop);
        run_case(path, &c);
        cases++;
        pos = stop;
    }
    if (!cases) {
        fprintf(stderr, "%s: no cases found\n", path);
        failed++;
    }
    free(data);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        run_file(argv[i]);
    printf("%d passed, %d failed\n", passed, failed);
    return failed || !passed;
}
