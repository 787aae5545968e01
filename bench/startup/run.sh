#!/usr/bin/env bash
# Time to first output: `bops --help` and `bops validate` of one spec, median of ROUNDS runs each (wall
# clock from `date +%s%N`, so process start and dynamic loading count), for each binary given.
# Usage: bench/startup/run.sh BOPS [BOPS...]   e.g. bench/startup/run.sh .build/release/bops /tmp/old/bops
# Environment: ROUNDS (default 10).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${ROUNDS:-10}"
[ $# -ge 1 ] || { echo "usage: $0 BOPS [BOPS...]" >&2; exit 2; }
cd "$repo" # the repository is a bops project: bops.yaml and specs/
spec="specs/backfill-logs-2024.yaml"
"$1" validate "$spec" >/dev/null || { echo "$1 validate $spec failed" >&2; exit 1; }

median_ms() { # runs "$@" ROUNDS times (after one warm-up) and prints the median wall time in ms
    "$@" >/dev/null 2>&1 || true
    local times=()
    for _ in $(seq "$rounds"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

printf 'binary\tsize_MiB\thelp_ms\tvalidate_ms\n'
for bops in "$@"; do
    size=$(($(stat -L -c %s "$bops") / 1048576))
    help=$(median_ms "$bops" --help)
    validate=$(median_ms "$bops" validate "$spec")
    printf '%s\t%s\t%s\t%s\n' "$bops" "$size" "$help" "$validate"
done
