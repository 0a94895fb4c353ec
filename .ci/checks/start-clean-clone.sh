#!/usr/bin/env bash
# The README's first command, `npm start`, on a fresh clone (no dist/, no generated sources): it
# must build what it needs itself and end with the command line's per-row entropies. The clone
# uses this checkout's node_modules (installed from the same lockfile) instead of installing again.
set -euo pipefail
. "$(dirname "$0")/../lib/fresh-clone.sh"
out=$(npm start --silent 2>&1) || { echo "$out"; echo "npm start failed on a fresh clone"; exit 1; }
grep -q 'scipy-entropy entropy samples/histograms.csv --axis 1' <<< "$out" || { echo "$out"; echo "npm start did not run the command line"; exit 1; }
tail -n 1 <<< "$out" | grep -Eq '^[0-9.]+$' || { echo "$out"; echo "npm start did not end with a per-row entropy"; exit 1; }
echo "npm start on a fresh clone: ok"
