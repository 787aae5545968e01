#!/usr/bin/env bash
# Tries the README's quick start where nothing but Swift is installed: a Debian chroot made with
# debootstrap, holding only Swift's own runtime packages, the toolchain bind-mounted at the same path,
# and a fresh clone of COMMIT (default HEAD). Runs the two commands of the quick start there
# (`scripts/quickstart.sh`, then `.ci/run`) and nothing else; QUICKSTART_ONLY=1 runs the first only.
# Needs root and debootstrap. Usage: scripts/quickstart-chroot.sh [COMMIT]
# ROOT=DIR reuses (or makes) the chroot in DIR (default /var/tmp/bops-quickstart-root);
# SWIFT_DIR is the toolchain folder (default: the one `swift` runs from); PACKAGES_DIR the local copy
# of Swift packages that git reads github.com from, when this machine has one (/opt/swift-packages).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse "${1:-HEAD}")"
root="${ROOT:-/var/tmp/bops-quickstart-root}"
swift_dir="${SWIFT_DIR:-$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")}"
packages_dir="${PACKAGES_DIR:-/opt/swift-packages}"
[ "$(id -u)" -eq 0 ] || { echo "quickstart-chroot: needs root" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mounts=()
bind() { mkdir -p "$root$2"; mount --bind "$1" "$root$2"; mounts=("$root$2" "${mounts[@]}"); }
cleanup() { for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done; }
trap cleanup EXIT
# The root is a mount point of its own, as in a container (arch-chroot does the same): `unshare -m`
# in the tests makes the mounts below it private, which needs that.
mount --bind "$root" "$root"
mounts=("$root")
bind /proc /proc
bind /dev /dev
bind /dev/pts /dev/pts
bind "$swift_dir" "$swift_dir"
[ -d /opt/wheels ] && bind /opt/wheels /opt/wheels
if [ -d "$packages_dir" ]; then
    bind "$packages_dir" "$packages_dir"
    for f in /etc/gitconfig /etc/gitignore; do [ -f "$f" ] && cp "$f" "$root$f"; done
fi
# Swift's own runtime packages on Debian 12 (as the official swift:bookworm image installs them).
chroot "$root" env DEBIAN_FRONTEND=noninteractive bash -c 'apt-get update -qq && apt-get install -y -qq \
    --no-install-recommends binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-12-dev \
    libpython3-dev libsqlite3-0 libstdc++-12-dev libxml2-dev libncurses-dev libz3-dev tzdata unzip \
    ca-certificates >/dev/null'
# This machine's network settings (after the packages, which rewrite the CA bundle): a CA bundle
# that trusts a proxy, pip's configuration and the wheels folder it names.
for f in /etc/ssl/certs/ca-certificates.crt /etc/pip.conf; do
    [ -f "$f" ] && mkdir -p "$root$(dirname "$f")" && cp "$f" "$root$f"
done
for tool in pkg-config python3; do
    if chroot "$root" bash -c "command -v $tool" >/dev/null; then echo "quickstart-chroot: $tool is already there"; fi
done
rm -rf "$root/root/bops"
git clone -q "$repo" "$root/root/bops"
git -C "$root/root/bops" checkout -q "$commit"
commands='scripts/quickstart.sh'
[ -n "${QUICKSTART_ONLY:-}" ] || commands+=' && .ci/run'
echo "quickstart-chroot: $commit in $root, running: $commands" >&2
chroot "$root" env -i HOME=/root PATH="$swift_dir/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    TERM=dumb bash -c "cd /root/bops && $commands"
