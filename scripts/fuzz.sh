#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs one of them:
#     bash scripts/fuzz.sh TARGET SECONDS     TARGET: json (chain JSON loader), csv (CSV folder loader),
#                                             map (analysis + layout + SVG, checked by libxml2),
#                                             loaders (fast JSON path against the validator: same verdict
#                                             and model), csv_loaders (the same for CSV folders),
#                                             session (read, resolve, write back, read again: equal),
#                                             xlsx (workbook reader: whole files, or one part's XML zipped)
#     bash scripts/fuzz.sh build              only builds
# New inputs go to build-fuzz/corpus/TARGET; a crash, hang or leak is saved as build-fuzz/findings/TARGET-*
# and the script exits 1. Replay one with: build-fuzz/tests/fuzz/fuzz_TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-fuzz
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ is not installed (bash scripts/setup.sh installs clang and libclang-rt-14-dev)" >&2
  exit 1
fi

mkdir -p "$build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHAINATLAS_FUZZ=ON \
    -DCHAINATLAS_BUILD_VIEWER=OFF -DCHAINATLAS_BUILD_TESTS=OFF -DCHAINATLAS_BUILD_BENCH=OFF \
    > "$build/configure.log" 2>&1 || { cat "$build/configure.log"; exit 1; }
fi
# CHAINATLAS_FUZZ_BUILT=1: the targets are built already (CTest's fuzz tests, which may run side by side).
[ "${CHAINATLAS_FUZZ_BUILT:-0}" = 1 ] || cmake --build "$build" -j"$(nproc)" --target fuzz_json fuzz_csv fuzz_map fuzz_loaders fuzz_csv_loaders fuzz_session fuzz_xlsx > "$build/build.log" 2>&1 \
  || { tail -50 "$build/build.log"; exit 1; }

target=${1:-build}
[ "$target" = build ] && exit 0
seconds=${2:-60}
if [ "$seconds" -le 0 ]; then echo "fuzz: $target skipped (0 s asked)"; exit 0; fi  # libFuzzer's 0 means no limit
case "$target" in
  json) seeds=(tests/fuzz/corpus/json tests/data/good tests/data/bad); max_len=65536 ;;
  csv)  seeds=(tests/fuzz/corpus/csv); max_len=16384 ;;
  map)  seeds=(tests/fuzz/corpus/map); max_len=16384 ;;
  loaders) seeds=(tests/fuzz/corpus/json tests/data/good tests/data/bad); max_len=65536 ;;
  csv_loaders) seeds=(tests/fuzz/corpus/csv); max_len=16384 ;;
  session) seeds=(tests/fuzz/corpus/session); max_len=16384 ;;
  xlsx) seeds=(tests/fuzz/corpus/xlsx); max_len=32768 ;;
  *) echo "fuzz: unknown target \"$target\" (json, csv, map, loaders, csv_loaders, session or xlsx)" >&2; exit 1 ;;
esac

work="$build/corpus/$target"
mkdir -p "$work" "$build/findings"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
echo "fuzz: $target for $seconds s"
"$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
  -dict=tests/fuzz/chain.dict -artifact_prefix="$build/findings/$target-" -print_final_stats=1 \
  "$work" "${seeds[@]}" > "$build/fuzz-$target.log" 2>&1 || {
    tail -60 "$build/fuzz-$target.log"
    echo "fuzz: $target found a problem; the input is in $build/findings/" >&2
    exit 1
  }
grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$build/fuzz-$target.log" | sed "s/^/fuzz: $target: /"
