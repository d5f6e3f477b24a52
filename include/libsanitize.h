/*
 * libsanitize — a fast HTML5 allowlist sanitizer.
 *
 * Untrusted HTML goes in; HTML that keeps only what a policy allows comes out,
 * serialized so that a browser re-parses it into the tree the policy kept.
 *
 * ## Conventions (they hold for every function below)
 *
 * - Names: functions and types are prefixed `sanitize_`, macros and
 *   enumerators `SANITIZE_`. Nothing else is exported.
 * - Errors: every call that can fail returns a `sanitize_status`;
 *   `SANITIZE_OK` is 0. Values are never renumbered; new ones are appended.
 *   There is no errno and no hidden "last error".
 * - Out-parameters are reset on entry (to NULL / 0), so they are defined on
 *   failure as well as on success.
 * - Input HTML is passed as `(const char *, size_t)`: borrowed for the
 *   duration of the call, not necessarily NUL-terminated, and it may contain
 *   NUL bytes. Invalid UTF-8 is accepted and becomes U+FFFD.
 * - Configuration strings (element, attribute, scheme names, regular
 *   expressions) are NUL-terminated and copied; the caller keeps ownership.
 * - Results are malloc'd by the library, NUL-terminated (the terminator is not
 *   counted in the length), and must be released with `sanitize_free()`.
 *
 * ## Thread safety
 *
 * The library has no mutable global state and starts no threads; it is safe
 * to use after fork(). A policy is built by one thread, then *frozen*: the
 * first `sanitize_html()` call freezes it (or call `sanitize_policy_freeze()`).
 * A frozen policy is immutable: any number of threads may sanitize with it at
 * the same time, and every builder call on it fails with
 * `SANITIZE_ERR_POLICY_FROZEN` instead of changing it. Building a policy while
 * another thread sanitizes with it is not allowed (freeze it first; a frozen
 * policy cannot be building). `sanitize_policy_clone()` gives a new, unfrozen
 * copy to edit. Callbacks registered on a policy may be called from every
 * thread that sanitizes with it, concurrently.
 *
 * Each thread keeps one parse arena, reused from document to document and
 * released when the thread exits: up to 8 MiB, or up to 64 MiB while the
 * documents keep needing that much (back to 8 MiB after 16 documents in a row
 * that used less than a quarter of it), plus up to 16 MiB of scratch buffers
 * at the size they grew to. Memory that stays mapped is not faulted in again
 * on the next call, which costs more than parsing on some virtual machines.
 *
 * ## Safety model
 *
 * Gumbo 0.10.1 parses the input as an HTML5 body fragment (or a whole
 * document). Elements outside the HTML namespace (SVG, MathML) and the
 * elements gumbo parses unlike today's browsers (noscript, template, xmp,
 * plaintext, noembed, noframes, select, isindex, menuitem) are always dropped
 * together with their content, whatever the policy says. `script` and `style`
 * can only be kept with `SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE`.
 * See docs/security.md.
 */
#ifndef LIBSANITIZE_H
#define LIBSANITIZE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Builders of the library define SANITIZE_API as the export attribute; users
 * need not define anything. */
#ifndef SANITIZE_API
#  if defined(_WIN32) && defined(SANITIZE_BUILDING)
#    define SANITIZE_API __declspec(dllexport)
#  elif defined(__GNUC__) && defined(SANITIZE_BUILDING)
#    define SANITIZE_API __attribute__((visibility("default")))
#  else
#    define SANITIZE_API
#  endif
#endif

/** @name Version
 * The version of the header you compiled against; `sanitize_version()` tells
 * the version of the library you run with. The soname tracks the ABI only. */
#define SANITIZE_VERSION_MAJOR 0
#define SANITIZE_VERSION_MINOR 2
#define SANITIZE_VERSION_PATCH 0
#define SANITIZE_VERSION_NUMBER \
    (SANITIZE_VERSION_MAJOR * 10000 + SANITIZE_VERSION_MINOR * 100 + SANITIZE_VERSION_PATCH)
#define SANITIZE_VERSION_STRING "0.2.0"

/* The declarations between the two CFFI markers are read by the Python
 * binding's build: keep them to plain C that cffi's cdef accepts (no macros,
 * no attributes other than SANITIZE_API, which the builder removes). */
