#!/usr/bin/env bash
# Whole-process `hmip check F` on a text against the process start floor, `cat F` of the
# same file (issue 11's goal: at most 2 ms above it on an 80 KB report).
#
#   benches/check_vs_cat.sh [FILE ...]      (default: the three report texts)
#
# Wall time drifts on this shared VM by 10-15 % from hour to hour with the code unchanged,
# so the two commands are timed in BLOCKS blocks (default 5) of RUNS runs each (default
# 60), `cat` then `hmip` in each block (`hyperfine -N`), and the difference of the two
# medians is taken per block: both commands of a block see the same machine. Prints the
# median and range of the per-block differences, and, when valgrind is installed, the
# instructions of one run of each (`valgrind --tool=callgrind`), which do not drift.
# `hmip check` exits 1 when it reports findings, which is not a failure here.
# Needs: hyperfine (apt-get install hyperfine); valgrind optional. Neither is a runtime or
# CI dependency. HMIP_BIN=path skips the build and measures that binary.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null 2>&1 || {
    echo "benches/check_vs_cat.sh: hyperfine not found (apt-get install hyperfine)" >&2
    exit 1
}
if [ -z "${HMIP_BIN:-}" ]; then
    cargo build --release --quiet
fi
bin=${HMIP_BIN:-$PWD/target/release/hmip}
blocks=${BLOCKS:-5}
runs=${RUNS:-60}
if [ $# -eq 0 ]; then
    set -- fixtures/text/lancashire-yot-2019.txt fixtures/text/leeds-yjs-2019.txt \
        fixtures/text/hartlepool-yjs-2020.txt
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

instructions() {
    if command -v valgrind >/dev/null 2>&1; then
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
            awk '/refs:/ {gsub(",", "", $NF); printf "%.2f M", $NF / 1e6}' || true
    else
        echo "–"
    fi
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| file | bytes | cat (ms) | hmip check (ms) | above cat, median of blocks (ms) | range over blocks (ms) | instructions cat / hmip |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for f in "$@"; do
    name=$(basename "$f")
    for i in $(seq 1 "$blocks"); do
        hyperfine -N -i -w 10 -r "$runs" --export-json "$out/$name.$i.json" \
            "cat $f" "$bin check $f" >/dev/null 2>&1
    done
    ins="$(instructions cat "$f") / $(instructions "$bin" check "$f")"
    python3 - "$out" "$name" "$blocks" "$(wc -c <"$f")" "$ins" <<'PY'
import json, statistics, sys
out, name, blocks, size, ins = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
cats, ours, diffs = [], [], []
for i in range(1, blocks + 1):
    r = json.load(open(f"{out}/{name}.{i}.json"))["results"]
    c = statistics.median(r[0]["times"]) * 1000
    h = statistics.median(r[1]["times"]) * 1000
    cats.append(c)
    ours.append(h)
    diffs.append(h - c)
print(
    f"| {name} | {int(size):,} | {statistics.median(cats):.2f} | {statistics.median(ours):.2f} "
    f"| {statistics.median(diffs):.2f} | {min(diffs):.2f}-{max(diffs):.2f} | {ins} |"
)
PY
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
