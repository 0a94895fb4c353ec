#!/usr/bin/env node
// Regenerates docs/accuracy.md: our error and SciPy's against exact values, for every case of
// fixtures/exact/*.json (written by fixtures/export_exact.py). Runs the built library
// (dist/cjs; `npm run accuracy` builds it first) through the measuring code the accuracy spec
// uses, spec/helpers/exact.ts, transpiled here on the fly so that both measure the same way.
//
//   npm run accuracy              # build, then write docs/accuracy.md
//   node scripts/accuracy-table.js --stdout   # print instead of writing
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.join(__dirname, '..');

/** Loads a TypeScript module of this repo as CommonJS (it may import only node builtins). */
function loadTs(file) {
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    fileName: file,
  });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  m._compile(outputText, file);
  return m.exports;
}

const X = loadTs(path.join(root, 'spec', 'helpers', 'exact.ts'));
const distIndex = path.join(root, 'dist', 'cjs', 'index.js');
if (!fs.existsSync(distIndex)) {
  console.error('dist/cjs/index.js is missing: run `npm run build` first (or `npm run accuracy`).');
  process.exit(1);
}
const lib = require(distIndex);

const FN_LABEL = {
  entropy: '`entropy(pk)`',
  kl: '`entropy(pk, qk)` (KL)',
  cross_entropy: '`cross_entropy(pk, qk)`',
  jensenshannon: '`jensenshannon(p, q)`',
};

