#!/usr/bin/env node
/*
 * Two builds of the library compared on the reduction workloads of `bench/run.js --quick`, for
 * engine changes: `node bench/engine-ab.js DIST_A DIST_B [--pairs=5] [--only=text] [--full]`
 * (`--full`: the sizes of `bench/run.js` without `--quick`), where each
 * DIST is a `dist/cjs` folder (e.g. of a `git worktree` at the older commit, built there).
 *
 * Each measurement is its own process (fresh JIT): warm-up, then the median CPU time per call
 * (process.cpuUsage, user + system) of 5 batches of >= 100 ms. A and B run alternately, in
 * swapped order every other pair, so drift on a shared machine falls on both; the table shows
 * the median over the pairs of B/A per workload, and the range of the pair ratios.
 */
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

// `--full`: the sizes of `npm run bench` (4096x4096, 100000x64) instead of its `--quick` ones
const FULL = process.argv.includes('--full');
const N = FULL ? 4096 : 1024;
const TALL = FULL ? 100000 : 25000;
const P8 = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
const Q8 = [0.3, 0.1, 0.2, 0.1, 0.1, 0.02, 0.08, 0.1];

function uniform(n, seed, Ctor = Float64Array) {
  let s = (seed * 2654435761) >>> 0 || 1;
  const a = new Ctor(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    a[i] = (s + 0.5) / 4294967296;
  }
  return a;
}

/** Each workload makes its call from the library `lib` (data built once, outside the timing). */
const workloads = [
  ['entropy 8-element P, per call', (lib) => () => lib.entropy(P8)],
  ['entropy 8-element P and Q, per call', (lib) => () => lib.entropy(P8, Q8)],
  [`entropy ${N}x${N}, axis=1`, (lib) => { const p = lib.NDArray.fromData(uniform(N * N, 1), [N, N]); return () => lib.entropy(p, { axis: 1 }); }],
  [`entropy ${N}x${N}, axis=0`, (lib) => { const p = lib.NDArray.fromData(uniform(N * N, 1), [N, N]); return () => lib.entropy(p, { axis: 0 }); }],
  [`entropy ${N}x${N}, axis=1, with qk`, (lib) => { const p = lib.NDArray.fromData(uniform(N * N, 1), [N, N]); const q = lib.NDArray.fromData(uniform(N * N, 2), [N, N]); return () => lib.entropy(p, q, { axis: 1 }); }],
  [`entropy ${TALL}x64, axis=0`, (lib) => { const p = lib.NDArray.fromData(uniform(TALL * 64, 3), [TALL, 64]); return () => lib.entropy(p, { axis: 0 }); }],
  [`entropy ${TALL}x64, axis=1`, (lib) => { const p = lib.NDArray.fromData(uniform(TALL * 64, 3), [TALL, 64]); return () => lib.entropy(p, { axis: 1 }); }],
  [`entropy 64x${TALL}, axis=0`, (lib) => { const p = lib.NDArray.fromData(uniform(TALL * 64, 4), [64, TALL]); return () => lib.entropy(p, { axis: 0 }); }],
  [`entropy 64x${TALL}, axis=1`, (lib) => { const p = lib.NDArray.fromData(uniform(TALL * 64, 4), [64, TALL]); return () => lib.entropy(p, { axis: 1 }); }],
  [`entropy transposed ${N}x${N} view, axis=1`, (lib) => { const p = lib.NDArray.fromData(uniform(N * N, 1), [N, N]).transpose(); return () => lib.entropy(p, { axis: 1 }); }],
  [`entropy float32 ${N}x${N}, axis=1`, (lib) => { const p = lib.NDArray.fromData(uniform(N * N, 1, Float32Array), [N, N]); return () => lib.entropy(p, { axis: 1 }); }],
  [`rel_entr (${N},${N}) vs (${N},)`, (lib) => { const x = lib.NDArray.fromData(uniform(N * N, 1), [N, N]); const y = lib.NDArray.fromData(uniform(N, 5), [N]); return () => lib.rel_entr(x, y); }],
  [`rel_entr (${N},${N}) vs (${N},), out= reused`, (lib) => { const x = lib.NDArray.fromData(uniform(N * N, 1), [N, N]); const y = lib.NDArray.fromData(uniform(N, 5), [N]); const out = new Float64Array(N * N); return () => lib.rel_entr(x, y, { out }); }],
  [`jensenshannon ${N}x${N}, axis=1`, (lib) => { const p = lib.NDArray.fromData(uniform(N * N, 1), [N, N]); const q = lib.NDArray.fromData(uniform(N * N, 2), [N, N]); return () => lib.jensenshannon(p, q, { axis: 1 }); }],
];

function cpuMs(f, calls) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) f();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

/** In a child: nanoseconds of CPU per call of workload `w` with the library in `dist`. */
function child(dist, w) {
  const lib = require(path.resolve(dist, 'index.js'));
  const f = workloads[w][1](lib);
  let calls = 1;
  while (cpuMs(f, calls) < 100) calls *= 2;
  cpuMs(f, calls);
  const times = [];
  for (let r = 0; r < 5; r++) times.push((cpuMs(f, calls) * 1e6) / calls);
  process.stdout.write(String(median(times)));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function measure(dist, w) {
  const r = spawnSync(process.execPath, [__filename, '--child', dist, String(w), ...(FULL ? ['--full'] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child failed on ${workloads[w][0]}: ${r.stderr}`);
  return Number(r.stdout);
}

function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1], Number(args[2]));
  const [a, b] = args.filter((x) => !x.startsWith('--'));
  if (b === undefined) throw new Error('usage: node bench/engine-ab.js DIST_A DIST_B [--pairs=5] [--only=text] [--full]');
  const pairs = Number((args.find((x) => x.startsWith('--pairs=')) || '--pairs=5').slice(8));
  const only = (args.find((x) => x.startsWith('--only=')) || '').slice(7);
  console.log(`B/A CPU time per call, median of ${pairs} interleaved pairs (A = ${a}, B = ${b})`);
  for (let w = 0; w < workloads.length; w++) {
    if (only && !workloads[w][0].includes(only)) continue;
    const ratios = [];
    let ta = 0;
    for (let i = 0; i < pairs; i++) {
      let x, y;
      if (i % 2 === 0) { x = measure(a, w); y = measure(b, w); } else { y = measure(b, w); x = measure(a, w); }
      ratios.push(y / x);
      ta += x / pairs;
    }
    const r = ratios.map((v) => v.toFixed(2));
    console.log(`${workloads[w][0].padEnd(44)} ${median(ratios).toFixed(3)}  [${r.sort().join(' ')}]  A ~${fmt(ta)}`);
  }
}

function fmt(ns) {
  return ns < 1e4 ? `${ns.toFixed(0)} ns` : `${(ns / 1e6).toFixed(2)} ms`;
}

main();
