/**
 * Large text tables reduced along their rows with more than one thread: the workers read, parse
 * and reduce byte ranges of the file themselves (lib/cli/parallel-text.ts). The output is the
 * same byte for byte for 1, 2 and 3 threads whatever the table's form (header, comments, blank
 * lines, CRLF, quotes, tabs, spaces, --usecols, no final line break, a byte-order mark, labels),
 * and so is the first error in file order (a bad field, a ragged row, a NUL byte, a line over
 * the cap, a NaN under --nan-policy raise), with its line number.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeThreads } from '../../lib/index';
import { runningPool } from '../../lib/threads/pool';
import { cli, rng, tempDir } from './helpers';

jest.setTimeout(120_000);

const dir = tempDir();

const ROWS = 300;
const COLS = 12;
const BLOCK = { SCIPY_ENTROPY_BLOCK_BYTES: '2048' }; // about 10 rows a piece

/** The table's lines: `line(i, fields)` gives row i's text (default: comma-joined). */
function table(name: string, seed: number, options: { head?: string[]; line?: (i: number, f: string[]) => string; eol?: string; last?: string } = {}): string {
  const r = rng(seed);
  const lines = [...(options.head ?? [])];
  for (let i = 0; i < ROWS; i++) {
    const f = Array.from({ length: COLS }, () => (r() * 10).toFixed(1 + (i % 7)));
    lines.push(options.line ? options.line(i, f) : f.join(','));
  }
  const eol = options.eol ?? '\n';
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join(eol) + (options.last ?? eol));
  return file;
}

/** Runs `argv` with 1, 2 and 3 threads: each run's code, output, and the pool jobs it ran. */
async function everyThreadCount(argv: string[], env: Record<string, string> = BLOCK) {
  const runs = [];
  for (const threads of ['1', '2', '3']) {
    const old = runningPool();
    const before = old?.jobs ?? 0;
    const r = await cli([...argv, '--threads', threads], { env });
    const pool = runningPool();
    const jobs = pool === null ? 0 : pool.jobs - (pool === old ? before : 0);
    runs.push({ threads, code: r.code, stderr: r.stderr, stdout: r.stdout.toString('hex'), jobs });
  }
  return runs;
}

function expectSame(runs: Awaited<ReturnType<typeof everyThreadCount>>): void {
  for (const r of runs.slice(1)) expect([r.threads, r.code, r.stderr, r.stdout]).toEqual([r.threads, runs[0].code, runs[0].stderr, runs[0].stdout]);
}

afterAll(() => closeThreads());

describe('the same output for 1, 2 and 3 threads', () => {
  const forms: [string, () => string, string[], boolean][] = [
    ['plain CSV', () => table('plain.csv', 1), [], true],
    ['a header, comments and blank lines', () => table('head.csv', 2, { head: ['# made by a spec', '', Array.from({ length: COLS }, (_, k) => `c${k}`).join(',')], line: (i, f) => (i % 17 === 5 ? `# note\n\n${f.join(',')}` : f.join(',')) }), [], true],
    ['CRLF line ends', () => table('crlf.csv', 3, { eol: '\r\n' }), [], true],
    ['quoted fields', () => table('quoted.csv', 4, { line: (_i, f) => f.map((x, k) => (k % 3 === 0 ? `"${x}"` : x)).join(', ') }), [], true],
    ['tabs', () => table('tabs.tsv', 5, { line: (_i, f) => f.join('\t') }), [], true],
    ['runs of spaces', () => table('spaces.txt', 6, { line: (i, f) => f.join(i % 2 ? ' ' : '   ') }), [], true],
    ['--usecols', () => table('cols.csv', 7), ['--usecols', '1,4,5'], true],
    ['no final line break', () => table('last.csv', 8, { last: '' }), [], true],
    ['a byte-order mark', () => `${table('bom.csv', 9)}`, [], true],
    ['row labels (read on one thread)', () => table('labels.csv', 10, { line: (i, f) => `row${i},${f.join(',')}` }), [], false],
  ];
  it.each(forms)('%s', async (label, make, extra, pooled) => {
    const file = make();
    if (label === 'a byte-order mark') fs.writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(file)]));
    for (const format of ['npy', 'csv']) {
      const runs = await everyThreadCount(['entropy', file, '--axis', '1', '--format', format, ...extra]);
      expect([runs[0].code, runs[0].stderr]).toEqual([0, '']);
      expectSame(runs);
      expect(runs.map((r) => r.jobs)).toEqual(pooled ? [0, 1, 1] : [0, 0, 0]);
    }
  });

  it('--keepdims and --base', async () => {
    const runs = await everyThreadCount(['entropy', table('opts.csv', 11), '--axis', '-1', '--keepdims', '--base', '2', '--format', 'npy']);
    expect(runs[0].code).toBe(0);
    expectSame(runs);
  });
});

describe('the same first error for 1, 2 and 3 threads', () => {
  const bad = (name: string, at: Record<number, (f: string[]) => string>) => table(name, 12, { line: (i, f) => (at[i] ? at[i](f) : f.join(',')) });
  const errors: [string, () => string, string[], RegExp][] = [
    ['a bad field late in the file', () => bad('field.csv', { 250: (f) => `${f.slice(0, 3).join(',')},x${f.slice(4).join(',')}` }), [], /: line 251, column \d+: field 4 is not a number/],
    ['the first of two errors', () => bad('two.csv', { 120: (f) => f.slice(1).join(','), 200: (f) => `x,${f.slice(1).join(',')}` }), [], /: line 121, column \d+: ragged row: 11 fields, expected 12 \(as on line 1\)/],
    ['a NUL byte', () => bad('nul.csv', { 150: (f) => `${f.join(',')}\0` }), [], /: line 151, column 1: a NUL byte: binary data, not a text table/],
    ['a line over the cap', () => bad('long.csv', { 280: (f) => `${f.join(',')}${' '.repeat(400)}` }), ['--max-line-bytes', '300'], /line longer than 300 bytes/],
    ['a NaN under --nan-policy raise', () => bad('nan.csv', { 260: (f) => `nan,${f.slice(1).join(',')}` }), ['--nan-policy', 'raise'], /ValueError: The input contains nan values/],
  ];
  it.each(errors)('%s', async (label, make, extra, message) => {
    const runs = await everyThreadCount(['entropy', make(), '--axis', '1', ...extra]);
    expect([runs[0].code, runs[0].stdout]).toEqual([2, '']);
    expect(runs[0].stderr).toMatch(message);
    expectSame(runs);
    // The workers ran and failed, and one thread read the file again (a NUL byte is seen first).
    expect(runs.map((r) => r.jobs)).toEqual(label === 'a NUL byte' ? [0, 0, 0] : [0, 1, 1]);
  });
});