/* BEGIN CFFI DECLARATIONS */

/** The library's version as "MAJOR.MINOR.PATCH". Static storage; never NULL.
 * Thread-safe. */
SANITIZE_API const char *sanitize_version(void);

/** The library's version as MAJOR*10000 + MINOR*100 + PATCH. Thread-safe. */
SANITIZE_API unsigned sanitize_version_number(void);

/** Every status a call can return. Values are fixed forever. */
typedef enum sanitize_status {
    SANITIZE_OK = 0,
    /** An allocation failed. Nothing was leaked; the policy (if any) is as it
     * was before the call. */
    SANITIZE_ERR_NOMEM = 1,
    /** A NULL pointer where one is not allowed, a value out of range, or a
     * name that is empty or contains characters no HTML name can have. */
    SANITIZE_ERR_INVALID_ARGUMENT = 2,
    /** The policy is frozen (it has been used, or frozen explicitly) and can
     * no longer be changed. Clone it to edit a copy. */
    SANITIZE_ERR_POLICY_FROZEN = 3,
    /** A regular expression did not compile (PCRE2 syntax). */
    SANITIZE_ERR_BAD_REGEX = 4,
    /** An element name gumbo 0.10.1 does not know. Gumbo reports unknown
     * elements without a trustworthy name, so they can never be allowed;
     * they are always handled by the default disposition. */
    SANITIZE_ERR_UNKNOWN_ELEMENT = 5,
    /** The element can never be allowed (foreign content, noscript, template,
     * ...; or script/style without the unsafe flag). */
    SANITIZE_ERR_UNSAFE_ELEMENT = 6,
    /** The input is larger than the policy's SANITIZE_LIMIT_INPUT_BYTES. */
    SANITIZE_ERR_INPUT_TOO_LARGE = 7,
    /** Sanitizing took more CPU time than SANITIZE_LIMIT_CPU_MS allowed. No
     * output is produced. This stops adversarial inputs on which the parser
     * is slower than linear. */
    SANITIZE_ERR_DEADLINE = 8,
    /** The parse needed more memory than SANITIZE_LIMIT_MEMORY_BYTES. */
    SANITIZE_ERR_MEMORY_BUDGET = 9,
    /** With SANITIZE_FLAG_VERIFY_ROUNDTRIP: re-parsing the output did not give
     * back the tree that was serialized. No output is produced. */
    SANITIZE_ERR_ROUNDTRIP = 10,
    /** gumbo 0.10.1 failed one of its internal assertions on this input (its
     * bug, e.g. F1 in docs/security.md). The call is abandoned without output;
     * the process and the policy are unaffected. */
    SANITIZE_ERR_PARSER = 11,
    /** The name is already used with a conflicting meaning (e.g. a forced
     * attribute value on an attribute that is also URL-checked). */
    SANITIZE_ERR_CONFLICT = 12,
    /** sanitize_html_into(): the output does not fit in the caller's buffer;
     * its length is reported so that the call can be repeated with room
     * for it. Added in 0.2.0. */
    SANITIZE_ERR_BUFFER_TOO_SMALL = 13
} sanitize_status;

/** A short English description of a status ("out of memory", ...). Static
 * storage; never NULL, also for values this version does not know.
 * Thread-safe. */
SANITIZE_API const char *sanitize_status_str(sanitize_status status);

/** Releases a buffer returned by this library. NULL is a no-op. Never use
 * free() on such a buffer: the library may use another allocator.
 * Thread-safe. */
SANITIZE_API void sanitize_free(void *buffer);

/** A sanitizing policy: opaque. */
typedef struct sanitize_policy sanitize_policy;

/** Built-in starting points. */
typedef enum sanitize_preset {
    /** Nothing allowed: text is kept, the content of script, style and the
     * other drop-with-content elements is removed, comments are removed. */
    SANITIZE_PRESET_STRICT = 0,
    /** bluemonday's UGCPolicy: 72 formatting, list, table, link and image
     * elements with their attributes and value patterns; http, https and
     * mailto URLs plus relative ones; rel="nofollow" on every link. */
    SANITIZE_PRESET_UGC = 1,
    /** UGC plus inline styles checked property by property (bluemonday's
     * default CSS handlers), `class` on every element, and the elements
     * pasted rich text uses most (font-free: kbd, center, big, small...). */
    SANITIZE_PRESET_RICH_TEXT = 2
} sanitize_preset;

