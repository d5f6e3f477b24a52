#!/bin/sh
# Installs the build into a scratch DESTDIR, then compiles examples/example.c
# with the flags pkg-config gives for the installed libsanitize.pc, runs it
# and checks its output. Usage: check_install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --quiet >/dev/null
pcdir=$(dirname "$(find "$dest" -name libsanitize.pc | head -n1)")
[ -n "$pcdir" ] || { echo "libsanitize.pc not installed"; echo "0 passed, 1 failed"; exit 1; }
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$dest"
cc=${CC:-cc}
$cc -std=c11 -Wall -Wextra -Werror "$src/examples/example.c" -o "$dest/example" \
    $(pkg-config --cflags --libs libsanitize)
libdir=$(dirname "$(find "$dest" -name 'libsanitize.so*' | head -n1)")
out=$(LD_LIBRARY_PATH="$libdir" "$dest/example")
want='<p>Hi <a href="https://example.org" target="_blank" rel="nofollow noopener">there</a></p>'
if [ "$out" = "$want" ]; then
  echo "1 passed, 0 failed"
else
  printf 'got:  %s\nwant: %s\n0 passed, 1 failed\n' "$out" "$want"
  exit 1
fi
