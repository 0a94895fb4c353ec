#!/usr/bin/env node
/*
 * `npm run bench`: our functions and SciPy's on the same data, in one run.
 *
 * Each workload's data is generated once (seeded), written as raw little-endian arrays for
 * python3 (bench/scipy_bench.py times SciPy with timeit, so interpreter start-up is excluded),
 * timed here (warm-up, then the median of >= 7 runs), checked for agreement (rtol 1e-12), and
 * summarised: ours ms, SciPy ms, ratio SciPy/ours, the plain NumPy expression's ms and ratio
 * NumPy/ours (what a Python user writes instead of calling SciPy, e.g.
 * `p = x / x.sum(1, keepdims=True); -(p * np.log(p)).sum(1)`; see bench/scipy_bench.py), ns per
 * element, peak extra memory of ours (typed-array bytes allocated during a call beyond the
 * output). Targets are issue 12's. `--quick` for smaller sizes.
 * Then the threads table (bench/threads.js: 1 thread against 2; `--no-threads` skips it).
 * The elementwise workloads also run with a reused output buffer on both sides (`out=`): a
 * fresh 128 MiB result costs Node ~20 ns per element in first-touch page faults on this VM,
 * while NumPy's allocator hands back recently freed (huge-page) memory.
 * Results are also written to bench/results/latest.json (gitignored).
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const lib = require('../dist/cjs/index.js');

const quick = process.argv.includes('--quick');
const only = (process.argv.find((a) => a.startsWith('--only=')) || '').slice(7);
const N = quick ? 1024 : 4096;
const TALL = quick ? 25000 : 100000;
const RUNS = 7;

// xorshift128+ uniform [0, 1), seeded: the same data every run.
function rng(seed) {
  let s0 = 0x9e3779b9 ^ seed, s1 = 0x85ebca6b ^ (seed * 7919), s2 = 0xc2b2ae35, s3 = 0x27d4eb2f;
  return () => {
    const t = s0 ^ (s0 << 11);
    s0 = s1; s1 = s2; s2 = s3;
    s3 = (s3 ^ (s3 >>> 19) ^ t ^ (t >>> 8)) >>> 0;
    return (s3 + 0.5) / 4294967296;
  };
}
function uniform(n, seed, Ctor = Float64Array) {
  const r = rng(seed);
  const a = new Ctor(n);
  for (let i = 0; i < n; i++) a[i] = r();
  return a;
}
const nd = (data, shape) => lib.NDArray.fromData(data, shape);

const P8 = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
const Q8 = [0.3, 0.1, 0.2, 0.1, 0.1, 0.02, 0.08, 0.1];
const big = () => uniform(N * N, 1);

const workloads = [
  { name: 'entropy 8-element P, per call', n: 8, kind: 'entropy', axis: 0, inputs: () => [[Float64Array.from(P8), [8]]], ours: (p) => () => lib.entropy(P8), target: 700 },
  { name: 'entropy 8-element P and Q, per call', n: 8, kind: 'entropy', axis: 0, inputs: () => [[Float64Array.from(P8), [8]], [Float64Array.from(Q8), [8]]], ours: () => () => lib.entropy(P8, Q8), target: 700 },
  { name: `entropy ${N}x${N}, axis=1`, n: N * N, kind: 'entropy', axis: 1, inputs: () => [[big(), [N, N]]], ours: (p) => () => lib.entropy(p, { axis: 1 }), target: 2.5, numpyTarget: 1.3 },
  { name: `entropy ${N}x${N}, axis=0`, n: N * N, kind: 'entropy', axis: 0, inputs: () => [[big(), [N, N]]], ours: (p) => () => lib.entropy(p, { axis: 0 }), target: 2.2 },
  { name: `entropy ${N}x${N}, axis=1, with qk`, n: N * N, kind: 'entropy', axis: 1, inputs: () => [[big(), [N, N]], [uniform(N * N, 2), [N, N]]], ours: (p, q) => () => lib.entropy(p, q, { axis: 1 }), target: 4 },
  { name: `entropy ${TALL}x64, axis=0`, n: TALL * 64, kind: 'entropy', axis: 0, inputs: () => [[uniform(TALL * 64, 3), [TALL, 64]]], ours: (p) => () => lib.entropy(p, { axis: 0 }), target: 2 },
  { name: `entropy ${TALL}x64, axis=1`, n: TALL * 64, kind: 'entropy', axis: 1, inputs: () => [[uniform(TALL * 64, 3), [TALL, 64]]], ours: (p) => () => lib.entropy(p, { axis: 1 }), target: 1.5 },
  { name: `entropy 64x${TALL}, axis=0`, n: TALL * 64, kind: 'entropy', axis: 0, inputs: () => [[uniform(TALL * 64, 4), [64, TALL]]], ours: (p) => () => lib.entropy(p, { axis: 0 }), target: 1.5 },
  { name: `entropy 64x${TALL}, axis=1`, n: TALL * 64, kind: 'entropy', axis: 1, inputs: () => [[uniform(TALL * 64, 4), [64, TALL]]], ours: (p) => () => lib.entropy(p, { axis: 1 }), target: 2.5 },
  { name: `entropy transposed ${N}x${N} view, axis=1`, n: N * N, kind: 'entropy', axis: 1, transpose: true, inputs: () => [[big(), [N, N]]], ours: (p) => { const t = p.transpose(); return () => lib.entropy(t, { axis: 1 }); }, target: 2.2 },
  { name: `rel_entr (${N},${N}) vs (${N},)`, n: N * N, kind: 'rel_entr', inputs: () => [[big(), [N, N]], [uniform(N, 5), [N]]], ours: (x, y) => () => lib.rel_entr(x, y), target: 2.5 },
  { name: `rel_entr (${N},${N}) vs (${N},), out= reused`, n: N * N, kind: 'rel_entr', out: true, inputs: () => [[big(), [N, N]], [uniform(N, 5), [N]]], ours: (x, y) => { const out = new Float64Array(N * N); return () => lib.rel_entr(x, y, { out }); }, target: 2.5 },
  { name: `entr of ${quick ? '1M' : '16M'} elements`, n: N * N, kind: 'entr', inputs: () => [[big(), [N * N]]], ours: (x) => () => lib.entr(x), target: 1 },
  { name: `entr of ${quick ? '1M' : '16M'} elements, out= reused`, n: N * N, kind: 'entr', out: true, inputs: () => [[big(), [N * N]]], ours: (x) => { const out = new Float64Array(N * N); return () => lib.entr(x, { out }); }, target: 1 },
  { name: `entropy float32 ${N}x${N}, axis=1`, n: N * N, kind: 'entropy', axis: 1, inputs: () => [[uniform(N * N, 1, Float32Array), [N, N]]], ours: (p) => () => lib.entropy(p, { axis: 1 }), target: 1.2 },
].filter((w) => !only || w.name.includes(only));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Milliseconds per call: warm up, then the median of RUNS timed batches. */
function timeOurs(f) {
  let batch = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) f();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms > 50 || batch > 1e7) break;
    batch *= 4;
  }
  for (let i = 0; i < 3; i++) for (let j = 0; j < batch; j++) f(); // warm-up
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) f();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6 / batch);
  }
  return median(runs);
}