/** Creates an empty policy, equivalent to SANITIZE_PRESET_STRICT.
 * On success `*out` owns a new policy to release with sanitize_policy_free().
 * Errors: INVALID_ARGUMENT (out is NULL), NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_new(sanitize_policy **out);

/** Creates a new, unfrozen policy from a preset, ready to be edited.
 * Errors: INVALID_ARGUMENT (out is NULL or unknown preset), NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_new_preset(sanitize_preset preset,
                                                        sanitize_policy **out);

/** Creates a new, unfrozen copy of `policy` (frozen or not). Callbacks and
 * their user data pointers are copied as pointers. Thread-safe on a frozen
 * policy. Errors: INVALID_ARGUMENT, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_clone(const sanitize_policy *policy,
                                                   sanitize_policy **out);

/** Releases a policy. NULL is a no-op. No other thread may be using it. */
SANITIZE_API void sanitize_policy_free(sanitize_policy *policy);

/** Freezes the policy: from now on it is immutable and may be shared between
 * threads. Freezing twice is fine. Errors: INVALID_ARGUMENT. */
SANITIZE_API sanitize_status sanitize_policy_freeze(sanitize_policy *policy);

/** 1 if the policy is frozen, 0 if it can still be edited (or is NULL). */
SANITIZE_API int sanitize_policy_is_frozen(const sanitize_policy *policy);

/* ------------------------------------------------------------------------
 * Elements
 *
 * Every builder call below returns SANITIZE_ERR_POLICY_FROZEN on a frozen
 * policy and SANITIZE_ERR_INVALID_ARGUMENT on a NULL policy or a NULL or
 * empty required string. Names are ASCII case-insensitive.
 * ------------------------------------------------------------------------ */

/** Allows an element by name ("b", "a", "table"...). Errors: UNKNOWN_ELEMENT
 * (not an element gumbo 0.10.1 knows), UNSAFE_ELEMENT (see the safety model). */
SANITIZE_API sanitize_status sanitize_policy_allow_element(sanitize_policy *policy,
                                                           const char *element);

/** Allows every known element whose lower-case name matches the PCRE2
 * pattern (unanchored, like bluemonday's AllowElementsMatching). Elements
 * that can never be allowed are skipped silently. Errors: BAD_REGEX, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_allow_elements_matching(sanitize_policy *policy,
                                                                     const char *pattern);

/** Removes an element from the allowed set (no error if it was not there).
 * Its attribute rules stay, unused. Errors: UNKNOWN_ELEMENT. */
SANITIZE_API sanitize_status sanitize_policy_remove_element(sanitize_policy *policy,
                                                            const char *element);

/** What becomes of an element that is not allowed. */
typedef enum sanitize_disposition {
    /** Remove the tags, keep (and sanitize) the content. */
    SANITIZE_UNWRAP = 0,
    /** Remove the element and everything inside it. */
    SANITIZE_DROP = 1,
    /** Show the tags as text (`&lt;b&gt;`), sanitize the content as usual
     * (bleach's strip=False). Raw-text content (script, style) becomes
     * escaped text. */
    SANITIZE_ESCAPE = 2
} sanitize_disposition;

/** Sets the disposition of one disallowed element, or with element == NULL
 * the default for every element that has none of its own. The defaults are
 * UNWRAP, and DROP for bluemonday's skip-content set (frame frameset iframe
 * noembed noframes noscript nostyle object script style title). Elements that
 * can never be allowed are always dropped, whatever is set here.
 * Errors: UNKNOWN_ELEMENT, INVALID_ARGUMENT (bad disposition). */
SANITIZE_API sanitize_status sanitize_policy_set_disposition(sanitize_policy *policy,
                                                             const char *element,
                                                             sanitize_disposition disposition);

/** With required != 0, an allowed element that ends up with no attribute is
 * unwrapped (bluemonday's rule; the UGC preset sets it on a, area, bdo, img,
 * map, meter, progress). Errors: UNKNOWN_ELEMENT. */
