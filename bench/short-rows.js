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

/** n values in (0, 1), deterministic (a Weyl sequence from `seed`). */
function uniform(n, seed) {
  const a = new Float64Array(n);
  for (let i = 0, s = seed * 0.1234567; i < n; i++) {
    s += 0.6180339887498949;
    a[i] = (s - Math.floor(s)) * 0.999 + 0.0005;
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
