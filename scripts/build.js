#!/usr/bin/env node
// Builds dist/cjs (CommonJS) and dist/esm (ES modules), each with .d.ts files and a one-line
// package.json giving its module type. Plain tsc, twice; no bundler.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
for (const [config, type] of [['tsconfig.json', 'commonjs'], ['tsconfig.esm.json', 'module']]) {
  execFileSync(process.execPath, [tsc, '-p', config], { cwd: root, stdio: 'inherit' });
  const out = path.join(root, 'dist', type === 'commonjs' ? 'cjs' : 'esm');
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type }) + '\n');
}
