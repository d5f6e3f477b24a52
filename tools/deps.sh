#!/bin/sh
# Installs the Debian 12 packages a task needs, if any is missing.
#   tools/deps.sh build   - compile the library, CLI and Python module
#   tools/deps.sh test    - everything the full test suite uses
# Needs root (or sudo) only when something is missing.
set -eu
build="gcc meson ninja-build pkg-config libgumbo-dev libpcre2-dev python3-dev python3-cffi"
test="$build python3-pytest python3-hypothesis python3-html5lib python3-mesonpy python3-build patchelf
      python3-venv valgrind clang libclang-rt-14-dev abigail-tools chromium"
case "${1:-build}" in
  build) want=$build ;;
  test) want=$test ;;
  *) echo "usage: tools/deps.sh build|test" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
# Node.js and npm may come from another packaging (this image ships
# NodeSource's nodejs, which includes npm and conflicts with Debian's npm):
# only ask apt for them when the commands are missing.
if [ "${1:-build}" = test ]; then
  command -v node >/dev/null 2>&1 || missing="$missing nodejs"
  command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
[ -z "$missing" ] && exit 0
echo "installing:$missing"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
