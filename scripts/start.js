#!/usr/bin/env node
// `npm start`: the worked example SciPy users know, then the main job (per-row entropy of the
// bundled sample matrix, by the `scipy-entropy` CLI). Runs the built CommonJS package from dist/.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { entropy, rel_entr } = require('../dist/cjs/index.js');

const P = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
const Q = [0.3, 0.1, 0.2, 0.1, 0.1, 0.02, 0.08, 0.1];
const sum = (a) => a.sum();
console.log('P =', JSON.stringify(P));
console.log('Q =', JSON.stringify(Q));
console.log(`KL(P||Q) = entropy(P, Q)        = ${entropy(P, Q)} nats`);
console.log(`KL(P||Q) = sum(rel_entr(P, Q))  = ${sum(rel_entr(P, Q))} nats`);
console.log(`KL(Q||P) = entropy(Q, P)        = ${entropy(Q, P)} nats`);
console.log(`KL(Q||P) = sum(rel_entr(Q, P))  = ${sum(rel_entr(Q, P))} nats`);
console.log(`KL(P||Q) in bits                = ${entropy(P, Q, { base: 2 })}`);

// The main job, by the command-line tool: per-row entropy of the bundled sample matrix.
const args = ['entropy', path.join('samples', 'histograms.csv'), '--axis', '1'];
console.log(`\nPer-row entropy (nats) of samples/histograms.csv, by the CLI:\n$ scipy-entropy ${args.join(' ')}`);
const cli = spawnSync(process.execPath, [path.join(__dirname, '..', 'dist', 'cjs', 'cli', 'main.js'), ...args], {
  cwd: path.join(__dirname, '..'),
  stdio: 'inherit',
});
process.exitCode = cli.status ?? 1;
