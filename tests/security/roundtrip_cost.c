/* The cost of SANITIZE_FLAG_VERIFY_ROUNDTRIP (docs/security.md): process CPU
 * time to sanitize every *.html of a corpus tier R times with the UGC and
 * rich-text presets, without and with the flag; best of 5 rounds.
 * Usage: roundtrip_cost DIR REPETITIONS. Not a test: a measurement. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libsanitize.h"

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: roundtrip_cost DIR REPETITIONS\n");
        return 2;
    }
    int reps = atoi(argv[2]);
    char *bufs[256];
    size_t lens[256], total = 0;
    int nf = 0;
    struct dirent **ents;
    int n = scandir(argv[1], &ents, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        size_t nl = strlen(ents[i]->d_name);
        if (nf < 256 && nl > 5 && strcmp(ents[i]->d_name + nl - 5, ".html") == 0) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[1], ents[i]->d_name);
            FILE *f = fopen(path, "rb");
            if (f) {
                fseek(f, 0, SEEK_END);
                long l = ftell(f);
                fseek(f, 0, SEEK_SET);
                bufs[nf] = malloc(l > 0 ? (size_t)l : 1);
                lens[nf] = fread(bufs[nf], 1, (size_t)l, f);
                total += lens[nf++];
                fclose(f);
            }
        }
        free(ents[i]);
    }
    free(ents);
    for (int preset = SANITIZE_PRESET_UGC; preset <= SANITIZE_PRESET_RICH_TEXT; preset++) {
        sanitize_policy *p, *v;
        sanitize_policy_new_preset((sanitize_preset)preset, &p);
        sanitize_policy_clone(p, &v);
        sanitize_policy_set_flag(v, SANITIZE_FLAG_VERIFY_ROUNDTRIP, 1);
        double best[2] = {1e300, 1e300};
        int failures = 0;
        for (int round = 0; round < 5; round++) {
            for (int k = 0; k < 2; k++) {
                double t = cpu_ms();
                for (int r = 0; r < reps; r++) {
                    for (int i = 0; i < nf; i++) {
                        char *out;
                        size_t len;
                        if (sanitize_html(k ? v : p, bufs[i], lens[i], &out, &len) &&
                            round == 0 && r == 0)
                            failures++;
                        sanitize_free(out);
                    }
                }
                double d = (cpu_ms() - t) / reps;
                if (d < best[k])
                    best[k] = d;
            }
        }
        printf("%s, %s: %d files, %zu bytes: %.2f ms without, %.2f ms with the flag (%+.0f%%); "
               "%d failed verification\n",
               argv[1], preset == SANITIZE_PRESET_UGC ? "ugc" : "rich-text", nf, total, best[0],
               best[1], 100 * (best[1] - best[0]) / best[0], failures);
        sanitize_policy_free(p);
        sanitize_policy_free(v);
    }
    for (int i = 0; i < nf; i++)
        free(bufs[i]);
    return 0;
}
