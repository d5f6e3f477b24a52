"""The native API: :class:`Policy`, :func:`sanitize`, the status enums and errors.

Everything here is a thin layer over the C library (``include/libsanitize.h``),
reached through the CFFI extension ``libsanitize._native`` that the build
generates from the header. cffi releases the GIL around every C call, so the
C thread-safety contract is the Python one:

* a policy is built by one thread, then frozen (the first :meth:`Policy.sanitize`
  freezes it, or call :meth:`Policy.freeze`);
* a frozen policy is immutable and may be used by any number of threads at once;
* builder methods on a frozen policy raise :class:`PolicyError`
  (``Status.POLICY_FROZEN``); :meth:`Policy.copy` gives an editable copy.

Unlike the C API, nothing a Python caller does can break that contract: the
freeze, the builder calls and :meth:`Policy.close` are serialized by a lock,
so building while another thread sanitizes, or closing a policy in use, is
safe (the close takes effect when the last call using it returns).
"""

from __future__ import annotations

import codecs
import enum
import os
import threading
import weakref
from typing import (
    Any,
    Callable,
    Iterable,
    List,
    Optional,
    Sequence,
    Union,
    overload,
)

from ._native import ffi, lib

_utf_8_decode = codecs.utf_8_decode

__all__ = [
    "Status",
    "Preset",
    "Disposition",
    "Flag",
    "Limit",
    "FilterResult",
    "SanitizeError",
    "PolicyError",
    "SanitizeMemoryError",
    "Policy",
    "sanitize",
    "escape_text",
    "library_version",
    "library_version_number",
    "AttributeFilter",
    "UrlCallback",
    "StyleCallback",
    "BytesLike",
]


# ---------------------------------------------------------------------------
# Enums, built from the header's enums (so they cannot drift from C).
# ---------------------------------------------------------------------------

def _make_enum(name: str, ctype: str, prefixes: Sequence[str], doc: str) -> Any:
    relements = ffi.typeof(ctype).relements  # C name -> value
    members = []
    for cname, value in sorted(relements.items(), key=lambda kv: kv[1]):
        for prefix in prefixes:
            if cname.startswith(prefix):
                members.append((cname[len(prefix):], value))
                break
        else:  # pragma: no cover - the header's naming rule
            raise ImportError(f"unexpected enumerator {cname} in {ctype}")
    cls = enum.IntEnum(name, members, module=__name__)  # type: ignore[misc]
    cls.__doc__ = doc
    return cls


Status = _make_enum(
    "Status", "sanitize_status", ("SANITIZE_ERR_", "SANITIZE_"),
    "Every status the C library returns (``SANITIZE_OK`` is ``Status.OK``, "
    "``SANITIZE_ERR_NOMEM`` is ``Status.NOMEM``, ...). Values never change.")
Preset = _make_enum(
    "Preset", "sanitize_preset", ("SANITIZE_PRESET_",),
    "Built-in starting points: ``STRICT`` (nothing allowed), ``UGC`` "
    "(bluemonday's UGCPolicy), ``RICH_TEXT`` (UGC plus checked inline styles "
    "and class).")
Disposition = _make_enum(
    "Disposition", "sanitize_disposition", ("SANITIZE_",),
    "What becomes of a disallowed element: ``UNWRAP`` (drop the tags, keep "
    "the content), ``DROP`` (drop the element and its content), ``ESCAPE`` "
    "(show the tags as text, like bleach's ``strip=False``).")
Flag = _make_enum(
    "Flag", "sanitize_flag", ("SANITIZE_FLAG_",),
    "Boolean switches of a policy (see :meth:`Policy.set_flag`); names are "
    "the C enumerators without ``SANITIZE_FLAG_``.")
Limit = _make_enum(
    "Limit", "sanitize_limit", ("SANITIZE_LIMIT_",),
    "Resource limits of one sanitize call (see :meth:`Policy.set_limit`).")
FilterResult = _make_enum(
    "FilterResult", "sanitize_filter_result", ("SANITIZE_FILTER_",),
    "What an attribute filter decides: ``DROP``, ``KEEP`` or ``REPLACE``.")

_OK = 0
_NOMEM = int(Status.NOMEM)
_FROZEN = int(Status.POLICY_FROZEN)
_TOO_SMALL = int(Status.BUFFER_TOO_SMALL)


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

def _status_text(status: int) -> str:
    return ffi.string(lib.sanitize_status_str(status)).decode("utf-8", "replace")


class SanitizeError(Exception):
    """An error reported by the C library.

    ``status`` is the :class:`Status` (or the raw integer for a status this
    binding does not know); ``detail`` names what the call was about.
    """

    status: Any
    detail: Optional[str]

    def __init__(self, status: int, detail: Optional[str] = None) -> None:
        try:
            st: Any = Status(status)
            name = "SANITIZE_" + ("OK" if st == 0 else "ERR_" + st.name)
        except ValueError:
            st, name = int(status), f"status {int(status)}"
        self.status = st
        self.detail = detail
        message = f"{_status_text(int(status))} ({name})"
        if detail:
            message += f": {detail}"
        super().__init__(message)


class PolicyError(SanitizeError, ValueError):
    """Invalid policy input: a bad name, pattern or value, an element that can
    never be allowed, or a change to a frozen policy."""


class SanitizeMemoryError(SanitizeError, MemoryError):
    """The C library ran out of memory (``Status.NOMEM``). A ``MemoryError``."""


def _raise_policy(status: int, detail: Optional[str]) -> None:
    if status == _NOMEM:
        raise SanitizeMemoryError(status, detail)
    raise PolicyError(status, detail)


