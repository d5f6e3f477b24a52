"""What the GIL hand-over costs a binding call, apart from any sanitizing.

    PYTHONPATH=build/python /usr/bin/python3 bench/gil_handover.py

Calls ``lib.sanitize_version()`` (the library's cheapest function; cffi
releases the GIL around it like around every call) in a loop for 0.5 s from
one thread, then from two threads pinned one per CPU, twice each, and prints
calls per second. docs/python.md ("Threads") quotes it.
"""

import os
import threading
import time

from libsanitize._native import lib


def calls_per_s(n_threads, seconds=0.5):
    counts = [0] * n_threads
    cpus = sorted(os.sched_getaffinity(0))
    start = threading.Barrier(n_threads + 1)

    def work(k):
        os.sched_setaffinity(0, {cpus[k % len(cpus)]})  # 0: the calling thread
        start.wait()
        end, done, call = time.monotonic() + seconds, 0, lib.sanitize_version
        while time.monotonic() < end:
            for _ in range(100):
                call()
            done += 100
        counts[k] = done

    threads = [threading.Thread(target=work, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    start.wait()
    for t in threads:
        t.join()
    return sum(counts) / seconds


if __name__ == "__main__":
    for n in (1, 2, 1, 2):
        print("%d thread%s: %.0f calls/s" % (n, "s" if n > 1 else "", calls_per_s(n)))
