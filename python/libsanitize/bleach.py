"""Drop-in replacement for ``bleach.clean`` (bleach's API, libsanitize's engine).

Change ``import bleach`` to ``from libsanitize import bleach``::

    bleach.clean("an <script>evil()</script> example")
    # 'an &lt;script&gt;evil()&lt;/script&gt; example'
    bleach.clean(html, tags={"p", "a"}, attributes={"a": ["href"]}, strip=True)

The defaults are bleach's: 12 tags, ``title`` on abbr/acronym, ``href`` and
``title`` on a, http/https/mailto (plus relative URLs), comments stripped, and
disallowed tags *escaped* as text unless ``strip=True`` (then removed, their
content kept — also the content of script and style, as bleach does).
``linkify`` is not provided. Differences are listed in docs/compat-bleach.md.
"""

from __future__ import annotations

import string
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Union

from ._api import Disposition, Flag, Policy, PolicyError, Status

__all__ = [
    "ALLOWED_TAGS",
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_PROTOCOLS",
    "Cleaner",
    "CSSSanitizer",
    "clean",
]

__version__ = "6.2.0"  # the bleach API this mirrors

#: bleach's default allowed tags.
ALLOWED_TAGS = frozenset((
    "a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol",
    "strong", "ul",
))
#: bleach's default allowed attributes.
ALLOWED_ATTRIBUTES: Dict[str, List[str]] = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "acronym": ["title"],
}
#: bleach's default allowed URL protocols.
ALLOWED_PROTOCOLS = frozenset(("http", "https", "mailto"))

# Elements the C library drops with content by default (bluemonday's set);
# bleach escapes or strips them like any other tag.
_C_DROP_DEFAULTS = ("frame", "frameset", "iframe", "noembed", "noframes", "noscript",
                    "object", "script", "style", "title")
_QUIET = (int(Status.UNKNOWN_ELEMENT), int(Status.UNSAFE_ELEMENT))

# Attribute names a callable may be asked about: any name starting with one
# of these (the C library keeps only names made of letters, digits, - _ .).
_ALL_NAME_PREFIXES = tuple(string.ascii_lowercase) + ("_",)

AttributeCallable = Callable[[str, str, str], bool]
Attributes = Union[Mapping[str, Union[Iterable[str], AttributeCallable]],
                   Iterable[str], AttributeCallable]


class CSSSanitizer:
    """bleach's ``CSSSanitizer``: keeps the listed CSS properties of allowed
    ``style`` attributes (values are checked by libsanitize's built-in CSS
    handlers; ``url()`` is removed)."""

    def __init__(self, allowed_css_properties: Iterable[str] = (),
                 allowed_svg_properties: Iterable[str] = ()) -> None:
        self.allowed_css_properties = frozenset(allowed_css_properties)
        self.allowed_svg_properties = frozenset(allowed_svg_properties)


def _quiet(fn: Callable[..., Any], *args: Any) -> None:
    try:
        fn(*args)
    except PolicyError as e:
        if int(e.status) not in _QUIET:
            raise


def _names(values: Any, what: str) -> List[str]:
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{what} must be a list or set of str, not a single str")
    out = []
    for v in values:
        if not isinstance(v, str):
            raise TypeError(f"{what} must contain str, not {type(v).__name__}")
        out.append(v)
    return out


def _attribute_filter(attributes: Any) -> Callable[[str, str, str], bool]:
    """bleach's attribute_filter_factory, verbatim in behaviour."""
    if callable(attributes):
        return attributes
    if isinstance(attributes, Mapping):
        def _attr_filter(tag: str, attr: str, value: str) -> bool:
            if tag in attributes:
                attr_val = attributes[tag]
                if callable(attr_val):
                    return bool(attr_val(tag, attr, value))
                if attr in attr_val:
                    return True
            if "*" in attributes:
                attr_val = attributes["*"]
                if callable(attr_val):
                    return bool(attr_val(tag, attr, value))
                return attr in attr_val
            return False
        return _attr_filter
    names = list(attributes)

    def _list_filter(tag: str, attr: str, value: str) -> bool:
        return attr in names
    return _list_filter


