/**
 * What the CLI reads: pandas' layouts and row labels, gzip'd and .npz inputs, binary data and
 * empty input refused in one line, and hostile input (endless lines, NUL bytes, deep JSON, huge
 * .npy headers and shapes) ended fast with exit 2. Expected values come from
 * fixtures/export_cli.py (SciPy); the devices are copies made with mknod in a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { zipSync } from 'fflate';
import '../helpers/allclose';
import { decodeTree, type EncodedTree } from '../helpers/fixtures';
import { readNpy, writeNpy } from '../../lib/cli/npy';
import { cli, itWithNumpy, numbers, python, ROOT, tempDir } from './helpers';

jest.setTimeout(60_000);

const FIX = path.join(ROOT, 'fixtures', 'cli');
const expected = JSON.parse(fs.readFileSync(path.join(FIX, 'cli.json'), 'utf8')) as Record<string, { labels: string[]; values: EncodedTree } & EncodedTree>;
const values = (key: string): number[] => decodeTree(expected[key].values) as number[];
const dir = tempDir();
const file = (name: string, content: string | Uint8Array): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const isRoot = process.getuid?.() === 0;
const itAsRoot: jest.It = isRoot ? it : it.skip;

/** `label value` lines of text output. */
function labelled(stdout: Buffer): [string[], number[]] {
  const lines = stdout.toString().trim().split('\n');
  return [lines.map((l) => l.slice(0, l.lastIndexOf(' '))), numbers(lines.map((l) => l.slice(l.lastIndexOf(' ') + 1)).join('\n'))];
}