def _raise_sanitize(status: int) -> None:
    if status == _NOMEM:
        raise SanitizeMemoryError(status)
    raise SanitizeError(status)


# ---------------------------------------------------------------------------
# Argument conversion. Every type check happens before any C call.
# ---------------------------------------------------------------------------

BytesLike = Union[bytes, bytearray, memoryview]
AttributeFilter = Callable[[str, str, str], Union[None, bool, str]]
UrlCallback = Callable[[str], bool]
StyleCallback = Callable[[str, str], bool]


def _fffd_handler(exc: UnicodeError) -> tuple:
    # Lone surrogates (which UTF-8 cannot encode) become U+FFFD, one per code
    # point: what a browser does when it turns a JS string into a USVString.
    if isinstance(exc, UnicodeEncodeError):
        # (bytes: the UTF-8 encoder takes only ASCII str replacements)
        return (b"\xef\xbf\xbd" * (exc.end - exc.start), exc.end)
    raise exc


codecs.register_error("libsanitize.fffd", _fffd_handler)


def _encode_html(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "libsanitize.fffd")


# Large documents cross the C boundary in pieces. CPython's UTF-8 codec
# sizes its result for the widest character it may meet (up to 4 bytes a
# character when encoding a non-ASCII str; a str of the widest kind found so
# far when decoding) and then resizes it: blocks of a new size on every
# call, which glibc maps afresh, one page fault per 4 KiB touched (about
# 10 us each on the benchmark machine). Pieces of _PIECE characters or bytes
# stay under glibc's mmap threshold, and join() allocates the result once,
# at its exact size, which the heap reuses from call to call (numbers in
# docs/python.md).
_PIECE = 1 << 13
_LARGE = 1 << 16


def _encode_large(text: str) -> bytes:
    return b"".join([_encode_html(text[i : i + _PIECE]) for i in range(0, len(text), _PIECE)])


def _decode_pieces(data: Any) -> List[str]:
    view = memoryview(data)
    parts = []
    start, size = 0, len(view)
    while True:
        final = start + _PIECE >= size
        # Not final: a character cut at the end of a piece is left for the
        # next one (`used` says where it starts).
        part, used = _utf_8_decode(view[start : start + _PIECE], "replace", final)
        parts.append(part)
        if final:
            return parts
        start += used


def _cstr(value: Any, what: str) -> bytes:
    """A NUL-terminated configuration string (element, attribute, pattern...)."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be str, not {type(value).__name__}")
    if "\x00" in value:
        raise ValueError(f"{what} must not contain NUL characters: {value!r}")
    return value.encode("utf-8", "libsanitize.fffd")


def _opt_cstr(value: Any, what: str) -> Any:
    return ffi.NULL if value is None else _cstr(value, what)


def _str_list(values: Any, what: str) -> List[bytes]:
    if isinstance(values, (str, bytes, bytearray)):
        raise TypeError(f"{what} must be an iterable of str, not a single "
                        f"{type(values).__name__}")
    try:
        items = list(values)
    except TypeError:
        raise TypeError(f"{what} must be an iterable of str, "
                        f"not {type(values).__name__}") from None
    return [_cstr(v, what + " item") for v in items]


class _CArray:
    """A ``const char *const *`` array, keeping its strings alive."""

    __slots__ = ("keep", "ptr", "count")

    def __init__(self, encoded: List[bytes]) -> None:
        self.keep = [ffi.new("char[]", s) for s in encoded]
        # One spare NULL slot: never hand C a zero-length allocation.
        self.ptr = ffi.new("const char *[]", self.keep + [ffi.NULL])
        self.count = len(encoded)


def _check_callable(fn: Any, what: str) -> None:
    if not callable(fn):
        raise TypeError(f"{what} must be callable, not {type(fn).__name__}")


def _enum_value(value: Any, cls: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be a {cls.__name__} (int), "
                        f"not {type(value).__name__}")
    return int(value)


# ---------------------------------------------------------------------------
# Callbacks. They run on the thread that called sanitize (the library starts
# no threads); cffi takes the GIL for them. An exception inside a callback
# makes the callback fail closed (drop / reject) and is re-raised from
# Policy.sanitize() once the C call has returned.
# ---------------------------------------------------------------------------

class _ThreadState(threading.local):
    """Per-thread state; the class attributes are the defaults, so reading
    them needs no getattr fallback on the hot path."""

    depth = 0  # callbacks running on this thread
    error: Optional[BaseException] = None  # raised by a callback during a call
    # The thread's _CallBuffers. None before its first call and while a
    # callback runs, which sends Policy.sanitize to its slow path: one read
    # tells the fast path both.
    out: Any = None


_tls = _ThreadState()

# Documents of up to _SMALL characters (str) or bytes are sanitized with
# sanitize_html_into() into a buffer of _BUFFER bytes that each thread keeps:
# no C buffer to allocate, free and wrap for every call. An output that does
# not fit (more than 8 times the input) is made again by sanitize_html().
_SMALL = 1 << 13
_BUFFER = 1 << 16


class _CallBuffers:
    """One thread's out-parameters, reused from call to call."""

    __slots__ = ("buffer", "view", "out_len", "out")

    def __init__(self) -> None:
        self.buffer = ffi.new("char[]", _BUFFER)  # sanitize_html_into's
        self.view = ffi.buffer(self.buffer)  # slices of it are bytes
        self.out_len = ffi.new("size_t *")
        self.out = ffi.new("char **")  # sanitize_html's


def _record_callback_error(exc_type: Any, exc_value: Any, tb: Any) -> None:
    if _tls.error is None:
        _tls.error = exc_value if exc_value is not None else exc_type()


