"""Drop-in replacement for ``pybluemonday`` (bluemonday's API, libsanitize's engine).

Change ``from pybluemonday import UGCPolicy`` to
``from libsanitize.pybluemonday import UGCPolicy`` and keep the rest::

    p = UGCPolicy()
    p.AllowAttrs("class").Matching(r"^[a-z ]+$").Globally()
    p.AllowElements("kbd", "center")
    p.sanitize(html)            # str -> str

Every bluemonday ``Policy`` method is available, with every argument honoured
(pybluemonday forwarded only the first one and could not chain
``.Matching()``). Allow/deny decisions follow bluemonday, including the
90 elements that may appear without attributes (others vanish when they lose
all their attributes), on an HTML5 tree parser: output is well formed, and no
Unicode normalization is applied (pybluemonday's NFKD could turn ``＜`` into
``<``). Differences are listed in docs/compat-pybluemonday.md.

Regular expressions are Go RE2 syntax in bluemonday; here they are compiled
by PCRE2, which accepts RE2's syntax except ``\\C`` and a few flag forms;
``$`` matches only at the very end, as in Go. ``re.Pattern`` objects are
accepted too (their ``pattern`` text is used, ``re.I`` becomes ``(?i)``).
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from enum import IntEnum, unique
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, Union

from ._api import Disposition, Flag, Policy as _NativePolicy, PolicyError, Status
from ._elements import GUMBO_ELEMENTS

__all__ = [
    "Policy",
    "NewPolicy",
    "UGCPolicy",
    "StrictPolicy",
    "StripTagsPolicy",
    "SandboxValue",
    "AttrPolicyBuilder",
    "StylePolicyBuilder",
    "CellAlign",
    "CellVerticalAlign",
    "Direction",
    "ImageAlign",
    "Integer",
    "ISO8601",
    "ListType",
    "SpaceSeparatedTokens",
    "Number",
    "NumberOrPercent",
    "Paragraph",
]

__version__ = "0.0.14"  # the pybluemonday version whose API this mirrors


@unique
class SandboxValue(IntEnum):
    """iframe sandbox tokens, numbered as in pybluemonday / bluemonday."""

    SandboxAllowDownloads = 0
    SandboxAllowDownloadsWithoutUserActivation = 1
    SandboxAllowForms = 2
    SandboxAllowModals = 3
    SandboxAllowOrientationLock = 4
    SandboxAllowPointerLock = 5
    SandboxAllowPopups = 6
    SandboxAllowPopupsToEscapeSandbox = 7
    SandboxAllowPresentation = 8
    SandboxAllowSameOrigin = 9
    SandboxAllowScripts = 10
    SandboxAllowStorageAccessByUserActivation = 11
    SandboxAllowTopNavigation = 12
    SandboxAllowTopNavigationByUserActivation = 13


_SANDBOX_TOKENS = {
    SandboxValue.SandboxAllowDownloads: "allow-downloads",
    SandboxValue.SandboxAllowDownloadsWithoutUserActivation: "allow-downloads-without-user-activation",
    SandboxValue.SandboxAllowForms: "allow-forms",
    SandboxValue.SandboxAllowModals: "allow-modals",
    SandboxValue.SandboxAllowOrientationLock: "allow-orientation-lock",
    SandboxValue.SandboxAllowPointerLock: "allow-pointer-lock",
    SandboxValue.SandboxAllowPopups: "allow-popups",
    SandboxValue.SandboxAllowPopupsToEscapeSandbox: "allow-popups-to-escape-sandbox",
    SandboxValue.SandboxAllowPresentation: "allow-presentation",
    SandboxValue.SandboxAllowSameOrigin: "allow-same-origin",
    SandboxValue.SandboxAllowScripts: "allow-scripts",
    SandboxValue.SandboxAllowStorageAccessByUserActivation: "allow-storage-access-by-user-activation",
    SandboxValue.SandboxAllowTopNavigation: "allow-top-navigation",
    SandboxValue.SandboxAllowTopNavigationByUserActivation: "allow-top-navigation-by-user-activation",
}

# bluemonday's helpers.go regular expressions, verbatim (RE2 syntax, which
# PCRE2 reads the same way for these).
CellAlign = r"(?i)^(center|justify|left|right|char)$"
CellVerticalAlign = r"(?i)^(baseline|bottom|middle|top)$"
Direction = r"(?i)^(rtl|ltr)$"
ImageAlign = r"(?i)^(left|right|top|texttop|middle|absmiddle|baseline|bottom|absbottom)$"
Integer = r"^[0-9]+$"
ISO8601 = (r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2}([ T][0-9]{2}(:[0-9]{2}){1,2}(.[0-9]{1,6})?"
           r"Z?([\+-][0-9]{2}:[0-9]{2})?)?)?)?$")
ListType = r"(?i)^(circle|disc|square|a|A|i|I|1)$"
SpaceSeparatedTokens = r"^([\s\p{L}\p{N}_-]+)$"
Number = r"^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$"
NumberOrPercent = r"^[0-9]+[%]?$"
Paragraph = r"^[\p{L}\p{N}\s\-_',\[\]!\./\\\(\)]*$"

# addDefaultElementsWithoutAttrs(): allowed elements that survive without
# attributes. Every other allowed element is removed (content kept) when no
# attribute is left on it.
ELEMENTS_WITHOUT_ATTRS = frozenset("""
abbr acronym address article aside audio b bdi blockquote body br button canvas
caption center cite code col colgroup datalist dd del details dfn div dl dt em
fieldset figcaption figure footer h1 h2 h3 h4 h5 h6 head header hgroup hr html
i ins kbd li mark marquee nav ol optgroup option p picture pre q rp rt ruby s
samp script section select small span strike strong style sub summary sup svg
table tbody td textarea tfoot th thead title time tr tt u ul var video wbr
""".split())

# Elements whose src bluemonday passes to RewriteSrc.
_REWRITE_SRC_ELEMENTS = frozenset("audio embed iframe img script track video".split())

_QUIET = (int(Status.UNKNOWN_ELEMENT), int(Status.UNSAFE_ELEMENT))

Regex = Union[str, "re.Pattern[str]"]


def _pattern(regex: Any) -> str:
    if isinstance(regex, re.Pattern):
        text = regex.pattern
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        return ("(?i)" + text) if regex.flags & re.IGNORECASE else text
    if isinstance(regex, str):
        return regex
    raise TypeError(f"a regular expression must be str or re.Pattern, not {type(regex).__name__}")


def _names(values: Tuple[Any, ...], what: str) -> List[str]:
    out = []
    for v in values:
        if not isinstance(v, str):
            raise TypeError(f"{what} must be str, not {type(v).__name__}")
        out.append(v.strip().lower())
    return out


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, (bool, int)):
        raise TypeError(f"{what} takes a bool, not {type(value).__name__}")
    return bool(value)


def _quiet(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Apply a native builder call; names the C library refuses (unknown to
    gumbo, or never allowed) are skipped, as bluemonday users expect."""
    try:
        fn(*args, **kwargs)
    except PolicyError as e:
        if int(e.status) not in _QUIET:
            raise


