#!/usr/bin/env node
/*
 * The threads column of `npm run bench` (also `node bench/threads.js` after `npm run build`):
 * the workloads timed on 1 thread and on `--threads=N` (default 2), same data, same
 * process. Each of `--processes=P` (default 3) child processes runs `--rounds=R` (default 3)
 * rounds; a round times a workload on one thread (the median of 3 calls after a warm-up), then
 * starts an N-thread pool, warms it up (pool start, arena first touch, JIT) and times it the same
 * way; the round's speedup is the ratio. Printed: per workload the median over processes of each
 * process's median speedup, its range, and the load average before and after (the machine is
 * shared: quote ratios, not times). `--quick` for 1024x1024 data.
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
    { name: `entropy ${M} axis=1, data in a SharedArrayBuffer`, target: 1.7, f: () => lib.entropy(XS, { axis: 1 }) },
    { name: `entropy ${M} axis=1, a plain Float64Array`, target: 1.35, f: () => lib.entropy(X, { axis: 1 }) },
    { name: `entropy ${M} axis=0`, target: 1.35, f: () => lib.entropy(X, { axis: 0 }) },
    { name: `entropy ${M} axis=1 with qk`, target: 1.5, f: () => lib.entropy(X, Y, { axis: 1 }) },
    { name: `entr ${quick ? '1M' : '16M'} elements, fresh result`, target: 1.3, f: () => lib.entr(X) },
    { name: `rel_entr ${quick ? '1M' : '16M'} elements, fresh result`, target: 1.3, f: () => lib.rel_entr(X, Y) },
    { name: '8-element entropy (1000 calls)', target: null, f: () => { for (let i = 0; i < 1000; i++) lib.entropy(P8); } },
  ];
}

/** Median ms of 3 calls of f. */
function time(f) {
  const ts = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    f();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ts);
}

function child() {
  const lib = require('../dist/cjs/index.js');
  const rows = [];
  for (const w of workloads(lib)) {
    const ratios = [], ones = [], many = [];
    for (let r = 0; r < ROUNDS; r++) {
      lib.setThreads(1);
      w.f();
      const t1 = time(w.f);
      lib.setThreads(THREADS);
      w.f();
      w.f();
      const tn = time(w.f);
      ones.push(t1);
      many.push(tn);
      ratios.push(t1 / tn);
    }
    lib.setThreads(1);
    rows.push({ name: w.name, target: w.target, one: median(ones), many: median(many), ratio: median(ratios) });
  }
  process.stdout.write(JSON.stringify(rows) + '\n');
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
  console.log(`\nThreads: ${THREADS} vs 1, median of ${PROCESSES} processes x ${ROUNDS} rounds (${os.cpus().length} cores; load average ${load0.map((x) => x.toFixed(2)).join(' ')} before, ${load1.map((x) => x.toFixed(2)).join(' ')} after)`);
  console.log(`| workload | 1 thread ms | ${THREADS} threads ms | speedup | range | target | met |`);
  console.log('|---|---|---|---|---|---|---|');
  let missed = 0;
  runs[0].forEach((row, i) => {
    const ratios = runs.map((run) => run[i].ratio);
    const ratio = median(ratios);
    const met = row.target === null ? ratio >= 0.9 : ratio >= row.target;
    if (!met) missed++;
    const target = row.target === null ? 'unchanged' : `>= ${row.target}x`;
    console.log(`| ${row.name} | ${median(runs.map((run) => run[i].one)).toFixed(1)} | ${median(runs.map((run) => run[i].many)).toFixed(1)} | ${ratio.toFixed(2)}x | ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} | ${target} | ${met ? 'yes' : 'NO'} |`);
  });
  console.log(`${runs[0].length} thread workloads; ${missed} below target`);
}

if (args.includes('--child')) child();
else parent();
