#!/usr/bin/env bash
# Builds the kiosk if needed and opens it on the bundled demo community: offline, on its own SQLite file.
# Extra arguments go to community-kiosk (e.g. --windowed, --english, --large-text).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# Install the Debian packages once (needs root; uses sudo when available).
if ! dpkg-query -W -f='${Status}\n' libimgui-dev 2>/dev/null | grep -q "install ok installed"; then
  if [ "$(id -u)" = 0 ]; then "$root/packaging/install-deps.sh"; else sudo "$root/packaging/install-deps.sh"; fi
fi

if [ ! -x "$root/build/app/community-kiosk" ] || [ -n "$(find "$root/app" "$root/sync" "$root/assets" -newer "$root/build/app/community-kiosk" -print -quit)" ]; then
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCK_WERROR=OFF >/dev/null
  cmake --build "$root/build" -j"$(nproc)" --target community-kiosk
fi

data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/community-kiosk-demo"
exec "$root/build/app/community-kiosk" --demo --data-dir "$data_dir" "$@"
