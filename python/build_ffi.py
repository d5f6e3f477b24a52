#!/usr/bin/env python3
"""Generate the C source of the ``libsanitize._native`` CFFI extension.

Usage::

    build_ffi.py path/to/libsanitize.h path/to/_native.c

The declarations come from the region of the public header between
``/* BEGIN CFFI DECLARATIONS */`` and ``/* END CFFI DECLARATIONS */``: comments
and the ``SANITIZE_API`` export macro are stripped and the rest is handed to
``ffi.cdef()`` unchanged. Nothing is copied by hand, so editing the header
regenerates the module (meson lists the header as an input of this step).

The only declarations written here are the ``extern "Python"`` trampolines,
which are Python-side glue (cffi turns them into C functions that call the
Python functions registered with ``@ffi.def_extern``), not copies of the
header. Their signatures must match the header's callback typedefs: the C
compiler checks that when the generated code is compiled, and cffi checks it
again when Python passes them to the ``sanitize_policy_set_*`` functions.

The generated module is API mode, out of line: cffi releases the GIL around
every call into the library.
"""

import contextlib
import io
import os
import re
import sys

import cffi

BEGIN = "/* BEGIN CFFI DECLARATIONS */"
END = "/* END CFFI DECLARATIONS */"

# Python-side callbacks, one per callback typedef of the header.
PYTHON_CALLBACKS = """
extern "Python" sanitize_filter_result _ls_attribute_filter(
    void *, const char *, const char *, const char *, size_t, sanitize_value_sink *);
extern "Python" int _ls_url_callback(void *, const char *, size_t);
extern "Python" int _ls_style_callback(void *, const char *, const char *, size_t);
"""


def extract_declarations(header_text: str) -> str:
    """Return the cdef-ready text of the marked region of the header."""
    try:
        start = header_text.index(BEGIN) + len(BEGIN)
        end = header_text.index(END, start)
    except ValueError:
        raise SystemExit(f"build_ffi: markers {BEGIN!r} / {END!r} not found in the header")
    region = header_text[start:end]
    # Comments first (block, then line), then the export macro.
    region = re.sub(r"/\*.*?\*/", " ", region, flags=re.S)
    region = re.sub(r"//[^\n]*", " ", region)
    region = re.sub(r"\bSANITIZE_API\b", " ", region)
    if re.search(r"^\s*#", region, flags=re.M):
        raise SystemExit("build_ffi: preprocessor lines inside the CFFI region are not supported")
    # Tidy: collapse the blank lines the comments left behind.
    region = re.sub(r"[ \t]+\n", "\n", region)
    region = re.sub(r"\n{3,}", "\n\n", region)
    return region.strip() + "\n"


def make_ffi(header_path: str) -> cffi.FFI:
    with open(header_path, encoding="utf-8") as f:
        decls = extract_declarations(f.read())
    ffi = cffi.FFI()
    ffi.cdef(decls)
    ffi.cdef(PYTHON_CALLBACKS)
    ffi.set_source(
        "libsanitize._native",
        '#include "libsanitize.h"',
        # The library is linked by meson (py.extension_module); nothing else.
    )
    return ffi


def main(argv: list) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    header, output = argv[1], argv[2]
    ffi = make_ffi(header)
    tmp = output + ".tmp"
    with contextlib.redirect_stdout(io.StringIO()):  # cffi prints "generating ..."
        ffi.emit_c_code(tmp)
    os.replace(tmp, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
