#!/usr/bin/env bash
# Builds community-kiosk_VERSION_amd64.deb and community-hub_VERSION_amd64.deb (debhelper) from this tree.
# Usage: packaging/build-debs.sh [OUT_DIR]   (default: ./debs; needs the packages in packaging/build-deps.txt)
# The source is copied to a scratch directory (no build trees, no .git) with packaging/debian as debian/,
# so the tree itself stays untouched; no path of either directory ends up in the packages.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/debs}" && cd "${1:-$root/debs}" && pwd)
version=$(dpkg-parsechangelog -l "$root/packaging/debian/changelog" -S Version)
# A fixed scratch path: the compiler's file-prefix map then stays the same, so ccache hits on a rebuild.
scratch=/tmp/community-kiosk-deb
rm -rf "$scratch"
trap 'rm -rf "$scratch"' EXIT
src="$scratch/community-kiosk-$version"
mkdir -p "$src"
tar -C "$root" --exclude-vcs --exclude='./build*' --exclude='./debs' --exclude='./screenshots' \
    --exclude='node_modules' -cf - . | tar -C "$src" -xf -
cp -a "$root/packaging/debian" "$src/debian"
# CI needs no -dbgsym packages: compressing their ~35 MB of debug info costs minutes for nothing there.
options=${DEB_BUILD_OPTIONS:-parallel=$(nproc)}
[ -n "${CI:-}" ] && options="$options noddebs"
(cd "$src" && DEB_BUILD_OPTIONS="$options" dpkg-buildpackage -b -us -uc)
mv "$scratch"/*.deb "$scratch"/*.buildinfo "$scratch"/*.changes "$out"/
ls -l "$out"/*.deb
