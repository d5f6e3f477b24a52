#!/bin/sh
# The library exports exactly the names listed in the version script, all
# with the sanitize_ prefix, and carries its own gumbo. Usage: check_exports.sh LIBRARY VERSION_SCRIPT
set -eu
lib=$1 map=$2
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | grep -v '^LIBSANITIZE_' | sort -u)
listed=$(sed -n 's/^ *\(sanitize_[a-z0-9_]*\);$/\1/p' "$map" | sort -u)
declared=$(sed -n 's/.*SANITIZE_API [^(]*[ *]\(sanitize_[a-z0-9_]*\)(.*/\1/p' "$(dirname "$map")/../include/libsanitize.h" | sort -u)
status=0
if [ "$exported" != "$listed" ]; then
  echo "exported symbols differ from $map:"
  printf '%s\n' "$exported" > /tmp/exported.$$; printf '%s\n' "$listed" > /tmp/listed.$$
  diff /tmp/listed.$$ /tmp/exported.$$ || true
  rm -f /tmp/exported.$$ /tmp/listed.$$
  status=1
fi
if [ "$declared" != "$listed" ]; then
  echo "functions declared in the header differ from $map"
  printf '%s\n' "$declared" > /tmp/declared.$$; printf '%s\n' "$listed" > /tmp/listed.$$
  diff /tmp/listed.$$ /tmp/declared.$$ || true
  rm -f /tmp/declared.$$ /tmp/listed.$$
  status=1
fi
if printf '%s\n' "$exported" | grep -v '^sanitize_' >/dev/null; then
  echo "unprefixed exports:"; printf '%s\n' "$exported" | grep -v '^sanitize_'
  status=1
fi
# gumbo is linked in, with its assertions guarded (tools/guard_gumbo.sh); a
# libgumbo.so dependency would bring back the process abort of F1.
if readelf -d "$lib" | grep -q 'NEEDED.*libgumbo'; then
  echo "$lib links libgumbo.so instead of the guarded copy"
  status=1
fi
n=$(printf '%s\n' "$exported" | wc -l)
if [ $status -eq 0 ]; then echo "1 passed, 0 failed ($n exports)"; else echo "0 passed, 1 failed"; fi
exit $status