class Cleaner:
    """bleach's ``Cleaner``: configure once, call :meth:`clean` many times
    (from any number of threads: unlike bleach's, this one is thread-safe)."""

    def __init__(
        self,
        tags: Iterable[str] = ALLOWED_TAGS,
        attributes: Attributes = ALLOWED_ATTRIBUTES,
        protocols: Iterable[str] = ALLOWED_PROTOCOLS,
        strip: bool = False,
        strip_comments: bool = True,
        filters: Optional[Iterable[Any]] = None,
        css_sanitizer: Optional[CSSSanitizer] = None,
    ) -> None:
        if filters:
            raise NotImplementedError("html5lib filters are not supported by libsanitize.bleach")
        tag_list = _names(tags, "tags")
        proto_list = _names(protocols, "protocols")
        self.tags = frozenset(tag_list)
        self.attributes = attributes
        self.protocols = frozenset(proto_list)
        self.strip = bool(strip)
        self.strip_comments = bool(strip_comments)
        self.css_sanitizer = css_sanitizer

        p = Policy()
        disposition = Disposition.UNWRAP if strip else Disposition.ESCAPE
        p.set_disposition(None, disposition)
        for el in _C_DROP_DEFAULTS:
            _quiet(p.set_disposition, el, disposition)
        for el in tag_list:
            _quiet(p.allow_elements, el)

        static: Optional[Dict[Optional[str], List[str]]] = None
        if isinstance(attributes, Mapping):
            if not any(callable(v) for v in attributes.values()):
                static = {}
                for tag, names in attributes.items():
                    if not isinstance(tag, str):
                        raise TypeError("attributes keys must be str")
                    static[None if tag == "*" else tag] = _names(names, f"attributes[{tag!r}]")
        elif not callable(attributes):
            static = {None: _names(attributes, "attributes")}
        style_where: List[Optional[str]] = []
        if static is not None:
            for tag, names in static.items():
                for a in names:
                    if a == "style":
                        style_where.append(tag)
                        continue  # style only through the CSS sanitizer
                    _quiet(p.allow_attribute, a, tag)
        else:
            # A callable decides: let every plain attribute name reach it.
            for prefix in _ALL_NAME_PREFIXES:
                p.allow_attribute_prefix(prefix)
            decide = _attribute_filter(attributes)

            def filt(tag: str, attr: str, value: str) -> bool:
                if attr == "style" and css_sanitizer is None:
                    return False
                return bool(decide(tag, attr, value))
            p.set_attribute_filter(filt)
            style_where.append(None)
        if css_sanitizer is not None:
            for el in style_where:
                for prop in sorted(css_sanitizer.allowed_css_properties):
                    _quiet(p.allow_style, prop, el)
        for proto in proto_list:
            try:
                p.allow_url_schemes(proto)
            except PolicyError as e:
                if int(e.status) != int(Status.INVALID_ARGUMENT):
                    raise
        p.set_flag(Flag.ALLOW_RELATIVE_URLS)
        if not strip_comments:
            p.set_flag(Flag.ALLOW_COMMENTS)
        self._policy = p.freeze()

    def clean(self, text: str) -> str:
        """Sanitize ``text`` (an HTML fragment) and return the result."""
        if not isinstance(text, str):
            raise TypeError(f"argument cannot be of {type(text).__name__!r} type, "
                            "must be of text type")
        if not text:
            return ""
        return self._policy.sanitize(text)


_default_cleaner: Optional[Cleaner] = None


def clean(
    text: str,
    tags: Iterable[str] = ALLOWED_TAGS,
    attributes: Attributes = ALLOWED_ATTRIBUTES,
    protocols: Iterable[str] = ALLOWED_PROTOCOLS,
    strip: bool = False,
    strip_comments: bool = True,
    css_sanitizer: Optional[CSSSanitizer] = None,
) -> str:
    """Clean an HTML fragment with bleach's rules and defaults.

    ``tags`` allowed tags; ``attributes`` a list (every tag), a dict
    {tag: list or callable(tag, name, value)} with ``"*"`` for every tag, or a
    callable(tag, name, value); ``protocols`` allowed URL schemes; ``strip``
    remove disallowed tags instead of escaping them; ``strip_comments``;
    ``css_sanitizer`` a :class:`CSSSanitizer` for ``style``."""
    global _default_cleaner
    if not isinstance(text, str):
        raise TypeError(f"argument cannot be of {type(text).__name__!r} type, "
                        "must be of text type")
    if (tags is ALLOWED_TAGS and attributes is ALLOWED_ATTRIBUTES
            and protocols is ALLOWED_PROTOCOLS and strip is False
            and strip_comments is True and css_sanitizer is None):
        cleaner = _default_cleaner
        if cleaner is None:
            cleaner = _default_cleaner = Cleaner()
        return cleaner.clean(text)
    cleaner = Cleaner(tags=tags, attributes=attributes, protocols=protocols, strip=strip,
                      strip_comments=strip_comments, css_sanitizer=css_sanitizer)
    try:
        return cleaner.clean(text)
    finally:
        cleaner._policy.close()
