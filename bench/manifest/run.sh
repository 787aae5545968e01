#!/usr/bin/env bash
# Benchmark: validate and hash a 10,000,000-row CSV manifest, against md5sum on the same file.
# Prints rows, seconds and MB/s of our scan and of md5sum, their ratio (goal >= 0.75), and the
# scan's peak RSS from /usr/bin/time -v (goal < 64 MB).
# Usage: bench/manifest/run.sh [ROWS]   (env BENCH_DIR keeps the generated file between runs)
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS="${1:-10000000}"
DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/bops-bench-manifest}"
SCRATCH="${SCRATCH:-.build-manifest}"
CSV="$DIR/manifest-$ROWS.csv"
mkdir -p "$DIR"

if [[ ! -s "$CSV" ]]; then
    echo "generating $ROWS rows into $CSV" >&2
    # Realistic keys: dated log paths, some with spaces (+) and percent-escapes.
    awk -v n="$ROWS" 'BEGIN {
        for (i = 0; i < n; i++) {
            d = i % 28 + 1; h = i % 97
            if (i % 10 == 0)      printf "logs-archive-%d,2024/%02d/%02d/host+%03d/event%%20%010d.json\n", i % 3, i % 12 + 1, d, h, i
            else                  printf "logs-archive-%d,2024/%02d/%02d/host-%03d/event-%010d.json\n", i % 3, i % 12 + 1, d, h, i
        }
    }' > "$CSV.tmp"
    mv "$CSV.tmp" "$CSV"
fi

swift build -c release --scratch-path "$SCRATCH" --product bops-bench-manifest >&2
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/bops-bench-manifest"

BYTES=$(stat -c %s "$CSV")
cat "$CSV" > /dev/null   # warm the page cache for both readers

now() { date +%s.%N; }

t0=$(now); MD5SUM=$(md5sum "$CSV" | cut -d' ' -f1); t1=$(now)
MD5_S=$(echo "$t1 - $t0" | bc -l)

OUT=$(/usr/bin/time -v "$BIN" "$CSV" 2> "$DIR/time.txt")
RSS_KB=$(grep 'Maximum resident set size' "$DIR/time.txt" | awk '{print $NF}')
SCAN_S=$(echo "$OUT" | sed -n 's/^seconds=//p')
SCAN_ROWS=$(echo "$OUT" | sed -n 's/^rows=//p')
SCAN_MD5=$(echo "$OUT" | sed -n 's/^md5=//p')
DUPS=$(echo "$OUT" | sed -n 's/^duplicates=//p')

[[ "$SCAN_MD5" == "$MD5SUM" ]] || { echo "MD5 mismatch: $SCAN_MD5 vs $MD5SUM" >&2; exit 1; }

MB=$(echo "$BYTES / 1000000" | bc -l)
printf 'file            %s (%.1f MB)\n' "$CSV" "$MB"
printf 'rows            %s (%s)\n' "$SCAN_ROWS" "$DUPS"
printf 'bops scan       %.3f s  %.0f MB/s  (validate + MD5 + SHA-256 + duplicates)\n' "$SCAN_S" "$(echo "$MB / $SCAN_S" | bc -l)"
printf 'md5sum          %.3f s  %.0f MB/s\n' "$MD5_S" "$(echo "$MB / $MD5_S" | bc -l)"
printf 'throughput      %.2f x md5sum (goal >= 0.75)\n' "$(echo "$MD5_S / $SCAN_S" | bc -l)"
printf 'peak RSS        %.1f MB (goal < 64 MB)\n' "$(echo "$RSS_KB / 1024" | bc -l)"
