"""Drop-in replacement for ``nh3`` (ammonia's API, libsanitize's engine).

Change ``import nh3`` to ``from libsanitize import nh3``::

    nh3.clean("<b onclick=x>hi</b><script>y</script>")   # '<b>hi</b>'
    nh3.clean(html, tags={"b", "a"}, attributes={"a": {"href"}},
              url_schemes={"https"}, link_rel=None)
    cleaner = nh3.Cleaner(tags={"p"}); cleaner.clean(html)
    nh3.clean_text("<x>")                                # '&lt;x&gt;'
    nh3.is_html("a < b")                                 # False

Defaults are ammonia's (``ALLOWED_TAGS`` & co. below). Disallowed elements
are unwrapped (content kept) except ``clean_content_tags`` (script, style),
which are removed with their content. Differences from nh3 are listed in
docs/compat-nh3.md (entities are written decoded, elements gumbo cannot keep
safely are always dropped, ``rel`` goes only on links with an href).
"""

from __future__ import annotations

import html.parser
import sys
import urllib.parse
from typing import (
    AbstractSet,
    Any,
    Callable,
    Dict,
    Iterable,
    Mapping,
    Optional,
    Set,
    Tuple,
    Union,
)

from ._api import Disposition, Flag, Policy, PolicyError, Status

__all__ = [
    "ALLOWED_TAGS",
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_URL_SCHEMES",
    "CLEAN_CONTENT_TAGS",
    "Cleaner",
    "clean",
    "clean_text",
    "is_html",
]

__version__ = "0.3.6"  # the nh3 version whose API this mirrors

_TAGS = frozenset("""
a abbr acronym area article aside b bdi bdo blockquote br caption center cite
code col colgroup data dd del details dfn div dl dt em figcaption figure footer
h1 h2 h3 h4 h5 h6 header hgroup hr i img ins kbd li map mark nav ol p pre q rp
rt rtc ruby s samp small span strike strong sub summary sup table tbody td th
thead time tr tt u ul var wbr
""".split())
_CLEAN_CONTENT_TAGS = frozenset({"script", "style"})
_GENERIC_ATTRIBUTES = frozenset({"lang", "title"})
_TAG_ATTRIBUTES: Dict[str, frozenset] = {
    "a": frozenset({"href", "hreflang"}),
    "bdo": frozenset({"dir"}),
    "blockquote": frozenset({"cite"}),
    "col": frozenset({"align", "char", "charoff", "span"}),
    "colgroup": frozenset({"align", "char", "charoff", "span"}),
    "del": frozenset({"cite", "datetime"}),
    "hr": frozenset({"align", "size", "width"}),
    "img": frozenset({"align", "alt", "height", "src", "width"}),
    "ins": frozenset({"cite", "datetime"}),
    "ol": frozenset({"start"}),
    "q": frozenset({"cite"}),
    "table": frozenset({"align", "char", "charoff", "summary"}),
    "tbody": frozenset({"align", "char", "charoff"}),
    "td": frozenset({"align", "char", "charoff", "colspan", "headers", "rowspan"}),
    "tfoot": frozenset({"align", "char", "charoff"}),
    "th": frozenset({"align", "char", "charoff", "colspan", "headers", "rowspan", "scope"}),
    "thead": frozenset({"align", "char", "charoff"}),
    "tr": frozenset({"align", "char", "charoff"}),
}
_URL_SCHEMES = frozenset("""
bitcoin ftp ftps geo http https im irc ircs magnet mailto mms mx news nntp
openpgp4fpr sip sms smsto ssh tel url webcal wtai xmpp
""".split())

#: ammonia's default allowed tags (a fresh mutable copy, as in nh3).
ALLOWED_TAGS: Set[str] = set(_TAGS)
#: ammonia's default per-tag attributes.
ALLOWED_ATTRIBUTES: Dict[str, Set[str]] = {k: set(v) for k, v in _TAG_ATTRIBUTES.items()}
#: ammonia's default URL schemes.
ALLOWED_URL_SCHEMES: Set[str] = set(_URL_SCHEMES)
#: ammonia's default tags removed with their content.
CLEAN_CONTENT_TAGS: Set[str] = set(_CLEAN_CONTENT_TAGS)

# bluemonday's drop-with-content set is the C default; ammonia unwraps them.
_C_DROP_DEFAULTS = ("frame", "frameset", "iframe", "noembed", "noframes", "noscript",
                    "object", "script", "style", "title")

# URL-bearing attributes, for url_relative rewriting.
_URL_ATTRIBUTES = frozenset("""
href src cite action formaction poster background longdesc usemap data codebase
dynsrc lowsrc icon manifest profile
""".split())

_QUIET = (int(Status.UNKNOWN_ELEMENT), int(Status.UNSAFE_ELEMENT))

