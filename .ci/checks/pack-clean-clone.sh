#!/usr/bin/env bash
# `npm pack` from a fresh clone (no dist/): `prepack` builds, and the tarball holds dist/ (CommonJS,
# ESM, the .d.ts files, every subpath and the bin). The clone uses this checkout's node_modules
# (installed from the same lockfile) instead of installing again.
set -euo pipefail
. "$(dirname "$0")/../lib/fresh-clone.sh"
test ! -e dist || { echo "a fresh clone has a dist/"; exit 1; }
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
list=$(tar -tzf "$tmp/$tarball")
for f in cjs/index.js cjs/index.d.ts cjs/package.json cjs/cli/main.js esm/index.js esm/index.d.ts esm/package.json \
  cjs/stats/index.js esm/stats/index.js cjs/special/index.js esm/special/index.js cjs/spatial/index.js esm/spatial/index.js; do
  grep -qx "package/dist/$f" <<< "$list" || { echo "missing from the tarball: dist/$f"; exit 1; }
done
echo "npm pack from a clean clone: $(wc -l <<< "$list") files, dist/ included"
