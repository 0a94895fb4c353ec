#!/usr/bin/env node
// Micro-benchmark of the WebAssembly kernels (lib/wasm/entropy-fast.ts, lib/wasm/kernels.ts) against
// the TypeScript block kernels (lib/reductions/, Math.log) and a loop over lib/math/log.ts, on 16M elements
// (override with N=...). Prints ns per element: the median over interleaved rounds of CPU time
// (user + system), which a busy shared machine disturbs less than wall time; wall-time medians
// are printed beside them.
//
//   node bench/wasm-micro.js            (bundles the TypeScript sources with esbuild first)
'use strict';
const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const entry = `
  export * from './lib/wasm/kernels';
  export { entrSumFast, entrRowsFast, entrColumnsFast, relEntrSumFast, relEntrMapFast, fastKernels } from './lib/wasm/entropy-fast';
  export { KERNELS_WASM_BASE64, KERNELS_FMA_WASM_BASE64 } from './lib/wasm/kernels-bytes';
  export { entrTerms } from './lib/reductions/shannon';
  export { relEntrTerms } from './lib/reductions/relative';
  export { KernelReport } from './lib/ndarray/reduce/kernel';
  export { log as fastLog } from './lib/math/log';
`;
const { outputFiles } = esbuild.buildSync({
  stdin: { contents: entry, resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', write: false, target: 'node18',
});
const mod = new Module(path.join(root, 'bench', 'wasm-micro.bundle.js'));
mod.paths = Module._nodeModulePaths(root);
mod._compile(outputFiles[0].text, mod.id);
const K = mod.exports;

const N = Number(process.env.N || 16 * 1024 * 1024);
const ROUNDS = Number(process.env.ROUNDS || 7);

// data: probabilities-like values (a sum of 1 after scaling), no zeros
let seed = 12345;
const rand = () => {
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return (seed + 1) / 4294967297;
};
const a = new Float64Array(N);
const b = new Float64Array(N);
for (let i = 0; i < N; i++) { a[i] = rand(); b[i] = rand(); }
const out = new Float64Array(N);
const scale = 1 / N;

function tsEntrFastLog(x, n, s) {
  const log = K.fastLog;
  let s0 = 0, s1 = 0;
  for (let i = 0; i + 1 < n; i += 2) {
    const u = x[i] * s, v = x[i + 1] * s;
    s0 += u > 0 ? -u * log(u) : (u === 0 ? 0 : -Infinity);
    s1 += v > 0 ? -v * log(v) : (v === 0 ? 0 : -Infinity);
  }
  return s0 + s1;
}
function tsEntrMap(x, y, n) {
  for (let i = 0; i < n; i++) { const u = x[i]; y[i] = u > 0 ? -u * Math.log(u) : (u === 0 ? 0 : u === u ? -Infinity : u); }
}
// the TS block kernels, called per 4096-element block as an engine would
function blocks(kernel, x, y, n, c0, c2) {
  let s = 0;
  for (let off = 0; off < n; off += 4096) s += kernel(x, off, y, off, Math.min(4096, n - off), c0, 1, c2, 1, out4);
  return s;
}

// per-row sums over a (N/4096) x 4096 matrix, one call per row, as the engine makes them
function rows(f, x) {
  let s = 0;
  for (let off = 0; off < N; off += 4096) s += f(x, off);
  return s;
}

// the kernels alone, data already in wasm memory: one instance of the module (the FMA build
// when this engine validates it), 4096 elements at a_base, each kernel called N/4096 times
const raw = (() => {
  for (const b64 of [K.KERNELS_FMA_WASM_BASE64, K.KERNELS_WASM_BASE64]) {
    const bytes = Buffer.from(b64, 'base64');
    if (!WebAssembly.validate(bytes)) continue;
    const e = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { rel_entr: () => NaN } }).exports;
    new Float64Array(e.memory.buffer).set(a.subarray(0, 4096), e.a_base.value >> 3);
    return e;
  }
  return null;
})();
function inMemory(kernel) {
  const A = raw.a_base.value;
  let s = 0;
  for (let off = 0; off < N; off += 4096) s += raw[kernel](A, 4096, 1 / 4096);
  return s;
}
function colsInMemory(k) {
  const A = raw.a_base.value, B = raw.b_base.value;
  new Float64Array(raw.memory.buffer).fill(1 / 4096, B >> 3, (B >> 3) + k);
  for (let off = 0; off < N; off += 4096) raw.entr_cols_fast(A, 4096 / k, k, B, off === 0 ? 1 : 0, off + 4096 === N ? 1 : 0);
  return 0;
}

