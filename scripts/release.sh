#!/usr/bin/env bash
# Builds the bops release binary that runs on a Linux machine without a Swift toolchain, and packs it:
#   $OUT_DIR/bops-<version>-linux-<arch>.tar.gz   (one file inside: bops)
#   $OUT_DIR/bops-<version>-linux-<arch>.tar.gz.sha256   (`sha256sum -c` reads it)
# The Swift runtime and FoundationEssentials are linked in (--static-swift-stdlib; no Foundation, no ICU), and so are the C libraries
# Package.swift names (libyaml, zlib, xxHash: the static archives their -dev packages ship), so the
# binary needs only glibc and libstdc++, which every Linux distribution has.
#
#   OUT_DIR=dist             where the tarball goes (default dist/, relative to the repository)
#   EXPECT_VERSION=v0.1.0    fail unless the version compiled into bops is this one (the release tag)
#   SWIFT=swift STRIP=strip  the tools to use
#   SCRATCH=.build           SwiftPM's build folder (another one lets it run while `swift test` holds .build)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
out_dir="${OUT_DIR:-dist}"
swift="${SWIFT:-swift}"
strip="${STRIP:-strip}"
scratch=(--scratch-path "${SCRATCH:-.build}")

fail() { echo "release.sh: error: $*" >&2; exit 1; }

version="$(sed -n 's/^ *static let current = "\([^"]*\)".*/\1/p' Sources/bops/Bops.swift)"
[ -n "$version" ] || fail "no version found in Sources/bops/Bops.swift (static let current = \"...\")"
if [ -n "${EXPECT_VERSION:-}" ] && [ "${EXPECT_VERSION#v}" != "$version" ]; then
    fail "the tag says $EXPECT_VERSION but Sources/bops/Bops.swift says $version; make them agree"
fi
case "$(uname -s)" in
Linux) ;;
*) fail "release binaries are built on Linux (this is $(uname -s))" ;;
esac
arch="$(uname -m)"
case "$arch" in
x86_64 | aarch64) ;;
arm64) arch=aarch64 ;;
*) fail "unsupported architecture $arch (x86_64 and aarch64 are released)" ;;
esac
name="bops-$version-linux-$arch"

# SwiftPM reads the .pc files itself and passes their libdir (/usr/lib/...) to the linker, where the
# shared libraries would win. Each .pc here names a folder that holds only the static archive, so
# -lyaml, -lz, ... resolve to the archives and the binary depends on none of these libraries.
# A fixed folder: the same flags on every run keep the release build incremental.
archives="$repo/.build/release-static"
rm -rf "$archives"
mkdir -p "$archives"
# Every system library the package names (pkgConfig: in Package.swift): yaml-0.1, zlib, ...
for pc in $(sed -n 's/.*pkgConfig: "\([^"]*\)".*/\1/p' Package.swift); do
    pkg-config --exists "$pc" || fail "pkg-config does not know $pc: run scripts/install-deps.sh"
    libdir="$(pkg-config --variable=libdir "$pc")"
    libs="$(pkg-config --libs-only-l "$pc")"
    for lib in $libs; do
        [ -f "$libdir/lib${lib#-l}.a" ] || fail "$libdir/lib${lib#-l}.a is missing: the -dev package of $pc ships it"
        ln -sf "$libdir/lib${lib#-l}.a" "$archives/lib${lib#-l}.a"
    done
    cat >"$archives/$pc.pc" <<PC
libdir=$archives
Name: $pc
Description: $pc, static archive only
Version: $(pkg-config --modversion "$pc")
Cflags: $(pkg-config --cflags "$pc")
Libs: -L\${libdir} $libs
PC
done
export PKG_CONFIG_PATH="$archives${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

echo "==> swift build -c release --static-swift-stdlib ($name)"
start=$(date +%s)
"$swift" build "${scratch[@]}" -c release --static-swift-stdlib --product bops
bin_dir="$("$swift" build "${scratch[@]}" -c release --static-swift-stdlib --product bops --show-bin-path)"
echo "    built in $(($(date +%s) - start)) s"

# Refuse a binary that links Foundation or ICU: the modules of bops import FoundationEssentials only,
# and ICU's data alone would add about 30 MB. Checked on the unstripped binary, which has the symbols.
symbols="$(nm "$bin_dir/bops" 2>/dev/null || true)"
[ -n "$symbols" ] || fail "nm read no symbols from $bin_dir/bops"
icu_symbols=$(grep -cE 'icudt[0-9]+_dat|_FoundationICU|[^A-Za-z](ucol|ucal|udat|unum|ubrk)_[a-zA-Z]+_[0-9]+' <<<"$symbols" || true)
foundation_symbols=$(grep -cE '\$s(10Foundation|30FoundationInternationalization)[A-Z0-9]' <<<"$symbols" || true)
[ "$icu_symbols" = 0 ] || fail "the binary holds $icu_symbols ICU symbols (something links FoundationInternationalization)"
[ "$foundation_symbols" = 0 ] || fail "the binary holds $foundation_symbols symbols of module Foundation: import FoundationEssentials"

stage="$archives/stage"
mkdir -p "$stage"
"$strip" -o "$stage/bops" "$bin_dir/bops"
chmod 0755 "$stage/bops"

# Refuse a binary that would need anything a bare Linux machine lacks.
needed="$(LC_ALL=C readelf -d "$stage/bops" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
for lib in $needed; do
    case "$lib" in
    libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | libutil.so.* | ld-linux*.so.* | \
        libstdc++.so.* | libgcc_s.so.*) ;;
    *) fail "the binary needs $lib at run time; only glibc and libstdc++ are allowed" ;;
    esac
done
"$stage/bops" --version >/dev/null || fail "the stripped binary does not run"

mkdir -p "$out_dir"
tarball="$out_dir/$name.tar.gz"
mtime="@$(git log -1 --format=%ct 2>/dev/null || date +%s)"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$mtime" -C "$stage" -cf - bops | gzip -9n >"$tarball"
(cd "$out_dir" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")

size=$(stat -c %s "$stage/bops")
echo "==> $tarball"
echo "    binary: $size bytes ($((size / 1048576)) MiB), tarball: $(stat -c %s "$tarball") bytes"
echo "    ICU symbols: $icu_symbols, Foundation symbols: $foundation_symbols"
size -A "$stage/bops" | awk '$1 ~ /^\.(text|rodata|data)$/ { printf "    %s: %d MiB\n", $1, $2 / 1048576 }'
echo "    needs at run time: $(echo $needed | tr ' ' ',')"
echo "    sha256: $(cut -d' ' -f1 "$out_dir/$name.tar.gz.sha256")"
