#!/usr/bin/env bash
# ingest-batches: how the size of ingest's write transactions trades time
# for memory.
#
# Decompresses ../shared/corpus/*.jsonl.gz into one JSONL file, times
# `isnad extract` over it once, then `isnad ingest --batch N` into a fresh
# database for each N, alternating the sizes over ROUNDS rounds, each with
# /usr/bin/time -v. Prints, per size, the median wall, user and system
# seconds, peak RSS, the MB written to disk and the ratio to extract's
# wall time (issue 6: ingest <= 2x extract, peak RSS <= 300 MB).
#
#   bash bench/ingest-batches.sh [WORKDIR] [ROUNDS]   # default: temp dir, 1
#   SIZES="256 512" bash bench/ingest-batches.sh       # other sizes
#
# About 15 s per ingest on 2 cores: 1 minute a round with the default sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
if ! ls "$corpus"/*.jsonl.gz >/dev/null 2>&1; then
  echo "ingest-batches: no $corpus/*.jsonl.gz; nothing to measure" >&2
  exit 0
fi
[ -x /usr/bin/time ] || { echo "ingest-batches: needs GNU time (apt-get install time)" >&2; exit 1; }
work=${1:-$(mktemp -d)}
rounds=${2:-1}
sizes=${SIZES:-256 512 1024 1536 2048}
mkdir -p "$work"
echo "work directory: $work"
go build -o "$work/isnad" ./cmd/isnad
[ -s "$work/corpus.jsonl" ] || zcat "$corpus"/*.jsonl.gz > "$work/corpus.jsonl"
results=$work/batches.tsv
: > "$results"

# measure NAME CMD...: appends "NAME wall user sys peak-MB written-MB".
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" ||
    { echo "ingest-batches: $name failed:"; cat "$work/stderr.txt"; exit 1; }
  awk -v name="$name" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    /User time/ { user = $NF }
    /System time/ { sys = $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    /File system outputs/ { out = $NF * 512 / 1e6 }
    END { printf "%s\t%.3f\t%.2f\t%.2f\t%.0f\t%.0f\n", name, wall, user, sys, rss, out }' "$work/time.txt" >> "$results"
  tail -1 "$results"
}

measure extract "$work/isnad" extract --format jsonl "$work/corpus.jsonl"
for _ in $(seq "$rounds"); do
  for n in $sizes; do
    rm -f "$work/batch.db"
    measure "$n" "$work/isnad" --db="$work/batch.db" ingest --quiet --batch "$n" "$work/corpus.jsonl"
  done
done
rm -f "$work/batch.db"

python3 - "$results" <<'EOF'
import sys
runs = {}
for line in open(sys.argv[1]):
    name, *fig = line.split("\t")
    runs.setdefault(name, []).append([float(x) for x in fig])
r = {name: sorted(rs)[len(rs) // 2] for name, rs in runs.items()}  # the median run by wall time
extract = r.pop("extract")[0]
print()
print(f"extract: {extract:.2f} s wall")
print(f"{'--batch':>8}{'wall s':>9}{'user s':>9}{'sys s':>8}{'peak MB':>9}{'written MB':>12}{'/ extract':>11}")
for name, (wall, user, sys_, rss, out) in r.items():
    print(f"{name:>8}{wall:>9.2f}{user:>9.2f}{sys_:>8.2f}{rss:>9.0f}{out:>12.0f}{wall / extract:>10.2f}x")
print("(issue 6: ingest <= 2x extract, peak RSS <= 300 MB)")
EOF
