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

With ``--threads-scaling`` it measures instead what bench_c's thread mode
measures, through the binding: one thread pinned to each of two CPUs in
turn, then two threads (one per CPU) calling ``sanitize(str)`` on one
frozen policy, for --seconds each, --reps times; one JSON line per run.
The second thread only adds throughput because the binding releases the
GIL during the C call. With ``--batch N``, each call is ``sanitize_many()``
on N documents (one GIL release for the N).
"""

import ctypes
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyharness  # noqa: E402

import libsanitize  # noqa: E402
from libsanitize._native import ffi, lib  # noqa: E402


def main():
    p = pyharness.arg_parser(__doc__)
    p.add_argument("--overhead", metavar="LOOP",
                   help="path of libbench_c_loop.so: also measure the call overhead")
    p.add_argument("--threads-scaling", action="store_true",
                   help="measure one thread against two instead of the files' times")
    p.add_argument("--seconds", type=float, default=1.0, help="wall time of one thread-scaling run")
    p.add_argument("--reps", type=int, default=5, help="thread-scaling repetitions")
    p.add_argument("--batch", type=int, default=0,
                   help="thread scaling with sanitize_many() on lists of this many documents")
    opts = p.parse_args()
    policy = libsanitize.Policy.ugc()
    pyharness.emit({"runner": "python", "meta": True, "impl": "libsanitize-py",
                    "version": "libsanitize %s (C %s)" % (libsanitize.__version__,
                                                        libsanitize.library_version()),
                    "module": libsanitize.__file__,
                    "python": sys.version.split()[0], "rss_start_kb": pyharness.peak_rss_kb()})
    if opts.threads_scaling:
        measure_threads(policy, opts)
        return
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


def run_workers(call, units, rep, cpus, seconds, batch):
    """Threads pinned one per CPU of cpus (None: one unpinned thread) call
    `call` on units (document or list of documents, bytes, documents)
    round-robin for `seconds` of wall time; emits one record."""
    done = [[0, 0, 0.0, 0] for _ in (cpus or [None])]  # docs, bytes, thread CPU s, errors
    start = threading.Barrier(len(done) + 1)

    def work(k):
        if cpus:
            os.sched_setaffinity(0, {cpus[k]})  # 0: the calling thread
        start.wait()
        c0, end, i = time.thread_time(), time.monotonic() + seconds, k * (len(units) // 2)
        mine = done[k]
        while time.monotonic() < end:
            unit, size, count = units[i % len(units)]
            try:
                call(unit)
            except libsanitize.SanitizeError:
                mine[3] += 1
            mine[0] += count
            mine[1] += size
            i += 1
        mine[2] = time.thread_time() - c0

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(done))]
    for t in threads:
        t.start()
    start.wait()
    for t in threads:
        t.join()
    docs, size = sum(d[0] for d in done), sum(d[1] for d in done)
    pyharness.emit({"runner": "python", "impl": "libsanitize-py", "mode": "threads", "rep": rep,
                    "threads": len(done), "cpus": list(cpus or []), "batch": batch,
                    "seconds": seconds, "docs": docs, "bytes": size, "docs_per_s": docs / seconds,
                    "mb_per_s": size / seconds / 1e6,
                    "thread_cpu_s": sum(d[2] for d in done), "errors": sum(d[3] for d in done)})


def measure_threads(policy, opts):
    policy.freeze()
    texts = []
    for path in opts.files:
        with open(path, "rb") as f:
            data = f.read()
        texts.append((data.decode("utf-8", "replace"), len(data)))
    if opts.batch:
        # Lists of opts.batch documents, going round the files.
        docs = [texts[i % len(texts)] for i in range(opts.batch * len(texts))]
        units = [([t for t, _ in docs[j:j + opts.batch]], sum(n for _, n in docs[j:j + opts.batch]),
                  opts.batch) for j in range(0, len(docs), opts.batch)]
        call = policy.sanitize_many
    else:
        units = [(t, n, 1) for t, n in texts]
        call = policy.sanitize
    allowed = sorted(os.sched_getaffinity(0))[:2]
    for rep in range(opts.reps):
        if len(allowed) < 2:  # as bench_c: unpinned
            run_workers(call, units, rep, None, opts.seconds, opts.batch)
            continue
        for cpu in allowed:
            run_workers(call, units, rep, [cpu], opts.seconds, opts.batch)
        run_workers(call, units, rep, allowed, opts.seconds, opts.batch)


if __name__ == "__main__":
    main()