describe('row labels and column names', () => {
  const pandas = path.join(FIX, 'pandas.csv');

  it("reads pandas' df.to_csv() layout: the index column is row labels, not counts", async () => {
    const r = await cli(['entropy', pandas, '--axis', '1']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const [labels, got] = labelled(r.stdout);
    expect(labels).toEqual(expected.pandas_rows.labels);
    expect(got).toAllClose(values('pandas_rows'), { rtol: 1e-13 });
  });

  it('reads the df.to_csv() layout of a frame made from an array: a header of integer column names', async () => {
    const file = path.join(FIX, 'pandas-int.csv');
    const rows = await cli(['entropy', file, '--axis', '1']);
    expect([rows.code, rows.stderr]).toEqual([0, '']);
    const [labels, got] = labelled(rows.stdout);
    expect(labels).toEqual(expected.pandas_int_rows.labels);
    expect(got).toAllClose(values('pandas_int_rows'), { rtol: 1e-13 });
    const [names, columns] = labelled((await cli(['entropy', file])).stdout);
    expect(names).toEqual(expected.pandas_int_columns.labels);
    expect(columns).toAllClose(values('pandas_int_columns'), { rtol: 1e-13 });
  });

  it('names each column of a per-column (axis 0) result by its header', async () => {
    const [labels, got] = labelled((await cli(['entropy', pandas])).stdout);
    expect(labels).toEqual(expected.pandas_columns.labels);
    expect(got).toAllClose(values('pandas_columns'), { rtol: 1e-13 });
  });

  it('passes a string label column through to text, csv and json output', async () => {
    const tsv = path.join(FIX, 'labelled.tsv');
    const [labels, got] = labelled((await cli(['entropy', tsv, '--axis', '1', '--base', '2'])).stdout);
    expect(labels).toEqual(expected.labelled_rows.labels);
    expect(got).toAllClose(values('labelled_rows'), { rtol: 1e-13 });
    const csv = (await cli(['entropy', tsv, '--axis', '1', '--base', '2', '--format', 'csv'])).stdout.toString().trim().split('\n');
    expect(csv[0]).toBe(',entropy');
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(expected.labelled_rows.labels);
    const json = JSON.parse((await cli(['entropy', tsv, '--axis', '1', '--base', '2', '--format', 'json'])).stdout.toString());
    expect(json.name).toBe('entropy');
    expect(json.index).toEqual(expected.labelled_rows.labels);
    expect(json.data).toAllClose(values('labelled_rows'), { rtol: 1e-13 });
    const npy = readNpy((await cli(['entropy', tsv, '--axis', '1', '--base', '2', '--format', 'npy'])).stdout, 'out.npy');
    expect(npy.toArray()).toAllClose(values('labelled_rows'), { rtol: 1e-13 });
  });

  it('takes --index-col and --usecols by index or header name, as pandas', async () => {
    const t = file('cols.csv', 'x,name,y,z\n1,a,2,100\n3,b,4,100\n');
    const r = await cli(['entropy', t, '--axis', '1', '--index-col', 'name', '--usecols', '0,y']);
    expect(r.stdout.toString()).toBe(`a ${(await cli(['entropy', '-', '--axis', '1'], { stdin: '1,2\n' })).stdout.toString().trim()}\nb ${(await cli(['entropy', '-', '--axis', '1'], { stdin: '3,4\n' })).stdout.toString().trim()}\n`);
    const none = await cli(['entropy', file('ids.csv', 'k1,1,2\nk2,3,4\n'), '--axis', '1', '--index-col', 'none']);
    expect([none.code, none.stderr]).toEqual([2, `scipy-entropy: ${dir}/ids.csv: line 1, column 1: field 1 is not a number: "k1"\n`]);
    const bad = await cli(['entropy', t, '--usecols', 'w']);
    expect(bad.stderr).toBe(`scipy-entropy: ${t}: line 1, column 1: --usecols 'w' is not a column: the header has "x", "name", "y", "z"\n`);
  });
});

describe('compressed and bundled inputs', () => {
  const table = '1,2,3\n4,5,6\n';
  const plain = async (args: string[]) => (await cli(['entropy', file('plain.csv', table), ...args])).stdout.toString();

  it('reads a gzip stream by extension or by its magic bytes, also on stdin', async () => {
    const gz = zlib.gzipSync(table);
    expect((await cli(['entropy', file('t.csv.gz', gz), '--axis', '1'])).stdout.toString()).toBe(await plain(['--axis', '1']));
    expect((await cli(['entropy', '-', '--axis', '1'], { stdin: gz })).stdout.toString()).toBe(await plain(['--axis', '1']));
    const npyGz = zlib.gzipSync(writeNpy(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3]));
    expect((await cli(['entropy', file('t.npy.gz', npyGz), '--axis', '1'])).stdout.toString()).toBe(await plain(['--axis', '1']));
  });

  it('reads an .npz archive, choosing the array with --key (default: the only one)', async () => {
    const npz = zipSync({ 'a.npy': writeNpy(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3]), 'b.npy': writeNpy(Float64Array.of(1, 1), [2]) });
    const f = file('two.npz', npz);
    expect((await cli(['entropy', f, '--key', 'a', '--axis', '1'])).stdout.toString()).toBe(await plain(['--axis', '1']));
    const none = await cli(['entropy', f]);
    expect([none.code, none.stderr]).toEqual([2, `scipy-entropy: ${f}: the archive holds 2 arrays ('a', 'b'): choose one with --key\n`]);
    const missing = await cli(['entropy', f, '--key', 'c']);
    expect(missing.stderr).toBe(`scipy-entropy: ${f}: no array 'c' in the archive (it holds 'a', 'b')\n`);
  });

  itWithNumpy('reads archives numpy writes with savez and savez_compressed', async () => {
    python("import numpy as np; x = np.arange(1, 13.).reshape(3, 4); np.savez('s.npz', x=x); np.savez_compressed('c.npz', x=x, y=x)", dir);
    const want = (await cli(['entropy', file('x.csv', '1,2,3,4\n5,6,7,8\n9,10,11,12\n'), '--axis', '1'])).stdout.toString();
    expect((await cli(['entropy', path.join(dir, 's.npz'), '--axis', '1'])).stdout.toString()).toBe(want);
    expect((await cli(['entropy', path.join(dir, 'c.npz'), '--key', 'y', '--axis', '1'])).stdout.toString()).toBe(want);
  });
});

