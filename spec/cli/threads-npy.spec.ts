/**
 * Large .npy files reduced along their last axis with more than one thread: the workers read
 * blocks of rows from the files themselves (lib/cli/parallel-rows.ts). The output is the same
 * byte for byte for 1, 2 and 3 threads, for every dtype and byte order, with and without qk,
 * and so are the errors (a NaN under --nan-policy raise in a later block, a file whose size does
 * not match its header); the runs did go to the workers (one pool job, no block through this thread).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closeThreads } from '../../lib/index';
import { runningPool } from '../../lib/threads/pool';
import { cli, rng, tempDir } from './helpers';

jest.setTimeout(120_000);

const dir = tempDir();

const SHAPE = [6, 20, 50]; // 120 rows of 50: blocks of 10 rows at 4 KiB
const SIZE = SHAPE.reduce((a, b) => a * b, 1);
const BLOCK = { SCIPY_ENTROPY_BLOCK_BYTES: '4096' };

/** An .npy file of `descr` ('<f8', '>i4', '|b1'...) holding `values` (converted to the type). */
function writeNpy(name: string, descr: string, values: readonly number[], shape = SHAPE, cut = 0): string {
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')},), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - 11, ' ') + '\n';
  const size = Number(descr.slice(2));
  const data = Buffer.alloc(values.length * size);
  const little = descr[0] !== '>';
  values.forEach((v, i) => {
    const o = i * size;
    switch (descr.slice(1)) {
      case 'f8': little ? data.writeDoubleLE(v, o) : data.writeDoubleBE(v, o); break;
      case 'f4': little ? data.writeFloatLE(v, o) : data.writeFloatBE(v, o); break;
      case 'i1': data.writeInt8(Math.round(v * 100) - 50, o); break;
      case 'u1': data.writeUInt8(Math.round(v * 200), o); break;
      case 'b1': data.writeUInt8(v < 0.3 ? 0 : v < 0.6 ? 1 : 7, o); break; // any non-zero byte is true
      case 'i2': little ? data.writeInt16LE(Math.round(v * 3000), o) : data.writeInt16BE(Math.round(v * 3000), o); break;
      case 'u2': little ? data.writeUInt16LE(Math.round(v * 60000), o) : data.writeUInt16BE(Math.round(v * 60000), o); break;
      case 'i4': little ? data.writeInt32LE(Math.round(v * 1e9), o) : data.writeInt32BE(Math.round(v * 1e9), o); break;
      case 'u4': little ? data.writeUInt32LE(Math.round(v * 4e9), o) : data.writeUInt32BE(Math.round(v * 4e9), o); break;
      case 'i8': little ? data.writeBigInt64LE(BigInt(Math.round(v * 1e15)), o) : data.writeBigInt64BE(BigInt(Math.round(v * 1e15)), o); break;
      case 'u8': little ? data.writeBigUInt64LE(BigInt(Math.round(v * 1e15)), o) : data.writeBigUInt64BE(BigInt(Math.round(v * 1e15)), o); break;
      default: throw new Error(descr);
    }
  });
  const header = Buffer.from(`\x93NUMPY\x01\x00${String.fromCharCode(dict.length & 0xff, dict.length >> 8)}${dict}`, 'latin1');
  const file = path.join(dir, name);
  const bytes = Buffer.concat([header, data]);
  fs.writeFileSync(file, bytes.subarray(0, bytes.length - cut));
  return file;
}

function values(seed: number, nanAt = -1): number[] {
  const r = rng(seed);
  return Array.from({ length: SIZE }, (_, i) => (i === nanAt ? NaN : r()));
}

/** Runs `argv` with 1, 2 and 3 threads: the outputs (code, stdout, stderr) of each. */
async function everyThreadCount(argv: string[]) {
  const runs = [];
  for (const threads of ['1', '2', '3']) {
    const old = runningPool();
    const before = old?.jobs ?? 0;
    const r = await cli([...argv, '--threads', threads], { env: BLOCK });
    const pool = runningPool();
    // Pool jobs run: one (the workers' task) for the whole file, none for 1 thread.
    const jobs = pool === null ? 0 : pool.jobs - (pool === old ? before : 0);
    runs.push({ threads, code: r.code, stderr: r.stderr, stdout: r.stdout.toString('hex'), jobs });
  }
  return runs;
}

