#!/usr/bin/env bash
# Apply and plan at account scale, each side by side with the tool a user would pick instead, in one run:
#   1. `bops apply` of N new specs on the local engine (N from LOCAL_SIZES, default "100 1000 10000"):
#      wall seconds, milliseconds per spec, peak RSS.
#   2. `bops apply` (engine aws, --parallelism P) against `bops emulator --latency 50ms`, versus a
#      sequential boto3 create_job loop and a boto3 loop with 10 threads, same requests, same emulator.
#   3. `bops plan` of PLAN_JOBS recorded jobs against the emulator at 50 ms latency: seconds, and the
#      local CPU per spec (user+system time of the bops process divided by the number of specs); once
#      for live jobs (Suspended, awaiting confirmation) and once for ended ones (run to Complete).
# Usage: bench/apply/run.sh
# Environment: BIN=DIR uses DIR/bops (no build); SCRATCH=.build-x (default .build-release);
# LOCAL_SIZES, EMU_JOBS (default 200), PLAN_JOBS (default 10000), PARALLELISM (default 10),
# READ_PARALLELISM (the plan's --read-parallelism, default 32), LATENCY (50ms);
# PARTS="local emulator plan" (the default) picks the parts to run; "plan-ended" adds the ended-jobs plan.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH:-.build-release}"
local_sizes="${LOCAL_SIZES:-100 1000 10000}"
emu_jobs="${EMU_JOBS:-200}"
plan_jobs="${PLAN_JOBS:-10000}"
parallelism="${PARALLELISM:-10}"
read_parallelism="${READ_PARALLELISM:-32}"
latency="${LATENCY:-50ms}"
parts=" ${PARTS:-local emulator plan} "
cd "$repo"
if [ -n "${BIN:-}" ]; then
    bops="$(cd "$BIN" && pwd)/bops"
else
    swift build -c release --scratch-path "$scratch" --product bops >/dev/null
    bops="$repo/$scratch/release/bops"
fi
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
python3 -c 'import boto3' 2>/dev/null || python3 -m pip install --quiet boto3
work="$(mktemp -d "${TMPDIR:-/tmp}/bops-bench-apply.XXXXXX")"
emu_pid=""
trap '[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null; rm -rf "$work"' EXIT

# Writes a project of N specs into DIR (bench/apply/gen.py: Copy jobs over 10 CSV manifests shared by
# all, so staging uploads each once) with its data/ folder of source objects.
write_specs() { python3 "$repo/bench/apply/gen.py" "$1" "$2" >/dev/null; }

seed_buckets() { # run in a project folder: the buckets the specs name
    "$bops" local seed src data >/dev/null
    "$bops" local mb dst >/dev/null
    "$bops" local mb reports >/dev/null
}

# Runs a command under /usr/bin/time; prints "WALL_S CPU_S RSS_MB".
measure() {
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S %M" -o "$work/time.out" "$@" >"$work/cmd.out" 2>"$work/cmd.err" || {
        echo "failed: $*" >&2
        tail -20 "$work/cmd.err" >&2
        exit 1
    }
    end=$(date +%s.%N)
    read -r user sys rss <"$work/time.out"
    echo "$(echo "$end - $start" | bc -l) $(echo "$user + $sys" | bc -l) $(echo "$rss / 1024" | bc -l)"
}

