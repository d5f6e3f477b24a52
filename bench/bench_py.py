"""The Python side of the libsanitize benchmark (docs/performance.md).

Measures ``libsanitize.Policy.ugc().sanitize(text)`` (str in, str out; the
binding's call overhead included) on every file, with the timing protocol of
bench/pyharness.py, and prints one JSON line per file. The output hash lets
bench/run.py check that the binding returns exactly what the C API returns.

With ``--overhead`` it adds, per file, the same call with bytes in and out
and the bare CFFI call (``lib.sanitize_html`` on pre-encoded bytes, output
copied out with ``ffi.unpack``), so that the overhead above C can be split.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import pyharness  # noqa: E402

import libsanitize  # noqa: E402


def main():
    p = pyharness.arg_parser(__doc__)
    p.add_argument("--overhead", action="store_true")
    opts = p.parse_args()
    policy = libsanitize.Policy.ugc()
    pyharness.emit({"runner": "python", "meta": True, "impl": "libsanitize-py",
                    "version": "libsanitize %s (C %s)" % (libsanitize.__version__,
                                                        libsanitize.library_version()),
                    "module": libsanitize.__file__,
                    "python": sys.version.split()[0], "rss_start_kb": pyharness.peak_rss_kb()})
    pyharness.run_files("python", "libsanitize-py", policy.sanitize, opts, with_hash=True)
    if not opts.overhead:
        return
    pyharness.run_files("python", "libsanitize-py-bytes", policy.sanitize, opts, as_text=False,
                        with_hash=True)
    try:
        from libsanitize._native import ffi, lib
        ptr = policy._ptr
    except (ImportError, AttributeError) as e:
        pyharness.emit({"runner": "python", "impl": "libsanitize-cffi-raw", "ok": False,
                        "error": "no raw access: %s" % e})
        return
    out = ffi.new("char **")
    out_len = ffi.new("size_t *")

    def raw(data):
        st = lib.sanitize_html(ptr, data, len(data), out, out_len)
        if st != 0:
            raise RuntimeError("status %d" % st)
        r = ffi.unpack(out[0], out_len[0])
        lib.sanitize_free(out[0])
        return r

    pyharness.run_files("python", "libsanitize-cffi-raw", raw, opts, as_text=False, with_hash=True)


if __name__ == "__main__":
    main()
