"""The Python peers of the libsanitize benchmark: bleach, lxml's Cleaner and
html5lib's sanitizer, each configured as close to bluemonday's UGCPolicy as
its knobs allow (bench/peers/ugc.json; details in docs/performance.md).

    /usr/bin/python3 bench/peers/python/peers.py --lib bleach [timing flags] FILE...
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))  # bench/, for pyharness

import pyharness  # noqa: E402

with open(os.path.join(os.path.dirname(HERE), "ugc.json")) as _f:
    UGC = json.load(_f)


def make_bleach():
    import bleach
    from bleach.sanitizer import Cleaner

    attrs = {"*": list(UGC["global_attributes"])}
    for tag, names in UGC["attributes"].items():
        attrs[tag] = list(names)
    cleaner = Cleaner(tags=list(UGC["tags"]), attributes=attrs, protocols=list(UGC["protocols"]),
                      strip=True, strip_comments=True)
    return cleaner.clean, "bleach %s" % bleach.__version__


def make_lxml():
    import lxml
    from lxml import html as lhtml
    from lxml.html.clean import Cleaner

    safe = set(UGC["global_attributes"])
    for names in UGC["attributes"].values():
        safe.update(names)
    cleaner = Cleaner(scripts=True, javascript=True, comments=True, style=True, inline_style=True,
                      links=True, meta=True, page_structure=True, processing_instructions=True,
                      embedded=True, frames=True, forms=True, annoying_tags=True,
                      kill_tags=list(UGC["drop_content"]), allow_tags=list(UGC["tags"]),
                      remove_unknown_tags=False, safe_attrs_only=True, safe_attrs=frozenset(safe),
                      add_nofollow=True)

    def clean(text):
        root = lhtml.fragment_fromstring(text, create_parent="div")
        cleaner(root)
        return lhtml.tostring(root, encoding="unicode")

    return clean, "lxml %s (libxml2 %s)" % (lxml.__version__,
                                             ".".join(map(str, lxml.etree.LIBXML_VERSION)))


def make_html5lib():
    import html5lib
    from html5lib import treebuilders, treewalkers
    from html5lib.constants import namespaces
    from html5lib.filters.sanitizer import Filter
    from html5lib.serializer import HTMLSerializer

    html = namespaces["html"]
    elements = frozenset((html, t) for t in UGC["tags"])
    attributes = set((None, a) for a in UGC["global_attributes"])
    for names in UGC["attributes"].values():
        attributes.update((None, a) for a in names)
    attributes = frozenset(attributes)
    # "data" is listed with no allowed content type, so every data: URL is
    # removed: html5lib 1.1 raises KeyError on a data: URL whose scheme is not
    # allowed (it deletes the attribute twice).
    protocols = frozenset(UGC["protocols"]) | {"data"}
    parser = html5lib.HTMLParser(tree=treebuilders.getTreeBuilder("etree"))
    walker = treewalkers.getTreeWalker("etree")
    serializer = HTMLSerializer(quote_attr_values="always", omit_optional_tags=False,
                                alphabetical_attributes=False)

    def clean(text):
        fragment = parser.parseFragment(text)
        stream = Filter(walker(fragment), allowed_elements=elements,
                        allowed_attributes=attributes, allowed_protocols=protocols,
                        allowed_content_types=frozenset())
        return serializer.render(stream)

    return clean, "html5lib %s" % html5lib.__version__


MAKERS = {"bleach": make_bleach, "lxml": make_lxml, "html5lib": make_html5lib}


def main():
    p = pyharness.arg_parser(__doc__)
    p.add_argument("--lib", required=True, choices=sorted(MAKERS))
    opts = p.parse_args()
    fn, version = MAKERS[opts.lib]()
    pyharness.emit({"runner": "python", "meta": True, "impl": opts.lib, "version": version,
                    "python": sys.version.split()[0], "rss_start_kb": pyharness.peak_rss_kb()})
    pyharness.run_files("python", opts.lib, fn, opts)


if __name__ == "__main__":
    main()
