#!/usr/bin/env bash
# Whole-process `hmip check X.pdf` against poppler's `pdftotext -layout X.pdf` on each
# fixture, the two commands alternated: each round runs pdftotext once and hmip once, back
# to back (one `hyperfine -N -r 1` per round, so both are timed the same way and see the
# same machine load), for RUNS rounds after one warm-up round. Prints a markdown table of
# the wall-clock medians, the ratio of the medians (ours / pdftotext), the median of the
# per-round ratios, and the ratio of CPU time (user + system, median), with the load
# average before and after. hmip reads pages on two threads, so its CPU time exceeds its
# wall time; on a busy machine the wall ratio moves toward the CPU ratio.
# Needs: hyperfine and poppler-utils (apt-get install hyperfine poppler-utils). Neither is
# a runtime or CI dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
runs=${RUNS:-30}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| fixture | pages | pdftotext -layout (ms) | hmip check (ms) | ratio of medians | median ratio | CPU ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for pdf in fixtures/pdf/*.pdf; do
  name=$(basename "$pdf")
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
  for i in $(seq 0 "$runs"); do
    hyperfine -N -i -w 0 -r 1 --export-json "$out/$name.$i.json" \
      "pdftotext -layout $pdf $out/pt.txt" \
      "target/release/hmip check --format json $pdf" >/dev/null 2>&1 || true
  done
  python3 - "$out" "$name" "$pages" "$runs" <<'PY'
import json, statistics, sys
out, name, pages, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
pt, ours, pt_cpu, ours_cpu = [], [], [], []
for i in range(1, runs + 1):  # round 0 is the warm-up
    r = json.load(open(f"{out}/{name}.{i}.json"))["results"]
    pt.append(r[0]["times"][0] * 1000)
    ours.append(r[1]["times"][0] * 1000)
    pt_cpu.append(r[0]["user"] + r[0]["system"])
    ours_cpu.append(r[1]["user"] + r[1]["system"])
mp, mo = statistics.median(pt), statistics.median(ours)
ratios = statistics.median(o / p for o, p in zip(ours, pt))
cpu = statistics.median(ours_cpu) / statistics.median(pt_cpu)
print(f"| {name} | {pages} | {mp:.1f} | {mo:.1f} | {mo / mp:.2f} | {ratios:.2f} | {cpu:.2f} |")
PY
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
