/* The C side of the Python call-overhead measurement (bench/bench_py.py
 * --overhead): a batch of sanitize_html() + sanitize_free() calls run by C,
 * loaded with ctypes into the Python process that times the binding. Its
 * batches alternate with the binding's, so both see the same machine at the
 * same moment; from a separate bench_c process, the drift of a shared VM
 * between the two runs was larger than the overhead being measured. */
#include <libsanitize.h>

__attribute__((visibility("default"))) int bench_c_loop(sanitize_policy *policy,
                                                        const char *input, size_t input_len,
                                                        long calls);

/* What bench_c's sanitize mode does per call. Returns the first failing
 * status, or 0. */
int bench_c_loop(sanitize_policy *policy, const char *input, size_t input_len, long calls)
{
    for (long i = 0; i < calls; i++) {
        char *out;
        size_t out_len;
        sanitize_status st = sanitize_html(policy, input, input_len, &out, &out_len);
        if (st != SANITIZE_OK)
            return (int)st;
        sanitize_free(out);
    }
    return 0;
}
