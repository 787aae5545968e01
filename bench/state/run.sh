#!/usr/bin/env bash
# The state backend's lock, read, write and unlock for a state of N jobs: the S3 backend against an
# in-process bops emulator (real HTTP, SigV4) versus the local file backend.
# Usage: bench/state/run.sh [JOBS] [ROUNDS]    (defaults: 1000 jobs, 50 rounds)
#        bench/state/run.sh sets [SIZES] [SETS] (defaults: 100,1000,10000 records, 200 sets)
#   `sets` times StateWriter.set (one journal entry each) one after another and from 10 callers at
#   once, and the final fold, over states of each size, on both backends: the cost per set is flat.
# SCRATCH=.build-x picks the SwiftPM scratch path (default .build-bench); CONFIG=debug measures a debug build.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${SCRATCH:-.build-bench}"
config="${CONFIG:-release}"
cd "$repo"
swift build -c "$config" --scratch-path "$scratch" --product bops-bench-state >/dev/null
if [ "${1:-}" = "sets" ]; then
    "$repo/$scratch/$config/bops-bench-state" sets "${2:-100,1000,10000}" "${3:-200}"
else
    "$repo/$scratch/$config/bops-bench-state" "${1:-1000}" "${2:-50}"
fi
