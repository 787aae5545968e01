#!/usr/bin/env bash
# The README's first command: on a machine with only Swift, installs the C libraries bops builds
# against when they are missing (scripts/install-deps.sh), then runs the whole flow on the embedded
# local engine (scripts/demo.sh: build, validate, plan, apply, confirm, wait, report).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bash "$repo/scripts/install-deps.sh"
exec bash "$repo/scripts/demo.sh" "$@"