def _in_callback() -> bool:
    return _tls.depth > 0


def _enter_callback() -> Any:
    """Marks the thread as running a callback until _leave_callback(), which
    gets the returned value back."""
    tls = _tls
    tls.depth += 1
    saved = tls.out
    tls.out = None
    return saved


def _leave_callback(saved: Any) -> None:
    tls = _tls
    tls.depth -= 1
    tls.out = saved


def _decode(ptr: Any, size: int) -> str:
    return ffi.unpack(ptr, size).decode("utf-8", "replace")


@ffi.def_extern(onerror=_record_callback_error)
def _ls_attribute_filter(user_data, element, attribute, value, value_len, sink):  # type: ignore[no-untyped-def]
    fn = ffi.from_handle(user_data)
    saved = _enter_callback()
    try:
        result = fn(ffi.string(element).decode("utf-8", "replace"),
                    ffi.string(attribute).decode("utf-8", "replace"),
                    _decode(value, value_len))
    finally:
        _leave_callback(saved)
    if result is True:
        return lib.SANITIZE_FILTER_KEEP
    if result is None or result is False:
        return lib.SANITIZE_FILTER_DROP
    if isinstance(result, str):
        data = _encode_html(result)
        if lib.sanitize_value_sink_set(sink, data, len(data)) != _OK:
            return lib.SANITIZE_FILTER_DROP
        return lib.SANITIZE_FILTER_REPLACE
    raise TypeError("an attribute filter must return a str, True, False or None, "
                    f"not {type(result).__name__}")


@ffi.def_extern(onerror=_record_callback_error)
def _ls_url_callback(user_data, url, url_len):  # type: ignore[no-untyped-def]
    fn = ffi.from_handle(user_data)
    saved = _enter_callback()
    try:
        return 1 if fn(_decode(url, url_len)) else 0
    finally:
        _leave_callback(saved)


@ffi.def_extern(onerror=_record_callback_error)
def _ls_style_callback(user_data, prop, value, value_len):  # type: ignore[no-untyped-def]
    fn = ffi.from_handle(user_data)
    saved = _enter_callback()
    try:
        return 1 if fn(ffi.string(prop).decode("utf-8", "replace"),
                       _decode(value, value_len)) else 0
    finally:
        _leave_callback(saved)


def _no_reentry() -> None:
    if _tls.depth:
        raise RuntimeError("libsanitize callbacks must not call back into libsanitize")


# ---------------------------------------------------------------------------
# Policy
# ---------------------------------------------------------------------------

_live_policies: "weakref.WeakSet[Policy]" = weakref.WeakSet()