UrlRelative = Union[str, Tuple[str, str], Tuple[str, str, str], Callable[[str], Optional[str]]]


def _quiet(fn: Callable[..., Any], *args: Any) -> None:
    try:
        fn(*args)
    except PolicyError as e:
        if int(e.status) not in _QUIET:
            raise


def _strset(value: Any, what: str) -> Set[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a set of str, not {type(value).__name__}")
    out = set()
    for v in value:
        if not isinstance(v, str):
            raise TypeError(f"{what} must contain str, not {type(v).__name__}")
        out.add(v)
    return out


def _mapping(value: Any, what: str) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"{what} must be a dict, not {type(value).__name__}")
    return value


def _has_scheme(url: str) -> bool:
    u = url.strip(" \t\n\r\x0c\x00")
    i = 0
    while i < len(u) and (u[i].isascii() and (u[i].isalnum() or u[i] in "+-.")):
        i += 1
    return 0 < i < len(u) and u[i] == ":" and u[0].isalpha()


class Cleaner:
    """A reusable sanitizer with nh3's options (see :func:`clean`). Building
    it compiles the policy once; :meth:`clean` may then be called from any
    number of threads."""

    def __init__(
        self,
        tags: Optional[AbstractSet[str]] = None,
        clean_content_tags: Optional[AbstractSet[str]] = None,
        attributes: Optional[Mapping[str, AbstractSet[str]]] = None,
        attribute_filter: Optional[Callable[[str, str, str], Optional[str]]] = None,
        strip_comments: bool = True,
        link_rel: Optional[str] = "noopener noreferrer",
        generic_attribute_prefixes: Optional[AbstractSet[str]] = None,
        tag_attribute_values: Optional[Mapping[str, Mapping[str, AbstractSet[str]]]] = None,
        set_tag_attribute_values: Optional[Mapping[str, Mapping[str, str]]] = None,
        url_schemes: Optional[AbstractSet[str]] = None,
        allowed_classes: Optional[Mapping[str, AbstractSet[str]]] = None,
        filter_style_properties: Optional[AbstractSet[str]] = None,
        url_relative: Optional[UrlRelative] = None,
    ) -> None:
        if attribute_filter is not None and not callable(attribute_filter):
            raise TypeError("attribute_filter must be callable")
        if link_rel is not None and not isinstance(link_rel, str):
            raise TypeError("link_rel must be str or None")
        tag_set = _strset(tags, "tags") if tags is not None else set(_TAGS)
        ccc = (_strset(clean_content_tags, "clean_content_tags")
               if clean_content_tags is not None else set(_CLEAN_CONTENT_TAGS))
        generic: Set[str] = set(_GENERIC_ATTRIBUTES)
        tag_attrs: Dict[str, Set[str]] = {k: set(v) for k, v in _TAG_ATTRIBUTES.items()}
        if attributes is not None:
            tag_attrs = {}
            for tag, attrs in _mapping(attributes, "attributes").items():
                if not isinstance(tag, str):
                    raise TypeError("attributes keys must be str")
                if tag == "*":
                    generic = _strset(attrs, "attributes['*']")
                else:
                    tag_attrs[tag] = _strset(attrs, f"attributes[{tag!r}]")
        if tag_set & ccc:
            raise ValueError("tags and clean_content_tags must be disjoint, both contain "
                             + ", ".join(sorted(tag_set & ccc)))
        if link_rel and ("rel" in generic or "rel" in tag_attrs.get("a", ())):
            raise ValueError("link_rel must be None when 'rel' is an allowed attribute")
        if allowed_classes is not None:
            classes = {t: _strset(c, f"allowed_classes[{t!r}]")
                       for t, c in _mapping(allowed_classes, "allowed_classes").items()}
            for t in classes:
                if "class" in generic or "class" in tag_attrs.get(t, ()):
                    raise ValueError("'class' must not be an allowed attribute where "
                                     "allowed_classes applies")
        else:
            classes = {}

        p = Policy()
        for el in _C_DROP_DEFAULTS:
            _quiet(p.set_disposition, el, Disposition.UNWRAP)
        for el in sorted(tag_set):
            _quiet(p.allow_elements, el)
        for el in sorted(ccc):
            _quiet(p.set_disposition, el, Disposition.DROP)
        for a in sorted(generic):
            p.allow_attribute(a)
        for tag, attrs in tag_attrs.items():
            for a in sorted(attrs):
                _quiet(p.allow_attribute, a, tag)
        if generic_attribute_prefixes is not None:
            for prefix in sorted(_strset(generic_attribute_prefixes, "generic_attribute_prefixes")):
                p.allow_attribute_prefix(prefix)
        if tag_attribute_values is not None:
            for tag, amap in _mapping(tag_attribute_values, "tag_attribute_values").items():
                for a, values in _mapping(amap, f"tag_attribute_values[{tag!r}]").items():
                    _quiet(p.allow_attribute_values, a, tag,
                           sorted(_strset(values, "tag_attribute_values values")))
        if set_tag_attribute_values is not None:
            for tag, amap in _mapping(set_tag_attribute_values, "set_tag_attribute_values").items():
                for a, value in _mapping(amap, f"set_tag_attribute_values[{tag!r}]").items():
                    if not isinstance(value, str):
                        raise TypeError("set_tag_attribute_values values must be str")
                    _quiet(p.set_attribute, tag, a, value)
        schemes = (_strset(url_schemes, "url_schemes") if url_schemes is not None
                   else set(_URL_SCHEMES))
        for s in sorted(schemes):
            try:
                p.allow_url_schemes(s)
            except PolicyError as e:
                if int(e.status) != int(Status.INVALID_ARGUMENT):
                    raise
        for tag, cls in classes.items():
            _quiet(p.allow_classes, tag, sorted(cls))
        if filter_style_properties is not None:
            props = sorted(_strset(filter_style_properties, "filter_style_properties"))
            where = ([None] if "style" in generic
                     else [t for t, a in tag_attrs.items() if "style" in a])
            for el in where:
                for prop in props:
                    _quiet(p.allow_style, prop, el)  # built-in value checks
        if not strip_comments:
            p.set_flag(Flag.ALLOW_COMMENTS)
        if link_rel:
            p.set_link_rel(link_rel)

        rewrite = self._relative_rewriter(url_relative)
        if url_relative != "deny":
            p.set_flag(Flag.ALLOW_RELATIVE_URLS)
        filters = []
        if rewrite is not None:
            filters.append(rewrite)
        if attribute_filter is not None:
            filters.append(self._wrap_user_filter(attribute_filter))
        if filters:
            def chained(element: str, attribute: str, value: str) -> Any:
                changed = False
                for f in filters:
                    r = f(element, attribute, value)
                    if r is None or r is False:
                        return None
                    if isinstance(r, str):
                        changed = changed or r != value
                        value = r
                return value if changed else True
            p.set_attribute_filter(chained)
        self._policy = p.freeze()

    @staticmethod
    def _relative_rewriter(url_relative: Any) -> Optional[Callable[[str, str, str], Any]]:
        if url_relative is None or url_relative in ("pass_through", "deny"):
            return None
        if callable(url_relative):
            fn = url_relative
        elif (isinstance(url_relative, tuple) and len(url_relative) == 2
              and url_relative[0] == "rewrite_with_base"):
            base = url_relative[1]

            def fn(url: str) -> Optional[str]:
                return urllib.parse.urljoin(base, url)
        elif (isinstance(url_relative, tuple) and len(url_relative) == 3
              and url_relative[0] == "rewrite_with_root"):
            root, path = url_relative[1], url_relative[2]

            def fn(url: str) -> Optional[str]:
                if url.startswith("/") and not url.startswith("//"):
                    return urllib.parse.urljoin(root, url)
                return urllib.parse.urljoin(urllib.parse.urljoin(root, path), url)
        else:
            raise TypeError("url_relative must be 'pass_through', 'deny', "
                            "('rewrite_with_base', base), ('rewrite_with_root', root, path) "
                            "or a callable")

        def rewrite(element: str, attribute: str, value: str) -> Any:
            if attribute not in _URL_ATTRIBUTES or _has_scheme(value):
                return True
            new = fn(value)
            return None if new is None else str(new)

        return rewrite

    @staticmethod
    def _wrap_user_filter(fn: Callable[[str, str, str], Optional[str]]) -> Callable[..., Any]:
        # nh3: None drops the attribute, a str replaces the value; an exception
        # or a wrong return type is reported as unraisable and the value kept.
        def wrapped(element: str, attribute: str, value: str) -> Any:
            try:
                r = fn(element, attribute, value)
                if r is None or isinstance(r, str):
                    return r
                raise TypeError("expected attribute_filter to return str or None")
            except Exception as e:  # noqa: BLE001 - nh3's contract
                hook = sys.unraisablehook
                hook(_Unraisable(e, fn))
                return value
        return wrapped

    def clean(self, html: str) -> str:
        """Sanitize an HTML fragment."""
        if not isinstance(html, str):
            raise TypeError(f"argument 'html': expected str, got {type(html).__name__}")
        return self._policy.sanitize(html)


