#!/usr/bin/env node
// Builds dist/cjs (CommonJS) and dist/esm (ES modules), each with .d.ts files and a one-line
// package.json giving its module type. Plain tsc, twice; no bundler.
//
//   node scripts/build.js           the package as published (type-checked, with .d.ts and ESM)
//   node scripts/build.js --quick   only dist/cjs's JavaScript, each file transpiled on its own by
//                                   esbuild, without type-checking (what `npm start` runs, in well
//                                   under a second; the type check stays in `npm test`, and
//                                   `prepack` runs the full build)
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function sources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function quick() {
  const esbuild = require('esbuild');
  const lib = path.join(root, 'lib');
  const out = path.join(root, 'dist', 'cjs');
  esbuild.buildSync({ entryPoints: sources(lib), outbase: lib, outdir: out, format: 'cjs', platform: 'node', target: 'es2020', logLevel: 'error' });
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
}

function full() {
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
}

if (process.argv.includes('--quick')) quick();
else full();
