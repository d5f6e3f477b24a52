/* Sanitizes arbitrary bytes with every preset and the permissive policy,
 * and checks what must always hold: no crash (ASan/UBSan do the rest), valid
 * UTF-8 without NUL, and idempotence — sanitizing the output again gives the
 * same bytes, the property mutation XSS breaks. sanitize_html_into() must
 * give the same output, or BUFFER_TOO_SMALL with its length, and
 * sanitize_html_batch() the same outputs. Byte 0 picks
 * the policy (bits 0-1) and whether the buffer fits (bit 2). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cases/permissive.h"
#include "../security/checker.h"
#include "libsanitize.h"

static sanitize_policy *pols[4];

static void setup(void)
{
    if (pols[0])
        return;
    sanitize_policy_new_preset(SANITIZE_PRESET_STRICT, &pols[0]);
    sanitize_policy_new_preset(SANITIZE_PRESET_UGC, &pols[1]);
    sanitize_policy_new_preset(SANITIZE_PRESET_RICH_TEXT, &pols[2]);
    pols[3] = permissive_policy();
    for (int i = 0; i < 4; i++) {
        sanitize_policy_set_limit(pols[i], SANITIZE_LIMIT_CPU_MS, 20000);
        sanitize_policy_freeze(pols[i]);
    }
}

static int valid_utf8(const unsigned char *s, size_t n)
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

static int is_fixed_point(sanitize_policy *p, const char *s, size_t n)
{
    char *again;
    size_t len;
    int same = sanitize_html(p, s, n, &again, &len) == SANITIZE_OK && len == n &&
               memcmp(again, s, n) == 0;
    sanitize_free(again);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size == 0)
        return 0;
    sanitize_policy *p = pols[data[0] % 4];
    char *out;
    size_t len;
    sanitize_status st = sanitize_html(p, (const char *)data + 1, size - 1, &out, &len);
    if (st != SANITIZE_OK) {
        if (st != SANITIZE_ERR_DEADLINE && st != SANITIZE_ERR_MEMORY_BUDGET) {
            fprintf(stderr, "unexpected status %s\n", sanitize_status_str(st));
            abort();
        }
        return 0;
    }
    if (!valid_utf8((const unsigned char *)out, len) || out[len] != '\0') {
        fprintf(stderr, "output is not valid UTF-8\n");
        abort();
    }
    size_t size_into = data[0] & 4 ? len : len + 1, into_len;
    char *into = malloc(size_into ? size_into : 1);
    if (!into)
        abort();
    st = sanitize_html_into(p, (const char *)data + 1, size - 1, into, size_into, &into_len);
    if (into_len != len || (size_into > len ? st != SANITIZE_OK || memcmp(into, out, len + 1)
                                            : st != SANITIZE_ERR_BUFFER_TOO_SMALL ||
                                                  (size_into && into[0]))) {
        fprintf(stderr, "sanitize_html_into disagrees (status %s)\n", sanitize_status_str(st));
        abort();
    }
    free(into);
    /* sanitize_html_batch: the input and its output, as two documents. */
    const char *docs[2] = {(const char *)data + 1, out};
    size_t doc_lens[2] = {size - 1, len}, batch_lens[2];
    sanitize_status statuses[2];
    char *batch, *twice;
    size_t twice_len;
    if (sanitize_html_batch(p, 2, docs, doc_lens, &batch, batch_lens, statuses) != SANITIZE_OK)
        abort(); /* no allocation fails here */
    st = sanitize_html(p, out, len, &twice, &twice_len);
    if (statuses[0] != SANITIZE_OK || batch_lens[0] != len || memcmp(batch, out, len + 1) ||
        statuses[1] != st || batch_lens[1] != (st ? 0 : twice_len) ||
        (!st && memcmp(batch + len + 1, twice, twice_len + 1))) {
        fprintf(stderr, "sanitize_html_batch disagrees\n");
        abort();
    }
    sanitize_free(twice);
    sanitize_free(batch);
    char *again;
    size_t again_len;
    /* The one allowed difference: a reshaped tree (docs/security.md, "Round
     * trip"): same text, no new start tag, and a fixed point itself. */
    if (sanitize_html(p, out, len, &again, &again_len) == SANITIZE_OK &&
        (again_len != len || memcmp(again, out, len) != 0) &&
        !(restructured_only(out, len, again, again_len) && is_fixed_point(p, again, again_len))) {
        fprintf(stderr, "not idempotent (policy %d)\n  once:  %.*s\n  twice: %.*s\n", data[0] % 4,
                (int)len, out, (int)again_len, again);
        abort();
    }
    sanitize_free(again);
    sanitize_free(out);
    return 0;
}
