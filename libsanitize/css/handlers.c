#include "handlers.h"

#include <stdint.h>
#include <string.h>

#include "declarations.h"
#include "value.h"

/* Room for every function nesting level the parser lets through. */
enum { FN_STACK = SZ_CSS_MAX_DEPTH + 1 };

/* Kinds of component (bits of sz_css_prop.kinds). */
enum {
    K_KEYWORD = 1 << 0,   /* an identifier from the property's keyword list */
    K_LENGTH = 1 << 1,    /* number, percentage, length/angle/fr dimension, calc() */
    K_NUMBER = 1 << 2,    /* unitless number */
    K_INTEGER = 1 << 3,   /* unitless integer */
    K_COLOR = 1 << 4,     /* named color, #hex, rgb() rgba() hsl() hsla() hwb() */
    K_TIME = 1 << 5,      /* s, ms, or a unitless number */
    K_IMAGE = 1 << 6,     /* url(), which the URL policy has already passed */
    K_STRING = 1 << 7,    /* a quoted string */
    K_WORD = 1 << 8,      /* any identifier (names: fonts, animations...) */
    K_TIMING = 1 << 9,    /* cubic-bezier() steps() */
    K_TRANSFORM = 1 << 10, /* matrix() translate() scale() rotate() skew() ... */
    K_FILTER = 1 << 11,   /* blur() brightness() drop-shadow() ... */
    K_RECT = 1 << 12,     /* rect() */
    K_ANGLE = 1 << 13,    /* deg rad grad turn */
    K_PERCENT = 1 << 14,  /* a percentage */
};

/* Layout flags. */
enum {
    F_COMMA = 1, /* a comma-separated list of groups */
    F_SLASH = 2, /* "/" may separate components */
};

struct sz_css_prop {
    const char *name;
    uint16_t kinds;
    uint8_t min, max; /* components per group; max 0: no limit */
    uint8_t flags;
    const char *keywords; /* space-separated, lower case */
};

/* Shared keyword lists. */
#define KW_BORDER_STYLE "none hidden dotted dashed solid double groove ridge inset outset"
#define KW_BORDER_WIDTH "thin medium thick"
#define KW_BOX "border-box padding-box content-box"
#define KW_BLEND                                                                              \
    "normal multiply screen overlay darken lighten color-dodge color-burn hard-light "         \
    "soft-light difference exclusion hue saturation color luminosity"
#define KW_TIMING "linear ease ease-in ease-out ease-in-out step-start step-end"
#define KW_POSITION "left right top bottom center"
#define KW_SIZE "auto max-content min-content fit-content"
#define KW_LIST_TYPE                                                                           \
    "disc circle square decimal decimal-leading-zero lower-roman upper-roman lower-greek "     \
    "lower-latin upper-latin lower-alpha upper-alpha armenian georgian hebrew hiragana "       \
    "hiragana-iroha katakana katakana-iroha cjk-ideographic none"
#define KW_ALIGN                                                                               \
    "normal stretch center start end flex-start flex-end self-start self-end baseline first "  \
    "last safe unsafe space-between space-around space-evenly left right auto"
#define KW_BREAK                                                                               \
    "auto avoid always all avoid-page page left right recto verso avoid-column column "        \
    "avoid-region region"

/* Sorted by name (bsearch; the tests check the order). Every name of
 * bluemonday's defaultStyleHandlers is here, plus gap, row-gap,
 * justify-items, justify-self, place-content. */
