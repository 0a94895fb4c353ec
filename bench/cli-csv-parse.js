#!/usr/bin/env node
// The CLI's CSV reader against csv-parse, on the same file, both turning it into blocks of
// float64 rows (what a streamed run reduces). Not a dependency: install csv-parse anywhere and
// point NODE_PATH at it. Run after `npm run build`:
//
//   NODE_PATH=DIR/node_modules node bench/cli-csv-parse.js big.csv [runs]
//
// Runs the two readers alternately `runs` times (default 3) and prints each time and the medians.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('csv-parse');
const { openInput, TextRows, DEFAULT_MAX_LINE_BYTES } = require(path.join(__dirname, '..', 'dist', 'cjs', 'cli', 'input.js'));

const ROWS = 4096;

async function ours(file) {
  const read = { maxLineBytes: DEFAULT_MAX_LINE_BYTES };
  const input = await openInput(file, { stdin: process.stdin }, read);
  const rows = new TextRows(input, read);
  let n = 0;
  let sum = 0;
  for (let b = await rows.read(ROWS); b !== null; b = await rows.read(ROWS)) {
    n += b.rows;
    sum += b.data[0];
  }
  return [n, sum];
}

async function csvParse(file) {
  const parser = fs.createReadStream(file, { highWaterMark: 1 << 16 }).pipe(parse({ bom: true, from_line: 2 }));
  let block = null;
  let k = 0;
  let n = 0;
  let sum = 0;
  for await (const record of parser) {
    if (block === null) block = new Float64Array(ROWS * record.length);
    for (let j = 0; j < record.length; j++) {
      const x = Number(record[j]);
      if (Number.isNaN(x) && record[j].toLowerCase() !== 'nan') throw new Error(`not a number: ${record[j]}`);
      block[k++] = x;
    }
    n++;
    if (k === block.length) {
      sum += block[0];
      k = 0;
    }
  }
  return [n, sum + (k > 0 ? block[0] : 0)];
}

async function main() {
  const [file, runsText] = process.argv.slice(2);
  const runs = Number(runsText ?? 3);
  const times = { ours: [], 'csv-parse': [] };
  for (let r = 0; r < runs; r++) {
    for (const [name, f] of [['ours', ours], ['csv-parse', csvParse]]) {
      const t0 = process.hrtime.bigint();
      const [n] = await f(file);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      times[name].push(ms);
      console.log(`${name}: ${n} rows in ${(ms / 1000).toFixed(2)} s`);
    }
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const a = median(times.ours);
  const b = median(times['csv-parse']);
  console.log(`median: ours ${(a / 1000).toFixed(2)} s, csv-parse ${(b / 1000).toFixed(2)} s, csv-parse / ours = ${(b / a).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
