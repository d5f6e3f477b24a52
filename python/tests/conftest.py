"""pytest configuration for the libsanitize Python tests.

meson runs these with PYTHONPATH pointing at build/python, where the package
and its freshly built extension live. Running pytest by hand works the same
way: `meson devenv -C build pytest python/tests`.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "libsanitize",
    database=None,  # no .hypothesis/ directory in the source tree
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    max_examples=int(os.environ.get("LIBSANITIZE_HYPOTHESIS_EXAMPLES", "300")),
)
settings.load_profile("libsanitize")


def pytest_report_header(config):
    import libsanitize
    import libsanitize._native as native
    return [f"libsanitize package: {os.path.dirname(libsanitize.__file__)}",
            f"libsanitize._native: {native.__file__}",
            f"C library version: {libsanitize.library_version()}"]


@pytest.fixture(autouse=True, scope="session")
def _check_import_location():
    """Fail loudly if the tests would run against a stale copy of the package."""
    import libsanitize
    expected = os.environ.get("LIBSANITIZE_PYTHON_BUILD_DIR")
    if expected:
        got = os.path.dirname(os.path.dirname(os.path.abspath(libsanitize.__file__)))
        assert os.path.samefile(got, expected), (got, expected)
    yield