const report = { aux: 0 };
const out4 = new K.KernelReport();
const rowScales = new Float64Array(N / 64).fill(scale * 4096);
const rowOut = new Float64Array(N / 64);
function rows64(f, x) {
  let s = 0;
  for (let off = 0; off < N; off += 64) s += f(x, off);
  return s;
}

// column sums of an (N/64) x 64 matrix (the whole height) and of an (N/4096) x 4096 one
const colScales = new Float64Array(4096).fill(scale * 64);
const colOut = new Float64Array(4096);
// columns of a (N/4096) x 4096 matrix, whole rows in memory order
function columnsWide(x) {
  K.entrColumnsFast(x, 0, 4096, 1, N / 4096, 4096, colScales, colOut);
  return colOut[0];
}

const cases = [
  ['columns, (N/64) x 64: table-log column kernel', () => K.entrColumnsFast(a, 0, 64, 1, N / 64, 64, colScales, colOut)],
  ['columns, (N/4096) x 4096: table-log, whole rows', () => columnsWide(a)],
  ['entr sum, data in wasm memory: entr_sum_fast', () => inMemory('entr_sum_fast')],
  ['columns, data in wasm memory: 64 x 64', () => colsInMemory(64)],
  ['columns, data in wasm memory: 16 x 256', () => colsInMemory(256)],
  ['per-row entr sum f64: table-log wasm', () => rows((x, o) => K.entrSumFast(x, o, 4096, scale), a)],
  ['per-row entr sum, 64-long rows: table-log', () => rows64((x, o) => K.entrSumFast(x, o, 64, scale), a)],
  ['64-long rows, batched: table-log', () => K.entrRowsFast(a, 0, 64, 64, N / 64, rowScales, rowOut)],
  ['per-row entr sum f64: TS kernel', () => rows((x, o) => K.entrTerms(x, o, x, o, 4096, scale, 1, 1, 1, out4), a)],
  ['per-row rel_entr sum: two-pass wasm', () => rows((x, o) => K.relEntrSumFast(x, o, b, o, 4096, 1, 1, report), a)],
  ['per-row rel_entr sum: TS kernel', () => rows((x, o) => K.relEntrTerms(x, o, b, o, 4096, 2, 0.5, 2, 0.5, out4), a)],
  ['entr sum f64: table-log wasm', () => K.entrSumFast(a, 0, N, scale)],
  ['entr sum f64: TS kernel (Math.log)', () => blocks(K.entrTerms, a, a, N, scale, 1)],
  ['entr sum f64: TS loop (lib/math/log)', () => tsEntrFastLog(a, N, scale)],
  ['rel_entr sum: two-pass wasm', () => K.relEntrSumFast(a, 0, b, 0, N, 1, 1, report)],
  ['rel_entr sum: TS kernel (Math.log1p/log)', () => blocks(K.relEntrTerms, a, b, N, 1, 1)],
  ['entr map: wasm', () => K.entrMapWasm(a, 0, out, 0, N)],
  ['entr map: TS loop (Math.log)', () => tsEntrMap(a, out, N)],
  ['rel_entr map, b contiguous: two-pass wasm', () => K.relEntrMapFast(a, 0, b, 0, 1, out, 0, N)],
  ['rel_entr map, b broadcast: two-pass wasm', () => K.relEntrMapFast(a, 0, b, 0, 0, out, 0, N)],
];

console.log(`wasm available: ${K.wasm.available}; table-log FMA build: ${K.fastKernels.fma}; N = ${N}; ${ROUNDS} interleaved rounds; node ${process.version}`);
const cpu = cases.map(() => []);
const wall = cases.map(() => []);
for (const [, f] of cases) f(); // warm up
for (let r = 0; r < ROUNDS; r++) {
  cases.forEach(([, f], j) => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    f();
    const t1 = process.hrtime.bigint();
    const c = process.cpuUsage(c0);
    cpu[j].push(((c.user + c.system) * 1000) / N);
    wall[j].push(Number(t1 - t0) / N);
  });
}
const median = (v) => v.slice().sort((x, y) => x - y)[v.length >> 1];
for (let j = 0; j < cases.length; j++) {
  console.log(`${cases[j][0].padEnd(46)} ${median(cpu[j]).toFixed(2).padStart(6)} ns/elem cpu   ${median(wall[j]).toFixed(2).padStart(6)} wall`);
}
