#!/usr/bin/env node
// Builds dist/cjs (CommonJS) and dist/esm (ES modules), each with .d.ts files and a one-line
// package.json giving its module type. Plain tsc, twice; no bundler.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
// Build into dist.tmp and swap it in only when both builds succeed, so a failed build never
// leaves a half-built dist/ behind.
const tmp = path.join(root, 'dist.tmp');
fs.rmSync(tmp, { recursive: true, force: true });
// The library is compiled without Node's types (it runs in browsers); the CLI (lib/cli, CommonJS
// only) with them.
const builds = [['tsconfig.json', 'cjs'], ['tsconfig.cli.json', 'cjs'], ['tsconfig.esm.json', 'esm']];
for (const [config, dir] of builds) {
  execFileSync(process.execPath, [tsc, '-p', config, '--outDir', path.join(tmp, dir)], { cwd: root, stdio: 'inherit' });
}
for (const [dir, type] of [['cjs', 'commonjs'], ['esm', 'module']]) {
  fs.writeFileSync(path.join(tmp, dir, 'package.json'), JSON.stringify({ type }) + '\n');
}
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
fs.renameSync(tmp, path.join(root, 'dist'));