def _expand(regex: str) -> List[str]:
    """Known element names an element regex matches (Python's re stands in for
    RE2 here; a pattern it cannot read expands to nothing)."""
    try:
        rx = re.compile(regex.replace(r"\p{L}", "a-zA-Z").replace(r"\p{N}", "0-9"))
    except re.error:
        return []
    return [name for name in GUMBO_ELEMENTS if rx.search(name)]


class AttrPolicyBuilder:
    """Returned by :meth:`Policy.AllowAttrs` / :meth:`Policy.AllowNoAttrs`;
    finish it with :meth:`OnElements`, :meth:`OnElementsMatching` or
    :meth:`Globally`."""

    def __init__(self, policy: "Policy", attrs: List[str], allow_empty: bool = False) -> None:
        self._policy = policy
        self._attrs = attrs
        self._regex: Optional[str] = None
        self._allow_empty = allow_empty

    def Matching(self, regex: Regex) -> "AttrPolicyBuilder":
        """Only keep values that match ``regex`` (unanchored, like Go's
        ``MatchString``)."""
        self._regex = _pattern(regex)
        return self

    def AllowNoAttrs(self) -> "AttrPolicyBuilder":
        """Also let the elements appear without any attribute."""
        self._allow_empty = True
        return self

    def OnElements(self, *elements: str) -> "Policy":
        """Allow the attributes on these elements (which become allowed)."""
        names = _names(elements, "element")
        attrs, regex, empty = list(self._attrs), self._regex, self._allow_empty

        def op(p: _NativePolicy, st: "_State") -> None:
            for el in names:
                st.elements.add(el)
                if empty:
                    st.no_attrs.add(el)
                _quiet(p.allow_elements, el)
                for a in attrs:
                    _quiet(p.allow_attribute, a, el, pattern=regex)

        return self._policy._apply(op)

    def OnElementsMatching(self, regex: Regex) -> "Policy":
        """Allow the attributes on every element whose name matches ``regex``
        (those elements become allowed)."""
        el_rx = _pattern(regex)
        attrs, vrx, empty = list(self._attrs), self._regex, self._allow_empty

        def op(p: _NativePolicy, st: "_State") -> None:
            st.matchers.append(el_rx)
            if empty:
                st.no_attrs_matchers.append(el_rx)
            p.allow_elements_matching(el_rx)
            for a in attrs:
                p.allow_attribute_on_matching(a, el_rx, pattern=vrx)

        return self._policy._apply(op)

    def Globally(self) -> "Policy":
        """Allow the attributes on every allowed element."""
        attrs, regex = list(self._attrs), self._regex

        def op(p: _NativePolicy, st: "_State") -> None:
            for a in attrs:
                p.allow_attribute(a, None, pattern=regex)

        return self._policy._apply(op)


