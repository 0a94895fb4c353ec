import * as fs from 'node:fs';
import * as path from 'node:path';
import '../helpers/allclose';
import { Readable, Writable } from 'node:stream';
import { readNpy, writeNpy } from '../../lib/cli/npy';
import { run } from '../../lib/cli/run';
import { jensenshannon } from '../../lib/spatial/jensenshannon';
import { entropy } from '../../lib/stats/entropy';
import type { NDArray } from '../../lib/index';
import { cli, numbers, tempDir } from './helpers';

jest.setTimeout(60_000); // python3 and large inputs can be slow on a loaded machine

const dir = tempDir();
const file = (name: string, content: string | Uint8Array): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const M = [[1, 2, 3], [4, 5, 6], [0, 0, 7]];
const csv = file('m.csv', 'a,b,c\n' + M.map((r) => r.join(',')).join('\n') + '\n');
const Q = [[3, 2, 1], [1, 1, 1], [1, 2, 3]];
const qcsv = file('q.csv', Q.map((r) => r.join(',')).join('\n'));

/** A deterministic matrix of positive counts. */
function matrix(rows: number, cols: number, seed = 1): number[][] {
  let s = seed;
  const next = (): number => ((s = (s * 16807) % 2147483647) % 1000) + 1;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, next));
}

