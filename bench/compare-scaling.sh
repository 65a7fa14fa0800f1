#!/usr/bin/env bash
# compare-scaling: how `isnad compare` grows when the corpus doubles.
#
# Builds isnad, ingests every other article of ../shared/corpus (the same
# period at half the density) and the whole corpus into two databases, then
# times `isnad compare` over both side by side with hyperfine and prints the
# ratio full/half with the peak RSS of each. The issue's bound: ≤ 2.3×.
#
#   bash bench/compare-scaling.sh [WORKDIR]     # default: a fresh temp dir
#
# Needs hyperfine (apt-get install hyperfine) and ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
if [ ! -d "$corpus" ]; then
  echo "compare-scaling: $corpus not found; nothing to measure" >&2
  exit 0
fi
command -v hyperfine >/dev/null || { echo "compare-scaling: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
work=${1:-$(mktemp -d)}
mkdir -p "$work/half"
go build -o "$work/isnad" ./cmd/isnad

for f in "$corpus"/*.jsonl.gz; do
  zcat "$f" | awk 'NR % 2 == 1' | gzip > "$work/half/$(basename "$f")"
done
for size in half full; do
  if [ ! -s "$work/$size.db" ]; then
    src=$work/half
    [ "$size" = full ] && src=$corpus
    "$work/isnad" --db "$work/$size.db" ingest "$src"
  fi
done

hyperfine --warmup 1 --runs 3 --export-json "$work/times.json" \
  -n half "$work/isnad --db $work/half.db compare --format json -o $work/half.json" \
  -n full "$work/isnad --db $work/full.db compare --format json -o $work/full.json"

rss() { /usr/bin/time -f %M "$work/isnad" --db "$work/$1.db" compare --format json -o /dev/null 2>&1 >/dev/null | tail -1; }
python3 - "$work/times.json" "$(rss half)" "$(rss full)" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
h, f = r["half"]["median"], r["full"]["median"]
print(f"compare  half {h:6.2f} s  {int(sys.argv[2]) / 1024:6.0f} MB peak")
print(f"compare  full {f:6.2f} s  {int(sys.argv[3]) / 1024:6.0f} MB peak")
print(f"ratio full/half {f / h:.2f}x (bound 2.3x)")
EOF