class Policy:
    """A sanitizing policy (an opaque C ``sanitize_policy``).

    ``Policy()`` is empty: nothing is allowed, text is kept, the content of
    script, style and the other drop-with-content elements is removed.
    Start from a preset with :meth:`strict`, :meth:`ugc` or :meth:`rich_text`,
    then add to it; every builder method returns the policy, so calls chain::

        policy = (Policy.strict()
                  .allow_elements("b", "i", "a")
                  .allow_attribute("href", "a")
                  .allow_url_schemes("https"))
        policy.sanitize('<a href="https://x" onclick="y()">hi</a>')

    The first :meth:`sanitize` freezes the policy; from then on it is
    immutable and can be shared by any number of threads (use :meth:`copy`
    to edit a copy). The C object is freed by :meth:`close` (or the ``with``
    statement), or by the garbage collector.
    """

    __slots__ = ("_ptr", "_plain", "_lock", "_frozen", "_handles", "__weakref__")

    def __init__(self, preset: Optional[int] = None) -> None:
        """Create an empty policy, or one from a :class:`Preset`."""
        out = ffi.new("sanitize_policy **")
        if preset is None:
            status = lib.sanitize_policy_new(out)
        else:
            value = _enum_value(preset, Preset, "preset")
            status = lib.sanitize_policy_new_preset(value, out)
        if status != _OK:
            _raise_policy(status, None if preset is None else f"preset {preset!r}")
        self._adopt(out[0], [])

    def _adopt(self, raw: Any, handles: List[Any]) -> None:
        # Life cycle without a lock on the hot path: every call takes its own
        # reference to this cdata for the length of the C call, and close()
        # only drops the policy's reference, so sanitize_policy_free runs when
        # the last call in progress ends (at once when there is none). The
        # ffi.new_handle() objects passed to C as user data (callbacks) are
        # kept alive by the destructor itself: the C policy holds pointers to
        # them until it is freed.
        def free(raw: Any, _handles: List[Any] = handles) -> None:
            lib.sanitize_policy_free(raw)

        self._ptr: Any = ffi.gc(raw, free)
        self._lock = threading.Lock()
        self._frozen = bool(lib.sanitize_policy_is_frozen(raw))
        self._handles: List[Any] = handles
        # The C policy once it is frozen and has no Python callback, else
        # None: then sanitize() has nothing to check but the input's type.
        self._plain: Any = self._ptr if self._frozen and not handles else None
        _live_policies.add(self)

    # -- presets ------------------------------------------------------------

    @classmethod
    def strict(cls) -> "Policy":
        """A policy that allows no element (``SANITIZE_PRESET_STRICT``)."""
        return cls(Preset.STRICT)

    @classmethod
    def ugc(cls) -> "Policy":
        """bluemonday's UGCPolicy (``SANITIZE_PRESET_UGC``): formatting, lists,
        tables, links and images; http, https, mailto and relative URLs;
        ``rel="nofollow"`` on links."""
        return cls(Preset.UGC)

    @classmethod
    def rich_text(cls) -> "Policy":
        """UGC plus checked inline styles and ``class`` (``SANITIZE_PRESET_RICH_TEXT``)."""
        return cls(Preset.RICH_TEXT)

    # -- life cycle ---------------------------------------------------------

    def _frozen_ptr(self) -> Any:
        """The C policy, frozen now if it is not yet (under the lock, so no
        builder call runs at the same time)."""
        with self._lock:
            ptr = self._ptr
            if ptr is None:
                raise ValueError("the policy is closed")
            if not self._frozen:
                status = lib.sanitize_policy_freeze(ptr)
                if status != _OK:
                    _raise_policy(status, "freeze")
                self._frozen = True
            if not self._handles:
                self._plain = ptr
            return ptr

    def close(self) -> None:
        """Free the C policy now. Calls in progress in other threads finish
        first; later calls raise ``ValueError``. Closing twice is fine."""
        with self._lock:
            # The C policy is freed with the last reference: now, or when the
            # last call in progress returns. Its callbacks live as long.
            self._plain = None
            self._ptr = None
            self._handles = []

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has been called."""
        return self._ptr is None

    def __enter__(self) -> "Policy":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def freeze(self) -> "Policy":
        """Make the policy immutable (and shareable between threads) now."""
        _no_reentry()
        self._frozen_ptr()
        return self

    @property
    def frozen(self) -> bool:
        """True if the policy can no longer be changed."""
        return self._frozen

    def copy(self) -> "Policy":
        """Return a new, unfrozen copy of this policy (frozen or not),
        callbacks included."""
        _no_reentry()
        with self._lock:
            if self._ptr is None:
                raise ValueError("the policy is closed")
            out = ffi.new("sanitize_policy **")
            status = lib.sanitize_policy_clone(self._ptr, out)
            handles = list(self._handles)
        if status != _OK:
            _raise_policy(status, "clone")
        new = Policy.__new__(Policy)
        new._adopt(out[0], handles)
        return new

    __copy__ = copy

    def __repr__(self) -> str:
        state = "closed" if self.closed else ("frozen" if self._frozen else "editable")
        return f"<libsanitize.Policy {state} at {id(self):#x}>"

    def __reduce__(self) -> Any:
        raise TypeError("a libsanitize.Policy cannot be pickled; build it again")

    # -- builder plumbing ---------------------------------------------------

    def _build(self, detail: str, fn: Any, *args: Any) -> "Policy":
        _no_reentry()
        with self._lock:
            if self._ptr is None:
                raise ValueError("the policy is closed")
            if self._frozen:
                raise PolicyError(_FROZEN, detail)
            status = fn(self._ptr, *args)
        if status != _OK:
            _raise_policy(status, detail)
        return self

    # -- elements -----------------------------------------------------------

    def allow_elements(self, *elements: str) -> "Policy":
        """Allow elements by name (ASCII case-insensitive).

        Raises :class:`PolicyError` with ``Status.UNKNOWN_ELEMENT`` for a name
        gumbo 0.10.1 does not know and ``Status.UNSAFE_ELEMENT`` for one that
        can never be allowed (svg, math, noscript, template, script and style
        without ``Flag.UNSAFE_ALLOW_SCRIPT_AND_STYLE``...)."""
        names = [_cstr(e, "element") for e in elements]
        for name in names:
            self._build(f"element {name.decode()!r}", lib.sanitize_policy_allow_element, name)
        return self

    def allow_elements_matching(self, pattern: str) -> "Policy":
        """Allow every known element whose lower-case name matches the PCRE2
        pattern (unanchored). Elements that can never be allowed are skipped."""
        p = _cstr(pattern, "pattern")
        return self._build(f"pattern {pattern!r}", lib.sanitize_policy_allow_elements_matching, p)

    def remove_elements(self, *elements: str) -> "Policy":
        """Remove elements from the allowed set (no error if absent)."""
        names = [_cstr(e, "element") for e in elements]
        for name in names:
            self._build(f"element {name.decode()!r}", lib.sanitize_policy_remove_element, name)
        return self

    def set_disposition(self, element: Optional[str], disposition: int) -> "Policy":
        """Set what becomes of ``element`` when it is not allowed
        (:class:`Disposition`); ``element=None`` sets the default for every
        element without a disposition of its own."""
        el = _opt_cstr(element, "element")
        d = _enum_value(disposition, Disposition, "disposition")
        return self._build(f"disposition of {element!r}", lib.sanitize_policy_set_disposition, el, d)

    def require_attributes(self, element: str, required: bool = True) -> "Policy":
        """With ``required``, an allowed ``element`` left without attributes is
        unwrapped (bluemonday's rule for a, img, ...)."""
        el = _cstr(element, "element")
        return self._build(f"element {element!r}", lib.sanitize_policy_require_attributes,
                           el, 1 if required else 0)

    # -- attributes ---------------------------------------------------------

    def allow_attribute(self, attribute: str, element: Optional[str] = None, *,
                        pattern: Optional[str] = None) -> "Policy":
        """Allow ``attribute`` on ``element`` (``None``: on every allowed
        element), optionally only with values matching the PCRE2 ``pattern``
        (unanchored: write ``^...$``). Rules add up; they never narrow."""
        a = _cstr(attribute, "attribute")
        el = _opt_cstr(element, "element")
        p = _opt_cstr(pattern, "pattern")
        return self._build(f"attribute {attribute!r} on {element!r}",
                           lib.sanitize_policy_allow_attribute, a, el, p)

    def allow_attributes(self, *attributes: str, elements: Optional[Iterable[str]] = None,
                         pattern: Optional[str] = None) -> "Policy":
        """Allow several attributes on each of ``elements`` (``None``: globally)."""
        attrs = [_cstr(a, "attribute") for a in attributes]
        els = None if elements is None else _str_list(elements, "elements")
        _opt_cstr(pattern, "pattern")
        for a in attrs:
            for el in (els if els is not None else [None]):
                self.allow_attribute(a.decode(), None if el is None else el.decode(),
                                     pattern=pattern)
        return self

    def allow_attribute_on_matching(self, attribute: str, element_pattern: str, *,
                                    pattern: Optional[str] = None) -> "Policy":
        """Allow ``attribute`` on every element whose name matches
        ``element_pattern`` (bluemonday's ``OnElementsMatching``)."""
        a = _cstr(attribute, "attribute")
        ep = _cstr(element_pattern, "element_pattern")
        p = _opt_cstr(pattern, "pattern")
        return self._build(f"attribute {attribute!r} on /{element_pattern}/",
                           lib.sanitize_policy_allow_attribute_on_matching, a, ep, p)

    def allow_attribute_values(self, attribute: str, element: Optional[str],
                               values: Iterable[str]) -> "Policy":
        """Allow ``attribute`` on ``element`` (``None``: everywhere) only with
        one of the literal ``values`` (exact, case-sensitive)."""
        a = _cstr(attribute, "attribute")
        el = _opt_cstr(element, "element")
        arr = _CArray(_str_list(values, "values"))
        return self._build(f"attribute {attribute!r} on {element!r}",
                           lib.sanitize_policy_allow_attribute_values, a, el, arr.ptr, arr.count)

    def remove_attribute(self, attribute: str, element: Optional[str] = None) -> "Policy":
        """Remove every rule that allows ``attribute`` on ``element``
        (``None``: the global rules)."""
        a = _cstr(attribute, "attribute")
        el = _opt_cstr(element, "element")
        return self._build(f"attribute {attribute!r} on {element!r}",
                           lib.sanitize_policy_remove_attribute, a, el)

    def allow_attribute_prefix(self, prefix: str) -> "Policy":
        """Allow every attribute whose name starts with ``prefix`` (e.g.
        ``"aria-"``) on every allowed element."""
        p = _cstr(prefix, "prefix")
        return self._build(f"prefix {prefix!r}", lib.sanitize_policy_allow_attribute_prefix, p)

    def set_attribute(self, element: str, attribute: str, value: str) -> "Policy":
        """Set ``attribute`` to ``value`` on every kept ``element``, replacing
        the input's value (ammonia's ``set_tag_attribute_values``)."""
        el = _cstr(element, "element")
        a = _cstr(attribute, "attribute")
        v = _cstr(value, "value")
        return self._build(f"attribute {attribute!r} on {element!r}",
                           lib.sanitize_policy_set_attribute, el, a, v)

    def allow_classes(self, element: Optional[str], classes: Iterable[str]) -> "Policy":
        """Allow ``class`` on ``element`` (``None``: everywhere) restricted to
        the listed class names (ammonia's ``allowed_classes``)."""
        el = _opt_cstr(element, "element")
        arr = _CArray(_str_list(classes, "classes"))
        return self._build(f"classes on {element!r}", lib.sanitize_policy_allow_classes,
                           el, arr.ptr, arr.count)

    def set_id_prefix(self, prefix: Optional[str]) -> "Policy":
        """Prefix every kept ``id`` and ``name`` value (``None``/``""``: none)."""
        p = _opt_cstr(prefix, "prefix")
        return self._build("id prefix", lib.sanitize_policy_set_id_prefix, p)

    def set_attribute_filter(self, fn: Optional[AttributeFilter]) -> "Policy":
        """Install (``None``: remove) a callable ``fn(element, attribute, value)``
        called for every attribute the rules kept. It returns ``True`` to keep
        the attribute, ``False``/``None`` to drop it, or a ``str`` to replace
        the value (URL attributes are checked again). It may run on any thread
        that sanitizes with the policy; if it raises, the attribute is dropped
        and :meth:`sanitize` re-raises the exception."""
        if fn is None:
            return self._build("attribute filter", lib.sanitize_policy_set_attribute_filter,
                               ffi.NULL, ffi.NULL)
        _check_callable(fn, "attribute filter")
        handle = ffi.new_handle(fn)
        self._build("attribute filter", lib.sanitize_policy_set_attribute_filter,
                    lib._ls_attribute_filter, handle)
        self._handles.append(handle)
        return self

    # -- URLs ---------------------------------------------------------------

    def allow_url_schemes(self, *schemes: str) -> "Policy":
        """Allow URLs with these schemes (``"https"``, without the colon)."""
        names = [_cstr(s, "scheme") for s in schemes]
        for s in names:
            self._build(f"scheme {s.decode()!r}", lib.sanitize_policy_allow_url_scheme, s)
        return self

    def remove_url_schemes(self, *schemes: str) -> "Policy":
        """Remove schemes (and their callbacks) from the allowed set."""
        names = [_cstr(s, "scheme") for s in schemes]
        for s in names:
            self._build(f"scheme {s.decode()!r}", lib.sanitize_policy_remove_url_scheme, s)
        return self

    def allow_url_schemes_matching(self, pattern: str) -> "Policy":
        """Allow every scheme whose lower-case name matches the PCRE2 pattern."""
        p = _cstr(pattern, "pattern")
        return self._build(f"pattern {pattern!r}",
                           lib.sanitize_policy_allow_url_schemes_matching, p)

    def set_url_scheme_callback(self, scheme: str, fn: UrlCallback) -> "Policy":
        """Allow ``scheme`` only for URLs for which ``fn(url)`` is true
        (bluemonday's ``AllowURLSchemeWithCustomPolicy``). ``url`` is the
        decoded, trimmed URL. It may run on any thread."""
        s = _cstr(scheme, "scheme")
        _check_callable(fn, "URL callback")
        handle = ffi.new_handle(fn)
        self._build(f"scheme {scheme!r}", lib.sanitize_policy_set_url_scheme_callback,
                    s, lib._ls_url_callback, handle)
        self._handles.append(handle)
        return self

    def allow_data_uri_images(self, types: Optional[Iterable[str]] = None) -> "Policy":
        """Allow base64 ``data:`` URLs of these image MIME types on img/source
        (``None``: gif, jpeg, png, webp)."""
        if types is None:
            return self._build("data URI images", lib.sanitize_policy_allow_data_uri_images,
                               ffi.NULL, 0)
        arr = _CArray(_str_list(types, "types"))
        return self._build("data URI images", lib.sanitize_policy_allow_data_uri_images,
                           arr.ptr, arr.count)

    def add_url_attribute(self, attribute: str, element: Optional[str] = None) -> "Policy":
        """Make ``attribute`` URL-checked on ``element`` (``None``: everywhere)."""
        a = _cstr(attribute, "attribute")
        el = _opt_cstr(element, "element")
        return self._build(f"URL attribute {attribute!r}", lib.sanitize_policy_add_url_attribute,
                           a, el)

    def set_link_rel(self, rel: Optional[str]) -> "Policy":
        """Set the ``rel`` written on every kept link (``None``/``""``: none)."""
        r = _opt_cstr(rel, "rel")
        return self._build("link rel", lib.sanitize_policy_set_link_rel, r)

    def require_iframe_sandbox(self, tokens: Iterable[str] = ()) -> "Policy":
        """Require ``sandbox`` on every kept iframe, keeping only the listed
        tokens of the input's value (none: an empty sandbox)."""
        arr = _CArray(_str_list(tokens, "tokens"))
        return self._build("iframe sandbox", lib.sanitize_policy_require_iframe_sandbox,
                           arr.ptr, arr.count)

    # -- styles -------------------------------------------------------------

    def allow_style(self, prop: str, element: Optional[str] = None, *,
                    pattern: Optional[str] = None) -> "Policy":
        """Allow the CSS property ``prop`` in ``style`` on ``element`` (``None``:
        every element), its value checked by ``pattern`` (PCRE2, unanchored)
        or, without one, by the library's built-in handler for ``prop``."""
        pr = _cstr(prop, "property")
        el = _opt_cstr(element, "element")
        p = _opt_cstr(pattern, "pattern")
        return self._build(f"style {prop!r}", lib.sanitize_policy_allow_style, pr, el, p)

    def allow_style_on_matching(self, prop: str, element_pattern: str, *,
                                pattern: Optional[str] = None) -> "Policy":
        """Like :meth:`allow_style` on elements whose name matches a pattern."""
        pr = _cstr(prop, "property")
        ep = _cstr(element_pattern, "element_pattern")
        p = _opt_cstr(pattern, "pattern")
        return self._build(f"style {prop!r}", lib.sanitize_policy_allow_style_on_matching,
                           pr, ep, p)

    def allow_style_values(self, prop: str, element: Optional[str],
                           values: Iterable[str]) -> "Policy":
        """Allow the CSS property with one of the listed values only (ASCII
        case-insensitive)."""
        pr = _cstr(prop, "property")
        el = _opt_cstr(element, "element")
        arr = _CArray(_str_list(values, "values"))
        return self._build(f"style {prop!r}", lib.sanitize_policy_allow_style_values,
                           pr, el, arr.ptr, arr.count)

    def allow_style_callback(self, prop: str, element: Optional[str],
                             fn: StyleCallback) -> "Policy":
        """Allow the CSS property with the value decided by ``fn(prop, value)``."""
        pr = _cstr(prop, "property")
        el = _opt_cstr(element, "element")
        _check_callable(fn, "style callback")
        handle = ffi.new_handle(fn)
        self._build(f"style {prop!r}", lib.sanitize_policy_allow_style_callback,
                    pr, el, lib._ls_style_callback, handle)
        self._handles.append(handle)
        return self

    def allow_standard_styles(self) -> "Policy":
        """Allow every property the built-in CSS handlers know, everywhere."""
        return self._build("standard styles", lib.sanitize_policy_allow_standard_styles)

    # -- flags and limits ---------------------------------------------------

    def set_flag(self, flag: int, on: bool = True) -> "Policy":
        """Set (or with ``on=False`` clear) a :class:`Flag`."""
        f = _enum_value(flag, Flag, "flag")
        return self._build(f"flag {flag!r}", lib.sanitize_policy_set_flag, f, 1 if on else 0)

    def get_flag(self, flag: int) -> bool:
        """Whether a :class:`Flag` is set."""
        f = _enum_value(flag, Flag, "flag")
        with self._lock:
            return bool(lib.sanitize_policy_get_flag(self._open_ptr(), f))

    def set_limit(self, limit: int, value: int) -> "Policy":
        """Set a :class:`Limit` (bytes, depth, count or milliseconds)."""
        lim = _enum_value(limit, Limit, "limit")
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"limit value must be int, not {type(value).__name__}")
        if value < 0 or value >= 2 ** 64:
            raise PolicyError(int(Status.INVALID_ARGUMENT), f"limit value {value}")
        return self._build(f"limit {limit!r}", lib.sanitize_policy_set_limit, lim, value)

    def get_limit(self, limit: int) -> int:
        """The value of a :class:`Limit`."""
        lim = _enum_value(limit, Limit, "limit")
        with self._lock:
            return int(lib.sanitize_policy_get_limit(self._open_ptr(), lim))

    def _open_ptr(self) -> Any:
        ptr = self._ptr
        if ptr is None:
            raise ValueError("the policy is closed")
        return ptr

    # -- sanitizing ---------------------------------------------------------

    @overload
    def sanitize(self, html: str) -> str: ...

    @overload
    def sanitize(self, html: BytesLike) -> bytes: ...

    def sanitize(self, html: Union[str, BytesLike]) -> Union[str, bytes]:
        """Sanitize ``html``: ``str`` in, ``str`` out; bytes-like (UTF-8) in,
        ``bytes`` out. Bytes-like input is passed to C without a copy.

        Lone surrogates in a ``str`` become U+FFFD; invalid UTF-8 in bytes
        becomes U+FFFD. Freezes the policy. Raises :class:`SanitizeError`
        (input too large, deadline, memory budget, round-trip, parser),
        :class:`SanitizeMemoryError`, or the exception a callback raised."""
        # The per-call hot path, for the common case: a frozen policy without
        # callbacks, a small str or bytes, and not from inside a callback
        # (then _tls.out is None). Every other case is _sanitize_any's.
        ptr = self._plain
        bufs = _tls.out
        kind = type(html)
        if (ptr is not None and bufs is not None and (kind is str or kind is bytes)
                and len(html) <= _SMALL):
            if kind is str:
                try:  # _encode_html, inlined
                    data: Any = html.encode()
                except UnicodeEncodeError:
                    data = _encode_html(html)
            else:
                data = html
            out_len = bufs.out_len
            status = lib.sanitize_html_into(ptr, data, len(data), bufs.buffer, _BUFFER, out_len)
            if status == _OK:
                result = bufs.view[: out_len[0]]
                if kind is bytes:
                    return result
                try:
                    return result.decode()
                except UnicodeDecodeError:  # the library's output is UTF-8
                    return result.decode("utf-8", "replace")
            if status != _TOO_SMALL:
                _raise_sanitize(status)
        return self._sanitize_any(html)

    def _sanitize_any(self, html: Union[str, BytesLike]) -> Union[str, bytes]:
        data, as_str = _c_input(html)
        size = len(data)
        ptr, callbacks = self._call_ptr()
        tls = _tls
        if tls.depth:
            _no_reentry()
        bufs = tls.out
        if bufs is None:
            bufs = tls.out = _CallBuffers()
        out, out_len = bufs.out, bufs.out_len
        if callbacks:
            tls.error = None
        status = lib.sanitize_html(ptr, data, size, out, out_len)
        result = out[0]
        try:
            if callbacks:
                err = tls.error
                if err is not None:
                    tls.error = None
                    raise err
            if status != _OK:
                _raise_sanitize(status)
            if as_str:
                # Decoded straight from the C buffer: no intermediate bytes
                # object (a large one costs page faults, not only a copy).
                size = out_len[0]
                if size <= _LARGE:
                    return _utf_8_decode(ffi.buffer(result, size), "replace", True)[0]
                parts = _decode_pieces(ffi.buffer(result, size))
                # The input and the C buffer are freed before the result is
                # made: its block can take their place instead of growing
                # the heap past what glibc trims back on every call.
                lib.sanitize_free(result)
                result = ffi.NULL
                del data
                return "".join(parts)
            return ffi.unpack(result, out_len[0])
        finally:
            lib.sanitize_free(result)

    def _call_ptr(self) -> tuple:
        """The C policy to sanitize with, frozen, and whether it has Python
        callbacks. No lock once frozen (see _adopt); the pointer keeps the C
        policy alive through the call even if another thread closes it."""
        # _handles first: close() empties it after clearing _ptr.
        callbacks = True if self._handles else False
        ptr = self._ptr
        if ptr is None or not self._frozen:
            ptr = self._frozen_ptr()
            callbacks = True if self._handles else False  # no builder can add one now
        return ptr, callbacks

    def sanitize_many(self, docs: Iterable[Union[str, BytesLike]]) -> List[Union[str, bytes]]:
        """Sanitize every document of ``docs``: the same list as
        ``[policy.sanitize(d) for d in docs]`` (``str`` in, ``str`` out;
        bytes-like in, ``bytes`` out, item by item), made by one C call
        (``sanitize_html_batch``). The GIL is released once for the lot
        instead of once per document, which is what lets several threads
        sanitizing small documents run in parallel (docs/python.md, Threads).

        Raises what :meth:`sanitize` raises for the first document that
        fails; there are no results then. A policy with Python callbacks
        sanitizes one document at a time (its callbacks need the GIL)."""
        if isinstance(docs, (str, bytes, bytearray, memoryview)):
            raise TypeError("docs must be an iterable of documents, not one document")
        docs = list(docs)
        inputs_as_str = [_c_input(html) for html in docs]
        ptr, callbacks = self._call_ptr()
        if callbacks or _tls.depth:  # callbacks need the GIL; inside one, sanitize() refuses
            return [self.sanitize(html) for html in docs]
        datas = [d for d, _ in inputs_as_str]
        n = len(datas)
        inputs = ffi.new("const char *[]", n)
        views = [ffi.from_buffer(d) if type(d) is bytes else d for d in datas]  # alive until the call returns
        if n:
            inputs[0:n] = views
        lens = ffi.new("size_t[]", [len(d) for d in datas])
        out = ffi.new("char **")
        out_lens = ffi.new("size_t[]", n)
        statuses = ffi.new("sanitize_status[]", n)
        status = lib.sanitize_html_batch(ptr, n, inputs, lens, out, out_lens, statuses)
        if status != _OK:
            _raise_sanitize(status)
        try:
            sizes = ffi.unpack(out_lens, n)
            for st in ffi.unpack(statuses, n):
                if st != _OK:
                    _raise_sanitize(st)
            # Each output sliced straight out of the C buffer, then freed.
            view = ffi.buffer(out[0], sum(sizes) + n)
            results: List[Union[str, bytes]] = []
            pos = 0
            for size, (_, text) in zip(sizes, inputs_as_str):
                piece = view[pos : pos + size]
                pos += size + 1  # the NUL after each output
                if text:
                    try:
                        results.append(piece.decode())
                    except UnicodeDecodeError:  # the library's output is UTF-8
                        results.append(piece.decode("utf-8", "replace"))
                else:
                    results.append(piece)
            return results
        finally:
            lib.sanitize_free(out[0])

