#!/bin/sh
# The whole test suite, as CI runs it:
#   1. a -Werror build with gcc and every meson test suite (C, golden cases,
#      ABI, install, fuzz replay, CSS, security, Python, browser);
#   2. the C and security tests again under ASan + UBSan (clang);
#   3. the C tests and the gumbo-bug tests under valgrind memcheck (no
#      errors, no leaks);
#   4. libFuzzer on every fuzz target for FUZZ_SECONDS each (default 30);
#   5. a release build (-O3, NDEBUG: what the benchmark and the wheel
#      compile), also -Werror, and a benchmark smoke run on it.
# Each step prints its test runner's summary; the script stops at the first
# failure.
set -eu
cd "$(dirname "$0")/.."
tools/deps.sh test
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
jobs=${JOBS:-2}

echo "== 1. gcc build, all suites"
[ -d build ] || meson setup build -Dwerror=true
ninja -C build
meson test -C build --num-processes "$jobs" --print-errorlogs

echo "== 2. ASan + UBSan (clang)"
[ -d build-asan ] || CC=clang meson setup build-asan -Dwerror=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dpython_binding=disabled -Dbrowser_tests=disabled
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  meson test -C build-asan --num-processes "$jobs" --print-errorlogs \
    --suite c --suite cases --suite fuzz --suite security --suite css

echo "== 3. valgrind memcheck"
meson test -C build --num-processes "$jobs" --print-errorlogs --suite c --suite cases \
  --suite memcheck --wrapper "valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions=$PWD/tests/valgrind.supp --quiet" \
  --timeout-multiplier 10

echo "== 4. fuzzing, ${FUZZ_SECONDS:-30} s per target"
[ -d build-fuzz ] || CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dpython_binding=disabled -Dbrowser_tests=disabled
ninja -C build-fuzz >/dev/null
# A fixed seed makes this step repeatable: a failure here can be replayed
# with the same command. Open-ended campaigns leave FUZZ_SEED unset.
if [ -x tests/fuzz/run_fuzzers.sh ]; then
  FUZZ_SEED=${FUZZ_SEED:-1204} tests/fuzz/run_fuzzers.sh "${FUZZ_SECONDS:-30}" build-fuzz
fi

echo "== 5. release build, benchmark smoke run"
[ -d build-release ] || meson setup build-release --buildtype=release -Dwerror=true -Dbrowser_tests=disabled
ninja -C build-release
if [ -f bench/run.py ]; then
  /usr/bin/python3 bench/run.py --smoke --build-dir build-release
fi
echo "== all checks passed"