SANITIZE_API sanitize_status sanitize_policy_require_attributes(sanitize_policy *policy,
                                                                const char *element,
                                                                int required);

/* ------------------------------------------------------------------------
 * Attributes
 *
 * An attribute survives when its element is allowed and a rule allows it:
 * a rule for that element, a rule for elements matching a pattern, or a
 * global rule (element == NULL). A rule may constrain the value with a PCRE2
 * pattern (unanchored: anchor it yourself with ^...$; `$` matches only at
 * the very end) or with a literal set. The value is checked after entity
 * decoding. Event handlers (on*) are never kept, whatever the rules say.
 * ------------------------------------------------------------------------ */

/** Allows `attribute` on `element` (NULL: on every allowed element), with an
 * optional value pattern (NULL: any value). Adding a rule never narrows an
 * earlier one: a value passes when any rule for the name passes.
 * Errors: UNKNOWN_ELEMENT, BAD_REGEX, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_allow_attribute(sanitize_policy *policy,
                                                             const char *attribute,
                                                             const char *element,
                                                             const char *value_pattern);

/** Like sanitize_policy_allow_attribute() on every element whose name
 * matches `element_pattern` (bluemonday's OnElementsMatching).
 * Errors: BAD_REGEX, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_allow_attribute_on_matching(
    sanitize_policy *policy, const char *attribute, const char *element_pattern,
    const char *value_pattern);

/** Allows `attribute` on `element` (NULL: everywhere) only with one of the
 * `count` literal values (exact, case-sensitive: ammonia's
 * tag_attribute_values). Errors: UNKNOWN_ELEMENT, INVALID_ARGUMENT, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_allow_attribute_values(sanitize_policy *policy,
                                                                    const char *attribute,
                                                                    const char *element,
                                                                    const char *const *values,
                                                                    size_t count);

/** Removes every rule that allows `attribute` on `element` (NULL: the global
 * rules). Errors: UNKNOWN_ELEMENT. */
SANITIZE_API sanitize_status sanitize_policy_remove_attribute(sanitize_policy *policy,
                                                              const char *attribute,
                                                              const char *element);

/** Allows every attribute whose name starts with `prefix` (e.g. "aria-") on
 * every allowed element (ammonia's generic_attribute_prefixes). Names must
 * consist of ASCII letters, digits and - _ . to be kept. */
SANITIZE_API sanitize_status sanitize_policy_allow_attribute_prefix(sanitize_policy *policy,
                                                                    const char *prefix);

/** Sets `attribute` to `value` on every kept `element`, replacing what the
 * input had (ammonia's set_tag_attribute_values). The value is not checked
 * against the policy: it is yours. Errors: UNKNOWN_ELEMENT, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_set_attribute(sanitize_policy *policy,
                                                           const char *element,
                                                           const char *attribute,
                                                           const char *value);

/** Restricts `class` on `element` (NULL: everywhere) to the listed class
 * names: other classes are removed from the value, and an empty class
 * attribute is removed (ammonia's allowed_classes). Calling it allows the
 * class attribute there. Errors: UNKNOWN_ELEMENT, INVALID_ARGUMENT, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_allow_classes(sanitize_policy *policy,
                                                           const char *element,
                                                           const char *const *classes,
                                                           size_t count);

/** Prefixes every kept `id` and `name` value with `prefix` (NULL or "": no
 * prefix), so user content cannot clobber the page's DOM (ammonia's
 * id_prefix). Errors: NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_set_id_prefix(sanitize_policy *policy,
                                                           const char *prefix);

/** What an attribute filter decides. */
typedef enum sanitize_filter_result {
    SANITIZE_FILTER_DROP = 0,    /**< remove the attribute */
    SANITIZE_FILTER_KEEP = 1,    /**< keep it as it is */
    SANITIZE_FILTER_REPLACE = 2  /**< keep it with the value set through the sink */
} sanitize_filter_result;

/** Where a filter writes a replacement value. Opaque; valid only during the
 * callback. */
typedef struct sanitize_value_sink sanitize_value_sink;

/** Called for every attribute that the rules kept, after URL checks, with the
 * decoded value (not NUL-terminated). It may run on any thread, concurrently.
 * It must not call back into the library except sanitize_value_sink_set(). */
