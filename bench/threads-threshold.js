#!/usr/bin/env node
/*
 * Where two threads start to pay (after `npm run build`): per-row entropy and entr of R x 512
 * matrices, 2^14 to 2^19 elements, on 1 thread and on 2 with the size thresholds lowered to 1
 * (they are plain properties of the CommonJS build's module objects), alternating; each line the
 * median of 3 ratios, each ratio of medians of 7 timed batches of calls. The thresholds in
 * lib/threads/parallel-reduce.ts and parallel-map.ts come from this.
 */
'use strict';
const os = require('node:os');
const lib = require('../dist/cjs/index.js');
require('../dist/cjs/threads/parallel-reduce.js').REDUCE_THRESHOLD = 1;
require('../dist/cjs/threads/parallel-map.js').MAP_THRESHOLD = 1;

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const C = 512;
console.log(`load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (const R of [32, 64, 128, 256, 512, 1024]) {
  const X = lib.NDArray.fromData(new Float64Array(R * C).map((_, i) => ((i * 7919) % 1000 + 1) / 1000), [R, C]);
  for (const [name, f] of [['entropy axis=1', () => lib.entropy(X, { axis: 1 })], ['entr', () => lib.entr(X)]]) {
    const reps = Math.max(3, Math.round(2e6 / (R * C)));
    const time = (threads) => {
      lib.setThreads(threads);
      for (let i = 0; i < reps; i++) f();
      const ts = [];
      for (let r = 0; r < 7; r++) {
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < reps; i++) f();
        ts.push(Number(process.hrtime.bigint() - t0) / 1e6 / reps);
      }
      return median(ts);
    };
    const ratios = [0, 1, 2].map(() => time(1) / time(2));
    console.log(`${name}, ${R * C} elements: 2 threads ${median(ratios).toFixed(2)}x (${ratios.map((r) => r.toFixed(2)).join(' ')})`);
  }
}
lib.setThreads(1);