afterAll(() => closeThreads());

const DTYPES = ['<f8', '>f8', '<f4', '>f4', '|i1', '|u1', '|b1', '<i2', '>u2', '>i4', '<u4', '<i8', '>u8'];

describe('the same output for 1, 2 and 3 threads', () => {
  it.each(DTYPES)('entropy of %s rows, with and without --qk', async (descr) => {
    const p = writeNpy(`p${descr.slice(1)}${descr[0] === '>' ? 'be' : ''}.npy`, descr, values(5));
    const q = writeNpy(`q${descr.slice(1)}${descr[0] === '>' ? 'be' : ''}.npy`, descr, values(9));
    for (const extra of [[], ['--qk', q], ['--base', '2', '--keepdims']]) {
      const runs = await everyThreadCount(['entropy', p, '--axis', '2', '--format', 'npy', ...extra]);
      expect(runs[0].code).toBe(0);
      expect(runs[0].stdout.length).toBeGreaterThan(0);
      for (const r of runs.slice(1)) expect({ ...r, jobs: 0 }).toEqual({ ...runs[0], threads: r.threads, jobs: 0 });
      expect(runs.map((r) => r.jobs)).toEqual([0, 1, 1]);
    }
  });

  it.each(['cross_entropy', 'jensenshannon'])('%s of two files, in text', async (command) => {
    const p = writeNpy('p2.npy', '<f8', values(13));
    const q = writeNpy('q2.npy', '>f4', values(17));
    const argv = command === 'cross_entropy' ? [command, p, '--qk', q] : [command, p, q];
    const runs = await everyThreadCount([...argv, '--axis', '-1']);
    expect(runs[0].code).toBe(0);
    for (const r of runs.slice(1)) expect([r.code, r.stderr, r.stdout]).toEqual([runs[0].code, runs[0].stderr, runs[0].stdout]);
  });
});

describe('the same errors for 1, 2 and 3 threads', () => {
  const expectSame = (runs: Awaited<ReturnType<typeof everyThreadCount>>, message: string) => {
    for (const r of runs) expect([r.threads, r.code, r.stdout, r.stderr]).toEqual([r.threads, 2, '', message]);
  };

  it('a NaN in a later block under --nan-policy raise (in pk, or in qk only)', async () => {
    const p = writeNpy('nan-p.npy', '<f8', values(21, 50 * 77 + 3));
    const clean = writeNpy('clean.npy', '<f8', values(22));
    const q = writeNpy('nan-q.npy', '>f8', values(23, 50 * 101));
    const message = (names: string) => `scipy-entropy: ${names}: ValueError: The input contains nan values\n`;
    const runs = await everyThreadCount(['entropy', p, '--axis', '2', '--nan-policy', 'raise']);
    expectSame(runs, message(p));
    expect(runs.map((r) => r.jobs)).toEqual([0, 1, 1]);
    expectSame(await everyThreadCount(['entropy', clean, '--qk', q, '--axis', '2', '--nan-policy', 'raise']), message(`${clean} and ${q}`));
  });

  it('a truncated or overlong file: pk before qk', async () => {
    const short = writeNpy('short.npy', '<f4', values(31), SHAPE, 3);
    const long = path.join(dir, 'long.npy');
    fs.writeFileSync(long, Buffer.concat([fs.readFileSync(writeNpy('ok.npy', '<f4', values(32))), Buffer.from('xy')]));
    const ok = path.join(dir, 'ok.npy');
    const runs = await everyThreadCount(['entropy', short, '--qk', long, '--axis', '-1']);
    expectSame(runs, `scipy-entropy: ${short}: truncated .npy data: shape (6, 20, 50) of float32 needs 24000 bytes, found 23997\n`);
    expectSame(await everyThreadCount(['entropy', ok, '--qk', long, '--axis', '-1']), `scipy-entropy: ${long}: corrupt .npy data: shape (6, 20, 50) of float32 needs 24000 bytes, found 24002\n`);
  });
});
