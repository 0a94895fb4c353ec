#!/usr/bin/env node
/*
 * Short rows against long ones, per element, in one process: `node bench/short-rows.js
 * [DIST] [REPS]` (DIST: a `dist/cjs` folder, default this checkout's; REPS: calls of each,
 * default 11). Times entropy along axis 1 of a 100000x64 matrix, of a 4096x4096 matrix and of
 * one 1x6400000 row, the three calls interleaved, CPU time per element (process.cpuUsage), and
 * prints the medians and the medians of the per-round ratios short/4096x4096 and short/long
 * row (issue 12: short rows at most 1.3x one long row of the same size). Run it a few times:
 * the ratios, not the times, are what a shared machine keeps.
 */
'use strict';
const path = require('node:path');

const dist = process.argv[2] || path.join(__dirname, '..', 'dist', 'cjs');
const reps = Number(process.argv[3] || 11);
const lib = require(path.resolve(dist, 'index.js'));

function uniform(n, seed) {
  let s = (seed * 2654435761) >>> 0 || 1;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    a[i] = (s + 0.5) / 4294967296;
  }
  return a;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const small = uniform(6400000, 3);
const big = uniform(4096 * 4096, 1);
const workloads = [
  ['100000x64', lib.NDArray.fromData(small, [100000, 64])],
  ['4096x4096', lib.NDArray.fromData(big, [4096, 4096])],
  ['1x6400000', lib.NDArray.fromData(small, [1, 6400000])],
];
const times = workloads.map(() => []);
for (let i = 0; i < 2; i++) for (const [, x] of workloads) lib.entropy(x, { axis: 1 });
for (let r = 0; r < reps; r++) {
  workloads.forEach(([, x], k) => {
    const t0 = process.cpuUsage();
    lib.entropy(x, { axis: 1 });
    const t = process.cpuUsage(t0);
    times[k].push(((t.user + t.system) * 1000) / x.size);
  });
}
const ratio = (k) => median(times[0].map((t, i) => t / times[k][i]));
console.log(
  workloads.map(([name], k) => `${name} ${median(times[k]).toFixed(2)} ns/elem`).join(', ') +
    `; short/4096x4096 ${ratio(1).toFixed(3)}, short/1x6400000 ${ratio(2).toFixed(3)}`,
);
