/* sanitize: the command-line front end of libsanitize.
 *
 *   sanitize [--policy strict|ugc|rich-text] [--full-document] [FILE...]
 *
 * Sanitizes each FILE (or standard input) and writes the result to standard
 * output. Exit status: 0 on success, 1 when an input could not be sanitized
 * (the reason is on stderr), 2 on a usage error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libsanitize.h"

static const char usage[] =
    "usage: sanitize [--policy strict|ugc|rich-text] [--full-document] [--verify]\n"
    "                [--max-input BYTES] [FILE...]\n"
    "\n"
    "Sanitizes HTML from each FILE (or standard input, also for '-') and writes\n"
    "it to standard output.\n"
    "\n"
    "  --policy NAME     preset to apply (default: ugc)\n"
    "  --full-document   parse a whole document instead of a body fragment\n"
    "  --verify          re-parse the output and fail if it does not round-trip\n"
    "  --max-input BYTES largest input accepted (default 16 MiB)\n"
    "  --version         print the library version\n"
    "  --help            this text\n"
    "\n"
    "Exit status: 0 success, 1 an input failed, 2 usage error.\n";

static int read_all(FILE *f, char **data, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf)
        return ENOMEM;
    for (;;) {
        if (n == cap) {
            char *bigger = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                return ENOMEM;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                free(buf);
                return EIO;
            }
            break;
        }
    }
    *data = buf;
    *len = n;
    return 0;
}

static int sanitize_stream(sanitize_policy *policy, const char *name, FILE *f)
{
    char *data;
    size_t len;
    int err = read_all(f, &data, &len);
    if (err) {
        fprintf(stderr, "sanitize: %s: %s\n", name, strerror(err));
        return 1;
    }
    char *out;
    size_t out_len;
    sanitize_status st = sanitize_html(policy, data, len, &out, &out_len);
    free(data);
    if (st != SANITIZE_OK) {
        fprintf(stderr, "sanitize: %s: %s\n", name, sanitize_status_str(st));
        return 1;
    }
    int rc = fwrite(out, 1, out_len, stdout) == out_len ? 0 : 1;
    sanitize_free(out);
    if (rc)
        fprintf(stderr, "sanitize: writing output: %s\n", strerror(errno));
    return rc;
}

int main(int argc, char **argv)
{
    sanitize_preset preset = SANITIZE_PRESET_UGC;
    int full = 0, verify = 0, first_file = argc;
    size_t max_input = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("sanitize (libsanitize) %s\n", sanitize_version());
            return 0;
        } else if (strcmp(a, "--policy") == 0 && i + 1 < argc) {
            const char *name = argv[++i];
            if (strcmp(name, "strict") == 0)
                preset = SANITIZE_PRESET_STRICT;
            else if (strcmp(name, "ugc") == 0)
                preset = SANITIZE_PRESET_UGC;
            else if (strcmp(name, "rich-text") == 0)
                preset = SANITIZE_PRESET_RICH_TEXT;
            else {
                fprintf(stderr, "sanitize: unknown policy '%s'\n%s", name, usage);
                return 2;
            }
        } else if (strcmp(a, "--full-document") == 0) {
            full = 1;
        } else if (strcmp(a, "--verify") == 0) {
            verify = 1;
        } else if (strcmp(a, "--max-input") == 0 && i + 1 < argc) {
            char *end;
            errno = 0;
            unsigned long long v = strtoull(argv[++i], &end, 10);
            if (errno || *end || v == 0) {
                fprintf(stderr, "sanitize: bad --max-input '%s'\n", argv[i]);
                return 2;
            }
            max_input = (size_t)v;
        } else if (strcmp(a, "--") == 0) {
            first_file = i + 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "sanitize: unknown option '%s'\n%s", a, usage);
            return 2;
        } else {
            first_file = i;
            break;
        }
    }
    sanitize_policy *policy;
    sanitize_status st = sanitize_policy_new_preset(preset, &policy);
    if (!st && full)
        st = sanitize_policy_set_flag(policy, SANITIZE_FLAG_FULL_DOCUMENT, 1);
    if (!st && verify)
        st = sanitize_policy_set_flag(policy, SANITIZE_FLAG_VERIFY_ROUNDTRIP, 1);
    if (!st && max_input)
        st = sanitize_policy_set_limit(policy, SANITIZE_LIMIT_INPUT_BYTES, max_input);
    if (st) {
        fprintf(stderr, "sanitize: %s\n", sanitize_status_str(st));
        sanitize_policy_free(policy);
        return st == SANITIZE_ERR_INVALID_ARGUMENT ? 2 : 1;
    }
    int rc = 0;
    if (first_file >= argc) {
        rc = sanitize_stream(policy, "<stdin>", stdin);
    } else {
        for (int i = first_file; i < argc; i++) {
            if (strcmp(argv[i], "-") == 0) {
                rc |= sanitize_stream(policy, "<stdin>", stdin);
                continue;
            }
            FILE *f = fopen(argv[i], "rb");
            if (!f) {
                fprintf(stderr, "sanitize: %s: %s\n", argv[i], strerror(errno));
                rc = 1;
                continue;
            }
            rc |= sanitize_stream(policy, argv[i], f);
            fclose(f);
        }
    }
    sanitize_policy_free(policy);
    if (fflush(stdout) != 0)
        rc = 1;
    return rc;
}
