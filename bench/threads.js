#!/usr/bin/env node
/*
 * The threads column of `npm run bench` (also `node bench/threads.js` after `npm run build`):
 * the workloads timed on 1 thread and on `--threads=N` (default 2), same data, same
 * process. Each of `--processes=P` (default 3) child processes runs `--rounds=R` (default 3)
 * rounds; a round times every workload on N threads and on one (the median of 3 calls after two
 * warm-up calls; the order alternates between rounds; a second's pause after each pool start
 * or shutdown); the round's speedup is the ratio. Printed: per workload the median over
 * processes of each process's median speedup, its range, and the load average before and after
 * (the machine is shared: quote ratios, not times), and the CPU time of all the process's threads
 * on N threads over that on one: the work the threads add (copies, waiting, the pool's
 * bookkeeping), which a neighbour's load does not change the way it changes wall time.
 * `--quick` for 1024x1024 data.
 *
 * Beside each measured speedup, a model's prediction for 2, 8 and 16 cores. Per element, with c
 * the one-thread cost (measured; less f for a fresh result), k the calling thread's cost to copy
 * one operand into shared memory and f its cost to first-touch a fresh result (both measured
 * here), K the calling thread's serial work (k per staged operand, plus k + f for a fresh
 * ordinary result), beta the bytes moved through memory and B the memory bandwidth (an
 * assumption, `--bandwidth=GB/s`, default 40, a dual-channel DDR5 laptop), p workers on p cores:
 *   staged piece by piece (rows):   T/n = max((c + K) / p, K, beta / B)
 *   staged whole first (columns):   T/n = K + max(c / p, beta / B)
 * plus 0.2 ms per call. The copy is serial (only the calling thread can read an ordinary
 * ArrayBuffer): it bounds the speedup at c / K however many cores there are.
 */
'use strict';
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const a = args.find((s) => s.startsWith(`--${name}=`));
  return a === undefined ? dflt : Number(a.slice(name.length + 3));
};
const quick = args.includes('--quick');
const THREADS = opt('threads', 2);
const PROCESSES = opt('processes', 3);
const ROUNDS = opt('rounds', 3);
const N = quick ? 1024 : 4096;
const BANDWIDTH = opt('bandwidth', 40);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The workloads of the table; `target`: the speedup asked for (null: unchanged). */
function workloads(lib) {
  const uniform = (n, seed, shared) => {
    const a = shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n);
    let s = seed >>> 0 || 1;
    for (let i = 0; i < n; i++) {
      s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
      a[i] = (s + 0.5) / 4294967296;
    }
    return a;
  };
  const nd = (data, shape) => lib.NDArray.fromData(data, shape);
  const X = nd(uniform(N * N, 1, false), [N, N]);
  const XS = nd(uniform(N * N, 1, true), [N, N]);
  const Y = nd(uniform(N * N, 2, false), [N, N]);
  const P8 = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
  const M = `${N}x${N}`;
  return [
    // model: how the operands are staged (`ring` piece by piece, `whole` first), how many are
    // copied, whether a fresh ordinary result comes back through the calling thread.
    { name: `entropy ${M} axis=1, data in a SharedArrayBuffer`, target: 1.7, f: () => lib.entropy(XS, { axis: 1 }), model: { staging: 'ring', copied: 0, fresh: false } },
    { name: `entropy ${M} axis=1, a plain Float64Array`, target: 1.35, f: () => lib.entropy(X, { axis: 1 }), model: { staging: 'ring', copied: 1, fresh: false } },
    { name: `entropy ${M} axis=0`, target: 1.35, f: () => lib.entropy(X, { axis: 0 }), model: { staging: 'whole', copied: 1, fresh: false } },
    { name: `entropy ${M} axis=1 with qk`, target: 1.5, f: () => lib.entropy(X, Y, { axis: 1 }), model: { staging: 'ring', copied: 2, fresh: false } },
    { name: `entr ${quick ? '1M' : '16M'} elements, fresh result`, target: 1.3, f: () => lib.entr(X), model: { staging: 'ring', copied: 1, fresh: true } },
    { name: `rel_entr ${quick ? '1M' : '16M'} elements, fresh result`, target: 1.3, f: () => lib.rel_entr(X, Y), model: { staging: 'ring', copied: 2, fresh: true } },
    { name: '8-element entropy (20000 calls)', target: null, f: () => { for (let i = 0; i < 20000; i++) lib.entropy(P8); }, model: null },
  ];
}

/** Median ms of 3 calls of f, and the median CPU ms they used (all threads of the process). */
function time(f) {
  const ts = [];
  const cpu = [];
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    f();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e3);
  }
  return { ms: median(ts), cpu: median(cpu) };
}