class _Unraisable:
    def __init__(self, exc: BaseException, obj: Any) -> None:
        self.exc_type = type(exc)
        self.exc_value = exc
        self.exc_traceback = exc.__traceback__
        self.err_msg = "Exception ignored in nh3 attribute_filter"
        self.object = obj


_default_cleaner: Optional[Cleaner] = None


def clean(
    html: str,
    tags: Optional[AbstractSet[str]] = None,
    clean_content_tags: Optional[AbstractSet[str]] = None,
    attributes: Optional[Mapping[str, AbstractSet[str]]] = None,
    attribute_filter: Optional[Callable[[str, str, str], Optional[str]]] = None,
    strip_comments: bool = True,
    link_rel: Optional[str] = "noopener noreferrer",
    generic_attribute_prefixes: Optional[AbstractSet[str]] = None,
    tag_attribute_values: Optional[Mapping[str, Mapping[str, AbstractSet[str]]]] = None,
    set_tag_attribute_values: Optional[Mapping[str, Mapping[str, str]]] = None,
    url_schemes: Optional[AbstractSet[str]] = None,
    allowed_classes: Optional[Mapping[str, AbstractSet[str]]] = None,
    filter_style_properties: Optional[AbstractSet[str]] = None,
    url_relative: Optional[UrlRelative] = None,
) -> str:
    """Sanitize an HTML fragment with ammonia's defaults, changed by the
    keyword arguments (nh3's, with nh3's meaning):

    ``tags`` allowed elements; ``clean_content_tags`` elements removed with
    their content (must not overlap ``tags``); ``attributes`` per-tag
    attribute sets, key ``"*"`` for every tag; ``attribute_filter(element,
    attribute, value)`` returns a new value or ``None`` to drop;
    ``strip_comments``; ``link_rel`` added to links (``None``: nothing);
    ``generic_attribute_prefixes`` (e.g. ``{"data-"}``);
    ``tag_attribute_values`` {tag: {attr: {values}}};
    ``set_tag_attribute_values`` {tag: {attr: value}}; ``url_schemes``;
    ``allowed_classes`` {tag: {classes}}; ``filter_style_properties``;
    ``url_relative`` ("pass_through", "deny", ("rewrite_with_base", base),
    ("rewrite_with_root", root, path) or a callable)."""
    global _default_cleaner
    if not isinstance(html, str):
        raise TypeError(f"argument 'html': expected str, got {type(html).__name__}")
    if (tags is None and clean_content_tags is None and attributes is None
            and attribute_filter is None and strip_comments is True
            and link_rel == "noopener noreferrer" and generic_attribute_prefixes is None
            and tag_attribute_values is None and set_tag_attribute_values is None
            and url_schemes is None and allowed_classes is None
            and filter_style_properties is None and url_relative is None):
        cleaner = _default_cleaner
        if cleaner is None:
            cleaner = _default_cleaner = Cleaner()
        return cleaner.clean(html)
    cleaner = Cleaner(tags, clean_content_tags, attributes, attribute_filter, strip_comments,
                      link_rel, generic_attribute_prefixes, tag_attribute_values,
                      set_tag_attribute_values, url_schemes, allowed_classes,
                      filter_style_properties, url_relative)
    try:
        return cleaner.clean(html)
    finally:
        cleaner._policy.close()


