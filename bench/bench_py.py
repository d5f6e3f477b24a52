"""The Python side of the libsanitize benchmark (docs/performance.md).

Measures ``libsanitize.Policy.ugc().sanitize(text)`` (str in, str out; the
binding's call overhead included) on every file, with the timing protocol of
bench/pyharness.py, and prints one JSON line per file. The output hash lets
bench/run.py check that the binding returns exactly what the C API returns.

With ``--overhead LOOP`` (the path of build/bench/libbench_c_loop.so) it
then measures, per file, what the binding adds to the C call: batches of C
calls (``bench_c_loop``, loaded with ctypes), of ``sanitize(str)``, of
``sanitize(bytes)`` and of the bare CFFI call (``lib.sanitize_html`` on
bytes, output copied out with ``ffi.unpack``, ``sanitize_free``) take turns
in the same process, and each Python batch is compared with the C batch of
its own turn.
"""

import ctypes
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyharness  # noqa: E402

import libsanitize  # noqa: E402
from libsanitize._native import ffi, lib  # noqa: E402


def main():
    p = pyharness.arg_parser(__doc__)
    p.add_argument("--overhead", metavar="LOOP",
                   help="path of libbench_c_loop.so: also measure the call overhead")
    opts = p.parse_args()
    policy = libsanitize.Policy.ugc()
    pyharness.emit({"runner": "python", "meta": True, "impl": "libsanitize-py",
                    "version": "libsanitize %s (C %s)" % (libsanitize.__version__,
                                                        libsanitize.library_version()),
                    "module": libsanitize.__file__,
                    "python": sys.version.split()[0], "rss_start_kb": pyharness.peak_rss_kb()})
    pyharness.run_files("python", "libsanitize-py", policy.sanitize, opts, with_hash=True)
    if opts.overhead:
        measure_overhead(policy, opts)


def callers(policy, loop_path):
    """The four ways of making one call, each as fn(n, text, data) that makes
    n calls: (name, fn)."""
    loop = ctypes.CDLL(loop_path).bench_c_loop
    loop.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_long]
    loop.restype = ctypes.c_int
    policy.freeze()
    ptr = policy._ptr
    address = int(ffi.cast("uintptr_t", ptr))
    out, out_len = ffi.new("char **"), ffi.new("size_t *")
    sanitize = policy.sanitize

    def c(n, text, data):
        status = loop(address, data, len(data), n)
        if status:
            raise RuntimeError("bench_c_loop: status %d" % status)

    def py_str(n, text, data):
        for _ in range(n):
            sanitize(text)

    def py_bytes(n, text, data):
        for _ in range(n):
            sanitize(data)

    def cffi_raw(n, text, data):
        for _ in range(n):
            if lib.sanitize_html(ptr, data, len(data), out, out_len):
                raise RuntimeError("sanitize_html failed")
            ffi.unpack(out[0], out_len[0])
            lib.sanitize_free(out[0])

    return [("c", c), ("str", py_str), ("bytes", py_bytes), ("raw", cffi_raw)]


def measure_overhead(policy, opts):
    clock = time.process_time_ns
    ways = callers(policy, opts.overhead)
    for path in opts.files:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        data = text.encode("utf-8")
        batch = {}
        for name, fn in ways:
            # Batch sizes from warm runs of 1, 2, 4, ... calls, as in
            # pyharness.measure.
            n = 1
            while True:
                c0 = clock()
                fn(n, text, data)
                us = (clock() - c0) / 1e3
                if us >= opts.sample_us / 10:
                    break
                n *= 2
            batch[name] = max(1, int(opts.sample_us * n / us))
        times = {name: [] for name, _ in ways}
        spent, turn = 0.0, 0
        while turn < opts.max_samples and (turn < opts.min_samples or
                                          spent < opts.budget_ms * 1e3 * len(ways)):
            # Every other turn in reverse order, so that no way always
            # follows the same one.
            for name, fn in (ways if turn % 2 == 0 else ways[::-1]):
                c0 = clock()
                fn(batch[name], text, data)
                us = (clock() - c0) / 1e3
                times[name].append(us / batch[name])
                spent += us
            turn += 1
        rec = {"runner": "python", "impl": "libsanitize-py-overhead", "mode": "overhead",
               "file": path, "bytes_in": len(data), "ok": True, "turns": turn,
               "batches": batch, "clock": "process_cpu"}
        for name in times:
            rec[name + "_median_us"] = pyharness.median(times[name])
            rec[name + "_min_us"] = min(times[name])
            if name != "c":
                rec[name + "_over_us"] = pyharness.median(
                    [t - c for t, c in zip(times[name], times["c"])])
        pyharness.emit(rec)


if __name__ == "__main__":
    main()
