"""libsanitize: a fast HTML5 allowlist sanitizer (C core, CFFI binding).

Quick start::

    import libsanitize

    libsanitize.sanitize('<p onclick="x()">Hi <script>evil()</script></p>')
    # '<p>Hi </p>'  (bluemonday's UGC policy)

    policy = libsanitize.Policy.strict().allow_elements("b", "i")
    policy.sanitize(b"<b>bold</b> <u>under</u>")   # bytes in, bytes out
    # b'<b>bold</b> under'

The native API is :class:`Policy` and :func:`sanitize`; drop-in layers for
other libraries live in :mod:`libsanitize.pybluemonday`,
:mod:`libsanitize.nh3` and :mod:`libsanitize.bleach`.
"""

from ._api import (
    AttributeFilter,
    BytesLike,
    Disposition,
    FilterResult,
    Flag,
    Limit,
    Policy,
    PolicyError,
    Preset,
    SanitizeError,
    SanitizeMemoryError,
    Status,
    StyleCallback,
    UrlCallback,
    escape_text,
    library_version,
    library_version_number,
    sanitize,
    sanitize_many,
)

#: Version of this Python package (the C library's: see library_version()).
__version__ = "0.2.0"

__all__ = [
    "AttributeFilter",
    "BytesLike",
    "Disposition",
    "FilterResult",
    "Flag",
    "Limit",
    "Policy",
    "PolicyError",
    "Preset",
    "SanitizeError",
    "SanitizeMemoryError",
    "Status",
    "StyleCallback",
    "UrlCallback",
    "escape_text",
    "library_version",
    "library_version_number",
    "sanitize",
    "sanitize_many",
    "__version__",
]