describe('binary and empty input', () => {
  const npy = Buffer.from(writeNpy(Float64Array.of(1, 2), [2]));
  it.each([
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "this is a PNG image, not a data file (.npy, .npz, CSV, JSON, or any of them gzip'd)"],
    ['NUL bytes', Buffer.from('1,2\0,3\n'), 'binary data (a NUL byte at byte 4), not a text table or JSON'],
    ['the first bytes of an .npy', npy.subarray(0, 4), 'truncated .npy file (4 bytes)'],
    ['a cut .npy header', npy.subarray(0, 40), 'truncated .npy header (40 bytes; the header needs 128)'],
    ['a corrupt gzip stream', Buffer.concat([zlib.gzipSync('1,2\n'.repeat(1000)).subarray(0, 30), Buffer.alloc(30, 0x55)]), /^invalid|incorrect|unexpected end/],
    ['an empty input', Buffer.alloc(0), 'input was empty'],
    ['whitespace only', Buffer.from(' \n\t\n  '), 'input was empty (only blank or comment lines)'],
    ['comments only', Buffer.from('# nothing\n'), 'input was empty (only blank or comment lines)'],
    ['an empty gzip stream', zlib.gzipSync(''), 'input was empty (after decompressing)'],
  ])('refuses %s on stdin in one line with exit 2', async (_what, bytes, message) => {
    for (const axis of [['--axis', 'none'], []]) {
      const r = await cli(['entropy', '-', ...axis], { stdin: bytes });
      expect([r.code, r.stdout.length]).toEqual([2, 0]);
      if (typeof message === 'string') expect(r.stderr).toBe(`scipy-entropy: <stdin>: ${message}\n`);
      else expect(r.stderr.replace('scipy-entropy: <stdin>: ', '')).toMatch(message);
    }
  });

  it('refuses an empty or blank .json file', async () => {
    for (const text of ['', ' \n ']) {
      const r = await cli(['entropy', file('empty.json', text)]);
      expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${dir}/empty.json: input was empty\n`]);
    }
  });

  it('refuses a NUL byte deep in a text file, naming the line', async () => {
    const r = await cli(['entropy', file('late.csv', '1,2\n'.repeat(50000) + '3,\0\n')]);
    expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${dir}/late.csv: line 50001, column 1: a NUL byte: binary data, not a text table\n`]);
  });

  itAsRoot('ends fast on a copy of /dev/zero (an endless NUL stream)', async () => {
    const zero = path.join(dir, 'zero');
    expect(spawnSync('mknod', [zero, 'c', '1', '5']).status).toBe(0);
    const r = await cli(['entropy', zero, '--axis', '1']);
    expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${zero}: binary data (a NUL byte at byte 1), not a text table or JSON\n`]);
  });
});

describe('hostile or huge input', () => {
  it('caps the length of a text line (settable), and reads a long line linearly', async () => {
    const line = Array.from({ length: 300000 }, (_, i) => (i % 9) + 1).join(',');
    const f = file('long.csv', line);
    const capped = await cli(['entropy', f, '--axis', '1', '--max-line-bytes', '100000']);
    expect([capped.code, capped.stderr]).toEqual([2, `scipy-entropy: ${f}: line 1, column 1: line longer than 100000 bytes (the cap: --max-line-bytes N, or SCIPY_ENTROPY_MAX_LINE_BYTES)\n`]);
    const env = await cli(['entropy', f, '--axis', '1'], { env: { SCIPY_ENTROPY_MAX_LINE_BYTES: '1000' } });
    expect(env.code).toBe(2);
    const ok = await cli(['entropy', f, '--axis', '1', '--block-bytes', '64']);
    const whole = await cli(['entropy', file('long-rows.csv', line.replace(/,/g, '\n')), '--axis', '0']);
    expect([ok.code, ok.stdout.toString()]).toEqual([0, whole.stdout.toString()]);
  });

  it('refuses JSON nested deeper than 64 lists (numpy: 64 dimensions), without recursion', async () => {
    for (const depth of [65, 1000, 100000]) {
      const r = await cli(['entropy', file('deep.json', '['.repeat(depth) + '1' + ']'.repeat(depth)), '--axis', '-1']);
      expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${dir}/deep.json: line 1, column 65: more than 64 nested lists: NumPy arrays have at most 64 dimensions\n`]);
    }
    const ok = await cli(['entropy', file('d64.json', '['.repeat(64) + '1,3' + ']'.repeat(64)), '--axis', '-1', '--format', 'json']);
    expect(ok.code).toBe(0);
  });

  it('refuses an .npy header over 10,000 bytes at once, as NumPy', async () => {
    const head = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 0xff, 0xff, 0xff, 0xff]);
    const r = await cli(['entropy', '-'], { stdin: Buffer.concat([head, Buffer.alloc(1 << 20, 0x20)]) });
    expect([r.code, r.stderr]).toEqual([2, 'scipy-entropy: <stdin>: .npy header of 4294967295 bytes refused: NumPy reads at most 10000 (its max_header_size)\n']);
  });

  /** An .npy header claiming a shape, with no data. */
  const header = (shape: string): Buffer => {
    const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`.padEnd(117) + '\n';
    return Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length, 0]), Buffer.from(dict)]);
  };
  it.each([
    ['(0, 1000000000000)', ['--axis', '0'], 'the result would have shape (1000000000000,) (1000000000000 values), more than can be allocated'],
    ['(1000000000000, 0)', ['--axis', '-1'], 'the result would have shape (1000000000000,) (1000000000000 values), more than can be allocated'],
    ['(2, 1099511627776)', ['--axis', '-1'], 'shape (2, 1099511627776): a row of 1099511627776 values is more than can be allocated'],
  ])('refuses a shape %s that cannot be allocated, naming it, before allocating', async (shape, axis, message) => {
    const r = await cli(['entropy', '-', ...axis], { stdin: header(shape) });
    expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: <stdin>: ${message}\n`]);
  });
});