class StylePolicyBuilder:
    """Returned by :meth:`Policy.AllowStyles`: pick a value check
    (:meth:`Matching`, :meth:`MatchingEnum`, :meth:`MatchingHandler`, or none
    for the built-in per-property handler), then where it applies."""

    def __init__(self, policy: "Policy", props: List[str]) -> None:
        self._policy = policy
        self._props = props
        self._regex: Optional[str] = None
        self._enum: Optional[List[str]] = None
        self._handler: Optional[Callable[[str], bool]] = None

    def Matching(self, regex: Regex) -> "StylePolicyBuilder":
        """Values must match ``regex`` (unanchored)."""
        self._regex = _pattern(regex)
        return self

    def MatchingEnum(self, *values: str) -> "StylePolicyBuilder":
        """Values must be one of these (ASCII case-insensitive)."""
        self._enum = _names(values, "value")
        return self

    def MatchingHandler(self, handler: Callable[[str], bool]) -> "StylePolicyBuilder":
        """Values are accepted when ``handler(value)`` is true."""
        if not callable(handler):
            raise TypeError("MatchingHandler takes a callable")
        self._handler = handler
        return self

    def _snapshot(self) -> Tuple[List[str], Optional[str], Optional[List[str]], Any]:
        return (list(self._props), self._regex,
                None if self._enum is None else list(self._enum), self._handler)

    @staticmethod
    def _add(p: _NativePolicy, el: Optional[str], snap: Tuple[Any, ...]) -> None:
        props, regex, values, handler = snap
        for prop in props:
            if handler is not None:
                _quiet(p.allow_style_callback, prop, el,
                       lambda _prop, v, h=handler: bool(h(v)))
            elif values is not None:
                _quiet(p.allow_style_values, prop, el, values)
            else:
                _quiet(p.allow_style, prop, el, pattern=regex)

    def OnElements(self, *elements: str) -> "Policy":
        """Apply to ``style`` on these elements (they are not allowed by this)."""
        names = _names(elements, "element")
        snap = self._snapshot()

        def op(p: _NativePolicy, st: "_State") -> None:
            for el in names:
                self._add(p, el, snap)

        return self._policy._apply(op)

    def OnElementsMatching(self, regex: Regex) -> "Policy":
        """Apply to ``style`` on elements whose name matches ``regex``."""
        el_rx = _pattern(regex)
        snap = self._snapshot()

        def op(p: _NativePolicy, st: "_State") -> None:
            props, vrx, values, handler = snap
            if handler is None and values is None:
                for prop in props:
                    p.allow_style_on_matching(prop, el_rx, pattern=vrx)
            else:
                for el in _expand(el_rx):
                    self._add(p, el, snap)

        return self._policy._apply(op)

    def Globally(self) -> "Policy":
        """Apply to ``style`` on every element."""
        snap = self._snapshot()

        def op(p: _NativePolicy, st: "_State") -> None:
            self._add(p, None, snap)

        return self._policy._apply(op)


