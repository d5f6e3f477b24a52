#!/bin/sh
# The sanitize command line: output, presets, stdin, errors and exit codes.
# Usage: check_cli.sh SANITIZE_BINARY SOURCE_DIR
set -u
bin=$1 src=$2
pass=0 fail=0
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$2" "$3"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '<p onclick=x>Hi <a href="https://e.org/">l</a><script>s()</script></p>' > "$tmp/in.html"

check "ugc is the default" '<p>Hi <a href="https://e.org/" rel="nofollow">l</a></p>' "$("$bin" "$tmp/in.html")"
check "strict" 'Hi l' "$("$bin" --policy strict "$tmp/in.html")"
check "stdin" '<b>x</b>' "$(printf '<b onclick=y>x</b>' | "$bin")"
check "dash is stdin" '<b>x</b>' "$(printf '<b>x</b>' | "$bin" -)"
check "several files" 'Hi lHi l' "$("$bin" --policy strict "$tmp/in.html" "$tmp/in.html")"
check "rich-text keeps checked styles" '<span style="color: red">x</span>' \
  "$(printf '<span style="color:red;position:fixed">x</span>' | "$bin" --policy rich-text)"
check "full document" '<!DOCTYPE html><b>x</b>' \
  "$(printf '<!doctype html><html><head><title>t</title></head><body><b>x</b></body></html>' | "$bin" --full-document)"
check "verify passes on ordinary input" '<i>x</i>' "$(printf '<i>x</i>' | "$bin" --verify)"
check "bundled sample" 0 "$("$bin" "$src/examples/sample.html" >/dev/null 2>&1; echo $?)"

"$bin" --help > "$tmp/help" 2>&1; check "--help exits 0" 0 $?
grep -q 'usage: sanitize' "$tmp/help"; check "--help prints usage" 0 $?
check "--version" "sanitize (libsanitize) $("$bin" --version | sed 's/.* //')" "$("$bin" --version)"
"$bin" --policy nope "$tmp/in.html" >/dev/null 2>&1; check "unknown policy exits 2" 2 $?
"$bin" --bogus >/dev/null 2>&1; check "unknown option exits 2" 2 $?
"$bin" "$tmp/missing.html" >/dev/null 2> "$tmp/err"; check "missing file exits 1" 1 $?
grep -q 'missing.html' "$tmp/err"; check "missing file is named on stderr" 0 $?
printf '0123456789abc' | "$bin" --max-input 10 >/dev/null 2> "$tmp/err"; check "too large exits 1" 1 $?
grep -q 'input too large' "$tmp/err"; check "too large says why" 0 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