static const sz_css_prop props[] = {
    {"align-content", K_KEYWORD, 1, 3, 0, KW_ALIGN},
    {"align-items", K_KEYWORD, 1, 3, 0, KW_ALIGN},
    {"align-self", K_KEYWORD, 1, 3, 0, KW_ALIGN},
    {"all", 0, 1, 1, 0, NULL},
    {"animation", K_TIME | K_TIMING | K_WORD, 1, 8, F_COMMA, NULL},
    {"animation-delay", K_TIME, 1, 1, F_COMMA, NULL},
    {"animation-direction", K_KEYWORD, 1, 1, F_COMMA, "normal reverse alternate alternate-reverse"},
    {"animation-duration", K_TIME, 1, 1, F_COMMA, NULL},
    {"animation-fill-mode", K_KEYWORD, 1, 1, F_COMMA, "none forwards backwards both"},
    {"animation-iteration-count", K_KEYWORD | K_NUMBER, 1, 1, F_COMMA, "infinite"},
    {"animation-name", K_WORD, 1, 1, F_COMMA, NULL},
    {"animation-play-state", K_KEYWORD, 1, 1, F_COMMA, "paused running"},
    {"animation-timing-function", K_KEYWORD | K_TIMING, 1, 1, F_COMMA, KW_TIMING},
    {"backface-visibility", K_KEYWORD, 1, 1, 0, "visible hidden"},
    {"background", K_COLOR | K_IMAGE | K_LENGTH | K_KEYWORD, 1, 10, F_COMMA | F_SLASH,
     "none " KW_POSITION " auto cover contain repeat repeat-x repeat-y no-repeat space round "
     KW_BOX " text scroll fixed local"},
    {"background-attachment", K_KEYWORD, 1, 1, F_COMMA, "scroll fixed local"},
    {"background-blend-mode", K_KEYWORD, 1, 1, F_COMMA, KW_BLEND},
    {"background-clip", K_KEYWORD, 1, 1, F_COMMA, KW_BOX " text"},
    {"background-color", K_COLOR, 1, 1, 0, NULL},
    {"background-image", K_IMAGE | K_KEYWORD, 1, 1, F_COMMA, "none"},
    {"background-origin", K_KEYWORD, 1, 1, F_COMMA, KW_BOX},
    {"background-position", K_LENGTH | K_KEYWORD, 1, 4, F_COMMA, KW_POSITION},
    {"background-repeat", K_KEYWORD, 1, 2, F_COMMA,
     "repeat repeat-x repeat-y no-repeat space round"},
    {"background-size", K_LENGTH | K_KEYWORD, 1, 2, F_COMMA, "auto cover contain"},
    {"border", K_LENGTH | K_COLOR | K_KEYWORD, 1, 3, 0, KW_BORDER_STYLE " " KW_BORDER_WIDTH},
    {"border-bottom", K_LENGTH | K_COLOR | K_KEYWORD, 1, 3, 0,
     KW_BORDER_STYLE " " KW_BORDER_WIDTH},
    {"border-bottom-color", K_COLOR, 1, 1, 0, NULL},
    {"border-bottom-left-radius", K_LENGTH, 1, 2, 0, NULL},
    {"border-bottom-right-radius", K_LENGTH, 1, 2, 0, NULL},
    {"border-bottom-style", K_KEYWORD, 1, 1, 0, KW_BORDER_STYLE},
    {"border-bottom-width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_BORDER_WIDTH},
    {"border-collapse", K_KEYWORD, 1, 1, 0, "separate collapse"},
    {"border-color", K_COLOR, 1, 4, 0, NULL},
    {"border-image", K_IMAGE | K_LENGTH | K_KEYWORD, 1, 10, F_SLASH,
     "none fill stretch repeat round space auto"},
    {"border-image-outset", K_LENGTH, 1, 4, 0, NULL},
    {"border-image-repeat", K_KEYWORD, 1, 2, 0, "stretch repeat round space"},
    {"border-image-slice", K_LENGTH | K_KEYWORD, 1, 5, 0, "fill"},
    {"border-image-source", K_IMAGE | K_KEYWORD, 1, 1, 0, "none"},
    {"border-image-width", K_LENGTH | K_KEYWORD, 1, 4, 0, "auto"},
    {"border-left", K_LENGTH | K_COLOR | K_KEYWORD, 1, 3, 0, KW_BORDER_STYLE " " KW_BORDER_WIDTH},
    {"border-left-color", K_COLOR, 1, 1, 0, NULL},
    {"border-left-style", K_KEYWORD, 1, 1, 0, KW_BORDER_STYLE},
    {"border-left-width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_BORDER_WIDTH},
    {"border-radius", K_LENGTH, 1, 9, F_SLASH, NULL},
    {"border-right", K_LENGTH | K_COLOR | K_KEYWORD, 1, 3, 0,
     KW_BORDER_STYLE " " KW_BORDER_WIDTH},
    {"border-right-color", K_COLOR, 1, 1, 0, NULL},
    {"border-right-style", K_KEYWORD, 1, 1, 0, KW_BORDER_STYLE},
    {"border-right-width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_BORDER_WIDTH},
    {"border-spacing", K_LENGTH, 1, 2, 0, NULL},
    {"border-style", K_KEYWORD, 1, 4, 0, KW_BORDER_STYLE},
    {"border-top", K_LENGTH | K_COLOR | K_KEYWORD, 1, 3, 0, KW_BORDER_STYLE " " KW_BORDER_WIDTH},
    {"border-top-color", K_COLOR, 1, 1, 0, NULL},
    {"border-top-left-radius", K_LENGTH, 1, 2, 0, NULL},
    {"border-top-right-radius", K_LENGTH, 1, 2, 0, NULL},
    {"border-top-style", K_KEYWORD, 1, 1, 0, KW_BORDER_STYLE},
    {"border-top-width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_BORDER_WIDTH},
    {"border-width", K_LENGTH | K_KEYWORD, 1, 4, 0, KW_BORDER_WIDTH},
    {"bottom", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"box-decoration-break", K_KEYWORD, 1, 1, 0, "slice clone"},
    {"box-shadow", K_LENGTH | K_COLOR | K_KEYWORD, 1, 6, F_COMMA, "none inset"},
    {"box-sizing", K_KEYWORD, 1, 1, 0, "content-box border-box"},
    {"break-after", K_KEYWORD, 1, 1, 0, KW_BREAK},
    {"break-before", K_KEYWORD, 1, 1, 0, KW_BREAK},
    {"break-inside", K_KEYWORD, 1, 1, 0, "auto avoid avoid-page avoid-column avoid-region"},
    {"caption-side", K_KEYWORD, 1, 1, 0, "top bottom"},
    {"caret-color", K_COLOR | K_KEYWORD, 1, 1, 0, "auto"},
    {"clear", K_KEYWORD, 1, 1, 0, "none left right both inline-start inline-end"},
    {"clip", K_RECT | K_KEYWORD, 1, 1, 0, "auto"},
    {"color", K_COLOR, 1, 1, 0, NULL},
    {"column-count", K_INTEGER | K_KEYWORD, 1, 1, 0, "auto"},
    {"column-fill", K_KEYWORD, 1, 1, 0, "balance balance-all auto"},
    {"column-gap", K_LENGTH | K_KEYWORD, 1, 1, 0, "normal"},
    {"column-rule", K_LENGTH | K_COLOR | K_KEYWORD, 1, 3, 0, KW_BORDER_STYLE " " KW_BORDER_WIDTH},
    {"column-rule-color", K_COLOR, 1, 1, 0, NULL},
    {"column-rule-style", K_KEYWORD, 1, 1, 0, KW_BORDER_STYLE},
    {"column-rule-width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_BORDER_WIDTH},
    {"column-span", K_KEYWORD, 1, 1, 0, "none all"},
    {"column-width", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"columns", K_LENGTH | K_KEYWORD, 1, 2, 0, "auto"},
    {"cursor", K_KEYWORD, 1, 1, 0,
     "alias all-scroll auto cell context-menu col-resize copy crosshair default e-resize "
     "ew-resize grab grabbing help move n-resize ne-resize nesw-resize ns-resize nw-resize "
     "nwse-resize no-drop none not-allowed pointer progress row-resize s-resize se-resize "
     "sw-resize text vertical-text w-resize wait zoom-in zoom-out"},
    {"direction", K_KEYWORD, 1, 1, 0, "ltr rtl"},
    {"display", K_KEYWORD, 1, 2, 0,
     "inline block contents flex grid inline-block inline-flex inline-grid inline-table "
     "list-item run-in table table-caption table-column-group table-header-group "
     "table-footer-group table-row-group table-cell table-column table-row none flow "
     "flow-root"},
    {"empty-cells", K_KEYWORD, 1, 1, 0, "show hide"},
    {"filter", K_FILTER | K_KEYWORD, 1, 10, 0, "none"},
    {"flex", K_NUMBER | K_LENGTH | K_KEYWORD, 1, 3, 0, "auto none content " KW_SIZE},
    {"flex-basis", K_LENGTH | K_KEYWORD, 1, 1, 0, "content " KW_SIZE},
    {"flex-direction", K_KEYWORD, 1, 1, 0, "row row-reverse column column-reverse"},
    {"flex-flow", K_KEYWORD, 1, 2, 0,
     "row row-reverse column column-reverse nowrap wrap wrap-reverse"},
    {"flex-grow", K_NUMBER, 1, 1, 0, NULL},
    {"flex-shrink", K_NUMBER, 1, 1, 0, NULL},
    {"flex-wrap", K_KEYWORD, 1, 1, 0, "nowrap wrap wrap-reverse"},
    {"float", K_KEYWORD, 1, 1, 0, "none left right inline-start inline-end"},
    {"font", K_LENGTH | K_WORD | K_STRING, 1, 0, F_COMMA | F_SLASH, NULL},
    {"font-family", K_WORD | K_STRING, 1, 0, F_COMMA, NULL},
    {"font-kerning", K_KEYWORD, 1, 1, 0, "auto normal none"},
    {"font-language-override", K_KEYWORD | K_STRING, 1, 1, 0, "normal"},
    {"font-size", K_LENGTH | K_KEYWORD, 1, 1, 0,
     "medium xx-small x-small small large x-large xx-large xxx-large smaller larger"},
    {"font-size-adjust", K_NUMBER | K_KEYWORD, 1, 1, 0, "none auto"},
    {"font-stretch", K_PERCENT | K_KEYWORD, 1, 1, 0,
     "normal ultra-condensed extra-condensed condensed semi-condensed semi-expanded expanded "
     "extra-expanded ultra-expanded"},
    {"font-style", K_ANGLE | K_KEYWORD, 1, 2, 0, "normal italic oblique"},
    {"font-synthesis", K_KEYWORD, 1, 3, 0, "none style weight small-caps"},
    {"font-variant", K_KEYWORD, 1, 4, 0,
     "normal none small-caps all-small-caps petite-caps all-petite-caps unicase titling-caps"},
    {"font-variant-caps", K_KEYWORD, 1, 1, 0,
     "normal small-caps all-small-caps petite-caps all-petite-caps unicase titling-caps"},
    {"font-variant-position", K_KEYWORD, 1, 1, 0, "normal sub super"},
    {"font-weight", K_NUMBER | K_KEYWORD, 1, 1, 0, "normal bold bolder lighter"},
    {"gap", K_LENGTH | K_KEYWORD, 1, 2, 0, "normal"},
    {"grid", K_LENGTH | K_STRING | K_KEYWORD, 1, 0, F_SLASH,
     "none auto auto-flow dense row column " KW_SIZE},
    {"grid-area", K_INTEGER | K_WORD, 1, 0, F_SLASH, NULL},
    {"grid-auto-columns", K_LENGTH | K_KEYWORD, 1, 0, 0, KW_SIZE},
    {"grid-auto-flow", K_KEYWORD, 1, 2, 0, "row column dense"},
    {"grid-auto-rows", K_LENGTH | K_KEYWORD, 1, 0, 0, KW_SIZE},
    {"grid-column", K_INTEGER | K_WORD, 1, 6, F_SLASH, NULL},
    {"grid-column-end", K_INTEGER | K_WORD, 1, 3, 0, NULL},
    {"grid-column-gap", K_LENGTH | K_KEYWORD, 1, 1, 0, "normal"},
    {"grid-column-start", K_INTEGER | K_WORD, 1, 3, 0, NULL},
    {"grid-gap", K_LENGTH | K_KEYWORD, 1, 2, 0, "normal"},
    {"grid-row", K_INTEGER | K_WORD, 1, 6, F_SLASH, NULL},
    {"grid-row-end", K_INTEGER | K_WORD, 1, 3, 0, NULL},
    {"grid-row-gap", K_LENGTH | K_KEYWORD, 1, 1, 0, "normal"},
    {"grid-row-start", K_INTEGER | K_WORD, 1, 3, 0, NULL},
    {"grid-template", K_LENGTH | K_STRING | K_KEYWORD, 1, 0, F_SLASH, "none auto " KW_SIZE},
    {"grid-template-areas", K_STRING | K_KEYWORD, 1, 0, 0, "none"},
    {"grid-template-columns", K_LENGTH | K_KEYWORD, 1, 0, 0, "none auto " KW_SIZE},
    {"grid-template-rows", K_LENGTH | K_KEYWORD, 1, 0, 0, "none auto " KW_SIZE},
    {"hanging-punctuation", K_KEYWORD, 1, 3, 0, "none first last allow-end force-end"},
    {"height", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_SIZE},
    {"hyphens", K_KEYWORD, 1, 1, 0, "none manual auto"},
    {"image-rendering", K_KEYWORD, 1, 1, 0, "auto smooth high-quality crisp-edges pixelated"},
    {"isolation", K_KEYWORD, 1, 1, 0, "auto isolate"},
    {"justify-content", K_KEYWORD, 1, 2, 0, KW_ALIGN},
    {"justify-items", K_KEYWORD, 1, 2, 0, KW_ALIGN " legacy"},
    {"justify-self", K_KEYWORD, 1, 2, 0, KW_ALIGN},
    {"left", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"letter-spacing", K_LENGTH | K_KEYWORD, 1, 1, 0, "normal"},
    {"line-break", K_KEYWORD, 1, 1, 0, "auto loose normal strict anywhere"},
    {"line-height", K_LENGTH | K_KEYWORD, 1, 1, 0, "normal"},
    {"list-style", K_IMAGE | K_KEYWORD | K_STRING, 1, 3, 0, KW_LIST_TYPE " inside outside"},
    {"list-style-image", K_IMAGE | K_KEYWORD, 1, 1, 0, "none"},
    {"list-style-position", K_KEYWORD, 1, 1, 0, "inside outside"},
    {"list-style-type", K_KEYWORD | K_STRING, 1, 1, 0, KW_LIST_TYPE},
    {"margin", K_LENGTH | K_KEYWORD, 1, 4, 0, "auto"},
    {"margin-bottom", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"margin-left", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"margin-right", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"margin-top", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"max-height", K_LENGTH | K_KEYWORD, 1, 1, 0, "none " KW_SIZE},
    {"max-width", K_LENGTH | K_KEYWORD, 1, 1, 0, "none " KW_SIZE},
    {"min-height", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_SIZE},
    {"min-width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_SIZE},
    {"mix-blend-mode", K_KEYWORD, 1, 1, 0, KW_BLEND},
    {"object-fit", K_KEYWORD, 1, 1, 0, "fill contain cover none scale-down"},
    {"object-position", K_LENGTH | K_KEYWORD, 1, 4, 0, KW_POSITION},
    {"opacity", K_NUMBER | K_PERCENT, 1, 1, 0, NULL},
    {"order", K_INTEGER, 1, 1, 0, NULL},
    {"orphans", K_INTEGER, 1, 1, 0, NULL},
    {"outline", K_LENGTH | K_COLOR | K_KEYWORD, 1, 3, 0,
     "auto invert " KW_BORDER_STYLE " " KW_BORDER_WIDTH},
    {"outline-color", K_COLOR | K_KEYWORD, 1, 1, 0, "invert"},
    {"outline-offset", K_LENGTH, 1, 1, 0, NULL},
    {"outline-style", K_KEYWORD, 1, 1, 0, "auto " KW_BORDER_STYLE},
    {"outline-width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_BORDER_WIDTH},
    {"overflow", K_KEYWORD, 1, 2, 0, "visible hidden scroll auto clip"},
    {"overflow-wrap", K_KEYWORD, 1, 1, 0, "normal break-word anywhere"},
    {"overflow-x", K_KEYWORD, 1, 1, 0, "visible hidden scroll auto clip"},
    {"overflow-y", K_KEYWORD, 1, 1, 0, "visible hidden scroll auto clip"},
    {"padding", K_LENGTH, 1, 4, 0, NULL},
    {"padding-bottom", K_LENGTH, 1, 1, 0, NULL},
    {"padding-left", K_LENGTH, 1, 1, 0, NULL},
    {"padding-right", K_LENGTH, 1, 1, 0, NULL},
    {"padding-top", K_LENGTH, 1, 1, 0, NULL},
    {"page-break-after", K_KEYWORD, 1, 1, 0, "auto always avoid left right"},
    {"page-break-before", K_KEYWORD, 1, 1, 0, "auto always avoid left right"},
    {"page-break-inside", K_KEYWORD, 1, 1, 0, "auto avoid"},
    {"perspective", K_LENGTH | K_KEYWORD, 1, 1, 0, "none"},
    {"perspective-origin", K_LENGTH | K_KEYWORD, 1, 2, 0, KW_POSITION},
    {"place-content", K_KEYWORD, 1, 2, 0, KW_ALIGN},
    {"pointer-events", K_KEYWORD, 1, 1, 0, "auto none"},
    /* No "fixed": it lets content paint over the whole page (clickjacking). */
    {"position", K_KEYWORD, 1, 1, 0, "static relative absolute sticky"},
    {"quotes", K_STRING | K_KEYWORD, 1, 0, 0, "none auto"},
    {"resize", K_KEYWORD, 1, 1, 0, "none both horizontal vertical block inline"},
    {"right", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"row-gap", K_LENGTH | K_KEYWORD, 1, 1, 0, "normal"},
    {"scroll-behavior", K_KEYWORD, 1, 1, 0, "auto smooth"},
    {"tab-size", K_LENGTH, 1, 1, 0, NULL},
    {"table-layout", K_KEYWORD, 1, 1, 0, "auto fixed"},
    {"text-align", K_KEYWORD, 1, 1, 0, "left right center justify start end match-parent justify-all"},
    {"text-align-last", K_KEYWORD, 1, 1, 0, "auto left right center justify start end"},
    {"text-combine-upright", K_KEYWORD | K_INTEGER, 1, 2, 0, "none all digits"},
    {"text-decoration", K_LENGTH | K_COLOR | K_KEYWORD, 1, 5, 0,
     "none underline overline line-through blink solid double dotted dashed wavy auto "
     "from-font"},
    {"text-decoration-color", K_COLOR, 1, 1, 0, NULL},
    {"text-decoration-line", K_KEYWORD, 1, 4, 0, "none underline overline line-through blink"},
    {"text-decoration-style", K_KEYWORD, 1, 1, 0, "solid double dotted dashed wavy"},
    {"text-indent", K_LENGTH | K_KEYWORD, 1, 3, 0, "hanging each-line"},
    {"text-justify", K_KEYWORD, 1, 1, 0, "auto inter-word inter-character none distribute"},
    {"text-orientation", K_KEYWORD, 1, 1, 0,
     "mixed upright sideways sideways-right use-glyph-orientation"},
    {"text-overflow", K_STRING | K_KEYWORD, 1, 2, 0, "clip ellipsis"},
    {"text-shadow", K_LENGTH | K_COLOR | K_KEYWORD, 1, 4, F_COMMA, "none"},
    {"text-transform", K_KEYWORD, 1, 2, 0,
     "none capitalize uppercase lowercase full-width full-size-kana"},
    {"top", K_LENGTH | K_KEYWORD, 1, 1, 0, "auto"},
    {"transform", K_TRANSFORM | K_KEYWORD, 1, 0, 0, "none"},
    {"transform-origin", K_LENGTH | K_KEYWORD, 1, 3, 0, KW_POSITION},
    {"transform-style", K_KEYWORD, 1, 1, 0, "flat preserve-3d"},
    {"transition", K_TIME | K_TIMING | K_WORD, 1, 4, F_COMMA, NULL},
    {"transition-delay", K_TIME, 1, 1, F_COMMA, NULL},
    {"transition-duration", K_TIME, 1, 1, F_COMMA, NULL},
    {"transition-property", K_WORD, 1, 1, F_COMMA, NULL},
    {"transition-timing-function", K_KEYWORD | K_TIMING, 1, 1, F_COMMA, KW_TIMING},
    {"unicode-bidi", K_KEYWORD, 1, 1, 0,
     "normal embed bidi-override isolate isolate-override plaintext"},
    {"user-select", K_KEYWORD, 1, 1, 0, "auto none text all contain"},
    {"vertical-align", K_LENGTH | K_KEYWORD, 1, 1, 0,
     "baseline sub super top text-top middle bottom text-bottom"},
    {"visibility", K_KEYWORD, 1, 1, 0, "visible hidden collapse"},
    {"white-space", K_KEYWORD, 1, 1, 0, "normal nowrap pre pre-line pre-wrap break-spaces"},
    {"widows", K_INTEGER, 1, 1, 0, NULL},
    {"width", K_LENGTH | K_KEYWORD, 1, 1, 0, KW_SIZE},
    {"word-break", K_KEYWORD, 1, 1, 0, "normal break-all keep-all break-word"},
    {"word-spacing", K_LENGTH | K_KEYWORD, 1, 1, 0, "normal"},
    {"word-wrap", K_KEYWORD, 1, 1, 0, "normal break-word anywhere"},
    {"writing-mode", K_KEYWORD, 1, 1, 0,
     "horizontal-tb vertical-rl vertical-lr sideways-rl sideways-lr"},
    {"z-index", K_INTEGER | K_KEYWORD, 1, 1, 0, "auto"},
};

#define NPROPS (sizeof props / sizeof *props)

/* CSS Color 4 named colors (bluemonday's list, its "lightsteeelblue" typo
 * fixed), plus currentcolor and transparent. */
static const char *const colors[] = {
    "aliceblue", "antiquewhite", "aqua", "aquamarine", "azure", "beige", "bisque", "black",
    "blanchedalmond", "blue", "blueviolet", "brown", "burlywood", "cadetblue", "chartreuse",
    "chocolate", "coral", "cornflowerblue", "cornsilk", "crimson", "currentcolor", "cyan",
    "darkblue", "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki",
    "darkmagenta", "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon",
    "darkseagreen", "darkslateblue", "darkslategray", "darkslategrey", "darkturquoise",
    "darkviolet", "deeppink", "deepskyblue", "dimgray", "dimgrey", "dodgerblue", "firebrick",
    "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite", "gold", "goldenrod",
    "gray", "green", "greenyellow", "grey", "honeydew", "hotpink", "indianred", "indigo",
    "ivory", "khaki", "lavender", "lavenderblush", "lawngreen", "lemonchiffon", "lightblue",
    "lightcoral", "lightcyan", "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey",
    "lightpink", "lightsalmon", "lightseagreen", "lightskyblue", "lightslategray",
    "lightslategrey", "lightsteelblue", "lightyellow", "lime", "limegreen", "linen", "magenta",
    "maroon", "mediumaquamarine", "mediumblue", "mediumorchid", "mediumpurple",
    "mediumseagreen", "mediumslateblue", "mediumspringgreen", "mediumturquoise",
    "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite",
    "navy", "oldlace", "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod",
    "palegreen", "paleturquoise", "palevioletred", "papayawhip", "peachpuff", "peru", "pink",
    "plum", "powderblue", "purple", "rebeccapurple", "red", "rosybrown", "royalblue",
    "saddlebrown", "salmon", "sandybrown", "seagreen", "seashell", "sienna", "silver",
    "skyblue", "slateblue", "slategray", "slategrey", "snow", "springgreen", "steelblue", "tan",
    "teal", "thistle", "tomato", "transparent", "turquoise", "violet", "wheat", "white",
    "whitesmoke", "yellow", "yellowgreen",
};

const char *sz_css_prop_name(size_t i)
{
    return i < NPROPS ? props[i].name : NULL;
}

/* Compares (s, n) with a NUL-terminated name, strcmp-style. */
static int cmp_name(const char *s, size_t n, const char *name)
{
    size_t m = strlen(name);
    int c = memcmp(s, name, n < m ? n : m);
    if (c)
        return c;
    return n < m ? -1 : n > m;
}

static const sz_css_prop *find_prop(const char *s, size_t n)
{
    size_t lo = 0, hi = NPROPS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(s, n, props[mid].name);
        if (c == 0)
            return &props[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const sz_css_prop *sz_css_prop_lookup(const char *name, size_t len)
{
    return find_prop(name, len);
}

/* Is the identifier (any case) one of the space-separated words? One pass
 * over the list, no allocation. */
static bool in_words(const char *s, size_t n, const char *words)
{
    if (!words || n == 0)
        return false;
    const char *w = words;
    for (;;) {
        size_t i = 0;
        while (i < n && w[i] != ' ' && w[i] != '\0') {
            char c = s[i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (c != w[i])
                break;
            i++;
        }
        if (i == n && (w[i] == ' ' || w[i] == '\0'))
            return true;
        while (*w != ' ' && *w != '\0')
            w++;
        if (*w == '\0')
            return false;
        w++;
    }
}

static bool is_color_name(const char *s, size_t n)
{
    if (n > 24)
        return false;
    char low[25];
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    size_t lo = 0, hi = sizeof colors / sizeof *colors;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_name(low, n, colors[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

static bool is_hex_color(const char *s, size_t n)
{
    if (n != 3 && n != 4 && n != 6 && n != 8)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

static bool unit_in(const char *text, const sz_css_token *t, const char *units)
{
    return in_words(text + t->unit_off, t->unit_len, units);
}

#define LENGTH_UNITS                                                                           \
    "px em rem ex ch vw vh vmin vmax vi vb cm mm in pt pc q fr deg rad grad turn lh rlh cap ic"
#define ANGLE_UNITS "deg rad grad turn"
#define TIME_UNITS "s ms"

/* Function families. */
typedef enum fn_class {
    FN_NONE,
    FN_URL,
    FN_COLOR,
    FN_CALC,
    FN_TIMING,
    FN_TRANSFORM,
    FN_FILTER,
    FN_SHADOW, /* drop-shadow(): may hold a color, including a color function */
    FN_RECT,
} fn_class;

static fn_class classify(const char *s, size_t n)
{
    if (in_words(s, n, "url src"))
        return FN_URL;
    if (in_words(s, n, "rgb rgba hsl hsla hwb"))
        return FN_COLOR;
    if (in_words(s, n, "calc min max clamp"))
        return FN_CALC;
    if (in_words(s, n, "cubic-bezier steps"))
        return FN_TIMING;
    if (in_words(s, n,
                 "matrix matrix3d translate translatex translatey translatez translate3d scale "
                 "scalex scaley scalez scale3d rotate rotatex rotatey rotatez rotate3d skew "
                 "skewx skewy perspective"))
        return FN_TRANSFORM;
    if (in_words(s, n,
                 "blur brightness contrast grayscale hue-rotate invert opacity saturate sepia"))
        return FN_FILTER;
    if (in_words(s, n, "drop-shadow"))
        return FN_SHADOW;
    if (in_words(s, n, "rect"))
        return FN_RECT;
    return FN_NONE;
}

static uint16_t kind_of_class(fn_class c)
{
    switch (c) {
    case FN_URL: return K_IMAGE;
    case FN_COLOR: return K_COLOR;
    case FN_CALC: return K_LENGTH;
    case FN_TIMING: return K_TIMING;
    case FN_TRANSFORM: return K_TRANSFORM;
    case FN_FILTER:
    case FN_SHADOW: return K_FILTER;
    case FN_RECT: return K_RECT;
    default: return 0;
    }
}

/* May a token appear directly inside a function of class `c`? Nested
 * functions and parentheses are handled by the caller. */
static bool arg_ok(fn_class c, const char *text, const sz_css_token *t)
{
    switch (t->type) {
    case SZ_CSS_WS:
        return true;
    case SZ_CSS_COMMA:
    case SZ_CSS_NUMBER:
    case SZ_CSS_PERCENTAGE:
    case SZ_CSS_DIMENSION:
        return c != FN_URL;
    case SZ_CSS_STRING:
        return c == FN_URL;
    case SZ_CSS_DELIM:
        if (c == FN_CALC)
            return true; /* + - * / only: the writer refused the rest */
        return c == FN_COLOR && text[t->off] == '/';
    case SZ_CSS_IDENT:
        if (c == FN_TIMING)
            return in_words(text + t->off, t->len,
                            "start end jump-start jump-end jump-none jump-both");
        if (c == FN_RECT)
            return in_words(text + t->off, t->len, "auto");
        if (c == FN_COLOR)
            return in_words(text + t->off, t->len, "none");
        if (c == FN_SHADOW)
            return is_color_name(text + t->off, t->len);
        return false;
    case SZ_CSS_HASH:
        return c == FN_SHADOW && is_hex_color(text + t->off, t->len);
    default:
        return false;
    }
}

/* Checks the function starting at toks[i] (a FUNCTION token) and returns the
 * index of its ")" or 0 when it is not acceptable. Iterative: the classes of
 * the open functions are kept in a small array (the parser bounds depth). */
static size_t check_function(const char *text, const sz_css_token *toks, size_t n, size_t i,
                             fn_class *cls)
{
    fn_class stack[FN_STACK];
    size_t depth = 1;
    stack[0] = *cls = classify(text + toks[i].off, toks[i].len);
    if (*cls == FN_NONE)
        return 0;
    for (size_t k = i + 1; k < n; k++) {
        const sz_css_token *t = &toks[k];
        fn_class c = stack[depth - 1];
        if (t->type == SZ_CSS_RPAREN) {
            if (--depth == 0)
                return k;
            continue;
        }
        if (t->type == SZ_CSS_FUNCTION || t->type == SZ_CSS_LPAREN) {
            fn_class inner = t->type == SZ_CSS_LPAREN ? FN_CALC
                                                      : classify(text + t->off, t->len);
            bool ok = (c == FN_CALC && inner == FN_CALC) ||
                      (c == FN_SHADOW && inner == FN_COLOR);
            if (!ok || depth == FN_STACK)
                return 0;
            stack[depth++] = inner;
            continue;
        }
        if (!arg_ok(c, text, t))
            return 0;
    }
    return 0;
}

static bool token_ok(const sz_css_prop *p, const char *text, const sz_css_token *t)
{
    uint16_t k = p->kinds;
    switch (t->type) {
    case SZ_CSS_IDENT:
        return ((k & K_KEYWORD) && in_words(text + t->off, t->len, p->keywords)) ||
               ((k & K_COLOR) && is_color_name(text + t->off, t->len)) || (k & K_WORD);
    case SZ_CSS_NUMBER:
        return (k & (K_LENGTH | K_NUMBER | K_TIME)) || ((k & K_INTEGER) && t->integer);
    case SZ_CSS_PERCENTAGE:
        return k & (K_LENGTH | K_PERCENT);
    case SZ_CSS_DIMENSION:
        return ((k & K_LENGTH) && unit_in(text, t, LENGTH_UNITS)) ||
               ((k & K_TIME) && unit_in(text, t, TIME_UNITS)) ||
               ((k & K_ANGLE) && unit_in(text, t, ANGLE_UNITS));
    case SZ_CSS_HASH:
        return (k & K_COLOR) && is_hex_color(text + t->off, t->len);
    case SZ_CSS_STRING:
        return k & K_STRING;
    case SZ_CSS_URL:
        return k & K_IMAGE;
    default:
        return false;
    }
}

static bool css_wide(const char *text, const sz_css_token *toks, size_t n)
{
    size_t i = 0;
    while (i < n && toks[i].type == SZ_CSS_WS)
        i++;
    if (i >= n || toks[i].type != SZ_CSS_IDENT)
        return false;
    size_t j = i + 1;
    while (j < n && toks[j].type == SZ_CSS_WS)
        j++;
    return j == n && in_words(text + toks[i].off, toks[i].len, "initial inherit unset revert");
}

bool sz_css_prop_check(const sz_css_prop *p, const char *text, const sz_css_token *toks,
                       size_t n)
{
    if (!p)
        return false;
    if (css_wide(text, toks, n))
        return true;
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        const sz_css_token *t = &toks[i];
        if (t->type == SZ_CSS_WS)
            continue;
        if (t->type == SZ_CSS_COMMA) {
            if (!(p->flags & F_COMMA) || count < p->min || count == 0)
                return false;
            count = 0;
            continue;
        }
        if (t->type == SZ_CSS_DELIM && text[t->off] == '/') {
            if (!(p->flags & F_SLASH))
                return false;
            continue;
        }
        if (t->type == SZ_CSS_FUNCTION) {
            fn_class c;
            size_t end = check_function(text, toks, n, i, &c);
            if (!end || !(p->kinds & kind_of_class(c)))
                return false;
            i = end;
        } else if (!token_ok(p, text, t)) {
            return false;
        }
        count++;
        if (p->max && count > p->max)
            return false;
    }
    return count > 0 && count >= p->min;
}
