#!/usr/bin/env bash
# Style and static checks: clang-format (.clang-format) over every C++ file of ours, clang-tidy (.clang-tidy).
#   bash scripts/lint.sh          format check + clang-tidy on the fixed list below (what scripts/test.sh runs)
#   bash scripts/lint.sh --all    clang-tidy on every translation unit (viewer/ included: over 20 minutes on 2 busy cores)
set -euo pipefail
cd "$(dirname "$0")/.."

# 1 (default): the format check fails on any file clang-format would change; 0: it only lists them.
# To reformat: clang-format -i $(git ls-files '*.cpp' '*.hpp' '*.h' | grep -E '^(core|cli|viewer|tests|bench)/')
CHAINATLAS_FORMAT_STRICT="${CHAINATLAS_FORMAT_STRICT:-1}"

# clang-tidy over every file takes too long for every test run; these are checked each time (--all: all).
TIDY_FILES=(
  core/src/base/text.cpp core/src/model/model.cpp core/src/base/paths.cpp core/src/model/stats.cpp
  core/src/analysis/analysis.cpp core/src/analysis/targets.cpp core/src/analysis/whatif.cpp
  core/src/analysis/priorities.cpp core/src/model/profile.cpp core/src/analysis/support.cpp
  core/src/analysis/vocabulary.cpp core/src/session/session.cpp core/src/load/csv.cpp core/src/base/file_io.cpp
  core/src/documents/document.cpp core/src/documents/document_pdf.cpp core/src/documents/document_xlsx.cpp
  core/src/documents/svg_raster.cpp core/src/load/validate.cpp
)

mapfile -t sources < <(git ls-files '*.cpp' '*.hpp' '*.h' | grep -E '^(core|cli|viewer|tests|bench)/')
unformatted=()
for file in "${sources[@]}"; do
  [ -z "$(clang-format --dry-run "$file" 2>&1)" ] || unformatted+=("$file")
done
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "lint: clang-format would change ${#unformatted[@]} of ${#sources[@]} files: ${unformatted[*]}"
  if [ "$CHAINATLAS_FORMAT_STRICT" = 1 ]; then exit 1; fi
else
  echo "lint: clang-format: all ${#sources[@]} files formatted"
fi

build=build-lint
cmake -S . -B "$build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCHAINATLAS_BUILD_VIEWER=ON -DCHAINATLAS_BUILD_TESTS=ON \
      -DCHAINATLAS_BUILD_BENCH=ON > /dev/null
if [ "${1:-}" = "--all" ]; then
  mapfile -t TIDY_FILES < <(python3 -c 'import json,sys; print("\n".join(sorted({e["file"] for e in json.load(open(sys.argv[1]))})))' \
                              "$build/compile_commands.json")
fi
start=$SECONDS
if ! printf '%s\n' "${TIDY_FILES[@]}" | xargs -P"$(nproc)" -n1 clang-tidy -p "$build" --quiet 2>/dev/null; then
  echo "lint: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "lint: clang-tidy: ${#TIDY_FILES[@]} files clean in $((SECONDS - start)) s"