def _is_buffer(obj: Any) -> bool:
    try:
        memoryview(obj).release()
        return True
    except TypeError:
        return False


def _c_input(html: Any) -> tuple:
    """A document as the C calls take it, and whether the result is a str:
    a str is encoded to UTF-8 (in pieces when large), bytes pass as they
    are, other bytes-likes without a copy."""
    if isinstance(html, str):
        if len(html) > _LARGE and not html.isascii():
            return _encode_large(html), True
        return _encode_html(html), True
    if isinstance(html, bytes):
        return html, False
    if isinstance(html, (bytearray, memoryview)) or _is_buffer(html):
        try:
            return ffi.from_buffer("char[]", html), False
        except (TypeError, ValueError, BufferError) as e:
            raise TypeError(f"html must be a contiguous bytes-like object: {e}") from None
    raise TypeError(f"html must be str or bytes-like, not {type(html).__name__}")


# ---------------------------------------------------------------------------
# Module-level helpers
# ---------------------------------------------------------------------------

_default_lock = threading.Lock()
_default_policy: Optional[Policy] = None


def _get_default_policy() -> Policy:
    global _default_policy
    policy = _default_policy
    if policy is None:
        with _default_lock:
            policy = _default_policy
            if policy is None:
                policy = Policy.ugc().freeze()
                _default_policy = policy
    return policy


