#!/usr/bin/env bash
# Installs the C libraries bops builds against when they are missing (Debian/Ubuntu: apt-get, as root
# or through sudo): libyaml, zlib and xxHash with their headers, and pkg-config to find them.
# Each argument names a further command needed (its Debian package has the same name), installed
# when missing: `install-deps.sh python3`. Changes nothing when all are there. Used by .ci/run,
# scripts/quickstart.sh and the GitHub Action.
set -euo pipefail

need_apt=()
for tool in "$@"; do
    command -v "$tool" >/dev/null || need_apt+=("$tool")
done
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if command -v pkg-config >/dev/null; then
    pkg-config --exists yaml-0.1 2>/dev/null || need_apt+=(libyaml-dev)
    pkg-config --exists zlib 2>/dev/null || need_apt+=(zlib1g-dev)
    pkg-config --exists libxxhash 2>/dev/null || need_apt+=(libxxhash-dev)
else
    need_apt+=(libyaml-dev zlib1g-dev libxxhash-dev)
fi
[ ${#need_apt[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "install-deps: missing ${need_apt[*]} and no apt-get here; install libyaml, zlib, xxhash and" \
        "pkg-config with your package manager (macOS: brew install libyaml zlib xxhash pkg-config)" >&2
    exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install ${need_apt[*]}" >&2; exit 1; }
    sudo=(sudo -n)
fi
echo "install-deps: installing ${need_apt[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
