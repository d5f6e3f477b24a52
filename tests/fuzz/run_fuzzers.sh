#!/bin/sh
# Fuzzes each target for a bounded time, one process at a time.
#
#   tests/fuzz/run_fuzzers.sh SECONDS [BUILD_DIR] [TARGET...]
#
# BUILD_DIR (default build-fuzz) must be configured with clang:
#   CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined \
#       -Db_lundef=false --buildtype=debugoptimized
# Each target starts from its saved corpus (tests/fuzz/corpus/<name>) plus, for
# the HTML targets, ../shared/corpus and the attack vectors when present. New
# inputs go to a scratch directory (printed), never into the repository;
# crashes are written to $ARTIFACTS (default: the scratch directory) and make
# the script exit non-zero. Minimize and add a crash you fix to the saved
# corpus by hand. FUZZ_SEED=N fixes libFuzzer's random seed, so that a run
# (CI's) can be repeated exactly; without it every run explores afresh.
set -eu
secs=${1:?usage: run_fuzzers.sh SECONDS [BUILD_DIR] [TARGET...]}
build=${2:-build-fuzz}
[ $# -ge 2 ] && shift 2 || shift $#
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=$root/../shared
targets=${*:-fuzz_sanitize fuzz_roundtrip fuzz_fastpath fuzz_policy fuzz_css}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/libsanitize-fuzz.XXXXXX")
artifacts=${ARTIFACTS:-$scratch/artifacts}
mkdir -p "$artifacts"
echo "scratch: $scratch"
ninja -C "$build" $(for t in $targets; do printf 'tests/%s ' "$t"; done) >/dev/null
status=0
for t in $targets; do
    exe=$build/tests/$t
    [ -x "$exe" ] || { echo "$t: not built"; continue; }
    work=$scratch/$t
    mkdir -p "$work"
    seeds="$here/corpus/${t#fuzz_}"
    case $t in
    fuzz_sanitize|fuzz_roundtrip|fuzz_fastpath)
        if [ -d "$shared/corpus" ]; then
            seeds="$seeds $shared/corpus/tiny $shared/corpus/comment $shared/reference/gumbo"
        fi
        if [ -f "$shared/xss/vectors.jsonl" ] && [ -x "$build/tests/security/xss_corpus" ]; then
            mkdir -p "$scratch/xss"
            "$build/tests/security/xss_corpus" --export "$scratch/xss" \
                "$shared/xss/vectors.jsonl" >/dev/null
            seeds="$seeds $scratch/xss"
        fi
        ;;
    esac
    echo "== $t: $secs s"
    # shellcheck disable=SC2086
    if ! "$exe" "$work" $seeds ${FUZZ_SEED:+-seed="$FUZZ_SEED"} \
            -max_total_time="$secs" -timeout=30 -rss_limit_mb=2560 \
            -max_len=65536 -artifact_prefix="$artifacts/$t-" -print_final_stats=1 \
            >"$scratch/$t.log" 2>&1; then
        echo "$t: FAILED (see $scratch/$t.log and $artifacts)"
        # CI keeps only this output: show why, and the input, base64.
        sed -n '/^==[0-9]*==\|^fast path differs\|^ *input:\|^ *fast:\|^ *gumbo:\|ERROR\|^SUMMARY\|deadly signal\|Timeout\|out-of-memory/p' \
            "$scratch/$t.log" | head -40
        for crash in "$artifacts/$t-"*; do
            [ -f "$crash" ] || continue
            echo "-- $crash ($(wc -c <"$crash") bytes), base64:"
            head -c 4096 "$crash" | base64
        done
        status=1
    fi
    grep -E '^#[0-9]+.*(DONE|pulse)|stat::number_of_executed_units|stat::peak_rss_mb|cov:' \
        "$scratch/$t.log" | tail -3
done
exit $status
