#!/usr/bin/env bash
# Plan for N specs (default 1,000) with recorded state on the local engine: the time per spec.
# Usage: bench/plan/run.sh [N]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-1000}"
scratch="${SCRATCH:-.build-release}"
cd "$repo"
swift build -c release --scratch-path "$scratch" --product bops >/dev/null
bops="$repo/$scratch/release/bops"
work="$(mktemp -d /tmp/bops-bench-plan.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/specs/manifests" "$work/data"
printf 'apiVersion: bops/v1\nkind: Project\nengine: local\naccount: "111122223333"\n' >"$work/bops.yaml"
for i in $(seq 1 20); do echo "object $i" >"$work/data/o-$i.txt"; done
python3 - "$work" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(os.path.join(root, "specs/manifests/m-%04d.csv" % i), "w") as f:
        for k in range(1 + i % 20):
            f.write("src,o-%d.txt\n" % (k + 1))
    with open(os.path.join(root, "specs/job-%04d.yaml" % i), "w") as f:
        f.write(f"""apiVersion: bops/v1
kind: BatchJob
metadata:
  name: job-{i:04d}
spec:
  roleArn: arn:aws:iam::111122223333:role/batch
  priority: {i % 100}
  manifest:
    csv: {{ file: manifests/m-{i:04d}.csv, fields: [Bucket, Key] }}
  operation:
    copy:
      destination: arn:aws:s3:::dst
      storageClass: {["STANDARD_IA", "GLACIER_IR", "DEEP_ARCHIVE"][i % 3]}
  report: {{ scope: disabled }}
  tags: {{ team: t{i % 7} }}
""")
PY
cd "$work"
"$bops" local seed src data >/dev/null
"$bops" local mb dst >/dev/null
start=$(date +%s.%N)
"$bops" apply --auto-approve >/dev/null
end=$(date +%s.%N)
apply_s=$(echo "$end - $start" | bc -l)
best=""
for run in 1 2 3; do
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/rss" "$bops" plan >/dev/null
    end=$(date +%s.%N)
    s=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$s < $best" | bc -l)" = 1 ]; then best=$s; fi
done
rss_kb=$(cat "$work/rss")
printf 'specs:              %d\n' "$n"
printf 'apply (create all): %.2f s (%.2f ms per spec)\n' "$apply_s" "$(echo "$apply_s * 1000 / $n" | bc -l)"
printf 'plan, no changes:   %.3f s best of 3 (%.3f ms per spec), peak RSS %.1f MB\n' "$best" \
    "$(echo "$best * 1000 / $n" | bc -l)" "$(echo "$rss_kb / 1024" | bc -l)"