typedef sanitize_filter_result (*sanitize_attribute_filter)(void *user_data,
                                                            const char *element,
                                                            const char *attribute,
                                                            const char *value,
                                                            size_t value_len,
                                                            sanitize_value_sink *sink);

/** Installs (or with filter == NULL removes) the policy's attribute filter.
 * `user_data` is passed to it unchanged and must outlive the policy. */
SANITIZE_API sanitize_status sanitize_policy_set_attribute_filter(sanitize_policy *policy,
                                                                  sanitize_attribute_filter filter,
                                                                  void *user_data);

/** From an attribute filter: sets the replacement value (copied), used when
 * the filter returns SANITIZE_FILTER_REPLACE. URL attributes are checked
 * again. Errors: INVALID_ARGUMENT, NOMEM. */
SANITIZE_API sanitize_status sanitize_value_sink_set(sanitize_value_sink *sink,
                                                     const char *value, size_t value_len);

/* ------------------------------------------------------------------------
 * URLs
 *
 * URL-bearing attributes (href, src, cite, action, formaction, poster,
 * background, longdesc, usemap, xlink:href, data, codebase, dynsrc, lowsrc,
 * icon, manifest, profile; ping and srcset as lists) are checked on every
 * element. The scheme is found as a browser finds it: leading and trailing
 * C0 controls and spaces removed, tabs and newlines removed, ASCII
 * case-insensitive, after entity decoding. A URL without a scheme is
 * relative. No scheme is allowed until one is added.
 * ------------------------------------------------------------------------ */

/** Allows URLs with this scheme ("https", without the colon).
 * Errors: INVALID_ARGUMENT (not a scheme: ALPHA *(ALPHA / DIGIT / + - .)). */
SANITIZE_API sanitize_status sanitize_policy_allow_url_scheme(sanitize_policy *policy,
                                                              const char *scheme);

/** Removes a scheme from the allowed set (and its callback). */
SANITIZE_API sanitize_status sanitize_policy_remove_url_scheme(sanitize_policy *policy,
                                                               const char *scheme);

/** Allows every scheme whose lower-case name matches the pattern
 * (bluemonday's AllowURLSchemesMatching). Errors: BAD_REGEX, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_allow_url_schemes_matching(sanitize_policy *policy,
                                                                        const char *pattern);

/** Decides on one URL of a given scheme: return nonzero to keep it. `url` is
 * the decoded, trimmed URL (not NUL-terminated). It may run on any thread. */
typedef int (*sanitize_url_callback)(void *user_data, const char *url, size_t url_len);

/** Allows `scheme` only for URLs the callback accepts (bluemonday's
 * AllowURLSchemeWithCustomPolicy). `user_data` must outlive the policy.
 * Errors: INVALID_ARGUMENT, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_set_url_scheme_callback(sanitize_policy *policy,
                                                                     const char *scheme,
                                                                     sanitize_url_callback callback,
                                                                     void *user_data);

/** Allows data: URLs of these image MIME types with base64 payloads, on src
 * and srcset of img (and source), like bluemonday's AllowDataURIImages.
 * `types` NULL uses image/gif, image/jpeg, image/png, image/webp (not
 * image/svg+xml, which can carry script when opened directly). */
SANITIZE_API sanitize_status sanitize_policy_allow_data_uri_images(sanitize_policy *policy,
                                                                   const char *const *types,
                                                                   size_t count);

/** Makes `attribute` URL-checked on `element` (NULL: everywhere), in
 * addition to the built-in list. */
SANITIZE_API sanitize_status sanitize_policy_add_url_attribute(sanitize_policy *policy,
                                                               const char *attribute,
                                                               const char *element);

/** Sets the `rel` value written on every kept `a` and `area` with an href,
 * merged with the rel tokens the flags add (ammonia's link_rel; NULL or ""
 * clears it). Errors: NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_set_link_rel(sanitize_policy *policy,
                                                          const char *rel);

/** Requires a sandbox attribute on every kept iframe, keeping only the
 * listed tokens (deduplicated) of the input's value; `count` 0 means an
 * empty sandbox (everything restricted). Errors: INVALID_ARGUMENT (unknown
 * token), NOMEM. Allowing iframe itself is separate; its content is always
 * dropped. */
