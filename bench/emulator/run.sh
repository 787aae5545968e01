#!/usr/bin/env bash
# Jobs created per second: `bops apply` (engine aws) against `bops emulator`, versus a boto3 loop
# calling create_job with the same requests, in the same run. Usage: bench/emulator/run.sh [N]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-200}"
scratch="${SCRATCH:-.build-release}"
cd "$repo"
swift build -c release --scratch-path "$scratch" --product bops >/dev/null
bops="$repo/$scratch/release/bops"
python3 -c 'import boto3' 2>/dev/null || python3 -m pip install --quiet boto3
work="$(mktemp -d /tmp/bops-bench-emu.XXXXXX)"
trap 'kill $emu_pid 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/seed/data" "$work/project/specs/manifests"
printf 'apiVersion: bops/v1\nkind: Project\naccount: "111122223333"\nlocal: { path: %s }\n' "$work/emu" >"$work/seed/bops.yaml"
for i in $(seq 1 10); do echo "object $i" >"$work/seed/data/o-$i.txt"; done
(cd "$work/seed" && "$bops" local seed src data >/dev/null && "$bops" local mb dst >/dev/null)
for i in $(seq 1 10); do echo "src,o-$i.txt"; done >"$work/project/specs/manifests/m.csv"
for i in $(seq -w 1 "$n"); do
    cat >"$work/project/specs/job-$i.yaml" <<YAML
apiVersion: bops/v1
kind: BatchJob
metadata: { name: job-$i }
spec:
  roleArn: arn:aws:iam::111122223333:role/batch
  priority: 10
  manifest:
    csv: { file: manifests/m.csv, fields: [Bucket, Key] }
  operation:
    copy: { destination: "arn:aws:s3:::dst", storageClass: GLACIER_IR }
  report: { scope: disabled }
YAML
done
printf 'apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: "111122223333"\nregion: us-east-1\n' >"$work/project/bops.yaml"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bops" emulator --port "$port" --data-dir "$work/emu" --access-key AKIDBENCH --secret-key bench-secret \
    --pace 1s >"$work/emu.log" 2>&1 &
emu_pid=$!
sleep 1
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench-secret
export AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
cd "$work/project"
"$bops" plan --json >"$work/plan.json" 2>/dev/null
start=$(date +%s.%N)
"$bops" apply --auto-approve >/dev/null 2>&1
end=$(date +%s.%N)
bops_s=$(echo "$end - $start" | bc -l)
read -r count boto_s < <(python3 "$repo/bench/emulator/create_jobs.py" "$work/plan.json" "$AWS_ENDPOINT_URL")
bops_rate=$(echo "$n / $bops_s" | bc -l)
boto_rate=$(echo "$count / $boto_s" | bc -l)
printf 'jobs:                         %d\n' "$n"
printf 'bops apply (plan + create):   %.2f s, %.1f jobs/s\n' "$bops_s" "$bops_rate"
printf 'boto3 create_job loop:        %.2f s, %.1f jobs/s\n' "$boto_s" "$boto_rate"
printf 'ratio bops/boto3:             %.2f\n' "$(echo "$bops_rate / $boto_rate" | bc -l)"
