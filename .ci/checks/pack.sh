#!/usr/bin/env bash
# The package as users install it: pack (prepack builds), lint the package (publint, @arethetypeswrong/cli),
# `npm pack`, install the tarball into a fresh consumer project (its dependencies come from the
# registry), then check require(), import(), every subpath, the `scipy-entropy` bin, and that a
# TypeScript consumer compiles against the published types under moduleResolution nodenext
# (as ESM and as CommonJS) and bundler.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# `npm pack` builds dist/ itself (prepack).

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball="$tmp/$(npm pack --silent --pack-destination "$tmp" | tail -n 1)"
echo "packed $(basename "$tarball"): $(tar -tzf "$tarball" | wc -l) files"

# Lint the packed package: exports map, files, types for every entry point and resolution mode.
npx --no-install publint run --strict "$tarball"
# Profile node16: moduleResolution node10 is deprecated in TypeScript 6 and engines is >= 18, so
# the subpaths are not mapped for it (node10 still resolves the root through main/types).
npx --no-install attw "$tarball" --profile node16

# A fresh consumer project.
consumer="$tmp/consumer"
mkdir -p "$consumer"
cd "$consumer"
printf '{ "name": "consumer", "version": "1.0.0", "private": true }\n' > package.json
npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball"

# Every subpath the exports map lists (except ./package.json), for require() and import().
subpaths=$(node -e '
  const m = require("scipy-entropy/package.json").exports;
  console.log(Object.keys(m).filter((k) => k !== "./package.json").map((k) => k.replace(/^\.\/?/, "")).join(" "))')
echo "subpaths: . ${subpaths}"

node - "$subpaths" <<'JS'
const assert = require('node:assert');
const subpaths = process.argv[2].split(' ').filter(Boolean);
const m = require('scipy-entropy');
assert.ok(Math.abs(m.entropy([1, 2, 3], [3, 2, 1]) - 0.3662040962227033) < 1e-15, 'require: entropy');
assert.deepEqual(m.entropy([[1, 2, 3], [4, 5, 6]], { axis: 1 }).shape, [2]);
for (const s of subpaths) assert.ok(Object.keys(require(`scipy-entropy/${s}`)).length > 0, `require scipy-entropy/${s}`);
console.log('require: ok');
JS

cat > import.mjs <<'JS'
import assert from 'node:assert';
import { entropy, rel_entr, ValueError } from 'scipy-entropy';
import * as stats from 'scipy-entropy/stats';
import * as special from 'scipy-entropy/special';
assert.ok(Math.abs(entropy([1, 2, 3], [3, 2, 1]) - 0.3662040962227033) < 1e-15, 'import: entropy');
assert.equal(stats.entropy, entropy);
assert.equal(special.rel_entr, rel_entr);
const { jensenshannon } = await import('scipy-entropy/spatial');
assert.equal(jensenshannon([1, 0, 0], [0, 1, 0], { base: 2 }), 1);
assert.throws(() => entropy([1], { base: -1 }), (e) => e.name === 'ValueError' && e instanceof ValueError);
for (const s of process.argv[2].split(' ').filter(Boolean)) assert.ok(Object.keys(await import(`scipy-entropy/${s}`)).length > 0, s);
console.log('import: ok');
JS
node import.mjs "$subpaths"

# Worker threads from the tarball, CommonJS and ESM: the same bytes as one thread, pool used.
cat > threads.js <<'JS'
const assert = require('node:assert');
module.exports = (m) => {
  const x = new Float64Array(512 * 512).map((_, i) => ((i * 7919) % 1000) / 999);
  const X = m.NDArray.fromData(x, [512, 512]);
  const one = m.entropy(X, { axis: 1 }).toFloat64Array();
  m.setThreads(2);
  assert.equal(m.getThreads(), 2);
  const two = m.entropy(X, { axis: 1 }).toFloat64Array();
  assert.deepEqual(Buffer.from(two.buffer), Buffer.from(one.buffer), 'threads: same bytes');
  m.setThreads(1);
};
JS
node -e 'require("./threads.js")(require("scipy-entropy")); console.log("threads (require): ok")'
node --input-type=module -e 'import { createRequire } from "node:module"; import * as m from "scipy-entropy"; createRequire(import.meta.url)("./threads.js")(m); console.log("threads (import): ok")'

# The bin, as npm linked it.
printf 'a,b,c\n1,2,3\n4,5,6\n' > m.csv
out=$(./node_modules/.bin/scipy-entropy entropy m.csv --axis 1)
test "$out" = $'1.0114042647073518\n1.0851886129676505' || { echo "bin printed: $out"; exit 1; }
js=$(./node_modules/.bin/scipy-entropy jensenshannon m.csv m.csv --axis 1)
test "$js" = $'0\n0' || { echo "bin jensenshannon printed: $js"; exit 1; }
./node_modules/.bin/scipy-entropy --version | grep -qx "$(node -p 'require("scipy-entropy/package.json").version')"
set +e
./node_modules/.bin/scipy-entropy entropy missing.csv 2> err.txt
status=$?
set -e
test "$status" -eq 2 && grep -qx 'scipy-entropy: missing.csv: no such file' err.txt
echo 'bin: ok'

# TypeScript consumers, type-checked (skipLibCheck off: our .d.ts files are checked too).
tsc="$root/node_modules/typescript/bin/tsc"
cat > esm.mts <<'TS'
import { entropy, rel_entr, NDArray, type EntropyOptions } from 'scipy-entropy';
import { entropy as e2 } from 'scipy-entropy/stats';
import { kl_div } from 'scipy-entropy/special';
import { jensenshannon } from 'scipy-entropy/spatial';
const js: number = jensenshannon([1, 0], [0, 1], { base: 2 });
const options: EntropyOptions = { base: 2, axis: 1, nan_policy: 'omit' };
const h: number = entropy([0.5, 0.5], { base: 2 });
const a: NDArray = entropy([[1, 2], [3, 4]], { ...options, keepdims: true });
const b: NDArray = rel_entr([1, 2], [2, 1]);
const c: number | NDArray = e2([[1, 2]], { axis: 0 });
const shape: readonly number[] = kl_div([1], [2]).shape;
// @ts-expect-error: nan_policy is one of propagate, omit, raise
entropy([1], { nan_policy: 'ignore' });
// The lines of issue 11, with no casts under strict + exactOptionalPropertyTypes.
const m = [[1, 2, 3], [4, 5, 6]];
const P = [0.5, 0.5];
const Q = [0.9, 0.1];
const maybeBase: number | undefined = undefined;
const rows: NDArray = entropy(m, { axis: 1 });
const all: number = entropy(m, { axis: null });
const e: number[][] = rel_entr(m, m).toArray();
const total: number = rel_entr(P, Q).toArray().reduce((s, v) => s + v, 0) + rel_entr(P, Q).sum();
const opts = { axis: 0, base: 2 };
const widened: number = entropy(P, opts);
const withBase: number = entropy([1, 2], { base: maybeBase });
export { h, a, b, c, shape, js, rows, all, e, total, widened, withBase };
TS
cat > cjs.cts <<'TS'
import { entropy, NDArray } from 'scipy-entropy';
import { entr } from 'scipy-entropy/special';
const h: number = entropy([1, 2, 3], [3, 2, 1]);
const a: NDArray = entr([0.5, 0.25]);
export { h, a };
TS
cp esm.mts bundler.ts
common='"strict": true, "exactOptionalPropertyTypes": true, "noEmit": true, "skipLibCheck": false, "target": "ES2020", "lib": ["ES2020", "DOM"], "types": []'
printf '{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", %s }, "files": ["esm.mts", "cjs.cts"] }\n' "$common" > tsconfig.nodenext.json
printf '{ "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", %s }, "files": ["bundler.ts"] }\n' "$common" > tsconfig.bundler.json
node "$tsc" -p tsconfig.nodenext.json
node "$tsc" -p tsconfig.bundler.json
echo 'typescript (nodenext ESM + CJS, bundler): ok'
