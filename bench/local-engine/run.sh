#!/usr/bin/env bash
# Local engine vs cp -a: seeds N small files (default 100,000 of 1 KiB) into a local bucket, runs
# a Copy job over them through the engine, and copies the same files with `cp -a`, in the same run.
# Prints seconds for each and the ratio (engine / cp). Usage: bench/local-engine/run.sh [N] [BYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
count="${1:-100000}"
size="${2:-1024}"
scratch="${BOPS_BENCH_SCRATCH:-.build-bench-local}"
work="$(mktemp -d "${TMPDIR:-/tmp}/bops-bench-local.XXXXXX")"
trap 'rm -rf "$work"' EXIT

swift build -c release --scratch-path "$scratch" --product bops-bench-local >/dev/null
bin="$scratch/release/bops-bench-local"

python3 - "$work/src" "$count" "$size" <<'PY'
import os, sys
base, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(count):
    d = os.path.join(base, "d%02d" % (i % 100))
    if i < 100:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "obj-%06d.txt" % i), "wb") as f:
        f.write(os.urandom(size))
PY
sync

start=$(date +%s.%N)
cp -a "$work/src" "$work/cp"
end=$(date +%s.%N)
sync
cp_seconds=$(python3 -c "print(f'{$end - $start:.3f}')")

out="$("$bin" "$work/engine" "$work/src")"
sync
echo "$out"
copy_seconds=$(echo "$out" | awk '/^copy_seconds/ {print $2}')
echo "files $count x $size bytes"
echo "cp_a_seconds $cp_seconds"
echo "engine_copy_seconds $copy_seconds"
python3 -c "print(f'ratio engine/cp {float(\"$copy_seconds\") / float(\"$cp_seconds\"):.2f}x (goal: within 3x)')"