SANITIZE_API sanitize_status sanitize_policy_require_iframe_sandbox(sanitize_policy *policy,
                                                                    const char *const *tokens,
                                                                    size_t count);

/* ------------------------------------------------------------------------
 * Inline styles (the `style` attribute)
 *
 * With at least one style rule in scope, `style` is parsed as a CSS
 * declaration list and rebuilt from the declarations a rule allows, as
 * `prop: value; prop: value`. Without one, `style` follows the attribute
 * rules like any other attribute and is kept only if a rule allows it — do
 * not allow it raw unless you trust it. Property names are ASCII
 * case-insensitive. url() values are removed unless
 * SANITIZE_FLAG_ALLOW_STYLE_URLS is set, and then checked like URLs.
 * ------------------------------------------------------------------------ */

/** Allows the CSS property on `element` (NULL: on every element), with its
 * value checked by `value_pattern` (PCRE2, unanchored) or, when NULL, by the
 * built-in handler for that property (rejects everything for a property it
 * does not know). Errors: UNKNOWN_ELEMENT, BAD_REGEX, NOMEM. */
SANITIZE_API sanitize_status sanitize_policy_allow_style(sanitize_policy *policy,
                                                         const char *property,
                                                         const char *element,
                                                         const char *value_pattern);

/** Like sanitize_policy_allow_style() on elements matching a pattern. */
SANITIZE_API sanitize_status sanitize_policy_allow_style_on_matching(sanitize_policy *policy,
                                                                     const char *property,
                                                                     const char *element_pattern,
                                                                     const char *value_pattern);

/** Allows the CSS property with one of the listed values only (ASCII
 * case-insensitive; bluemonday's MatchingEnum). */
SANITIZE_API sanitize_status sanitize_policy_allow_style_values(sanitize_policy *policy,
                                                                const char *property,
                                                                const char *element,
                                                                const char *const *values,
                                                                size_t count);

/** Decides on one declaration's value: nonzero keeps it. `value` is the
 * value as it will be written (not NUL-terminated). Any thread. */
typedef int (*sanitize_style_callback)(void *user_data, const char *property,
                                       const char *value, size_t value_len);

/** Allows the CSS property with its value decided by a callback
 * (bluemonday's MatchingHandler). `user_data` must outlive the policy. */
SANITIZE_API sanitize_status sanitize_policy_allow_style_callback(sanitize_policy *policy,
                                                                  const char *property,
                                                                  const char *element,
                                                                  sanitize_style_callback callback,
                                                                  void *user_data);

/** Allows every property the built-in handlers know, on every element
 * (what the RICH_TEXT preset uses). */
SANITIZE_API sanitize_status sanitize_policy_allow_standard_styles(sanitize_policy *policy);

/* ------------------------------------------------------------------------
 * Flags and limits
 * ------------------------------------------------------------------------ */