describe('scipy-entropy entropy', () => {
  it('prints per-row entropy of a CSV with a header, one value per line', async () => {
    const r = await cli(['entropy', csv, '--axis', '1']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(numbers(r.stdout)).toAllClose(entropy(M, { axis: 1 }));
  });

  it('reduces along axis 0 by default, as SciPy, and takes --base, --axis none and --keepdims', async () => {
    expect((await cli(['entropy', csv])).stdout.toString()).toBe(Array.from((entropy(M) as NDArray).toArray() as number[], (h, k) => `${'abc'[k]} ${h}\n`).join(''));
    expect(numbers((await cli(['entropy', csv, '--axis', 'none', '--base', '2'])).stdout)).toAllClose([entropy(M, { axis: null, base: 2 })]);
    const keep = await cli(['entropy', csv, '--axis', '-1', '--keepdims', '--format', 'json']);
    expect(JSON.parse(keep.stdout.toString())).toAllClose((entropy(M, { axis: -1, keepdims: true })).toArray());
  });

  it('computes the KL divergence against --qk', async () => {
    const r = await cli(['entropy', csv, '--qk', qcsv, '--axis', '1']);
    expect(numbers(r.stdout)).toAllClose(entropy(M, Q, { axis: 1 }));
  });

  it('writes csv, json and npy, and picks the format from the -o extension', async () => {
    const H = entropy(M, { axis: null, keepdims: true });
    expect((await cli(['entropy', csv, '--axis', 'none', '--keepdims', '--format', 'csv'])).stdout.toString()).toBe(`${H.toArray().toString()}\n`);
    const out = path.join(dir, 'h.npy');
    const r = await cli(['entropy', csv, '--axis', '1', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    const a = readNpy(fs.readFileSync(out), out);
    expect(a.shape).toEqual([3]);
    expect(a.toArray()).toAllClose(entropy(M, { axis: 1 }));
    const json = path.join(dir, 'h.json');
    await cli(['entropy', csv, '--axis', '1', `--output=${json}`]);
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toAllClose(entropy(M, { axis: 1 }));
  });

  it('prints nan and inf as numpy does, and as strings in JSON', async () => {
    const f = file('z.csv', '0,0\n1,0\n');
    const q = file('zq.csv', '1,1\n0,1\n');
    expect((await cli(['entropy', f, '--qk', q, '--axis', '1'])).stdout.toString()).toBe('nan\ninf\n');
    expect((await cli(['entropy', f, '--qk', q, '--axis', '1', '--format', 'json'])).stdout.toString()).toBe('["NaN", "Infinity"]\n');
  });

  it('reads CSV, .npy and JSON from stdin', async () => {
    const expected = entropy(M, { axis: 1 });
    expect(numbers((await cli(['entropy', '-', '--axis', '1'], { stdin: fs.readFileSync(csv) })).stdout)).toAllClose(expected);
    const npy = writeNpy(Float64Array.from(M.flat()), [3, 3]);
    expect(numbers((await cli(['entropy', '-', '--axis', '1'], { stdin: Buffer.from(npy) })).stdout)).toAllClose(expected);
    expect(numbers((await cli(['entropy', '-', '--axis', '1'], { stdin: JSON.stringify(M) })).stdout)).toAllClose(expected);
  });

  it('reads files without a known extension by their first bytes', async () => {
    const npy = file('m.data', writeNpy(Float64Array.from(M.flat()), [3, 3]));
    const json = file('m.list', JSON.stringify(M));
    expect(numbers((await cli(['entropy', npy, '--axis', '1'])).stdout)).toAllClose(entropy(M, { axis: 1 }));
    expect(numbers((await cli(['entropy', json, '--axis', '1'])).stdout)).toAllClose(entropy(M, { axis: 1 }));
  });

  it('forces or refuses a header and takes a delimiter', async () => {
    const f = file('years.tsv', '1990\t1991\n5\t6\n');
    expect(numbers((await cli(['entropy', f, '--axis', '1'])).stdout)).toHaveLength(2);
    expect(numbers((await cli(['entropy', f, '--axis', '1', '--header'])).stdout)).toHaveLength(1);
    const semi = file('semi.txt', '1;2\n3;4\n');
    expect(numbers((await cli(['entropy', semi, '--axis', '1', '--delimiter', ';'])).stdout)).toAllClose(entropy([[1, 2], [3, 4]], { axis: 1 }));
  });
});

describe('scipy-entropy entropy on large inputs (streamed in blocks of rows)', () => {
  const rows = 500;
  const cols = 9;
  const big = matrix(rows, cols);
  const bigQ = matrix(rows, cols, 7);
  const bigCsv = file('big.csv', big.map((r) => r.join(',')).join('\n') + '\n');
  const bigQCsv = file('bigq.csv', bigQ.map((r) => r.join(',')).join('\n') + '\n');
  const bigNpy = file('big.npy', writeNpy(Float64Array.from(big.flat()), [rows, cols]));
  const big3 = file('big3.npy', writeNpy(Float64Array.from(big.flat()), [20, 25, cols]));
  const block = String(cols * 8 * 7); // 7 rows a block, far below the file sizes

  it('gives the same values as a whole-file run, for CSV and C-order .npy', async () => {
    const expected = entropy(big, { axis: 1 });
    expect(fs.statSync(bigCsv).size).toBeGreaterThan(Number(block) * 10);
    for (const f of [bigCsv, bigNpy]) {
      const streamed = await cli(['entropy', f, '--axis', '1', '--block-bytes', block]);
      expect(streamed.code).toBe(0);
      expect(numbers(streamed.stdout)).toAllClose(expected, { rtol: 0, atol: 0 });
    }
    const env = await cli(['entropy', bigCsv, '--axis', '-1'], { env: { SCIPY_ENTROPY_BLOCK_BYTES: block } });
    expect(numbers(env.stdout)).toAllClose(expected, { rtol: 0, atol: 0 });
  });

  it('keeps the leading shape of an n-d .npy and honours --keepdims', async () => {
    const r = await cli(['entropy', big3, '--axis', '2', '--keepdims', '--format', 'npy', '--block-bytes', block]);
    const a = readNpy(r.stdout, 'out');
    expect(a.shape).toEqual([20, 25, 1]);
    expect(a.toArray()).toAllClose(entropy(readNpy(fs.readFileSync(big3), 'big3'), { axis: 2, keepdims: true }).toArray(), { rtol: 0, atol: 0 });
  });

  it('streams pk and qk side by side, or broadcasts a one-row qk, or reads a row-varying small qk whole', async () => {
    const kl = await cli(['entropy', bigCsv, '--qk', bigQCsv, '--axis', '1', '--block-bytes', block]);
    expect(numbers(kl.stdout)).toAllClose(entropy(big, bigQ, { axis: 1 }), { rtol: 0, atol: 0 });
    const mixed = await cli(['entropy', bigNpy, '--qk', bigQCsv, '--axis', '1', '--block-bytes', block]);
    expect(numbers(mixed.stdout)).toAllClose(entropy(big, bigQ, { axis: 1 }), { rtol: 0, atol: 0 });
    const row = file('row.json', JSON.stringify(bigQ[0]));
    const one = await cli(['entropy', bigCsv, '--qk', row, '--axis', '1', '--block-bytes', block]);
    expect(numbers(one.stdout)).toAllClose(entropy(big, bigQ[0], { axis: 1 }), { rtol: 0, atol: 0 });
    const col = file('col.json', JSON.stringify(big.map(() => [2])));
    const varying = await cli(['entropy', bigCsv, '--qk', col, '--axis', '1', '--block-bytes', '1000000']);
    expect(varying.code).toBe(0);
  });

  it('reads stdin as a stream', async () => {
    const r = await cli(['entropy', '-', '--axis', '1', '--block-bytes', block], { stdin: fs.readFileSync(bigCsv) });
    expect(numbers(r.stdout)).toAllClose(entropy(big, { axis: 1 }), { rtol: 0, atol: 0 });
  });

  it('reports an error found late in the stream with nothing on stdout', async () => {
    const bad = file('late.csv', fs.readFileSync(bigCsv, 'utf8') + '1,2,x,4,5,6,7,8,9\n');
    const r = await cli(['entropy', bad, '--axis', '1', '--block-bytes', block]);
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toBe(`scipy-entropy: ${bad}: line ${rows + 1}, column 5: field 3 is not a number: "x"\n`);
    const nan = file('nan.csv', fs.readFileSync(bigCsv, 'utf8') + '1,2,nan,4,5,6,7,8,9\n');
    const raise = await cli(['entropy', nan, '--axis', '1', '--nan-policy', 'raise', '--block-bytes', block]);
    expect([raise.code, raise.stdout.length, raise.stderr]).toEqual([2, 0, `scipy-entropy: ${nan}: ValueError: The input contains nan values\n`]);
  });

  it('reports pk and qk of different lengths', async () => {
    const short = file('short.csv', bigQ.slice(0, 100).map((r) => r.join(',')).join('\n'));
    const r = await cli(['entropy', bigCsv, '--qk', short, '--axis', '1', '--block-bytes', block]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`scipy-entropy: ${bigCsv} and ${short}: ValueError: Array shapes are incompatible for broadcasting. (shapes (${rows}, 9) and (100, 9))\n`);
  });

  it('draws a progress bar on stderr only, when asked to', async () => {
    const r = await cli(['entropy', bigCsv, '--axis', '1', '--block-bytes', block], { env: { SCIPY_ENTROPY_PROGRESS: '1' } });
    expect(numbers(r.stdout)).toHaveLength(rows);
    expect(r.stderr).toContain('100%');
  });
});

describe('scipy-entropy jensenshannon', () => {
  it('computes the Jensen-Shannon distance of P and Q along an axis, in a base', async () => {
    const r = await cli(['jensenshannon', csv, qcsv, '--axis', '1', '--base', '2']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(numbers(r.stdout)).toAllClose(jensenshannon(M, Q, { axis: 1, base: 2 }));
    const columns = await cli(['jensenshannon', csv, qcsv, '--format', 'npy']); // axis 0: one value per column
    expect(readNpy(columns.stdout, 'out.npy').toArray()).toAllClose(jensenshannon(M, Q));
  });

  it('streams large inputs with the same values as a whole run', async () => {
    const a = matrix(300, 6, 3);
    const b = matrix(300, 6, 11);
    const pa = file('js-a.csv', a.map((r) => r.join(',')).join('\n'));
    const pb = file('js-b.npy', writeNpy(Float64Array.from(b.flat()), [300, 6]));
    const r = await cli(['jensenshannon', pa, pb, '--axis', '-1', '--keepdims', '--block-bytes', '480', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.toString())).toAllClose(jensenshannon(a, b, { axis: -1, keepdims: true }).toArray(), { rtol: 0, atol: 0 });
  });

  it.each([
    ['one input', ['jensenshannon', 'a.csv'], /^scipy-entropy: jensenshannon takes two inputs P and Q, got 1/],
    ['--qk', ['jensenshannon', 'a.csv', 'b.csv', '--qk', 'c.csv'], /^scipy-entropy: --qk is an option of entropy/],
    ['--nan-policy', ['jensenshannon', 'a.csv', 'b.csv', '--nan-policy', 'omit'], /^scipy-entropy: --nan-policy is not an option of jensenshannon/],
  ])('refuses %s', async (_what, argv, message) => {
    const r = await cli(argv as string[]);
    expect([r.code, r.stdout.length]).toEqual([2, 0]);
    expect(r.stderr).toMatch(message);
  });
});

describe('scipy-entropy errors', () => {
  const npyBad = file('trunc.npy', writeNpy(new Float64Array(10), [10]).slice(0, 128 + 36));
  const ragged = file('ragged.csv', '1,2,3\n4,5\n');
  const c16Header = "{'descr': '<c16', 'fortran_order': False, 'shape': (0,), }".padEnd(117) + '\n';
  const c16 = file('c16.npy', Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, c16Header.length, 0]), Buffer.from(c16Header)]));
  const q22 = file('q22.csv', '1,2\n3,4\n');
  it.each([
    ['a missing file', ['entropy', path.join(dir, 'nope.csv')], /^scipy-entropy: .*nope.csv: no such file\n$/],
    ['a directory', ['entropy', dir], /^scipy-entropy: .*: is a directory, not a file\n$/],
    ['a truncated .npy', ['entropy', npyBad], /^scipy-entropy: .*trunc.npy: truncated .npy data: shape \(10,\) of float64 needs 80 bytes, found 36\n$/],
    ['an unsupported dtype', ['entropy', c16], /^scipy-entropy: .*c16.npy: unsupported dtype '<c16'/],
    ['a ragged row', ['entropy', ragged], /^scipy-entropy: .*ragged.csv: line 2, column 4: ragged row: 2 fields, expected 3 \(as on line 1\)\n$/],
    ['a shape mismatch with --qk', ['entropy', csv, '--qk', q22], /^scipy-entropy: .*m.csv and .*q22.csv: ValueError: .* \(shapes \(3, 3\) and \(2, 2\)\)\n$/],
    ['an axis out of range', ['entropy', csv, '--axis', '2'], /^scipy-entropy: .*m.csv: AxisError: .*\n$/],
    ['no command', [], /^scipy-entropy: no command given \(see scipy-entropy --help\)\n$/],
    ['an unknown command', ['entrop', csv], /^scipy-entropy: unknown command 'entrop'/],
    ['an unknown option', ['entropy', csv, '--bogus'], /^scipy-entropy: unknown option '--bogus' \(see scipy-entropy --help\)\n$/],
    ['a missing option value', ['entropy', csv, '--axis'], /^scipy-entropy: --axis needs a value/],
    ['a bad --base', ['entropy', csv, '--base', '-1'], /^scipy-entropy: --base must be a positive number; got '-1'/],
    ['a bad --format', ['entropy', csv, '--format', 'xml'], /^scipy-entropy: --format must be one of text, csv, json, npy/],
    ['two files for entropy', ['entropy', csv, csv], /^scipy-entropy: entropy takes one input FILE, got 2/],
    ['stdin twice', ['entropy', '-', '--qk', '-'], /^scipy-entropy: only one input can be read from stdin/],
  ])('reports %s on one line of stderr with exit code 2', async (_what, argv, message) => {
    const r = await cli(argv as string[]);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
  });

  it('leaves no output file, and no temporary file, when the input is bad', async () => {
    const out = path.join(dir, 'never.npy');
    const r = await cli(['entropy', ragged, '-o', out]);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('never'))).toEqual([]);
  });

  it('refuses to write .npy bytes to a terminal', async () => {
    const out: Buffer[] = [];
    const err: string[] = [];
    const stdout = Object.assign(new Writable({ write: (c: Buffer, _e, cb) => (out.push(c), cb()) }), { isTTY: true });
    const stderr = new Writable({ write: (c: Buffer, _e, cb) => (err.push(c.toString()), cb()) });
    const code = await run(['entropy', csv, '--format', 'npy'], { stdin: Readable.from([]), stdout, stderr, env: {}, version: '0' });
    expect([code, out.length, err.join('')]).toEqual([2, 0, 'scipy-entropy: refusing to write binary .npy data to a terminal: use -o FILE or redirect stdout\n']);
  });

  it('prints help and the version on stdout', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toContain('scipy-entropy entropy FILE [--qk FILE]');
    expect((await cli(['--version'])).stdout.toString()).toBe('0.0.0-test\n');
  });
});
