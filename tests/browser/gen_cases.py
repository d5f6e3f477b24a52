#!/usr/bin/env python3
"""Writes the cases the browser check loads: JSON lines {id, preset, html, input}.

    gen_cases.py --set sanitized [--presets strict,ugc,rich_text,permissive] OUT.jsonl
    gen_cases.py --set raw OUT.jsonl        # the vectors as they are (must trip the check)
    gen_cases.py --set escaped OUT.jsonl    # the vectors HTML-escaped (must not trip it)

The vectors come from ../shared/xss/vectors.jsonl beside the repository
(--vectors to change). The sanitized set runs every vector through every
preset with the Python binding (`libsanitize` on PYTHONPATH), plus a
deliberately permissive test policy (many elements and attributes, http/https/
mailto and relative URLs, comments, but no unsafe flag). Without the binding,
--sanitizer-cmd runs the C CLI once per vector and preset instead
(`CMD --policy strict|ugc|rich-text FILE`; the permissive policy needs the
binding and is skipped).
"""
import argparse
import html
import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_VECTORS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'xss', 'vectors.jsonl'))
PRESETS = ('strict', 'ugc', 'rich_text', 'permissive')

# Elements and attributes of the permissive test policy: far more than any
# preset, to give the browser as much surface as a careless integrator would.
PERMISSIVE_ELEMENTS = (
    'a', 'abbr', 'address', 'area', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big',
    'blockquote', 'br', 'button', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
    'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'fieldset', 'figcaption',
    'figure', 'font', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
    'i', 'img', 'input', 'ins', 'kbd', 'label', 'legend', 'li', 'map', 'mark', 'marquee',
    'meter', 'nav', 'ol', 'optgroup', 'option', 'output', 'p', 'picture', 'pre', 'progress',
    'q', 'rp', 'rt', 'ruby', 's', 'samp', 'section', 'select', 'small', 'source', 'span',
    'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'textarea', 'tfoot',
    'th', 'thead', 'time', 'tr', 'track', 'tt', 'u', 'ul', 'var', 'video', 'wbr',
)
PERMISSIVE_ATTRIBUTES = (
    'href', 'src', 'title', 'alt', 'name', 'id', 'class', 'style', 'action', 'formaction',
    'method', 'target', 'srcset', 'sizes', 'poster', 'cite', 'width', 'height', 'type',
    'value', 'placeholder', 'for', 'form', 'label', 'lang', 'dir', 'tabindex', 'accesskey',
    'open', 'controls', 'autoplay', 'loop', 'muted', 'preload', 'usemap', 'shape', 'coords',
    'colspan', 'rowspan', 'headers', 'scope', 'span', 'align', 'valign', 'border', 'color',
    'face', 'size', 'start', 'reversed', 'datetime', 'hidden', 'draggable', 'spellcheck',
    'contenteditable', 'autofocus', 'disabled', 'readonly', 'required', 'checked',
    'selected', 'multiple', 'min', 'max', 'low', 'high', 'optimum', 'step', 'pattern',
    'maxlength', 'rows', 'cols', 'wrap', 'kind', 'srclang', 'default', 'download', 'ping',
    'rel', 'hreflang', 'media', 'enctype', 'novalidate', 'role', 'background', 'longdesc',
    'behavior', 'direction', 'scrollamount', 'loading', 'decoding', 'crossorigin',
)


def permissive_policy(ls):
    p = ls.Policy()
    for name in PERMISSIVE_ELEMENTS:
        try:
            p.allow_elements(name)
        except ls.PolicyError:  # not an element gumbo knows (picture, data...)
            pass
    p.allow_attributes(*PERMISSIVE_ATTRIBUTES)
    p.allow_attribute_prefix('aria-')
    p.allow_url_schemes('http', 'https', 'mailto')
    p.set_flag(ls.Flag.ALLOW_RELATIVE_URLS)
    p.set_flag(ls.Flag.ALLOW_COMMENTS)
    p.set_flag(ls.Flag.ALLOW_DATA_ATTRIBUTES)
    if p.get_flag(ls.Flag.UNSAFE_ALLOW_SCRIPT_AND_STYLE):
        raise SystemExit('permissive test policy must not be unsafe')
    return p


def binding_policies(presets):
    import libsanitize as ls  # noqa: the binding, from PYTHONPATH
    made = {}
    for name in presets:
        if name == 'strict':
            made[name] = ls.Policy.strict()
        elif name == 'ugc':
            made[name] = ls.Policy.ugc()
        elif name == 'rich_text':
            made[name] = ls.Policy.rich_text()
        elif name == 'permissive':
            made[name] = permissive_policy(ls)
        else:
            raise SystemExit(f'unknown preset {name}')
    return {name: policy.sanitize for name, policy in made.items()}


def cli_policies(cmd, presets):
    argv0 = shlex.split(cmd)
    out = {}
    for name in presets:
        if name == 'permissive':
            print('gen_cases: the permissive policy needs the Python binding; skipped', file=sys.stderr)
            continue
        cli_name = name.replace('_', '-')

        def run(text, cli_name=cli_name):
            with tempfile.NamedTemporaryFile('wb', suffix='.html') as f:
                f.write(text.encode('utf-8', 'surrogatepass'))
                f.flush()
                r = subprocess.run(argv0 + ['--policy', cli_name, f.name], capture_output=True, check=False)
            if r.returncode != 0:
                raise RuntimeError(r.stderr.decode('utf-8', 'replace').strip())
            return r.stdout.decode('utf-8')
        out[name] = run
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('out', help='output JSONL')
    ap.add_argument('--set', choices=('sanitized', 'raw', 'escaped'), default='sanitized')
    ap.add_argument('--vectors', default=DEFAULT_VECTORS)
    ap.add_argument('--presets', default=','.join(PRESETS))
    ap.add_argument('--sanitizer-cmd', help='C CLI fallback, e.g. "build/cli/sanitize"')
    args = ap.parse_args()

    vectors = []
    with open(args.vectors, encoding='utf-8') as f:
        for line in f:
            if line.strip():
                v = json.loads(line)
                vectors.append((v['id'], v['html']))
    if not vectors:
        raise SystemExit(f'no vectors in {args.vectors}')

    n = 0
    errors = 0
    with open(args.out, 'w', encoding='utf-8') as out:
        def emit(vid, preset, text, source):
            nonlocal n
            out.write(json.dumps({'id': vid, 'preset': preset, 'html': text, 'input': source}) + '\n')
            n += 1
        if args.set == 'raw':
            for vid, text in vectors:
                emit(vid, 'raw', text, text)
        elif args.set == 'escaped':
            for vid, text in vectors:
                emit(vid, 'escaped', html.escape(text, quote=True), text)
        else:
            presets = [p for p in args.presets.split(',') if p]
            if args.sanitizer_cmd:
                sanitizers = cli_policies(args.sanitizer_cmd, presets)
            else:
                sanitizers = binding_policies(presets)
            for preset, sanitize in sanitizers.items():
                for vid, text in vectors:
                    try:
                        result = sanitize(text)
                    except Exception as e:  # noqa: an error is reported, not a pass
                        errors += 1
                        print(f'gen_cases: {vid} [{preset}]: {type(e).__name__}: {e}', file=sys.stderr)
                        continue
                    emit(vid, preset, result, text)
    print(f'gen_cases: wrote {n} {args.set} cases from {len(vectors)} vectors to {args.out}'
          + (f' ({errors} sanitizer errors)' if errors else ''))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