_CLEAN_TEXT = str.maketrans({
    "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "`": "&grave;",
    "/": "&#47;", "&": "&amp;", "=": "&#61;", " ": "&#32;", "\t": "&#9;",
    "\n": "&#10;", "\x0c": "&#12;", "\r": "&#13;", "\x00": "&#65533;",
})


def clean_text(html: str) -> str:
    """Turn arbitrary text into HTML text, escaping every character with a
    meaning to the HTML parser (ammonia's ``clean_text``, byte for byte)."""
    if not isinstance(html, str):
        raise TypeError(f"argument 'html': expected str, got {type(html).__name__}")
    return html.translate(_CLEAN_TEXT)


class _Detector(html.parser.HTMLParser):
    found = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.found = True

    def handle_endtag(self, tag: str) -> None:
        self.found = True

    def handle_comment(self, data: str) -> None:
        self.found = True

    def handle_decl(self, decl: str) -> None:
        self.found = True

    def handle_pi(self, data: str) -> None:
        self.found = True

    def unknown_decl(self, data: str) -> None:
        self.found = True


def is_html(html: str) -> bool:
    """True if ``html`` contains HTML syntax (a tag, comment or doctype), as
    ammonia's ``is_html`` (which also says yes to ``<g>`` or ``Vec::<u8>``)."""
    if not isinstance(html, str):
        raise TypeError(f"argument 'html': expected str, got {type(html).__name__}")
    if "<" not in html:
        return False
    d = _Detector(convert_charrefs=True)
    try:
        d.feed(html)
        d.close()
    except Exception:  # noqa: BLE001 - malformed markup is still markup
        return True
    return d.found
