/**
 * `--threads`: the output is the same byte for byte for 1, 2 and 3 threads, on CSV and .npy
 * inputs, streamed (blocks of a few rows, and blocks large enough for the worker pool) and whole,
 * with and without --qk; streamed blocks (stdin) reach the pool in shared memory (used in place,
 * not staged); bad values exit 2 with one line; a process with a running pool exits by itself.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeThreads, getThreads } from '../../lib/index';
import { writeNpy } from '../../lib/cli/npy';
import { runningPool } from '../../lib/threads/pool';
import { builtCli, cli, rng, tempDir } from './helpers';

jest.setTimeout(300_000);

const dir = tempDir();

// 3000 x 200 = 600,000 values: over the library's threshold (2^18 elements) whole, and in the
// default 4 MiB blocks (2621 rows, 524,200 values); a 4 KiB block holds 2 rows.
const ROWS = 3000;
const COLS = 200;

function values(seed: number): Float64Array {
  const r = rng(seed);
  return Float64Array.from({ length: ROWS * COLS }, r);
}

function writeBoth(name: string, v: Float64Array): { csv: string; npy: string } {
  const npy = path.join(dir, `${name}.npy`);
  fs.writeFileSync(npy, writeNpy(v, [ROWS, COLS]));
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) lines.push(Array.from(v.subarray(i * COLS, (i + 1) * COLS)).join(','));
  const csv = path.join(dir, `${name}.csv`);
  fs.writeFileSync(csv, `${lines.join('\n')}\n`);
  return { csv, npy };
}

const P = writeBoth('p', values(11));
const Q = writeBoth('q', values(23));

const BLOCKS: [string, string][] = [
  ['streamed in blocks of 2 rows', '4096'],
  ['streamed in blocks the pool splits', String(4 * 2 ** 20)],
  ['whole', String(2 ** 30)],
];

afterAll(() => closeThreads());

describe('the output is the same for every thread count', () => {
  const cases: [string, 'csv' | 'npy', boolean, string, string][] = [];
  for (const kind of ['csv', 'npy'] as const) {
    for (const qk of [false, true]) for (const [label, bytes] of BLOCKS) cases.push([`${kind}${qk ? ' with --qk' : ''}, ${label}`, kind, qk, bytes, '']);
  }
  it.each(cases)('%s', async (_label, kind, qk, bytes) => {
    const argv = ['entropy', P[kind], '--axis', '-1', '--format', 'npy', ...(qk ? ['--qk', Q[kind]] : [])];
    const env = { SCIPY_ENTROPY_BLOCK_BYTES: bytes };
    const one = await cli([...argv, '--threads', '1'], { env });
    expect(one.stderr).toBe('');
    expect(one.code).toBe(0);
    expect(one.stdout.length).toBe(128 + ROWS * 8);
    for (const threads of ['2', '3']) {
      const many = await cli([...argv, '--threads', threads], { env });
      expect([threads, many.code, many.stderr, many.stdout.toString('hex')]).toEqual([threads, 0, '', one.stdout.toString('hex')]);
    }
  });

  it.each(['csv', 'npy'] as const)('along axis 0 (read whole), %s', async (kind) => {
    const argv = ['entropy', P[kind], '--qk', Q[kind], '--format', 'npy'];
    const one = await cli([...argv, '--threads', '1']);
    expect(one.code).toBe(0);
    for (const threads of ['2', '3']) expect((await cli([...argv, '--threads', threads])).stdout.toString('hex')).toBe(one.stdout.toString('hex'));
  });
});

describe('the pool runs on streamed blocks, in place', () => {
  // Read from stdin: files on disk are read by the workers themselves (threads-npy.spec.ts, threads-text.spec.ts).
  it.each(['csv', 'npy'] as const)('%s: blocks of 2621 rows in shared memory', async (kind) => {
    closeThreads();
    expect(runningPool()).toBeNull();
    const r = await cli(['entropy', '-', '--axis', '1', '--threads', '2'], { stdin: fs.readFileSync(P[kind]), env: { SCIPY_ENTROPY_BLOCK_BYTES: String(4 * 2 ** 20) } });
    expect(r.code).toBe(0);
    expect(getThreads()).toBe(2);
    const pool = runningPool();
    expect(pool?.size).toBe(2);
    // Staging a plain block would take ring slots of input in the arena; a shared block is read
    // in place, so the arena holds only the block's 2621 results (rounded up to 1 MiB).
    expect(pool!.arena.bytes).toBe(2 ** 20);
  });

  it('--threads 1 shuts the pool down and never starts it', async () => {
    const r = await cli(['entropy', P.npy, '--axis', '1', '--threads', '1']);
    expect(r.code).toBe(0);
    expect(getThreads()).toBe(1);
    expect(runningPool()).toBeNull();
  });

  it('the default is every available core, or SCIPY_ENTROPY_THREADS', async () => {
    const cores = require('node:os').availableParallelism() as number;
    expect((await cli(['entropy', P.npy, '--axis', '1'])).code).toBe(0);
    expect(getThreads()).toBe(cores);
    expect((await cli(['entropy', P.npy, '--axis', '1'], { env: { SCIPY_ENTROPY_THREADS: '3' } })).code).toBe(0);
    expect(getThreads()).toBe(3);
    expect((await cli(['entropy', P.npy, '--axis', '1', '--threads', '2'], { env: { SCIPY_ENTROPY_THREADS: '3' } })).code).toBe(0);
    expect(getThreads()).toBe(2);
  });
});

describe('bad thread counts', () => {
  it.each(['x', '-1', '1.5', '257', '', ' ', '2x'])('--threads %j exits 2 with one line', async (value) => {
    const r = await cli(['entropy', P.npy, '--threads', value]);
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/^scipy-entropy: (--threads must be 'auto' or a whole number from 0 \(every core\) to 256; got '.*'|--threads needs a value) \(see scipy-entropy --help\)\n$/);
  });

  it('a bad SCIPY_ENTROPY_THREADS exits 2 with one line', async () => {
    const r = await cli(['entropy', P.npy], { env: { SCIPY_ENTROPY_THREADS: 'many' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("scipy-entropy: SCIPY_ENTROPY_THREADS must be 'auto' or a whole number from 0 (every core) to 256; got 'many' (see scipy-entropy --help)\n");
  });
});

describe('the process', () => {
  it('exits by itself once the output is written, with the pool running', () => {
    const r = spawnSync(process.execPath, [builtCli(), 'entropy', P.npy, '--axis', '1', '--threads', '2', '--format', 'npy'], {
      env: { ...process.env, SCIPY_ENTROPY_BLOCK_BYTES: String(4 * 2 ** 20) },
      timeout: 120_000,
    });
    expect([r.signal, r.status, r.stderr.toString()]).toEqual([null, 0, '']);
    expect(r.stdout.length).toBe(128 + ROWS * 8);
  });
});