const fmt = X.fmt;
const maxOf = (xs) => xs.reduce((a, b) => (Number.isNaN(b) || b > a ? b : a), 0);
function median(xs) {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Measures every case once: { case, measures } or { case, error }. */
function runAll(files) {
  const out = [];
  for (const f of files) {
    for (const c of f.cases) {
      try {
        out.push({ c, ms: X.measure(c, X.ours(lib, c)) });
      } catch (e) {
        out.push({ c, error: e });
      }
    }
  }
  return out;
}

function row(label, results) {
  const ok = results.filter((r) => r.ms);
  const missing = results.filter((r) => r.error instanceof X.MissingExport);
  const failed = results.filter((r) => r.error && !(r.error instanceof X.MissingExport));
  const ms = ok.flatMap((r) => r.ms);
  const cells = [label, String(results.length), String(results.reduce((s, r) => s + r.c.exact.length, 0))];
  if (ms.length === 0) {
    const why = missing.length ? `not exported yet` : failed.length ? `threw: ${String(failed[0].error.message).split('\n')[0]}` : '';
    const scipy = results.flatMap((r) => X.measure(r.c, r.c.exact.map(() => NaN)));
    return [...cells, why, '', '', fmt(median(scipy.map((m) => m.scipyUlps))), fmt(maxOf(scipy.map((m) => m.scipyUlps))), fmt(maxOf(scipy.map((m) => m.scipyRel))), '—'].join(' | ');
  }
  const within = ms.filter(X.withinBound).length;
  const extra = failed.length ? ` (${failed.length} threw)` : missing.length ? ` (${missing.length} not run)` : '';
  return [
    ...cells,
    fmt(median(ms.map((m) => m.oursUlps))),
    fmt(maxOf(ms.map((m) => m.oursUlps))),
    fmt(maxOf(ms.map((m) => m.oursRel))),
    fmt(median(ms.map((m) => m.scipyUlps))),
    fmt(maxOf(ms.map((m) => m.scipyUlps))),
    fmt(maxOf(ms.map((m) => m.scipyRel))),
    `${within} / ${ms.length}${extra}`,
  ].join(' | ');
}

const HEAD = [
  '| group | cases | values | ours: median ulp | ours: max ulp | ours: max rel. | SciPy: median ulp | SciPy: max ulp | SciPy: max rel. | ours within max(SciPy, 4 ulp) |',
  '|---|---|---|---|---|---|---|---|---|---|',
];

function familyTable(results) {
  const lines = [...HEAD];
  const keys = [];
  for (const r of results) {
    const k = `${r.c.fn}\u0000${r.c.group}`;
    if (!keys.includes(k)) keys.push(k);
  }
  for (const k of keys) {
    const [fn, group] = k.split('\u0000');
    const rs = results.filter((r) => r.c.fn === fn && r.c.group === group);
    lines.push('| ' + row(`${FN_LABEL[fn]} ${group}`, rs) + ' |');
  }
  const fns = [...new Set(results.map((r) => r.c.fn))];
  for (const fn of fns) lines.push('| ' + row(`**${FN_LABEL[fn]} all**`, results.filter((r) => r.c.fn === fn)) + ' |');
  return lines.join('\n');
}

/** A cell's text with the table separator escaped (case names hold `||`). */
const cell = (t) => String(t).replace(/\|/g, '\\|');
const relCell = (value, rel) => (Number.isNaN(value) ? 'NaN result' : fmt(rel));

function caseTable(results, criterion, limit) {
  const lines = [
    `| case | exact (10 digits) | SciPy | SciPy rel. error | ours | our rel. error | ours within ${fmt(limit)} |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const exact = Number(r.c.exactStr[0]).toPrecision(10);
    if (!r.ms) {
      const scipyRel = Math.abs(r.c.scipy[0] - r.c.exact[0]) / Math.abs(r.c.exact[0]);
      lines.push(`| ${cell(r.c.name)} | ${exact} | ${r.c.scipy[0]} | ${relCell(r.c.scipy[0], scipyRel)} | ${r.error instanceof X.MissingExport ? 'not exported yet' : 'threw'} | | no |`);
      continue;
    }
    const ms = r.ms.filter(criterion);
    const worst = ms.reduce((a, m) => (a === null || !(m.oursRel <= a.oursRel) ? m : a), null);
    if (worst === null) continue;
    const pass = ms.every((m) => m.oursRel <= limit);
    const slice = r.c.exact.length > 1 ? ` (worst of ${ms.length} slices)` : '';
    lines.push(`| ${cell(r.c.name)}${slice} | ${Number(worst.exactStr).toPrecision(10)} | ${worst.scipy} | ${relCell(worst.scipy, worst.scipyRel)} | ${worst.ours} | ${relCell(worst.ours, worst.oursRel)} | ${pass ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

/** Per case: the worst value's error in ulps, ours and SciPy's, against a limit in ulps. */
function ulpTable(results, limit) {
  const lines = [
    `| case | exact (17 digits) | SciPy | SciPy error (ulp) | ours | our error (ulp) | ours within ${limit} ulp |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    if (!r.ms) {
      lines.push(`| ${cell(r.c.name)} | ${Number(r.c.exactStr[0]).toPrecision(17)} | ${r.c.scipy[0]} | | threw | | no |`);
      continue;
    }
    const worst = r.ms.reduce((a, m) => (a === null || !(m.oursUlps <= a.oursUlps) ? m : a), null);
    const slice = r.c.exact.length > 1 ? ` (worst of ${r.ms.length} slices)` : '';
    const pass = r.ms.every((m) => m.oursUlps <= limit);
    lines.push(`| ${cell(r.c.name)}${slice} | ${Number(worst.exactStr).toPrecision(17)} | ${worst.scipy} | ${fmt(worst.scipyUlps)} | ${worst.ours} | ${fmt(worst.oursUlps)} | ${pass ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

/** The commit the library was built from, if this is a git checkout. */
function libCommit() {
  if (process.env.ACCURACY_LIB_COMMIT) return process.env.ACCURACY_LIB_COMMIT; // a build outside a checkout
  try {
    const { execFileSync } = require('node:child_process');
    const git = (...args) => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'lib').length ? `${head} plus uncommitted changes in lib/` : head;
  } catch {
    return null;
  }
}

function main() {
  const files = X.loadExactFiles();
  const results = runAll(files);
  const versions = files[0].versions;
  const commit = libCommit();
  const count = (pred) => results.filter(pred).length;
  const parts = [];
  parts.push(`# Accuracy against exact values

Generated by \`npm run accuracy\` (scripts/accuracy-table.js) from fixtures/exact/*.json; do not
edit by hand. The same measurements are asserted by spec/accuracy/accuracy.spec.ts.
Fixtures: SciPy ${versions.scipy}, NumPy ${versions.numpy}, mpmath ${versions.mpmath}. Ours: Node ${process.versions.node}, the
built dist/cjs${commit ? ` (commit ${commit})` : ''}. ${results.length} cases, ${results.reduce((s, r) => s + r.c.exact.length, 0)} values.

## Method

* **Inputs** are doubles: small ones are stored in the fixtures as JSON numbers that round-trip
  exactly; large ones (10^4 to 10^6 elements) as a recipe (a 32-bit xorshift generator mapped to
  doubles with integer and correctly rounded arithmetic only, or runs of repeated values) that
  fixtures/export_exact.py and spec/helpers/exact.ts expand to the same bits.
* **Exact values** are computed by mpmath at 50 significant digits from those doubles, each
  converted exactly (\`mpf(float)\`), with SciPy's definitions after normalising each input to
  sum 1 along the axis: \`H = -sum p log p\`; \`KL = sum p log(p/q)\`; cross entropy
  \`-sum p log q\`; jensenshannon \`sqrt(J/2)\` with \`J = sum p log(p/m) + sum q log(q/m)\`,
  \`m = (p+q)/2\`; divided by \`log(base)\` when a base is given. For the degenerate family the
  value is recomputed with 30 more digits at a time until two precisions agree to 1e-30 (KL of
  nearly equal inputs cancels up to 25 digits).
* **Error** of a result r: \`|r - exact|\`, computed from the exact value held as the nearest
  double plus the nearest double to the remainder, so the measurement itself is far finer than
  an ulp. **ulp** is the spacing of the doubles at the exact value (the gap from |exact| to the
  next larger double): 2.2e-16 for values in [1, 2). Relative error is \`error / |exact|\`.
  A value that is NaN where the exact value is finite counts as an infinite error.
* **SciPy's value** is what SciPy ${versions.scipy} returns for the same inputs: \`scipy.stats.entropy\`,
  \`scipy.spatial.distance.jensenshannon\`, and for cross entropy (SciPy has no function for it)
  \`entropy(pk) + entropy(pk, qk)\`, the formula of SciPy's entropy docstring. Reductions along
  axis 0 of a matrix are sequential sums in NumPy, pairwise elsewhere.
* **Requirements** (spec/accuracy/accuracy.spec.ts): every value within max(SciPy's error,
  4 ulp); on inputs with one probability near 1, relative error at most 1e-13 (where the exact
  value is a normal double); where pk is nearly equal to qk (q = p (1 + 1e-9 N(0,1))), relative
  error at most 1e-6 for KL and jensenshannon.
`);
  const familyNames = {
    'entropy.json': '(a) Entropy of random inputs',
    'kl.json': '(b) Relative entropy (KL) of random pairs',
    'cross-entropy.json': '(c) Cross entropy of random pairs',
    'jensenshannon.json': '(d) Jensen-Shannon distance of random pairs',
    'degenerate.json': '(e) Degenerate inputs',
  };
  const order = ['entropy.json', 'kl.json', 'cross-entropy.json', 'jensenshannon.json', 'degenerate.json'];
  parts.push(`## Summary

| family | cases | values within max(SciPy error, 4 ulp) |
|---|---|---|`);
  const summary = [];
  for (const file of order) {
    const rs = results.filter((r) => r.c.file === file);
    if (rs.length === 0) continue;
    const ms = rs.filter((r) => r.ms).flatMap((r) => r.ms);
    const total = rs.reduce((s, r) => s + r.c.exact.length, 0);
    const notRun = count((r) => r.c.file === file && !r.ms);
    summary.push(`| ${familyNames[file]} | ${rs.length} | ${ms.filter(X.withinBound).length} / ${total}${notRun ? ` (${notRun} cases not run: function missing or threw)` : ''} |`);
  }
  parts[parts.length - 1] += '\n' + summary.join('\n') + '\n';
  for (const file of order) {
    const rs = results.filter((r) => r.c.file === file);
    if (rs.length === 0) continue;
    parts.push(`## ${familyNames[file]}

${files.find((f) => f.file === file).description}. Groups as in fixtures/exact/${file}.

${familyTable(rs)}
`);
  }
  const uniform = results.filter((r) => r.c.tags.includes('uniform'));
  parts.push(`## Uniform and near-uniform rows: error in ulps, required at most 2

When every term is equal, every rounding of a sum goes the same way: summed sequentially, 10^6
equal values 1/n were 10-16 ulp off (13.815510557964302 for log 10^6 = 13.815510557964274).
The kernels add equal terms in pairs (each addition doubles, exactly), the normalising sum is
compensated and its error corrected, so these stay within 2 ulp on every kernel path.

${ulpTable(uniform, 2)}
`);
  const nearOne = results.filter((r) => r.c.tags.includes('near_one'));
  parts.push(`## One probability near 1: relative error, required at most 1e-13

SciPy rounds \`p_max = x / sum\`, and \`log p_max\` is then tiny, so it loses 5-10 digits.

${caseTable(nearOne, (m) => Math.abs(m.exact) >= X.MIN_NORMAL, 1e-13)}
`);
  const nearEqual = results.filter((r) => r.c.tags.includes('near_equal'));
  parts.push(`## pk nearly equal to qk: relative error, required at most 1e-6

q = p (1 + 1e-9 N(0,1)) with p uniform on [0, 1), ${nearEqual.length} trials of length 10, 100
and 1000. The divergence (~1e-19) is what is left after terms of ~1e-9 cancel, so SciPy's
\`sum(rel_entr(p, q))\` is off by more than 100%, often negative; its jensenshannon then takes
the square root of a negative number and returns NaN.

${caseTable(nearEqual, () => true, 1e-6)}
`);
  const text = parts.join('\n');
  if (process.argv.includes('--stdout')) {
    process.stdout.write(text);
  } else {
    const out = path.join(root, 'docs', 'accuracy.md');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
    const within = results.filter((r) => r.ms).flatMap((r) => r.ms).filter(X.withinBound).length;
    console.log(`wrote docs/accuracy.md: ${results.length} cases; ${within} of ${results.reduce((s, r) => s + r.c.exact.length, 0)} values within max(SciPy error, 4 ulp)`);
  }
}

main();
