#!/usr/bin/env bash
# Every test: installs what is missing, builds with AddressSanitizer and UBSan and warnings as errors, runs CTest
# with every label: unit, cli, viewer, e2e, install, lint (clang-format, clang-tidy) and fuzz (each target for
# CHAINATLAS_FUZZ_SECONDS, 60 by default; 0 skips them).
#     bash scripts/test.sh           the full run (the README's test command)
#     bash scripts/test.sh --quick   the default Release build (as a newcomer or a packager builds it: no
#                                    sanitizers, the compiler's warnings not fatal) and its quick tier, the
#                                    CTest labels unit and cli
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
# ccache, when the machine has it, shares compiled objects between checkouts of this repository (optional).
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$PWD")}" CCACHE_NOHASHDIR=1
fi

if [ "${1:-}" = "--quick" ]; then
  mkdir -p build-release
  cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" > build-release/configure.log 2>&1 ||
    { cat build-release/configure.log; exit 1; }
  cmake --build build-release -j"$(nproc)"
  ctest --test-dir build-release --output-on-failure -j"$(nproc)" -L '^(unit|cli)$'
  exit 0
fi

mkdir -p build-test
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DCHAINATLAS_SANITIZE=ON -DCHAINATLAS_WERROR=ON \
      -DCHAINATLAS_BUILD_BENCH=ON "${launcher[@]}" > build-test/configure.log 2>&1 || { cat build-test/configure.log; exit 1; }
cmake --build build-test -j"$(nproc)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-test --output-on-failure -j"$(nproc)"
