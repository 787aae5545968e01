#!/usr/bin/env bash
# Benchmark of `bops validate` on 10,000 generated specs, against check-jsonschema on the same
# files and against parsing the same bytes with libyaml alone (C event loop) and with
# YAMLReader.parse alone (bops-bench-parse). Prints a table; see docs/benchmarks.md.
#
# Usage: bench/validate/run.sh [COUNT] [REPEATS]     (defaults: 10000 files, best of 3 runs)
# Environment: SCRATCH (SwiftPM scratch path, default .build-bench); BIN (a folder that already holds
# release builds of bops and bops-bench-parse: skips the build); KEEP=1 keeps the temp folder.
set -euo pipefail

count=${1:-10000}
repeats=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
scratch=${SCRATCH:-.build-bench}
schema=schemas/job-spec.schema.json

work=$(mktemp -d "${TMPDIR:-/tmp}/bops-bench-validate.XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$work"' EXIT; fi
specs="$work/specs"

# --- tools -------------------------------------------------------------------------------------
need_apt=()
[[ -x /usr/bin/time ]] || need_apt+=(time)
command -v gcc >/dev/null || need_apt+=(gcc)
[[ -f /usr/include/yaml.h ]] || need_apt+=(libyaml-dev)
if ((${#need_apt[@]})); then
    echo "installing ${need_apt[*]}" >&2
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v check-jsonschema >/dev/null || pip install -q check-jsonschema

if [[ -n "${BIN:-}" ]]; then
    bin=$BIN
else
    echo "building (release) ..." >&2
    swift build -c release --product bops --scratch-path "$scratch" >/dev/null 2>&1
    swift build -c release --product bops-bench-parse --scratch-path "$scratch" >/dev/null 2>&1
    bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
fi
gcc -O2 -o "$work/parse-libyaml" bench/validate/parse.c -lyaml

# --- inputs ------------------------------------------------------------------------------------
python3 bench/validate/gen.py "$specs" "$count"
bytes=$(cat "$specs"/*.yaml | wc -c)
echo "generated $count specs, $bytes bytes, in $specs" >&2
if ! "$bin/bops" validate "$specs" >"$work/check.out" 2>&1; then
    echo "error: the generated specs do not validate:" >&2
    head -40 "$work/check.out" >&2
    exit 1
fi

# --- timing ------------------------------------------------------------------------------------
# run NAME CMD...: runs CMD once under /usr/bin/time -v; appends "NAME wall_us max_rss_kb cpu_us"
# (cpu = user + system time, less disturbed than wall time when other work shares the cores).
run() {
    local name=$1
    shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/$name.out" 2>&1 || {
        echo "error: $name failed:" >&2
        tail -20 "$work/$name.out" >&2
        exit 1
    }
    end=$(date +%s%N)
    local rss cpu
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ {t += $2} END {printf "%d", t * 1e6}' "$work/time.txt")
    echo "$name $(((end - start) / 1000)) $rss $cpu" >>"$work/results.txt"
}

cjs() { find "$specs" -name '*.yaml' -print0 | xargs -0 check-jsonschema --schemafile "$schema"; }
export -f cjs
export specs schema

: >"$work/results.txt"
for ((i = 1; i <= repeats; i++)); do
    echo "round $i/$repeats (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    run bops-validate "$bin/bops" validate "$specs"
    run parse-libyaml "$work/parse-libyaml" "$specs"
    run parse-yamlreader "$bin/bops-bench-parse" "$specs"
    run check-jsonschema bash -c cjs
done

# --- report ------------------------------------------------------------------------------------
best() { awk -v n="$1" '$1 == n {if (!b || $2 < b) {b = $2; r = $3}} END {printf "%d %d\n", b, r}' "$work/results.txt"; }
maxrss() { awk -v n="$1" '$1 == n && $3 > m {m = $3} END {print m}' "$work/results.txt"; }
bestcpu() { awk -v n="$1" '$1 == n {if (!b || $4 < b) b = $4} END {printf "%d\n", b}' "$work/results.txt"; }
read -r t_bops _ < <(best bops-validate)
read -r t_c _ < <(best parse-libyaml)
read -r t_swift _ < <(best parse-yamlreader)
read -r t_cjs _ < <(best check-jsonschema)

echo
echo "bops validate benchmark: $count files, $bytes bytes, best of $repeats runs"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load now $(cut -d' ' -f1-3 /proc/loadavg)"
echo
printf '%-44s %9s %9s %10s %13s\n' "command" "wall (s)" "cpu (s)" "files/s" "peak RSS (MB)"
row() {
    local label=$1 us=$2 kb=$3 cpu=$4
    awk -v l="$label" -v us="$us" -v kb="$kb" -v n="$count" -v cpu="$cpu" \
        'BEGIN {printf "%-44s %9.3f %9.3f %10.0f %13.1f\n", l, us / 1e6, cpu / 1e6, n / (us / 1e6), kb / 1024}'
}
row "bops validate DIR" "$t_bops" "$(maxrss bops-validate)" "$(bestcpu bops-validate)"
row "check-jsonschema --schemafile ... FILES" "$t_cjs" "$(maxrss check-jsonschema)" "$(bestcpu check-jsonschema)"
row "libyaml event loop alone (parse.c)" "$t_c" "$(maxrss parse-libyaml)" "$(bestcpu parse-libyaml)"
row "YAMLReader.parse alone (bops-bench-parse)" "$t_swift" "$(maxrss parse-yamlreader)" "$(bestcpu parse-yamlreader)"
echo
awk -v b="$t_bops" -v c="$t_cjs" -v p="$t_c" -v s="$t_swift" -v m="$(maxrss bops-validate)" \
    -v cb="$(bestcpu bops-validate)" -v cc="$(bestcpu check-jsonschema)" -v cp="$(bestcpu parse-libyaml)" 'BEGIN {
    printf "check-jsonschema / bops validate:   %6.1fx   (goal >= 20x: %s)\n", c / b, (c / b >= 20) ? "met" : "MISSED"
    printf "bops validate / libyaml alone:      %6.2fx   (goal <= 2x:  %s)\n", b / p, (b / p <= 2) ? "met" : "MISSED"
    printf "bops validate / YAMLReader alone:   %6.2fx\n", b / s
    printf "(wall: best of the runs; cpu: best user+system of the runs; ratios above use wall)\n"
    if (cb > 0 && cp > 0) printf "by cpu time: check-jsonschema / bops %.1fx, bops / libyaml %.2fx\n", cc / cb, cb / cp
    printf "bops validate peak RSS:             %6.1f MB (goal < 200 MB: %s)\n", m / 1024, (m / 1024 < 200) ? "met" : "MISSED"
}'
echo
echo "all runs (name, wall us, peak RSS KB, cpu us):"
cat "$work/results.txt"
