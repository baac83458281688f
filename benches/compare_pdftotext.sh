#!/usr/bin/env bash
# Whole-process `hmip check X.pdf` against poppler's `pdftotext -layout X.pdf` on each
# fixture, alternated in one hyperfine run per fixture (hyperfine runs its commands in
# turn). Prints a markdown table of medians and the ratio ours / pdftotext.
# Needs: hyperfine and poppler-utils (apt-get install hyperfine poppler-utils). Neither is
# a runtime or CI dependency.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
runs=${RUNS:-30}
out=$(mktemp -d)
echo "| fixture | pages | pdftotext -layout (ms) | hmip check (ms) | ratio |"
echo "|---|---|---|---|---|"
for pdf in fixtures/pdf/*.pdf; do
  name=$(basename "$pdf")
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
  hyperfine -N -i -w 3 -r "$runs" --export-json "$out/$name.json" \
    "pdftotext -layout $pdf $out/pt.txt" \
    "target/release/hmip check --format json $pdf" >/dev/null 2>&1 || true
  python3 - "$out/$name.json" "$name" "$pages" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["results"]
pt, ours = d[0]["median"] * 1000, d[1]["median"] * 1000
print(f"| {sys.argv[2]} | {sys.argv[3]} | {pt:.1f} | {ours:.1f} | {ours / pt:.2f} |")
PY
done
