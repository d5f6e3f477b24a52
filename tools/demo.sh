#!/bin/sh
# Builds libsanitize and sanitizes the bundled sample with the CLI.
set -eu
cd "$(dirname "$0")/.."
tools/deps.sh build
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
echo "== input (examples/sample.html)"
cat examples/sample.html
echo "== sanitize --policy ugc"
build/cli/sanitize --policy ugc examples/sample.html
echo
