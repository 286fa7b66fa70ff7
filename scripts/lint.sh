#!/usr/bin/env bash
# Style and static checks: clang-format (.clang-format) over every C++ file of ours, clang-tidy (.clang-tidy).
#   bash scripts/lint.sh          format check + clang-tidy on every core/, cli/ and viewer/ file
#                                 (the CTest label lint; part of scripts/test.sh's full run)
#   bash scripts/lint.sh --all    the same, with tests/ and bench/ too
#   bash scripts/lint.sh FILE...  clang-tidy on those files only (after the format check)
set -euo pipefail
cd "$(dirname "$0")/.."

# 1 (default): the format check fails on any file clang-format would change; 0: it only lists them.
# To reformat: clang-format -i $(git ls-files '*.cpp' '*.hpp' '*.h' | grep -E '^(core|cli|viewer|tests|bench)/')
CHAINATLAS_FORMAT_STRICT="${CHAINATLAS_FORMAT_STRICT:-1}"

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
elif [ $# -gt 0 ]; then
  TIDY_FILES=("$@")
else
  mapfile -t TIDY_FILES < <(git ls-files 'core/*.cpp' 'cli/*.cpp' 'viewer/*.cpp')
fi
start=$SECONDS
if ! printf '%s\n' "${TIDY_FILES[@]}" | xargs -P"$(nproc)" -n1 clang-tidy -p "$build" --quiet 2>/dev/null; then
  echo "lint: clang-tidy found problems (above)" >&2
  exit 1
fi
echo "lint: clang-tidy: ${#TIDY_FILES[@]} files clean in $((SECONDS - start)) s"
