#!/usr/bin/env bash
# Throughput and memory of `hmip dataset`: reports/s with --jobs 1 and --jobs 2, and max
# RSS at 100 and 1,000 files (it must not grow with the number of files).
#
#   benches/dataset_throughput.sh [N_SMALL] [N_LARGE]     (defaults 100 1000)
#
# RUNS=N sets hyperfine's runs (default 5). Uses hyperfine for timings when installed, and /usr/bin/time -v for max RSS.
# Run it on a quiet machine: the load average is printed first.
set -euo pipefail
cd "$(dirname "$0")/.."

small=${1:-100}
large=${2:-1000}

# HMIP_BIN=path skips the build and measures that binary.
if [ -z "${HMIP_BIN:-}" ]; then
    cargo build --release --quiet
fi
bin=${HMIP_BIN:-$PWD/target/release/hmip}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The fixture reports this build can read (PDFs join in once PDF input works).
sources=()
for f in fixtures/text/*.txt fixtures/docx/*.docx fixtures/pdf/*.pdf; do
    if "$bin" extract "$f" >/dev/null 2>&1; then
        sources+=("$PWD/$f")
    fi
done
echo "readable fixture reports: ${#sources[@]} (${sources[*]##*/})"

make_corpus() { # DIR COUNT
    mkdir -p "$1"
    local i=0
    while [ "$i" -lt "$2" ]; do
        local src=${sources[$((i % ${#sources[@]}))]}
        cp "$src" "$1/$(printf 'r%05d' "$i").${src##*.}"
        i=$((i + 1))
    done
}

make_corpus "$work/in$small" "$small"
make_corpus "$work/in$large" "$large"

echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

rss() { # INPUT JOBS -> "max_rss_kib wall_s"
    /usr/bin/time -v "$bin" dataset "$1" --out "$work/out-rss" --jobs "$2" --quiet 2>"$work/time.txt" >/dev/null
    local kib wall
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
    echo "$kib KiB (wall $wall)"
}

for n in "$small" "$large"; do
    for j in 1 2; do
        echo "max RSS, $n files, --jobs $j: $(rss "$work/in$n" "$j")"
    done
done

if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs "${RUNS:-5}" --export-json "$work/h.json" \
        -n "jobs1" "$bin dataset $work/in$large --out $work/o1 --jobs 1 --quiet" \
        -n "jobs2" "$bin dataset $work/in$large --out $work/o2 --jobs 2 --quiet"
    python3 - "$work/h.json" "$large" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
for k in ("jobs1", "jobs2"):
    m = r[k]["mean"]
    print(f"{k}: mean {m:.3f}s ± {r[k]['stddev']:.3f}s -> {n / m:.0f} reports/s")
print(f"speedup jobs2/jobs1: {r['jobs1']['mean'] / r['jobs2']['mean']:.2f}x")
EOF
else
    for j in 1 2; do
        s=$(date +%s.%N)
        "$bin" dataset "$work/in$large" --out "$work/o$j" --jobs "$j" --quiet
        e=$(date +%s.%N)
        python3 -c "import sys; t=$e-$s; print(f'jobs$j: {t:.3f}s -> {$large/t:.0f} reports/s')"
    done
fi
cmp -s "$work/o1/reports.csv" "$work/o2/reports.csv" && echo "outputs identical across --jobs"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