class _State:
    """What the require-attributes rule needs to know about a policy."""

    def __init__(self) -> None:
        self.elements: Set[str] = set()
        self.matchers: List[str] = []
        self.no_attrs: Set[str] = set()
        self.no_attrs_matchers: List[str] = []
        self.url_policies: Dict[str, List[Callable[[Any], bool]]] = {}
        self.rewrite_src: Optional[Callable[[Any], Any]] = None


class Policy:
    """A bluemonday policy. Use :class:`NewPolicy`, :class:`UGCPolicy` or
    :class:`StrictPolicy` to create one, call bluemonday's methods on it,
    then :meth:`sanitize`. Policies may be changed after use (the engine
    policy is rebuilt) and used from many threads at once."""

    _preset: Optional[str] = None  # "ugc" or None (empty)

    def __init__(self) -> None:
        self._ops: List[Callable[[_NativePolicy, _State], None]] = []
        self._lock = threading.RLock()
        self._native: Optional[_NativePolicy] = None
        self._state = _State()
        self._ready: Optional[_NativePolicy] = None  # finalized and frozen

    # -- machinery ----------------------------------------------------------

    def _fresh(self) -> _NativePolicy:
        return _NativePolicy.ugc() if self._preset == "ugc" else _NativePolicy.strict()

    def _apply(self, op: Callable[[_NativePolicy, _State], None]) -> "Policy":
        with self._lock:
            native = self._native
            if native is None or native.frozen:
                native = self._fresh()
                state = _State()
                for old in self._ops:
                    old(native, state)
                self._native, self._state = native, state
            op(native, self._state)  # errors surface here, at the call site
            self._ops.append(op)
            self._ready = None
        return self

    def _finalize(self) -> _NativePolicy:
        with self._lock:
            ready = self._ready
            if ready is not None:
                return ready
            native = self._native
            if native is None:  # no builder call yet
                native = self._native = self._fresh()
            st = self._state
            required: Dict[str, bool] = {}
            for el in st.elements:
                required[el] = el not in ELEMENTS_WITHOUT_ATTRS
            for rx in st.matchers:
                for el in _expand(rx):
                    required[el] = el not in ELEMENTS_WITHOUT_ATTRS
            for el in st.no_attrs:
                required[el] = False
            for rx in st.no_attrs_matchers:
                for el in _expand(rx):
                    required[el] = False
            for el, req in required.items():
                # Retry names refused earlier (script/style before AllowUnsafe).
                if el in st.elements:
                    _quiet(native.allow_elements, el)
                _quiet(native.require_attributes, el, req)
            native.freeze()
            self._ready = native
            return native

    def _flag(self, flag: int, on: bool) -> "Policy":
        return self._apply(lambda p, st: p.set_flag(flag, on))

    # -- sanitizing ---------------------------------------------------------

    def sanitize(self, document: Union[str, bytes]) -> str:
        """Sanitize ``document`` (``str``, or UTF-8 ``bytes``) and return ``str``."""
        if isinstance(document, (bytes, bytearray, memoryview)):
            return self._finalize().sanitize(bytes(document)).decode("utf-8", "replace")
        if not isinstance(document, str):
            raise TypeError(f"sanitize() takes str or bytes, not {type(document).__name__}")
        return self._finalize().sanitize(document)

    Sanitize = sanitize

    def SanitizeBytes(self, document: bytes) -> bytes:
        """Sanitize UTF-8 bytes and return bytes."""
        if not isinstance(document, (bytes, bytearray, memoryview)):
            raise TypeError(f"SanitizeBytes() takes bytes, not {type(document).__name__}")
        return self._finalize().sanitize(document)

    # -- elements -----------------------------------------------------------

    def AllowElements(self, *names: str) -> "Policy":
        """Allow these elements (with no attributes unless added)."""
        els = _names(names, "element")

        def op(p: _NativePolicy, st: _State) -> None:
            for el in els:
                st.elements.add(el)
                _quiet(p.allow_elements, el)

        return self._apply(op)

    def AllowElementsMatching(self, regex: Regex) -> "Policy":
        """Allow every element whose name matches ``regex``."""
        rx = _pattern(regex)

        def op(p: _NativePolicy, st: _State) -> None:
            st.matchers.append(rx)
            p.allow_elements_matching(rx)

        return self._apply(op)

    def AllowAttrs(self, *attrs: str) -> AttrPolicyBuilder:
        """Start an attribute rule: ``AllowAttrs("href").Matching(re).OnElements("a")``."""
        return AttrPolicyBuilder(self, _names(attrs, "attribute"))

    def AllowNoAttrs(self, *attrs: str) -> AttrPolicyBuilder:
        """``AllowNoAttrs().OnElements(...)``: the elements become allowed and
        may appear without attributes. (Arguments are accepted and ignored, as
        in pybluemonday.)"""
        return AttrPolicyBuilder(self, [], allow_empty=True)

    def AllowStyles(self, *props: str) -> StylePolicyBuilder:
        """Start an inline-style rule: ``AllowStyles("color").Globally()``."""
        return StylePolicyBuilder(self, _names(props, "property"))

    def SkipElementsContent(self, *names: str) -> "Policy":
        """Drop these elements' content too when they are not allowed."""
        els = _names(names, "element")
        return self._apply(lambda p, st: [_quiet(p.set_disposition, e, Disposition.DROP) for e in els])

    def AllowElementsContent(self, *names: str) -> "Policy":
        """Keep these elements' content when they are not allowed."""
        els = _names(names, "element")
        return self._apply(lambda p, st: [_quiet(p.set_disposition, e, Disposition.UNWRAP) for e in els])

    def AllowUnsafe(self, allow: bool) -> "Policy":
        """Let script and style be allowed (never for untrusted input)."""
        return self._flag(Flag.UNSAFE_ALLOW_SCRIPT_AND_STYLE, _bool(allow, "AllowUnsafe"))

    # -- attributes ---------------------------------------------------------

    def AllowDataAttributes(self) -> "Policy":
        """Keep ``data-*`` attributes with safe names on allowed elements."""
        return self._flag(Flag.ALLOW_DATA_ATTRIBUTES, True)

    def AllowComments(self) -> "Policy":
        """Keep HTML comments (made safe; IE conditional comments dropped)."""
        return self._flag(Flag.ALLOW_COMMENTS, True)

    def AddSpaceWhenStrippingTag(self, allow: bool) -> "Policy":
        """Write a space where a tag was removed."""
        return self._flag(Flag.SPACE_WHEN_STRIPPING, _bool(allow, "AddSpaceWhenStrippingTag"))

    # -- URLs ---------------------------------------------------------------

    def AllowURLSchemes(self, *schemes: str) -> "Policy":
        """Allow URLs with these schemes."""
        names = _names(schemes, "scheme")

        def op(p: _NativePolicy, st: _State) -> None:
            for s in names:
                try:
                    p.allow_url_schemes(s)
                except PolicyError as e:  # not a scheme: it could never match
                    if int(e.status) != int(Status.INVALID_ARGUMENT):
                        raise

        return self._apply(op)

    def AllowURLSchemesMatching(self, regex: Regex) -> "Policy":
        """Allow every scheme that matches ``regex``."""
        rx = _pattern(regex)
        return self._apply(lambda p, st: p.allow_url_schemes_matching(rx))

    def AllowURLSchemeWithCustomPolicy(self, scheme: str,
                                       url_policy: Callable[[Any], bool]) -> "Policy":
        """Allow ``scheme`` for URLs that ``url_policy`` accepts. It receives a
        ``urllib.parse.ParseResult`` (Go passes ``*url.URL``); several
        policies for a scheme are ORed, as in bluemonday."""
        if not callable(url_policy):
            raise TypeError("AllowURLSchemeWithCustomPolicy takes a callable")
        name = _names((scheme,), "scheme")[0]

        def op(p: _NativePolicy, st: _State) -> None:
            fns = st.url_policies.setdefault(name, [])
            fns.append(url_policy)
            funcs = list(fns)

            def check(url: str) -> bool:
                try:
                    parsed = urllib.parse.urlparse(url)
                except ValueError:
                    return False
                return any(f(parsed) for f in funcs)

            p.set_url_scheme_callback(name, check)

        return self._apply(op)

    def AllowRelativeURLs(self, require: bool) -> "Policy":
        """Keep URLs without a scheme."""
        return self._flag(Flag.ALLOW_RELATIVE_URLS, _bool(require, "AllowRelativeURLs"))

    def RequireParseableURLs(self, require: bool) -> "Policy":
        """Reject malformed URLs and write kept ones normalized."""
        return self._flag(Flag.REQUIRE_PARSEABLE_URLS, _bool(require, "RequireParseableURLs"))

    def RequireNoFollowOnLinks(self, require: bool) -> "Policy":
        """``rel="nofollow"`` on every link."""
        return self._flag(Flag.NOFOLLOW, _bool(require, "RequireNoFollowOnLinks"))

    def RequireNoFollowOnFullyQualifiedLinks(self, require: bool) -> "Policy":
        """``rel="nofollow"`` on links with a host."""
        return self._flag(Flag.NOFOLLOW_FULLY_QUALIFIED,
                          _bool(require, "RequireNoFollowOnFullyQualifiedLinks"))

    def RequireNoReferrerOnLinks(self, require: bool) -> "Policy":
        """``rel="noreferrer"`` on every link."""
        return self._flag(Flag.NOREFERRER, _bool(require, "RequireNoReferrerOnLinks"))

    def RequireNoReferrerOnFullyQualifiedLinks(self, require: bool) -> "Policy":
        """``rel="noreferrer"`` on links with a host."""
        return self._flag(Flag.NOREFERRER_FULLY_QUALIFIED,
                          _bool(require, "RequireNoReferrerOnFullyQualifiedLinks"))

    def AddTargetBlankToFullyQualifiedLinks(self, require: bool) -> "Policy":
        """``target="_blank"`` (and ``rel="noopener"``) on links with a host."""
        return self._flag(Flag.TARGET_BLANK_FULLY_QUALIFIED,
                          _bool(require, "AddTargetBlankToFullyQualifiedLinks"))

    def RequireCrossOriginAnonymous(self, require: bool) -> "Policy":
        """``crossorigin="anonymous"`` on audio, img, link, script, video."""
        return self._flag(Flag.CROSSORIGIN_ANONYMOUS, _bool(require, "RequireCrossOriginAnonymous"))

    def RequireSandboxOnIFrame(self, *vals: SandboxValue) -> "Policy":
        """Require ``sandbox`` on iframes, keeping only these tokens."""
        tokens = []
        for v in vals:
            if not isinstance(v, int) or isinstance(v, bool):
                raise TypeError("RequireSandboxOnIFrame takes SandboxValue members")
            tokens.append(_SANDBOX_TOKENS[SandboxValue(v)])
        return self._apply(lambda p, st: p.require_iframe_sandbox(tokens))

    def RewriteSrc(self, fn: Callable[[Any], Any]) -> "Policy":
        """Rewrite ``src`` of audio, embed, iframe, img, script, track and video
        after it passed the URL checks. ``fn`` receives a
        ``urllib.parse.ParseResult`` and returns the new URL (a ``str`` or a
        ``ParseResult``), or ``None`` to keep it. (Go mutates ``*url.URL``
        in place; Python namedtuples cannot be mutated.)"""
        if not callable(fn):
            raise TypeError("RewriteSrc takes a callable")

        def filt(element: str, attribute: str, value: str) -> Union[bool, str]:
            if attribute != "src" or element not in _REWRITE_SRC_ELEMENTS:
                return True
            try:
                parsed = urllib.parse.urlparse(value)
            except ValueError:
                return False
            new = fn(parsed)
            if new is None:
                return True
            if isinstance(new, tuple) and hasattr(new, "geturl"):
                return str(new.geturl())
            if isinstance(new, str):
                return new
            raise TypeError("RewriteSrc callback must return str, ParseResult or None")

        return self._apply(lambda p, st: p.set_attribute_filter(filt))

    # -- helpers (helpers.go) -----------------------------------------------

    def AllowStandardURLs(self) -> "Policy":
        """Parseable URLs; relative, mailto, http, https; nofollow on links."""
        self.RequireParseableURLs(True)
        self.AllowRelativeURLs(True)
        self.AllowURLSchemes("mailto", "http", "https")
        return self.RequireNoFollowOnLinks(True)

    def AllowStandardAttributes(self) -> "Policy":
        """dir, lang, id, title on every element (with bluemonday's patterns)."""
        self.AllowAttrs("dir").Matching(Direction).Globally()
        self.AllowAttrs("lang").Matching(r"[a-zA-Z]{2,20}").Globally()
        self.AllowAttrs("id").Matching(r"[a-zA-Z0-9\:\-_\.]+").Globally()
        return self.AllowAttrs("title").Matching(Paragraph).Globally()

    def AllowStyling(self) -> "Policy":
        """``class`` (space-separated tokens) on every element."""
        return self.AllowAttrs("class").Matching(SpaceSeparatedTokens).Globally()

    def AllowImages(self) -> "Policy":
        """img with align, alt, height, width and src (standard URLs)."""
        self.AllowAttrs("align").Matching(ImageAlign).OnElements("img")
        self.AllowAttrs("alt").Matching(Paragraph).OnElements("img")
        self.AllowAttrs("height", "width").Matching(NumberOrPercent).OnElements("img")
        self.AllowStandardURLs()
        return self.AllowAttrs("src").OnElements("img")

    def AllowDataURIImages(self) -> "Policy":
        """base64 data: images (gif, jpeg, png, webp; not svg+xml) on img."""
        self.RequireParseableURLs(True)
        return self._apply(lambda p, st: p.allow_data_uri_images())

    def AllowLists(self) -> "Policy":
        """ol, ul, li (with type/value), dl, dt, dd."""
        self.AllowAttrs("type").Matching(ListType).OnElements("ol", "ul")
        self.AllowAttrs("type").Matching(ListType).OnElements("li")
        self.AllowAttrs("value").Matching(Integer).OnElements("li")
        return self.AllowElements("dl", "dt", "dd")

    def AllowTables(self) -> "Policy":
        """table, caption, col, colgroup, thead, tbody, tfoot, tr, td, th with
        bluemonday's attributes."""
        self.AllowAttrs("height", "width").Matching(NumberOrPercent).OnElements("table")
        self.AllowAttrs("summary").Matching(Paragraph).OnElements("table")
        self.AllowElements("caption")
        self.AllowAttrs("align").Matching(CellAlign).OnElements("col", "colgroup")
        self.AllowAttrs("height", "width").Matching(NumberOrPercent).OnElements("col", "colgroup")
        self.AllowAttrs("span").Matching(Integer).OnElements("colgroup", "col")
        self.AllowAttrs("valign").Matching(CellVerticalAlign).OnElements("col", "colgroup")
        self.AllowAttrs("align").Matching(CellAlign).OnElements("thead", "tr")
        self.AllowAttrs("valign").Matching(CellVerticalAlign).OnElements("thead", "tr")
        self.AllowAttrs("abbr").Matching(Paragraph).OnElements("td", "th")
        self.AllowAttrs("align").Matching(CellAlign).OnElements("td", "th")
        self.AllowAttrs("colspan", "rowspan").Matching(Integer).OnElements("td", "th")
        self.AllowAttrs("headers").Matching(SpaceSeparatedTokens).OnElements("td", "th")
        self.AllowAttrs("height", "width").Matching(NumberOrPercent).OnElements("td", "th")
        self.AllowAttrs("scope").Matching(r"(?i)(?:row|col)(?:group)?").OnElements("td", "th")
        self.AllowAttrs("valign").Matching(CellVerticalAlign).OnElements("td", "th")
        self.AllowAttrs("nowrap").Matching(r"(?i)|nowrap").OnElements("td", "th")
        self.AllowAttrs("align").Matching(CellAlign).OnElements("tbody", "tfoot")
        return self.AllowAttrs("valign").Matching(CellVerticalAlign).OnElements("tbody", "tfoot")

    def AllowIFrames(self, *vals: SandboxValue) -> "Policy":
        """iframe with a sandbox attribute limited to these tokens (``src`` is
        not allowed by this; add ``AllowAttrs("src").OnElements("iframe")``)."""
        self.AllowAttrs("sandbox").OnElements("iframe")
        return self.RequireSandboxOnIFrame(*vals)

    def __getattr__(self, name: str) -> Any:
        # pybluemonday resolved unknown names in Go and crashed the process;
        # here an unknown method is an ordinary AttributeError.
        raise AttributeError(f"bluemonday Policy has no method {name!r}")


class NewPolicy(Policy):
    """An empty policy: nothing allowed (bluemonday's ``NewPolicy()``)."""


class StrictPolicy(Policy):
    """bluemonday's ``StrictPolicy()``: every tag removed, text kept."""


class UGCPolicy(Policy):
    """bluemonday's ``UGCPolicy()``: the user-generated-content allowlist."""

    _preset = "ugc"


def StripTagsPolicy() -> StrictPolicy:
    """Deprecated bluemonday alias of :class:`StrictPolicy`."""
    return StrictPolicy()
