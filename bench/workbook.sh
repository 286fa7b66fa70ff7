#!/usr/bin/env bash
# The workbook goal of issue 23: the bench chain converted to an .xlsx workbook must load in at most 5 times
# the time of the same chain as a CSV folder, with peak memory at most 4 times the workbook's unpacked XML.
# Prints both loads (`validate`, best of 3 by /usr/bin/time -v: wall, CPU, peak RSS), the workbook's packed and
# unpacked bytes, and the two ratios.
# Usage: bash bench/workbook.sh [BUILD_DIR (default build-rel)] [FIRMS (default 100000)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-rel}
firms=${2:-100000}
[[ $build = /* ]] || build="$root/$build"
cli="$build/cli/chainatlas"
bench="$build/bench/chainatlas-bench"
work=${BENCH_DIR:-/tmp/chainatlas-bench}
mkdir -p "$work"
json="$work/chain-$firms.json"
csv="$work/chain-$firms-csv"
book="$work/chain-$firms.xlsx"
[[ -s $json ]] || "$bench" generate "$json" --firms "$firms" --supplies $((firms * 5))
[[ -s $csv/sites.csv ]] || "$bench" generate-csv "$csv" --firms "$firms" --supplies $((firms * 5))
[[ -s $book ]] || "$cli" convert "$json" -o "$book"

best_of_3() {  # prints "WALL_S CPU_S PEAK_MB"
    local best_s="" best_cpu="" best_mb=""
    for _ in 1 2 3; do
        /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" ||
            { cat "$work/stderr.txt" >&2; return 1; }
        local wall cpu mb
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
               for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s}' "$work/time.txt")
        cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/time.txt")
        mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time.txt")
        if [[ -z $best_s ]] || awk "BEGIN {exit !($wall < $best_s)}"; then best_s=$wall; fi
        if [[ -z $best_cpu ]] || awk "BEGIN {exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
        if [[ -z $best_mb ]] || awk "BEGIN {exit !($mb < $best_mb)}"; then best_mb=$mb; fi
    done
    echo "$best_s $best_cpu $best_mb"
}

read -r csv_s csv_cpu csv_mb < <(best_of_3 "$cli" validate "$csv")
read -r book_s book_cpu book_mb < <(best_of_3 "$cli" validate "$book")
packed=$(stat -c %s "$book")
unpacked=$(unzip -l "$book" | awk 'END {print $1}')
printf '%-36s %12s %12s %12s\n' "validate ($firms firms)" "wall s" "CPU s" "peak MB"
printf '%-36s %12s %12s %12s\n' "CSV folder" "$csv_s" "$csv_cpu" "$csv_mb"
printf '%-36s %12s %12s %12s\n' "workbook" "$book_s" "$book_cpu" "$book_mb"
echo "workbook bytes $packed packed, $unpacked unpacked XML"
awk -v a="$book_cpu" -v b="$csv_cpu" -v w="$book_s" -v c="$csv_s" -v m="$book_mb" -v u="$unpacked" 'BEGIN {
    printf "time: workbook / CSV folder = %.2f (CPU), %.2f (wall); goal at most 5\n", a / b, w / c
    printf "memory: peak / unpacked XML = %.2f; goal at most 4\n", m * 1048576 / u }'
echo "(load average $(cut -d' ' -f1 /proc/loadavg); $(nproc) cores; $(date +%F))"