/** Boolean switches; all off in a new policy unless stated. */
typedef enum sanitize_flag {
    /** Keep comments (their text is made safe: no "--", no "<!", no ">"
     * run that could end them early; IE conditional comments are dropped). */
    SANITIZE_FLAG_ALLOW_COMMENTS = 0,
    /** Write one space where a tag was removed (bluemonday's
     * AddSpaceWhenStrippingTag). */
    SANITIZE_FLAG_SPACE_WHEN_STRIPPING = 1,
    /** Keep data-* attributes with safe names on every allowed element. */
    SANITIZE_FLAG_ALLOW_DATA_ATTRIBUTES = 2,
    /** Keep URLs without a scheme (relative, //host, #frag, ?q). */
    SANITIZE_FLAG_ALLOW_RELATIVE_URLS = 3,
    /** Reject URLs that are not well formed (bluemonday's
     * RequireParseableURLs): spaces in the middle, bad %-escapes, bad ports,
     * unbalanced IPv6 brackets. Kept URLs are written normalized (lower-case
     * scheme and host). */
    SANITIZE_FLAG_REQUIRE_PARSEABLE_URLS = 4,
    /** rel="nofollow" on every link (a, area with href). */
    SANITIZE_FLAG_NOFOLLOW = 5,
    /** rel="nofollow" on links with a host (http://x, //x). */
    SANITIZE_FLAG_NOFOLLOW_FULLY_QUALIFIED = 6,
    /** rel="noreferrer" on every link. */
    SANITIZE_FLAG_NOREFERRER = 7,
    /** rel="noreferrer" on links with a host. */
    SANITIZE_FLAG_NOREFERRER_FULLY_QUALIFIED = 8,
    /** target="_blank" (and rel="noopener") on `a` links with a host. */
    SANITIZE_FLAG_TARGET_BLANK_FULLY_QUALIFIED = 9,
    /** crossorigin="anonymous" on kept audio, img, link, script, video. */
    SANITIZE_FLAG_CROSSORIGIN_ANONYMOUS = 10,
    /** UNSAFE. Lets script and style be allowed and kept verbatim. Never
     * set it for untrusted input. */
    SANITIZE_FLAG_UNSAFE_ALLOW_SCRIPT_AND_STYLE = 11,
    /** Re-parse every output (always with gumbo) and fail with
     * SANITIZE_ERR_ROUNDTRIP when the result does not serialize back to the
     * same bytes. Costs one gumbo parse of the output: about 3x the time of
     * a call the fast parser answers (measured in docs/security.md). */
    SANITIZE_FLAG_VERIFY_ROUNDTRIP = 12,
    /** Parse the input as a whole document (doctype, html, head, body are
     * then subject to the policy) instead of a body fragment. */
    SANITIZE_FLAG_FULL_DOCUMENT = 13,
    /** Skip the fast paths that answer without the parser and always parse
     * with gumbo (for differential testing; the output is the same). */
    SANITIZE_FLAG_NO_FAST_PATH = 14,
    /** Keep url() in inline styles, subject to the URL rules. */
    SANITIZE_FLAG_ALLOW_STYLE_URLS = 15,
    /** rel="noopener" on every link. */
    SANITIZE_FLAG_NOOPENER = 16
} sanitize_flag;

/** Sets a flag (on != 0) or clears it. Errors: INVALID_ARGUMENT (unknown
 * flag). */
SANITIZE_API sanitize_status sanitize_policy_set_flag(sanitize_policy *policy,
                                                      sanitize_flag flag, int on);

/** 1 if the flag is set, 0 if not (or policy is NULL / unknown flag). */
SANITIZE_API int sanitize_policy_get_flag(const sanitize_policy *policy, sanitize_flag flag);

/** Resource limits of one sanitize call. 0 never means "unlimited" except
 * where stated. */
typedef enum sanitize_limit {
    /** Largest input accepted, in bytes (default 16 MiB, at most 4 GiB - 1).
     * Larger inputs fail with SANITIZE_ERR_INPUT_TOO_LARGE. */
    SANITIZE_LIMIT_INPUT_BYTES = 0,
    /** Deepest element nesting written (default 256). Elements deeper than
     * this are unwrapped: their content stays, their tags go. */
    SANITIZE_LIMIT_DEPTH = 1,
    /** Most attributes examined per element (default 256); the rest are
     * dropped. */
    SANITIZE_LIMIT_ATTRIBUTES = 2,
    /** Parser memory budget in bytes; 0 (the default) means
     * 64 MiB + 64 x the input size. Beyond it: SANITIZE_ERR_MEMORY_BUDGET. */
    SANITIZE_LIMIT_MEMORY_BYTES = 3,
    /** CPU time budget per call in milliseconds; 0 (the default) means
     * 100 ms + 1 ms per 4 KiB of input, about 4x what the slowest ordinary
     * page needs. Beyond it: SANITIZE_ERR_DEADLINE. Thread CPU time, counted
     * from the first check (after 256 parser allocations or 4,096 nodes), so
     * that small documents never pay for reading the clock. */
    SANITIZE_LIMIT_CPU_MS = 4
} sanitize_limit;

/** Sets a limit. Errors: INVALID_ARGUMENT (unknown limit or value out of
 * range: depth 1..100000, attributes 1..1000000, input 1..4 GiB-1). */
SANITIZE_API sanitize_status sanitize_policy_set_limit(sanitize_policy *policy,
                                                       sanitize_limit limit, size_t value);

/** The value of a limit (0 for an unknown limit or NULL policy). */
SANITIZE_API size_t sanitize_policy_get_limit(const sanitize_policy *policy,
                                              sanitize_limit limit);