@overload
def sanitize(html: str, policy: Optional[Policy] = None) -> str: ...


@overload
def sanitize(html: BytesLike, policy: Optional[Policy] = None) -> bytes: ...


def sanitize(html: Union[str, BytesLike], policy: Optional[Policy] = None) -> Union[str, bytes]:
    """Sanitize ``html`` with ``policy`` (default: a shared, frozen
    :meth:`Policy.ugc`). ``str`` in, ``str`` out; bytes-like in, ``bytes`` out."""
    if policy is None:
        policy = _get_default_policy()
    elif not isinstance(policy, Policy):
        raise TypeError(f"policy must be a libsanitize.Policy, not {type(policy).__name__}")
    return policy.sanitize(html)


def sanitize_many(docs: Iterable[Union[str, BytesLike]],
                  policy: Optional[Policy] = None) -> List[Union[str, bytes]]:
    """:meth:`Policy.sanitize_many` with ``policy`` (default: the shared,
    frozen :meth:`Policy.ugc` of :func:`sanitize`)."""
    if policy is None:
        policy = _get_default_policy()
    elif not isinstance(policy, Policy):
        raise TypeError(f"policy must be a libsanitize.Policy, not {type(policy).__name__}")
    return policy.sanitize_many(docs)


@overload
def escape_text(text: str) -> str: ...