/** ns per element: k, copying a plain Float64Array into a reused SharedArrayBuffer in 1 MiB blocks; f, first-touching a fresh one. */
function copyCosts() {
  const n = N * N;
  const src = new Float64Array(n).fill(0.5);
  const dst = new Float64Array(new SharedArrayBuffer(8 * n));
  const block = 1 << 17;
  const copy = () => { for (let i = 0; i < n; i += block) dst.set(src.subarray(i, Math.min(n, i + block)), i); };
  copy();
  const k = (time(copy).ms * 1e6) / n;
  const touch = (a) => { for (let i = 0; i < n; i += 512) a[i] = 1; };
  const f = (median([0, 1, 2].map(() => { const t0 = process.hrtime.bigint(); touch(new Float64Array(n)); return Number(process.hrtime.bigint() - t0); }))) / n;
  return { k, f };
}

/** Lets a closed pool's threads finish exiting before anything is timed. */
function settle() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
}

function child() {
  const lib = require('../dist/cjs/index.js');
  const costs = copyCosts();
  const list = workloads(lib);
  const times = list.map(() => ({ one: [], many: [], cpuOne: [], cpuMany: [] }));
  // Rounds alternate which setting goes first; within a setting every workload is warmed up
  // (pool start, arena first touch, JIT), then timed.
  for (let r = 0; r < ROUNDS; r++) {
    for (const threads of r % 2 === 0 ? [THREADS, 1] : [1, THREADS]) {
      lib.setThreads(threads);
      settle();
      list.forEach((w, i) => {
        w.f();
        w.f();
        const { ms, cpu } = time(w.f);
        times[i][threads === 1 ? 'one' : 'many'].push(ms);
        times[i][threads === 1 ? 'cpuOne' : 'cpuMany'].push(cpu);
      });
    }
  }
  lib.setThreads(1);
  const rows = list.map((w, i) => {
    const { one, many, cpuOne, cpuMany } = times[i];
    const cpu = median(cpuMany.map((t, r) => t / cpuOne[r]));
    return { name: w.name, target: w.target, one: median(one), many: median(many), ratio: median(one.map((t, r) => t / many[r])), cpu, model: w.model };
  });
  process.stdout.write(JSON.stringify({ rows, costs }) + '\n');
}

/** The model's speedup on p cores for a workload taking `one` ms on one thread (see the header). */
function predict(model, one, p, k, f) {
  const n = N * N;
  // The one-thread time of a fresh result includes its first touch, which moves into K.
  const c = (one * 1e6) / n - (model.fresh ? f : 0);
  const K = k * model.copied + (model.fresh ? k + f : 0);
  const beta = 8 + 24 * model.copied + (model.fresh ? 24 : 0);
  const memory = beta / BANDWIDTH;
  const perElement = model.staging === 'ring' ? Math.max((c + K) / p, K, memory) : K + Math.max(c / p, memory);
  return one / ((perElement * n) / 1e6 + 0.2);
}

function parent() {
  const load0 = os.loadavg();
  const runs = [];
  for (let p = 0; p < PROCESSES; p++) {
    const r = spawnSync(process.execPath, [__filename, '--child', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`bench/threads.js child exited with ${r.status}`);
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  const load1 = os.loadavg();
  const k = median(runs.map((r) => r.costs.k));
  const f = median(runs.map((r) => r.costs.f));
  runs.forEach((r, i) => (runs[i] = r.rows));
  console.log(`\nThreads: ${THREADS} vs 1, median of ${PROCESSES} processes x ${ROUNDS} rounds (${os.cpus().length} cores; load average ${load0.map((x) => x.toFixed(2)).join(' ')} before, ${load1.map((x) => x.toFixed(2)).join(' ')} after)`);
  console.log(`Model: k = ${k.toFixed(2)} ns/element copied, f = ${f.toFixed(2)} ns/element first touched (measured), B = ${BANDWIDTH} GB/s (assumed).`);
  console.log(`| workload | 1 thread ms | ${THREADS} threads ms | speedup | range | target | met | CPU ${THREADS} / 1 | model 2 / 8 / 16 cores |`);
  console.log('|---|---|---|---|---|---|---|---|---|');
  let missed = 0;
  runs[0].forEach((row, i) => {
    const ratios = runs.map((run) => run[i].ratio);
    const ratio = median(ratios);
    const met = row.target === null ? ratio >= 0.9 : ratio >= row.target;
    if (!met) missed++;
    const target = row.target === null ? 'unchanged' : `>= ${row.target}x`;
    const one = median(runs.map((run) => run[i].one));
    const model = row.model === null ? '-' : [2, 8, 16].map((p) => predict(row.model, one, p, k, f).toFixed(1) + 'x').join(' / ');
    console.log(`| ${row.name} | ${one.toFixed(1)} | ${median(runs.map((run) => run[i].many)).toFixed(1)} | ${ratio.toFixed(2)}x | ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} | ${target} | ${met ? 'yes' : 'NO'} | ${median(runs.map((run) => run[i].cpu)).toFixed(2)} | ${model} |`);
  });
  console.log(`${runs[0].length} thread workloads; ${missed} below target`);
}

if (args.includes('--child')) child();
else parent();