/* ------------------------------------------------------------------------
 * Sanitizing
 * ------------------------------------------------------------------------ */

/** Sanitizes `input_len` bytes of HTML with `policy`, freezing the policy.
 * On SANITIZE_OK, `*out` holds `*out_len` bytes of UTF-8 HTML plus a NUL
 * terminator, to release with sanitize_free(). On any error `*out` is NULL
 * and `*out_len` 0.
 * `input` may be NULL when input_len is 0.
 * Errors: INVALID_ARGUMENT, NOMEM, INPUT_TOO_LARGE, DEADLINE, MEMORY_BUDGET,
 * ROUNDTRIP, PARSER.
 * Thread-safe: any number of threads may call it with the same policy. */
SANITIZE_API sanitize_status sanitize_html(sanitize_policy *policy, const char *input,
                                           size_t input_len, char **out, size_t *out_len);

/** sanitize_html() into a buffer of the caller's, `buffer_size` bytes long,
 * for callers that sanitize many small documents and would rather not have a
 * buffer allocated and freed for each (the Python binding does this).
 * On SANITIZE_OK, `buffer` holds `*out_len` bytes of UTF-8 HTML plus a NUL
 * terminator (so `*out_len < buffer_size`).
 * If the output does not fit, nothing is written but the terminator, the
 * call returns SANITIZE_ERR_BUFFER_TOO_SMALL and `*out_len` is the output's
 * length: a second call with `*out_len + 1` bytes, or sanitize_html(), gives
 * it (the document is sanitized again). On every other error `*out_len` is
 * 0. Whatever the result, `buffer` holds a string (the output, or "") when
 * it is not NULL and `buffer_size` is not 0.
 * `buffer` may be NULL only when buffer_size is 0 (which measures the
 * output); `input` may be NULL when input_len is 0.
 * Errors: as sanitize_html(), plus BUFFER_TOO_SMALL.
 * Thread-safe: any number of threads may call it with the same policy, each
 * with its own buffer. Added in 0.2.0. */
SANITIZE_API sanitize_status sanitize_html_into(sanitize_policy *policy, const char *input,
                                                size_t input_len, char *buffer,
                                                size_t buffer_size, size_t *out_len);

/** Sanitizes `count` documents with `policy` in one call, as `count` calls
 * of sanitize_html() would, into one buffer. For callers with many small
 * documents: the Python binding releases the GIL once for the lot instead of
 * once per document (on small documents, handing the GIL between threads
 * costs more than sanitizing).
 * Document i is inputs[i], input_lens[i] bytes (inputs[i] may be NULL when
 * input_lens[i] is 0). On SANITIZE_OK, statuses[i] is what sanitize_html()
 * would have returned for it, out_lens[i] the length of its output (0 when
 * statuses[i] is not SANITIZE_OK), and `*out` holds the outputs one after
 * the other, each followed by a NUL: output i starts at the sum of
 * out_lens[j] + 1 for j < i. Release `*out` with sanitize_free() (it is
 * allocated even when count is 0).
 * Errors: INVALID_ARGUMENT (policy or out NULL, or an array NULL while
 * count is not 0), NOMEM (the joined output could not be allocated). On
 * either `*out` is NULL and nothing else is written (INVALID_ARGUMENT) or
 * every out_lens[i] is 0 (NOMEM).
 * Thread-safe: any number of threads may call it with the same policy.
 * Added in 0.2.0. */
SANITIZE_API sanitize_status sanitize_html_batch(sanitize_policy *policy, size_t count,
                                                 const char *const *inputs,
                                                 const size_t *input_lens, char **out,
                                                 size_t *out_lens, sanitize_status *statuses);

/** Escapes text for use as HTML text or a quoted attribute value: & < > " '
 * become character references, invalid UTF-8 becomes U+FFFD and NUL bytes
 * are removed (nh3's clean_text). Thread-safe.
 * Errors: INVALID_ARGUMENT, NOMEM, INPUT_TOO_LARGE (over 4 GiB - 1). */
SANITIZE_API sanitize_status sanitize_escape_text(const char *input, size_t input_len,
                                                  char **out, size_t *out_len);

/* END CFFI DECLARATIONS */

#ifdef __cplusplus
}
#endif

#endif /* LIBSANITIZE_H */
