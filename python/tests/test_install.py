"""`meson install` puts the package into the interpreter's site-packages,
next to nothing else, and the library into libdir; the installed package
imports and works (run from a DESTDIR staging copy)."""

import glob
import os
import shutil
import subprocess
import sys
import sysconfig

import pytest

BUILD = os.environ.get("LIBSANITIZE_BUILD_ROOT")

pytestmark = pytest.mark.skipif(not BUILD or not shutil.which("meson"),
                                reason="needs the meson build directory and meson")


def test_meson_install_into_site_packages(tmp_path):
    dest = tmp_path / "dest"
    subprocess.run(["meson", "install", "-C", BUILD, "--no-rebuild", "--quiet",
                    "--destdir", str(dest)], check=True, stdout=subprocess.DEVNULL)
    natives = glob.glob(str(dest / "**" / "libsanitize" / "_native*.so"), recursive=True)
    assert len(natives) == 1, natives
    pkg = os.path.dirname(natives[0])
    site = os.path.dirname(pkg)
    assert os.path.basename(site) in ("site-packages", "dist-packages"), site
    for f in ("__init__.py", "_api.py", "nh3.py", "bleach.py", "pybluemonday.py", "py.typed"):
        assert os.path.exists(os.path.join(pkg, f)), f
    # the path inside DESTDIR is one this interpreter's scheme can produce
    rel = os.path.relpath(site, dest)
    assert "python3" in rel, rel

    libs = glob.glob(str(dest / "**" / "libsanitize.so*"), recursive=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = site
    env["PYTHONNOUSERSITE"] = "1"
    if libs:  # shared build: the extension's RPATH names the final libdir
        env["LD_LIBRARY_PATH"] = os.path.dirname(libs[0])
        if shutil.which("readelf"):
            dyn = subprocess.run(["readelf", "-d", natives[0]], capture_output=True,
                                 text=True).stdout
            assert "libsanitize.so.0" in dyn
            assert "RUNPATH" in dyn or "RPATH" in dyn
    code = ("import libsanitize, sys\n"
            f"assert libsanitize.__file__.startswith({str(dest)!r}), libsanitize.__file__\n"
            "assert libsanitize.sanitize('<b onclick=x>y</b>') == '<b>y</b>'\n"
            "print('ok')\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