@overload
def escape_text(text: BytesLike) -> bytes: ...


def escape_text(text: Union[str, BytesLike]) -> Union[str, bytes]:
    """Escape text for HTML text or a quoted attribute value: ``& < > " '``
    become character references, NUL bytes are removed, invalid UTF-8 (and
    lone surrogates) become U+FFFD."""
    if isinstance(text, str):
        data: Any = _encode_html(text)
        as_str = True
    elif isinstance(text, bytes):
        data, as_str = text, False
    elif isinstance(text, (bytearray, memoryview)) or _is_buffer(text):
        data, as_str = ffi.from_buffer("char[]", text), False
    else:
        raise TypeError(f"text must be str or bytes-like, not {type(text).__name__}")
    _no_reentry()
    out = ffi.new("char **")
    out_len = ffi.new("size_t *")
    status = lib.sanitize_escape_text(data, len(data), out, out_len)
    try:
        if status != _OK:
            _raise_sanitize(status)
        buf = ffi.buffer(out[0], out_len[0])
        return str(buf, "utf-8", "replace") if as_str else buf[:]
    finally:
        lib.sanitize_free(out[0])


def library_version() -> str:
    """The version of the C library in use, ``"MAJOR.MINOR.PATCH"``."""
    return ffi.string(lib.sanitize_version()).decode("ascii")


def library_version_number() -> int:
    """The C library's version as ``MAJOR*10000 + MINOR*100 + PATCH``."""
    return int(lib.sanitize_version_number())


# ---------------------------------------------------------------------------
# fork(): the library itself is fork-safe (no threads, no global state). Our
# locks might be held by a thread that does not exist in the child: renew them.
# ---------------------------------------------------------------------------

def _after_fork_in_child() -> None:
    global _default_lock
    _default_lock = threading.Lock()
    for policy in list(_live_policies):
        policy._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
