"""Element names gumbo 0.10.1 knows (its GumboTag enum, lower case).

The compatibility layers use this list to expand bluemonday's element regexes
(``AllowElementsMatching``, ``OnElementsMatching``) into names, where the C
library needs per-element calls (e.g. ``require_attributes``). Names the C
library refuses (foreign, unsafe) are filtered by asking it, not here.
"""

GUMBO_ELEMENTS = (
    "html head title base link meta style script noscript template body article "
    "section nav aside h1 h2 h3 h4 h5 h6 hgroup header footer address p hr pre "
    "blockquote ol ul li dl dt dd figure figcaption main div a em strong small s "
    "cite q dfn abbr data time code var samp kbd sub sup i b u mark ruby rt rp bdi "
    "bdo span br wbr ins del image img iframe embed object param video audio "
    "source track canvas map area math mi mo mn ms mtext mglyph malignmark "
    "annotation-xml svg foreignobject desc table caption colgroup col tbody thead "
    "tfoot tr td th form fieldset legend label input button select datalist "
    "optgroup option textarea keygen output progress meter details summary menu "
    "menuitem applet acronym bgsound dir frame frameset noframes isindex listing "
    "xmp nextid noembed plaintext rb strike basefont big blink center font "
    "marquee multicol nobr spacer tt rtc"
).split()
