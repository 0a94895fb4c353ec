/**
 * A streamed run (blocks of a few rows: a tiny SCIPY_ENTROPY_BLOCK_BYTES) gives exactly what a
 * whole-file run gives - stdout byte for byte, stderr word for word, the exit code - for every
 * pairing of shapes (q broadcasting of every rank, 3-D inputs, single-row and mismatched q) and
 * input kinds (CSV, .npy, JSON mixed), including bad data met mid-stream.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../helpers/allclose';
import { writeNpy } from '../../lib/cli/npy';
import { run } from '../../lib/cli/run';
import { cli, tempDir } from './helpers';
import { Readable, Writable } from 'node:stream';

jest.setTimeout(120_000);

const dir = tempDir();
let serial = 0;

/** A deterministic generator (Park-Miller). */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

type Kind = 'csv' | 'npy' | 'json';
/** Writes values of a shape as a file of a kind (CSV only for 2-D). */
function write(kind: Kind, shape: number[], values: number[], defect?: number): string {
  const name = path.join(dir, `in${serial++}.${kind}`);
  if (kind === 'npy') {
    fs.writeFileSync(name, writeNpy(Float64Array.from(values), shape));
  } else if (kind === 'json') {
    let k = 0;
    const build = (d: number): unknown => (d === shape.length ? values[k++] : Array.from({ length: shape[d] }, () => build(d + 1)));
    fs.writeFileSync(name, JSON.stringify(build(0)));
  } else {
    const cols = shape[shape.length - 1];
    const lines: string[] = [];
    for (let r = 0; r * cols < values.length; r++) lines.push(values.slice(r * cols, (r + 1) * cols).join(','));
    if (defect !== undefined && lines.length > 0) lines[defect % lines.length] = lines[defect % lines.length].replace(/^[^,]*/, 'oops');
    fs.writeFileSync(name, lines.join('\n') + '\n');
  }
  return name;
}

/** Runs argv whole (blocks larger than any input) and streamed (blocks of a row or two). */
async function bothWays(argv: string[]) {
  const whole = await cli(argv, { env: { SCIPY_ENTROPY_BLOCK_BYTES: String(1 << 30) } });
  const streamed = await cli(argv, { env: { SCIPY_ENTROPY_BLOCK_BYTES: '8' } });
  const streamed2 = await cli(argv, { env: { SCIPY_ENTROPY_BLOCK_BYTES: '100' } });
  return { whole, streamed, streamed2 };
}

function expectSame(r: Awaited<ReturnType<typeof bothWays>>, label: string): void {
  const show = (x: { code: number; stdout: Buffer; stderr: string }) => [label, x.code, x.stderr, x.stdout.toString('hex')];
  expect(show(r.streamed)).toEqual(show(r.whole));
  expect(show(r.streamed2)).toEqual(show(r.whole));
}

