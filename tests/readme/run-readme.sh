#!/usr/bin/env bash
# Runs the README's hub command blocks as a reader would: every indented block from "Pointing a kiosk at a hub
# from a build tree" to the end of "The staff console", in order, in one bash with `set -euo pipefail`,
# stopping at the first command that fails and naming its README line.
#
# Usage: tests/readme/run-readme.sh [BUILD_DIR]
#   Without BUILD_DIR: a fresh clone of this repository's HEAD in a scratch directory, built by the README's
#   own first command (slow: a full build of community-hub and community-kiosk).
#   With BUILD_DIR (CTest passes its build tree): the blocks run from this tree and that build's binaries
#   stand for `build/` (the README's cmake line is skipped; nothing else changes).
# Two things differ from a reader's shell, both so the test can run beside other work on the machine: the
# hub's port 8080 becomes a free loopback port, and `mktemp -d` makes its folder inside this script's scratch
# directory (removed at the end, with every process the blocks started). A password prompt (`staff add`,
# `reset-password`) reads one line of stdin, as it does when stdin is not a terminal.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-}
readme="$root/README.md"
scratch=$(mktemp -d /tmp/ck-readme.XXXXXX)
trap 'rm -rf "$scratch"' EXIT

# A loopback port nobody listens on.
port=""
while [ -z "$port" ]; do
  p=$(( (RANDOM * 32768 + RANDOM) % 20000 + 40000 ))
  (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null || port=$p
done

# The blocks: 4-space-indented lines after a blank line, between the two headings, with their line numbers.
script="$scratch/readme-blocks.sh"
awk -v port="$port" -v build="$build" '
  /^## Pointing a kiosk at a hub from a build tree/ { on = 1 }
  /^## Putting the hub on a network/ { on = 0 }
  !on { next }
  /^    / && (in_block || prev_blank) {
    line = substr($0, 5)
    if (!in_block) { printf "readme_block=%d\n", NR; in_block = 1 }
    gsub(/127\.0\.0\.1:8080/, "127.0.0.1:" port, line)
    if (build != "") {
      if (line ~ /^cmake -S \. -B build /) line = ": the build is " build
      gsub(/\$PWD\/build\//, build "/", line)
    }
    print line
    prev_blank = 0
    next
  }
  { in_block = 0; prev_blank = ($0 ~ /^[[:space:]]*$/) }
' "$readme" >"$scratch/blocks.sh"
blocks=$(grep -c '^readme_block=' "$scratch/blocks.sh" || true)
[ "$blocks" -ge 5 ] || { echo "run-readme: found only $blocks command blocks in $readme" >&2; exit 1; }
{
  echo 'set -euo pipefail'
  echo 'export TMPDIR="$CK_README_SCRATCH/tmp"'
  echo 'trap '\''rc=$?; [ $rc -eq 0 ] || echo "run-readme: FAILED (exit $rc) in the block at README.md:$readme_block: $BASH_COMMAND" >&2; kill $(jobs -p) 2>/dev/null || true; wait; exit $rc'\'' EXIT'
  cat "$scratch/blocks.sh"
  echo 'echo "run-readme: every block ran"'
} >"$script"
mkdir -p "$scratch/tmp"

# Password prompts read one line each from this file: 16-byte lines, so a reader's 4 KiB buffered read ends
# on a line boundary and the next command gets whole lines too.
for _ in $(seq 2000); do echo 'Readme-Pass-123'; done >"$scratch/stdin.txt"

if [ -n "$build" ]; then
  [ -x "$build/sync/hub/community-hub" ] && [ -x "$build/app/community-kiosk" ] ||
    { echo "run-readme: $build has no community-hub or community-kiosk" >&2; exit 1; }
  cd "$root"
else
  git clone -q "$root" "$scratch/clone"
  cd "$scratch/clone"
fi
echo "run-readme: $blocks blocks from $readme (hub on 127.0.0.1:$port)"
CK_README_SCRATCH="$scratch" bash "$script" <"$scratch/stdin.txt"
