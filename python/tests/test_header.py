"""The extension is generated from the header: nothing is missing or stale."""

import os
import re
import subprocess
import sys

import libsanitize
from libsanitize._native import ffi, lib

SRC = os.environ.get("LIBSANITIZE_SOURCE_ROOT",
                     os.path.join(os.path.dirname(__file__), "..", ".."))
HEADER = os.path.join(SRC, "include", "libsanitize.h")
BUILDER = os.path.join(SRC, "python", "build_ffi.py")


def _region():
    sys.path.insert(0, os.path.dirname(BUILDER))
    try:
        import build_ffi
    finally:
        sys.path.pop(0)
    with open(HEADER, encoding="utf-8") as f:
        return build_ffi, build_ffi.extract_declarations(f.read())


def test_every_header_function_is_in_the_module():
    _, decls = _region()
    names = set(re.findall(r"\b(sanitize_[a-z0-9_]+)\s*\((?!\s*\*)", decls))
    # function-pointer typedefs look like calls: (*sanitize_x)(
    typedefs = set(re.findall(r"\(\s*\*\s*(sanitize_[a-z0-9_]+)\s*\)", decls))
    funcs = names - typedefs
    assert len(funcs) > 40
    missing = sorted(n for n in funcs if not hasattr(lib, n))
    assert missing == []


def test_enums_match_header_values():
    _, decls = _region()
    for cname, value in re.findall(r"\b(SANITIZE_[A-Z0-9_]+)\s*=\s*(\d+)", decls):
        assert getattr(lib, cname) == int(value), cname
    assert libsanitize.Status.OK == 0
    assert libsanitize.Status.NOMEM == lib.SANITIZE_ERR_NOMEM
    assert libsanitize.Flag.ALLOW_COMMENTS == lib.SANITIZE_FLAG_ALLOW_COMMENTS
    assert libsanitize.Preset.RICH_TEXT == lib.SANITIZE_PRESET_RICH_TEXT
    assert libsanitize.Disposition.ESCAPE == lib.SANITIZE_ESCAPE
    assert libsanitize.Limit.CPU_MS == lib.SANITIZE_LIMIT_CPU_MS


def test_region_has_no_comments_or_export_macro():
    _, decls = _region()
    assert "/*" not in decls and "SANITIZE_API" not in decls


def test_builder_regenerates_identical_source(tmp_path):
    out = tmp_path / "_native.c"
    subprocess.run([sys.executable, BUILDER, HEADER, str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    text = out.read_text()
    assert '#include "libsanitize.h"' in text
    assert "_cffi_f_sanitize_html" in text


def test_builder_sees_header_changes(tmp_path):
    build_ffi, _ = _region()
    with open(HEADER, encoding="utf-8") as f:
        text = f.read()
    changed = text.replace("/* END CFFI DECLARATIONS */",
                           "SANITIZE_API int sanitize_new_thing(void);\n/* END CFFI DECLARATIONS */")
    assert "sanitize_new_thing" in build_ffi.extract_declarations(changed)


def test_versions_agree():
    assert libsanitize.library_version() == ffi.string(lib.sanitize_version()).decode()
    major, minor, patch = map(int, libsanitize.library_version().split("."))
    assert libsanitize.library_version_number() == major * 10000 + minor * 100 + patch
