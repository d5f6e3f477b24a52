#!/usr/bin/env python3
"""Meson test driver for the browser check: makes the cases, runs the harness.

    run_check.py sanitized --node NODE --chromium CHROMIUM --work-dir DIR
                 [--sanitizer-cmd CLI] [--presets ...]
        Every vector through every preset (and the permissive test policy):
        no script may run in any case, in either insertion mode.
    run_check.py raw --node NODE --chromium CHROMIUM --work-dir DIR --min-tripped N
        The raw vectors must trip the check: half of them in body mode, the
        other half in inner mode, at least N distinct vectors in each.
    run_check.py escaped --node NODE --chromium CHROMIUM --work-dir DIR
        The same vectors HTML-escaped must not (no false positives).

Reports (JSON) are left in --work-dir. Prints 'N passed, N failed' at the end.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    print('+ ' + ' '.join(cmd), flush=True)
    return subprocess.run(cmd, check=False).returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('what', choices=('sanitized', 'raw', 'escaped'))
    ap.add_argument('--node', default='node')
    ap.add_argument('--chromium', default='/usr/bin/chromium')
    ap.add_argument('--work-dir', required=True)
    ap.add_argument('--vectors')
    ap.add_argument('--sanitizer-cmd')
    ap.add_argument('--presets')
    ap.add_argument('--min-tripped', type=int, default=0)
    ap.add_argument('--harness-arg', action='append', default=[],
                    help='extra argument for xss_check.mjs (repeatable)')
    args = ap.parse_args()

    os.makedirs(args.work_dir, exist_ok=True)
    gen = [sys.executable, os.path.join(HERE, 'gen_cases.py')]
    if args.vectors:
        gen += ['--vectors', args.vectors]
    harness = [args.node, os.path.join(HERE, 'xss_check.mjs'), '--chromium', args.chromium] + args.harness_arg

    checks = []  # (name, returncode)
    if args.what == 'sanitized':
        cases = os.path.join(args.work_dir, 'sanitized.jsonl')
        g = gen + ['--set', 'sanitized', cases]
        if args.sanitizer_cmd:
            g += ['--sanitizer-cmd', args.sanitizer_cmd]
        if args.presets:
            g += ['--presets', args.presets]
        rc = run(g)
        checks.append(('make sanitized cases', rc))
        if rc == 0:
            checks.append(('no script runs in sanitized output', run(harness + [
                '--cases', cases, '--expect', 'clean',
                '--report', os.path.join(args.work_dir, 'sanitized-report.json')])))
    elif args.what == 'raw':
        raw = os.path.join(args.work_dir, 'raw.jsonl')
        rc = run(gen + ['--set', 'raw', raw])
        checks.append(('make raw cases', rc))
        if rc == 0:
            # Each insertion mode's detection is shown to work on half of
            # the vectors (alternate lines): the check stays proven in both
            # modes at half the time of running every vector in both.
            with open(raw, encoding='utf-8') as f:
                lines = f.readlines()
            for i, mode in enumerate(('body', 'inner')):
                half = os.path.join(args.work_dir, f'raw-{mode}.jsonl')
                with open(half, 'w', encoding='utf-8') as f:
                    f.writelines(lines[i::2])
                # One case per frame (most of them trip), smaller pages.
                checks.append((f'raw vectors trip the check in {mode} mode (>= {args.min_tripped} ids)',
                               run(harness + [
                                   '--cases', half, '--modes', mode, '--group', '1', '--batch', '24',
                                   '--batch-timeout-ms', '30000',
                                   '--expect', 'trips', '--min-tripped', str(args.min_tripped),
                                   '--report', os.path.join(args.work_dir, f'raw-{mode}-report.json')])))
    else:
        esc = os.path.join(args.work_dir, 'escaped.jsonl')
        rc = run(gen + ['--set', 'escaped', esc])
        checks.append(('make escaped cases', rc))
        if rc == 0:
            checks.append(('escaped vectors do not trip it', run(harness + [
                '--cases', esc, '--expect', 'clean',
                '--report', os.path.join(args.work_dir, 'escaped-report.json')])))
    failed = [name for name, rc in checks if rc != 0]
    for name, rc in checks:
        print(f"{'ok' if rc == 0 else 'FAIL'}: {name}")
    print(f'{len(checks) - len(failed)} passed, {len(failed)} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
