#!/usr/bin/env node
// `npm start`: the worked example SciPy users know, then the main job (per-row entropy of the
// bundled sample matrix). Runs the built CommonJS package from dist/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { entropy, rel_entr } = require('../dist/cjs/index.js');

const P = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
const Q = [0.3, 0.1, 0.2, 0.1, 0.1, 0.02, 0.08, 0.1];
const sum = (a) => a.toArray().reduce((s, x) => s + x, 0);
console.log('P =', JSON.stringify(P));
console.log('Q =', JSON.stringify(Q));
console.log(`KL(P||Q) = entropy(P, Q)        = ${entropy(P, Q)} nats`);
console.log(`KL(P||Q) = sum(rel_entr(P, Q))  = ${sum(rel_entr(P, Q))} nats`);
console.log(`KL(Q||P) = entropy(Q, P)        = ${entropy(Q, P)} nats`);
console.log(`KL(Q||P) = sum(rel_entr(Q, P))  = ${sum(rel_entr(Q, P))} nats`);
console.log(`KL(P||Q) in bits                = ${entropy(P, Q, { base: 2 })}`);

const file = path.join(__dirname, '..', 'samples', 'histograms.csv');
const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
const counts = lines.map((l) => l.split(',').map(Number));
const H = entropy(counts, { axis: 1, base: 2 });
console.log(`\nPer-row entropy (bits) of samples/histograms.csv, ${counts.length}x${counts[0].length} counts:`);
H.toArray().forEach((h, i) => console.log(`  row ${i}: ${h}`));
