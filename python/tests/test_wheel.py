"""A wheel builds offline from this source tree, installs into a fresh venv
and imports there.

The command under test is the documented one (docs/python.md):

    python3 -m build --wheel --no-isolation --outdir dist/

run with Debian's interpreter (python3-build + python3-mesonpy 0.12; the
static-library setup comes from pyproject.toml). The source tree is copied
first because meson-python 0.12 puts its build directory inside the source
tree.
"""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

SRC = os.environ.get("LIBSANITIZE_SOURCE_ROOT",
                     os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))


def _have(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False


pytestmark = pytest.mark.skipif(
    not (_have("build") and _have("mesonpy") and _have("venv")),
    reason="needs python3-build, python3-mesonpy and python3-venv")


def _ignore(directory, names):
    skip = {".git", "dist", "__pycache__", "node_modules", ".hypothesis"}
    top = os.path.abspath(directory) == os.path.abspath(SRC)
    return [n for n in names
            if n in skip or n.startswith(".mesonpy")
            or (top and n.startswith("build") and os.path.isdir(os.path.join(directory, n)))]


def _clean_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "LIBSANITIZE_", "MESON"))}
    env["PIP_NO_INDEX"] = "1"          # never the network
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def test_wheel_builds_installs_and_imports_in_a_fresh_venv(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SRC, src, ignore=_ignore, symlinks=True)
    dist = tmp_path / "dist"
    env = _clean_env()
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                    "--outdir", str(dist), "-Ccompile-args=-j1", str(src)],
                   check=True, env=env, cwd=tmp_path)
    wheels = list(dist.glob("libsanitize-*.whl"))
    assert len(wheels) == 1, wheels
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert any(n.startswith("libsanitize/_native.") and n.endswith(".so") for n in names)
    for f in ("__init__.py", "_api.py", "pybluemonday.py", "nh3.py", "bleach.py", "py.typed"):
        assert "libsanitize/" + f in names, f

    venv = tmp_path / "venv"
    # --system-site-packages: cffi comes from Debian (python3-cffi); the wheel
    # itself is the only thing installed into the venv.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True, env=env)
    vpy = str(venv / "bin" / "python")
    subprocess.run([vpy, "-m", "pip", "install", "--no-index", str(wheels[0])],
                   check=True, env=env, cwd=tmp_path)
    check = (
        "import libsanitize, libsanitize.nh3, libsanitize.bleach, libsanitize.pybluemonday\n"
        "import sys\n"
        "assert libsanitize.__file__.startswith(sys.prefix), libsanitize.__file__\n"
        "assert libsanitize.sanitize('<b onclick=x>y</b><script>z</script>') == '<b>y</b>'\n"
        "assert libsanitize.sanitize(b'<i>x</i>') == b'<i>x</i>'\n"
        "assert libsanitize.nh3.clean('<b>x</b><u>y</u>', tags={'b'}) == '<b>x</b>y'\n"
        "print('OK', libsanitize.library_version(), libsanitize.__file__)\n"
    )
    out = subprocess.run([vpy, "-c", check], check=True, env=env, cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.stdout.startswith("OK 0.")