if [[ "$parts" == *" local "* ]]; then
echo "== 1. bops apply on the local engine (new specs, parallelism $parallelism)"
printf '%8s %10s %12s %10s %12s\n' specs wall_s ms_per_spec cpu_s peak_rss_MB
for n in $local_sizes; do
    dir="$work/local-$n"
    mkdir -p "$dir"
    write_specs "$dir" "$n"
    (cd "$dir" && seed_buckets)
    read -r wall cpu rss < <(cd "$dir" && measure "$bops" apply --auto-approve --parallelism "$parallelism")
    jobs=$(cd "$dir" && "$bops" local jobs --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
    [ "$jobs" = "$n" ] || { echo "expected $n jobs in the engine, found $jobs" >&2; exit 1; }
    printf '%8d %10.2f %12.2f %10.2f %12.1f\n' "$n" "$wall" "$(echo "$wall * 1000 / $n" | bc -l)" "$cpu" "$rss"
    rm -rf "$dir"
done
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
start_emulator() { # DATA_DIR LATENCY [PACE]
    local port
    port=$(free_port)
    "$bops" emulator --port "$port" --data-dir "$1" --access-key AKIDBENCH --secret-key bench-secret \
        --pace "${3:-1s}" --latency "$2" >"$work/emu.log" 2>&1 &
    emu_pid=$!
    for _ in $(seq 1 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
        sleep 0.1
    done
    export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
}
stop_emulator() { kill "$emu_pid" 2>/dev/null || true; wait "$emu_pid" 2>/dev/null || true; emu_pid=""; }
export AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench-secret AWS_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true

aws_project() { # DIR N
    write_specs "$1" "$2"
    printf 'apiVersion: bops/v1\nkind: Project\nengine: aws\naccount: "111122223333"\nregion: us-east-1\n' \
        >"$1/bops.yaml"
}
seed_emulator() { # DATA_DIR PROJECT_DIR: the buckets, in the emulator's data folder
    printf 'apiVersion: bops/v1\nkind: Project\naccount: "111122223333"\nlocal: { path: %s }\n' "$1" \
        >"$2/seed.yaml"
    (cd "$2" && mkdir -p seed && mv seed.yaml seed/bops.yaml && cp -r data seed/ && cd seed && seed_buckets)
}

if [[ "$parts" == *" emulator "* ]]; then
echo
echo "== 2. against bops emulator --latency $latency: $emu_jobs new jobs"
dir="$work/emu-apply"
aws_project "$dir" "$emu_jobs"
seed_emulator "$work/emu-data" "$dir"
start_emulator "$work/emu-data" "$latency"
(cd "$dir" && "$bops" plan --json >"$work/plan.json" 2>/dev/null) || true
read -r bops_s _ _ < <(cd "$dir" && measure "$bops" apply --auto-approve --parallelism "$parallelism")
read -r count seq_s < <(python3 "$repo/bench/emulator/create_jobs.py" "$work/plan.json" "$AWS_ENDPOINT_URL")
read -r _ thr_s < <(python3 "$repo/bench/emulator/create_jobs.py" "$work/plan.json" "$AWS_ENDPOINT_URL" 10)
stop_emulator
rate() { echo "$1 / $2" | bc -l; }
bops_rate=$(rate "$emu_jobs" "$bops_s")
seq_rate=$(rate "$count" "$seq_s")
thr_rate=$(rate "$count" "$thr_s")
printf '%-44s %8.2f s %8.1f jobs/s\n' "bops apply --parallelism $parallelism (plan+create)" "$bops_s" "$bops_rate"
printf '%-44s %8.2f s %8.1f jobs/s\n' "boto3 create_job loop, sequential" "$seq_s" "$seq_rate"
printf '%-44s %8.2f s %8.1f jobs/s\n' "boto3 create_job loop, 10 threads" "$thr_s" "$thr_rate"
printf 'ratio bops / sequential boto3: %.2fx   bops / 10-thread boto3: %.2fx\n' \
    "$(echo "$bops_rate / $seq_rate" | bc -l)" "$(echo "$bops_rate / $thr_rate" | bc -l)"
fi

# Plans PLAN_JOBS recorded jobs against the emulator at LATENCY. With "ended", the jobs are created
# without confirmation and run to Complete before the plan (a year of finished backfills); otherwise
# they stay Suspended awaiting confirmation (live jobs, whose tags the plan compares).
plan_recorded() { # live|ended
    local kind="$1" dir="$work/emu-plan-$1"
    echo
    echo "== 3. bops plan of $plan_jobs recorded $kind jobs against the emulator at $latency"
    if [ "$kind" = ended ]; then export BENCH_CONFIRM=false; else export BENCH_CONFIRM=true; fi
    aws_project "$dir" "$plan_jobs"
    unset BENCH_CONFIRM
    seed_emulator "$work/plan-data-$kind" "$dir"
    # Ended jobs are run to their end without a pause between batches of tasks.
    start_emulator "$work/plan-data-$kind" 0 "$([ "$kind" = ended ] && echo 0 || echo 1s)"
    (cd "$dir" && "$bops" apply --auto-approve --parallelism 32 >/dev/null 2>"$work/apply.err") || {
        tail -20 "$work/apply.err" >&2
        exit 1
    }
    if [ "$kind" = ended ]; then
        (cd "$dir" && "$bops" wait --interval 1 --timeout 30m >/dev/null 2>"$work/wait.err") || {
            tail -20 "$work/wait.err" >&2
            exit 1
        }
    fi
    stop_emulator
    start_emulator "$work/plan-data-$kind" "$latency"
    read -r plan_s plan_cpu plan_rss < <(cd "$dir" && measure "$bops" plan --parallelism "$parallelism" --read-parallelism "$read_parallelism")
    stop_emulator
    printf 'plan (%s): %.2f s wall, %.3f ms local CPU per spec, peak RSS %.1f MB\n' "$kind" "$plan_s" \
        "$(echo "$plan_cpu * 1000 / $plan_jobs" | bc -l)" "$plan_rss"
    rm -rf "$dir" "$work/plan-data-$kind"
}
if [[ "$parts" == *" plan "* ]]; then plan_recorded live; fi
if [[ "$parts" == *" plan-ended "* ]]; then plan_recorded ended; fi
