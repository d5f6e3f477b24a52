#!/bin/sh
# Copies the objects of Debian's libgumbo.a with every call to glibc's
# __assert_fail renamed to sz_gumbo_assert_fail (libsanitize/parse.c), so
# that a failed assertion inside gumbo ends one sanitize call with
# SANITIZE_ERR_PARSER instead of aborting the process (F1, docs/security.md).
#
#   tools/guard_gumbo.sh OBJCOPY ARCHIVE OUT.o...
#
# Each OUT is named gumbo-<member>.o after the archive member
# libgumbo_la-<member>.o; the archive must hold exactly those members, so a
# different gumbo build fails here rather than linking half a parser.
set -eu
objcopy=$1 archive=$2
shift 2
want=$(for out in "$@"; do basename "$out" | sed 's/^gumbo-/libgumbo_la-/'; done | sort)
have=$(ar t "$archive" | sort)
if [ "$want" != "$have" ]; then
  echo "guard_gumbo.sh: $archive holds other objects than expected:" >&2
  echo "$have" >&2
  exit 1
fi
for out in "$@"; do
  member=$(basename "$out" | sed 's/^gumbo-/libgumbo_la-/')
  ar p "$archive" "$member" >"$out.tmp"
  "$objcopy" --redefine-sym __assert_fail=sz_gumbo_assert_fail "$out.tmp" "$out"
  rm -f "$out.tmp"
  if nm "$out" | grep -q ' __assert_fail$'; then
    echo "guard_gumbo.sh: $member still calls __assert_fail" >&2
    exit 1
  fi
done
