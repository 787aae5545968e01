#!/usr/bin/env bash
# The README's first command: on a machine with only Swift, installs what is missing (the C
# libraries bops builds against, and python3 for the demo's seeding: scripts/install-deps.sh), then
# runs the whole flow on the embedded local engine (scripts/demo.sh: build, validate, plan, apply,
# confirm, wait, report).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bash "$repo/scripts/install-deps.sh" python3
exec bash "$repo/scripts/demo.sh" "$@"
