#!/usr/bin/env bash
# The performance table of issue 14: for synthetic chains of 10k and 100k firms, bytes of input, the phases
# of `analyze` (load, analyse, what-if, write JSON, write CSV; best of 3 inside chainatlas-bench), end-to-end
# `chainatlas analyze --format json -o` and `validate` (wall time and peak RSS, best of 3 by /usr/bin/time -v;
# for analyze also its system time and minor page faults), the numpy peer of the same analysis on the same file
# in the same run (bench/numpy_peer.py: its time, the ratio, and whether its numbers agree with analyze's JSON),
# the same two on the chain as a CSV folder, and the viewer under tests/headless.sh: its time to its first frame
# and first map, its longest frame during a region change and a what-if, the time each of those two takes to
# settle, and its resident memory across ten region changes and five what-ifs (BENCH_VIEWER_ONLY=1: these alone).
# Usage: bash bench/run.sh [BUILD_DIR (default build-rel)] [FIRMS... (default 10000 100000)]
# Build first: cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DCHAINATLAS_BUILD_BENCH=ON
#              cmake --build build-rel -j2 --target chainatlas chainatlas-bench chainatlas-viewer
# Generated chains are kept in $BENCH_DIR (default /tmp/chainatlas-bench) and reused.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-rel}
shift || true
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(10000 100000)
[[ $build = /* ]] || build="$root/$build"
cli="$build/cli/chainatlas"
bench="$build/bench/chainatlas-bench"
viewer="$build/viewer/chainatlas-viewer"
work=${BENCH_DIR:-/tmp/chainatlas-bench}
mkdir -p "$work"
tools=("$bench")
[[ ${BENCH_VIEWER_ONLY:-0} = 1 ]] || tools+=("$cli")
for tool in "${tools[@]}"; do
    [[ -x $tool ]] || { echo "run.sh: $tool is missing; build it first" >&2; exit 1; }
done

# Best of 3 of a command under /usr/bin/time -v: prints "SECONDS MEGABYTES CPU_SECONDS SYSTEM_SECONDS
# MINOR_FAULTS" (wall time, peak RSS, user + system time; on a shared machine the CPU time is the steadier
# of the two times; the system time and the minor page faults of the fastest run: the kernel's share,
# mostly fresh pages it zeroes).
best_of_3() {
    local best_s="" best_mb="" best_cpu="" best_sys="" best_faults=""
    for _ in 1 2 3; do
        /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" ||
            { echo "run.sh: failed: $*" >&2; cat "$work/stderr.txt" >&2; return 1; }
        local wall kb cpu
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
               for (i = 1; i <= n; ++i) s = s * 60 + p[i]; print s}' "$work/time.txt")
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
        cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$work/time.txt")
        if [[ -z $best_cpu ]] || awk "BEGIN {exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
        if [[ -z $best_s ]] || awk "BEGIN {exit !($wall < $best_s)}"; then
            best_s=$wall
            best_sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
            best_faults=$(awk -F': ' '/Minor \(reclaiming a frame\) page faults/ {print $2}' "$work/time.txt")
        fi
        if [[ -z $best_mb ]] || awk "BEGIN {exit !($kb / 1024 < $best_mb)}"; then
            best_mb=$(awk "BEGIN {printf \"%.0f\", $kb / 1024}")
        fi
    done
    echo "$best_s $best_mb $best_cpu $best_sys $best_faults"
}

# The numpy peer (bench/numpy_peer.py, the same analysis written from docs/method.md with Debian's numpy) on
# the same file, best of 3 wall time; and whether its numbers agree with chainatlas's JSON output $2.
peer=(/usr/bin/python3 "$root/bench/numpy_peer.py")
peer_agrees() {
    "${peer[@]}" "$1" --region r0 --hub r1 --check "$2" 2> "$work/peer-check.txt" | sed -n 's/^check //p'
}

# The viewer under tests/headless.sh with --interact (region change, what-if on the top target, undo, region
# back, each once the previous one has settled): its first frame and first map (seconds since its start), the
# longest frame meanwhile (ms; Mesa's software renderer drawing the pixels included), the longest time the
# window's thread spent building the panels of a frame (ms; what waits for the analysis would show here), and
# the time from the region change and from the first what-if to the settled map (analysed and laid out; s).
# Best of 3 each.
viewer_times() {
    local file=$1 first="" map="" longest="" build="" region="" whatif="" out
    for _ in 1 2 3; do
        out=$(ASAN_OPTIONS=detect_leaks=0 bash "$root/tests/headless.sh" "$viewer" "$file" --region r0 --hub r1 \
              --frames 3 --interact --screenshot "$work/shot.png" 2> /dev/null || true)
        local f m l b r w
        f=$(sed -n 's/^frames.*first frame \([0-9.]*\) s.*/\1/p' <<< "$out")
        m=$(sed -n 's/^frames.*first map \([-0-9.]*\) s.*/\1/p' <<< "$out")
        l=$(sed -n 's/^interaction.*longest frame \([0-9.]*\) ms.*/\1/p' <<< "$out")
        b=$(sed -n 's/^interaction.*longest building the panels \([0-9.]*\) ms.*/\1/p' <<< "$out")
        r=$(sed -n 's/^step 1 (region change): settled after \([0-9.]*\) s/\1/p' <<< "$out")
        w=$(sed -n 's/^step 2 (what-if): settled after \([0-9.]*\) s/\1/p' <<< "$out")
        [[ -z $f ]] && continue
        first=$(least "$first" "$f") map=$(least "$map" "$m") longest=$(least "$longest" "$l")
        build=$(least "$build" "$b") region=$(least "$region" "$r") whatif=$(least "$whatif" "$w")
    done
    echo "${first:-n/a} ${map:-n/a} ${longest:-n/a} ${build:-n/a} ${region:-n/a} ${whatif:-n/a}"
}

# The smaller of two numbers, either of which may be empty.
least() {
    if [[ -z $2 ]]; then echo "$1"
    elif [[ -z $1 ]] || awk "BEGIN {exit !($2 < $1)}"; then echo "$2"
    else echo "$1"; fi
}

# The viewer's resident memory (MB) with --interact-memory: after opening, after the 5th and the 10th region
# change, and after five what-ifs that follow; then the anonymous part of it after opening and at the end (the
# heap: the rest is mapped libraries and fonts, which a 3-firm chain needs too). One run; memory is not noisy
# the way time is.
viewer_memory() {
    local out
    out=$(ASAN_OPTIONS=detect_leaks=0 bash "$root/tests/headless.sh" "$viewer" "$1" --region r0 --hub r1 \
          --frames 3 --interact-memory --screenshot "$work/shot.png" 2> /dev/null || true)
    local step values=()
    for step in 0 5 10 15; do
        values+=("$(sed -n "s/^memory after step $step .*: \([0-9.]*\) MB resident.*/\1/p" <<< "$out")")
    done
    for step in 0 15; do
        values+=("$(sed -n "s/^memory after step $step .*, \([0-9.]*\) MB anonymous.*/\1/p" <<< "$out")")
    done
    local v
    for v in "${values[@]}"; do printf '%s ' "${v:-n/a}"; done
    echo
}

# The viewer's rows of chain size $2 into the associative array named $1.
viewer_cells() {
    local -n into=$1
    local n=$2 json="$work/chain-$2.json"
    read -r into[first,$n] into[map,$n] into[interact,$n] into[build,$n] into[vregion,$n] into[vwhatif,$n] \
        < <(viewer_times "$json")
    read -r into[mopen,$n] into[m5,$n] into[m10,$n] into[mwhatif,$n] into[aopen,$n] into[awhatif,$n] \
        < <(viewer_memory "$json")
}
viewer_rows=("first:viewer first frame s" "map:viewer first map s" "interact:viewer longest frame, interacting ms"
    "build:  building the panels ms" "vregion:viewer region change, settled s" "vwhatif:viewer first what-if, settled s"
    "mopen:viewer resident MB, opened" "m5:  after 5 region changes" "m10:  after 10 region changes"
    "mwhatif:  and then 5 what-ifs" "aopen:  anonymous MB, opened" "awhatif:  anonymous MB, at the end")

# BENCH_VIEWER_ONLY=1: the viewer's rows alone (the chains must exist or are generated as below).
if [[ ${BENCH_VIEWER_ONLY:-0} = 1 ]]; then
    [[ -x $viewer ]] || { echo "run.sh: $viewer is missing; build it first" >&2; exit 1; }
    printf '%-34s' "firms"
    for n in "${sizes[@]}"; do printf '%16s' "$n"; done
    printf '\n'
    declare -A vcell
    for n in "${sizes[@]}"; do
        json="$work/chain-$n.json"
        [[ -s $json ]] || "$bench" generate "$json" --firms "$n" --supplies $((n * 5))
        viewer_cells vcell "$n"
    done
    for row in "${viewer_rows[@]}"; do
        printf '%-34s' "${row#*:}"
        for n in "${sizes[@]}"; do printf '%16s' "${vcell[${row%%:*},$n]}"; done
        printf '\n'
    done
    echo "(best of 3; load average $(cut -d' ' -f1 /proc/loadavg); $(nproc) cores; $(date +%F))"
    exit 0
fi

printf '%-34s' "firms"
for n in "${sizes[@]}"; do printf '%16s' "$n"; done
printf '\n'
declare -A cell
for n in "${sizes[@]}"; do
    json="$work/chain-$n.json"
    csv="$work/chain-$n-csv"
    [[ -s $json ]] || "$bench" generate "$json" --firms "$n" --supplies $((n * 5))
    [[ -s $csv/sites.csv ]] || "$bench" generate-csv "$csv" --firms "$n" --supplies $((n * 5))
    cell[bytes,$n]=$(stat -c %s "$json")
    cell[csvbytes,$n]=$(du -cb "$csv"/*.csv | tail -1 | cut -f1)
    while read -r key value; do cell[$key,$n]=$value; done < <("$bench" phases "$json")
    read -r s mb cpu sys faults < <(best_of_3 "$cli" analyze "$json" --region r0 --hub r1 --format json -o "$work/out.json")
    cell[e2e,$n]=$s cell[e2erss,$n]=$mb cell[e2ecpu,$n]=$cpu cell[e2esys,$n]=$sys cell[e2efaults,$n]=$faults
    cell[e2efile,$n]=$(awk "BEGIN {printf \"%.2f\", $mb * 1048576 / ${cell[bytes,$n]}}")
    cell[peeragrees,$n]=$(peer_agrees "$json" "$work/out.json")
    read -r s mb cpu _ < <(best_of_3 "${peer[@]}" "$json" --region r0 --hub r1 -o "$work/peer.json")
    cell[peer,$n]=$s cell[peerrss,$n]=$mb cell[peercpu,$n]=$cpu
    cell[ratio,$n]=$(awk "BEGIN {printf \"%.1fx\", ${cell[peer,$n]} / ${cell[e2e,$n]}}")
    cell[cpuratio,$n]=$(awk "BEGIN {printf \"%.1fx\", ${cell[peercpu,$n]} / ${cell[e2ecpu,$n]}}")
    read -r s mb cpu _ < <(best_of_3 "$cli" analyze "$json" --region r0 --hub r1 --format csv -o "$work/out.csv")
    cell[e2ecsv,$n]=$s cell[e2ecsvrss,$n]=$mb cell[e2ecsvcpu,$n]=$cpu
    read -r s mb cpu _ < <(best_of_3 "$cli" validate "$json")
    cell[validate,$n]=$s cell[validaterss,$n]=$mb cell[validatecpu,$n]=$cpu
    read -r s mb cpu _ < <(best_of_3 "$cli" analyze "$csv" --region r0 --hub r1 --format json -o "$work/out.json")
    cell[csve2e,$n]=$s cell[csve2erss,$n]=$mb cell[csve2ecpu,$n]=$cpu
    read -r s mb cpu _ < <(best_of_3 "$cli" validate "$csv")
    cell[csvvalidate,$n]=$s cell[csvvalidatecpu,$n]=$cpu
    cell[outbytes,$n]=$(stat -c %s "$work/out.json")
    if [[ -x $viewer ]]; then viewer_cells cell "$n"
    else for row in "${viewer_rows[@]}"; do cell[${row%%:*},$n]=n/a; done; fi
done

row() {  # label key unit
    printf '%-34s' "$1"
    for n in "${sizes[@]}"; do printf '%16s' "${cell[$2,$n]}$3"; done
    printf '\n'
}
row "input JSON bytes" bytes ""
row "input CSV folder bytes" csvbytes ""
row "targets" targets ""
row "simdjson DOM parse alone s" simdjson_parse ""
row "load s" load ""
row "  read in windows: windows" windows ""
row "  read in windows: largest index MB" window_index_mb ""
row "  as one document: index MB back/all" index_mb ""
row "analyse s" analyse ""
row "what-if s" whatif ""
row "  copy of the chain s" whatif_copy ""
row "  copy of the chain: heap MB" whatif_copy_mb ""
row "  analysis of the copy alone s" whatif_analyse ""
row "  incremental, from the plain s" whatif_incremental ""
row "analysis: heap MB" analysis_mb ""
row "  a copy of it s" analysis_copy ""
row "  rerank under other weights s" rerank ""
row "describe the map (segments) s" describe ""
row "describe the map (firms) s" describe_firms ""
row "write JSON (in memory) s" write_json ""
row "write CSV (in memory) s" write_csv ""
row "analyze --format json -o  s" e2e ""
row "  CPU s" e2ecpu ""
row "  peak RSS MB" e2erss ""
row "  system s" e2esys ""
row "  minor page faults" e2efaults ""
row "  peak RSS / file bytes" e2efile ""
row "  output bytes" outbytes ""
row "numpy peer, same analysis s" peer ""
row "  CPU s" peercpu ""
row "  peak RSS MB" peerrss ""
row "  agrees with analyze's JSON" peeragrees ""
row "peer / analyze, wall" ratio ""
row "peer / analyze, CPU" cpuratio ""
row "analyze --format csv -o  s" e2ecsv ""
row "  CPU s" e2ecsvcpu ""
row "  peak RSS MB" e2ecsvrss ""
row "validate JSON s" validate ""
row "  CPU s" validatecpu ""
row "  peak RSS MB" validaterss ""
row "analyze CSV folder (json -o) s" csve2e ""
row "  CPU s" csve2ecpu ""
row "  peak RSS MB" csve2erss ""
row "validate CSV folder s" csvvalidate ""
row "  CPU s" csvvalidatecpu ""
for entry in "${viewer_rows[@]}"; do row "${entry#*:}" "${entry%%:*}" ""; done
echo "(wall-clock times unless CPU; best of 3 each; load average $(cut -d' ' -f1 /proc/loadavg); $(nproc) cores; $(date +%F); $(. /etc/os-release && echo "$PRETTY_NAME"))"