describe('streamed and whole-file runs agree', () => {
  const cases: [string, Kind, number[], Kind | undefined, number[] | undefined, string[]][] = [
    // The failures reported in the issue, scaled down.
    ['p (2, 6) with q (1, 1, 6) along axis 1: q adds an axis', 'npy', [2, 6], 'npy', [1, 1, 6], ['--axis', '1']],
    ['p (3, 10, 10) with q (10, 10)', 'npy', [3, 10, 10], 'npy', [10, 10], ['--axis', '-1']],
    ['p (2, 20, 3) with q (20, 3)', 'npy', [2, 20, 3], 'npy', [20, 3], ['--axis', '-1']],
    ['a 3-D .npy with a CSV q', 'npy', [2, 5, 4], 'csv', [5, 4], ['--axis', '-1']],
    ['a single-row .npy q', 'npy', [7, 4], 'npy', [1, 4], ['--axis', '-1']],
    ['40 rows against 39', 'npy', [40, 3], 'npy', [39, 3], ['--axis', '-1']],
    ['a single-row CSV q', 'csv', [9, 4], 'csv', [1, 4], ['--axis', '1']],
    ['40 CSV rows against 39', 'csv', [40, 3], 'csv', [39, 3], ['--axis', '1']],
    ['39 CSV rows against 40', 'csv', [39, 3], 'csv', [40, 3], ['--axis', '1']],
    ['a one-row p against many q rows', 'csv', [1, 3], 'csv', [6, 3], ['--axis', '1']],
    ['p (1, 4, 3) against q (2, 4, 3)', 'npy', [1, 4, 3], 'npy', [2, 4, 3], ['--axis', '-1']],
    ['q rows of length 1', 'csv', [5, 4], 'npy', [5, 1], ['--axis', '1']],
    ['a 1-D q', 'csv', [5, 4], 'json', [4], ['--axis', '-1']],
    ['a scalar q', 'npy', [5, 4], 'json', [], ['--axis', '-1']],
    ['columns that do not broadcast', 'csv', [5, 4], 'csv', [5, 3], ['--axis', '1']],
  ];
  it.each(cases)('%s', async (label, pKind, pShape, qKind, qShape, axis) => {
    const r = rng(label.length * 7919);
    const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const p = write(pKind, pShape, Array.from({ length: size(pShape) }, () => Math.floor(r() * 9) + 1));
    const argv = ['entropy', p, ...axis];
    if (qKind !== undefined) argv.push('--qk', write(qKind, qShape!, Array.from({ length: size(qShape!) }, () => Math.floor(r() * 9) + 1)));
    const both = await bothWays(argv);
    expectSame(both, label);
  });

  it('on random pairs of shapes, kinds, commands and defects', async () => {
    const r = rng(20261202);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    let failures = 0;
    let streamedOk = 0;
    for (let n = 0; n < 150; n++) {
      const pNdim = pick([2, 2, 3]);
      const pKind: Kind = pNdim === 2 ? pick(['csv', 'npy'] as const) : 'npy';
      const pShape = Array.from({ length: pNdim }, () => pick([1, 2, 3, 5]));
      pShape[pNdim - 1] = pick([1, 3, 4]);
      const command = pick(['entropy', 'entropy', 'cross_entropy', 'jensenshannon']);
      const withQ = command !== 'entropy' || r() < 0.7;
      // q: pk's shape with some dimensions set to 1, dropped, added, or changed.
      let qShape = pShape.slice();
      const how = pick(['same', 'ones', 'drop', 'add', 'change', 'last1']);
      if (how === 'ones') qShape = qShape.map((d, k) => (k < qShape.length - 1 && r() < 0.6 ? 1 : d));
      if (how === 'drop') qShape = qShape.slice(Math.floor(r() * qShape.length));
      if (how === 'add') qShape = [pick([1, 2]), ...qShape];
      if (how === 'change') qShape[Math.floor(r() * qShape.length)] += 1;
      if (how === 'last1') qShape[qShape.length - 1] = 1;
      const qKind: Kind = qShape.length === 2 ? pick(['csv', 'npy', 'json'] as const) : pick(['npy', 'json'] as const);
      const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
      const values = (s: number[]) => Array.from({ length: size(s) }, () => (r() < 0.05 ? 0 : Math.floor(r() * 20) + 1));
      const pDefect = pKind === 'csv' && r() < 0.15 ? Math.floor(r() * 10) : undefined;
      const qDefect = qKind === 'csv' && r() < 0.15 ? Math.floor(r() * 10) : undefined;
      const p = write(pKind, pShape, values(pShape), pDefect);
      const args = [command, p];
      if (withQ) {
        const q = write(qKind, qShape, values(qShape), qDefect);
        if (command === 'jensenshannon') args.push(q);
        else args.push('--qk', q);
      }
      args.push('--axis', pick(['-1', String(pNdim - 1)]));
      if (r() < 0.3) args.push('--keepdims');
      if (r() < 0.3) args.push('--format', pick(['json', 'csv', 'npy']));
      if (command !== 'jensenshannon' && r() < 0.2) args.push('--nan-policy', pick(['raise', 'omit']));
      const both = await bothWays(args);
      expectSame(both, args.map((a) => a.replace(dir, '')).join(' ') + ` (q ${JSON.stringify(qShape)})`);
      if (both.whole.code !== 0) failures++;
      else streamedOk++;
    }
    // The random cases cover both answers and errors.
    expect(failures).toBeGreaterThan(10);
    expect(streamedOk).toBeGreaterThan(50);
  });
});

describe('internal errors', () => {
  it('exit 1 with one line, and a stack trace under SCIPY_ENTROPY_DEBUG=1', async () => {
    const f = path.join(dir, 'ok.csv');
    fs.writeFileSync(f, '1,2\n');
    for (const debug of [undefined, '1']) {
      const env = new Proxy({ SCIPY_ENTROPY_DEBUG: debug } as Record<string, string | undefined>, {
        get(target, key) {
          if (key === 'SCIPY_ENTROPY_MAX_LINE_BYTES') throw new Error('boom');
          return target[key as string];
        },
      });
      const err: string[] = [];
      const stderr = new Writable({ write: (c, _e, cb) => (err.push(String(c)), cb()) });
      const stdout = new Writable({ write: (_c, _e, cb) => cb() });
      const code = await run(['entropy', f], { stdin: Readable.from([]), stdout, stderr, env, version: '0' });
      expect(code).toBe(1);
      expect(err[0]).toBe('scipy-entropy: internal error: boom\n');
      expect(err.length).toBe(debug ? 2 : 1);
      if (debug) expect(err[1]).toMatch(/^Error: boom\n\s+at /);
    }
  });
});