/** Typed-array bytes allocated by one call, minus the output's own bytes. */
function extraBytes(f) {
  const names = ['Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Uint8Array', 'Int8Array', 'Int16Array', 'Uint16Array', 'ArrayBuffer'];
  const saved = names.map((n) => globalThis[n]);
  let bytes = 0;
  names.forEach((n, i) => {
    globalThis[n] = new Proxy(saved[i], {
      construct(target, args, newTarget) {
        const obj = Reflect.construct(target, args, newTarget === globalThis[n] ? target : newTarget);
        if (n === 'ArrayBuffer') bytes += obj.byteLength;
        else if (!(args[0] instanceof ArrayBuffer)) bytes += obj.byteLength;
        return obj;
      },
    });
  });
  let out;
  try {
    out = f();
  } finally {
    names.forEach((n, i) => (globalThis[n] = saved[i]));
  }
  const outBytes = typeof out === 'number' ? 0 : out.data.byteLength;
  return Math.max(0, bytes - outBytes);
}

function writeRaw(dir, name, data) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  return file;
}

function pythonAvailable() {
  const r = spawnSync('python3', ['-c', 'import numpy, scipy; print(scipy.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function fmtBytes(b) {
  if (b < 1024) return `${b} B`;
  if (b < 1 << 20) return `${(b / 1024).toFixed(1)} KiB`;
  return `${(b / (1 << 20)).toFixed(1)} MiB`;
}

async function main() {
  const scipyVersion = pythonAvailable();
  if (!scipyVersion) console.log('python3 with NumPy/SciPy not found: printing our timings alone.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scipy-entropy-bench-'));
  const rows = [];
  try {
    for (const w of workloads) {
      const inputs = w.inputs();
      const arrays = inputs.map(([data, shape]) => nd(data, shape));
      const f = w.ours(...arrays);
      const ours = f();
      const msOurs = timeOurs(f);
      const extra = extraBytes(f);
      let msScipy = null;
      let msNumpy = null;
      let agree = null;
      if (scipyVersion) {
        const plan = {
          workloads: [{
            name: w.name, kind: w.kind, axis: w.axis, transpose: !!w.transpose, out: !!w.out, runs: RUNS,
            result: path.join(dir, 'result.f64'),
            inputs: inputs.map(([data, shape], i) => ({ file: writeRaw(dir, `in${i}.raw`, data), dtype: data instanceof Float32Array ? '<f4' : '<f8', shape })),
          }],
        };
        fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(plan));
        const out = await run('python3', [path.join(__dirname, 'scipy_bench.py'), path.join(dir, 'plan.json')]);
        const reply = JSON.parse(out.trim().split('\n').pop());
        msScipy = reply.ms;
        msNumpy = reply.numpy_ms;
        const buf = fs.readFileSync(path.join(dir, 'result.f64'));
        const theirs = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
        const mine = typeof ours === 'number' ? Float64Array.of(ours) : ours.toFloat64Array();
        const rtol = w.kind === 'entropy' && inputs[0][0] instanceof Float32Array ? 1e-6 : 1e-12; // SciPy computes float32 in float32
        agree = mine.length === theirs.length && mine.every((x, i) => Math.abs(x - theirs[i]) <= rtol * Math.abs(theirs[i]) || (Number.isNaN(x) && Number.isNaN(theirs[i])));
      }
      const row = { workload: w.name, oursMs: msOurs, scipyMs: msScipy, ratio: msScipy ? msScipy / msOurs : null, target: w.target, numpyMs: msNumpy, numpyRatio: msNumpy ? msNumpy / msOurs : null, numpyTarget: w.numpyTarget ?? null, nsPerElement: (msOurs * 1e6) / w.n, extraBytes: extra, agree };
      rows.push(row);
      printRow(row);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const outDir = path.join(__dirname, 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const meta = { date: new Date().toISOString(), node: process.version, scipy: scipyVersion, cpu: os.cpus()[0]?.model, cores: os.cpus().length, quick };
  fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify({ meta, rows }, null, 2));
  const missed = rows.filter((r) => (r.ratio !== null && r.ratio < r.target) || (r.numpyRatio !== null && r.numpyTarget !== null && r.numpyRatio < r.numpyTarget));
  console.log(`\n${rows.length} workloads; ${missed.length} below target${missed.length ? ': ' + missed.map((r) => r.workload).join('; ') : ''}; results in bench/results/latest.json`);
  // The threads column: bench/threads.js (1 thread against 2, in child processes).
  if (!only && !process.argv.includes('--no-threads')) spawnSync(process.execPath, [path.join(__dirname, 'threads.js'), ...(quick ? ['--quick'] : [])], { stdio: 'inherit' });
  if (rows.some((r) => r.agree === false)) {
    console.log('DISAGREEMENT with SciPy beyond tolerance in: ' + rows.filter((r) => r.agree === false).map((r) => r.workload).join('; '));
    process.exitCode = 1;
  }
}

let headerDone = false;
function printRow(r) {
  if (!headerDone) {
    console.log('| workload | ours ms | SciPy ms | SciPy/ours | target | NumPy expr ms | NumPy/ours | target | ns/elem (ours) | peak extra memory (ours) | agree 1e-12 |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    headerDone = true;
  }
  const f = (x, d) => (x === null ? '-' : x < 0.01 ? x.toExponential(2) : x.toFixed(d));
  const x = (v) => (v === null ? '-' : v.toFixed(2) + 'x');
  console.log(`| ${r.workload} | ${f(r.oursMs, 3)} | ${f(r.scipyMs, 3)} | ${x(r.ratio)} | ${r.target}x | ${f(r.numpyMs, 3)} | ${x(r.numpyRatio)} | ${r.numpyTarget === null ? '-' : r.numpyTarget + 'x'} | ${f(r.nsPerElement, 2)} | ${fmtBytes(r.extraBytes)} | ${r.agree === null ? '-' : r.agree ? 'yes' : 'NO'} |`);
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
