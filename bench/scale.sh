#!/usr/bin/env bash
# How `analyze --format json -o` grows with the chain (issue 26: 1M firms within 10x the 100k time): runs the
# two sizes in pairs, one right after the other (large first, then small first, in turn), and prints each
# pair (wall, user and system seconds, peak MB) with its ratio, then the median ratio of wall and of user
# time. On a shared virtual machine single runs swing by 10-30%; compare medians.
# On a virtual machine, memory the guest has not used for a while may have been handed back to the host, and
# the first touch of it costs many times a page used recently (here 3.8 against 0.15 ms/MB, printed at the
# start): the 1M run needs 1.4 GB and swung by seconds with it. So each run is preceded by a touch of 3x its
# file's size (the peak allowed), which leaves that memory backed for the run; BENCH_COLD=1 leaves it out.
# Usage: bash bench/scale.sh [BUILD_DIR (default build-rel)] [PAIRS (default 5)] [SMALL (default 100000)]
#        [LARGE (default 1000000)]
# Chains are generated with chainatlas-bench (5 supplies a firm) into $BENCH_DIR (default /tmp/chainatlas-bench)
# and reused; the 1M chain is 577 MB and takes about a minute to generate.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-rel}
pairs=${2:-5}
small=${3:-100000}
large=${4:-1000000}
[[ $build = /* ]] || build="$root/$build"
cli="$build/cli/chainatlas"
bench="$build/bench/chainatlas-bench"
work=${BENCH_DIR:-/tmp/chainatlas-bench}
mkdir -p "$work"
for tool in "$cli" "$bench"; do
    [[ -x $tool ]] || { echo "scale.sh: $tool is missing; build it first (see bench/run.sh)" >&2; exit 1; }
done
for n in "$small" "$large"; do
    [[ -s $work/chain-$n.json ]] || "$bench" generate "$work/chain-$n.json" --firms "$n" --supplies $((n * 5))
done

# One run: "WALL USER SYSTEM PEAK_MB".
run() {
    sync  # the other size's output written out first: else this run's fsync waits on it (ext4 orders them)
    [[ ${BENCH_COLD:-0} = 1 ]] ||
        "$bench" touch $(($(stat -c %s "$work/chain-$1.json") * 3 / 1048576)) > /dev/null
    /usr/bin/time -f "%e %U %S %M" -o "$work/scale-time.txt" \
        "$cli" analyze "$work/chain-$1.json" --region r0 --hub r1 --format json -o "$work/scale-out.json" \
        > /dev/null 2> "$work/scale-stderr.txt" ||
        { echo "scale.sh: analyze failed on $1 firms:" >&2; cat "$work/scale-stderr.txt" >&2; exit 1; }
    awk '{printf "%s %s %s %.0f\n", $1, $2, $3, $4 / 1024}' "$work/scale-time.txt"
}

echo "touching 1 GB of memory: $("$bench" touch 1024 | cut -d" " -f6-), at once again: $("$bench" touch 1024 | cut -d" " -f6-)"
printf '%-6s %28s %28s %14s\n' "pair" "$large firms: wall user sys MB" "$small firms: wall user sys MB" "ratio wall user"
walls=() users=()
for ((p = 1; p <= pairs; ++p)); do
    if ((p % 2)); then
        read -r lw lu ls lm < <(run "$large")
        read -r sw su ss sm < <(run "$small")
    else
        read -r sw su ss sm < <(run "$small")
        read -r lw lu ls lm < <(run "$large")
    fi
    wall=$(awk "BEGIN {printf \"%.2f\", $lw / $sw}")
    user=$(awk "BEGIN {printf \"%.2f\", $lu / $su}")
    walls+=("$wall") users+=("$user")
    printf '%-6s %28s %28s %14s\n' "$p" "$lw $lu $ls $lm" "$sw $su $ss $sm" "$wall $user"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "median ratio: wall $(median "${walls[@]}")x, user $(median "${users[@]}")x" \
     "(load average $(cut -d' ' -f1 /proc/loadavg); $(nproc) cores; $(date +%F))"
