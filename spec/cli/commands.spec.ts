/**
 * The family as subcommands: cross_entropy (with --qk) and differential_entropy (--method,
 * --window-length) take the inputs, outputs and errors of entropy; the command line is parsed by
 * util.parseArgs (option values may start with a dash). Expected values: fixtures/export_cli.py.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../helpers/allclose';
import { decodeTree, type EncodedTree } from '../helpers/fixtures';
import { readNpy } from '../../lib/cli/npy';
import { cli, numbers, ROOT, tempDir } from './helpers';

const FIX = path.join(ROOT, 'fixtures', 'cli');
const expected = JSON.parse(fs.readFileSync(path.join(FIX, 'cli.json'), 'utf8')) as Record<string, { labels: string[]; values: EncodedTree } & EncodedTree>;
const dir = tempDir();

describe('scipy-entropy cross_entropy', () => {
  const p = path.join(FIX, 'labelled.tsv');
  const q = path.join(FIX, 'labelled-q.tsv');

  it('computes H(p, q) per row with the row labels beside it', async () => {
    const r = await cli(['cross_entropy', p, '--qk', q, '--axis', '1', '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const json = JSON.parse(r.stdout.toString());
    expect([json.name, json.index]).toEqual(['cross_entropy', expected.labelled_cross.labels]);
    expect(json.data).toAllClose(decodeTree(expected.labelled_cross.values) as number[], { rtol: 1e-13 });
  });

  it('is spelt with an underscore or a hyphen, and streams as entropy does', async () => {
    const a = await cli(['cross-entropy', p, '--qk', q, '--axis=-1', '--format', 'npy']);
    const b = await cli(['cross_entropy', p, '--qk', q, '--axis', '-1', '--format', 'npy'], { env: { SCIPY_ENTROPY_BLOCK_BYTES: '8' } });
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stdout).toEqual(a.stdout);
    expect(readNpy(a.stdout, 'a.npy').toArray()).toAllClose(decodeTree(expected.labelled_cross.values) as number[], { rtol: 1e-13 });
  });

  it.each([
    ['no --qk', ['cross_entropy', p], 'cross_entropy needs --qk FILE (the model distribution) (see scipy-entropy --help)'],
    ['two inputs', ['cross_entropy', p, q], 'cross_entropy takes one input FILE, got 2 (see scipy-entropy --help)'],
    ['--method', ['cross_entropy', p, '--qk', q, '--method', 'vasicek'], '--method is an option of differential_entropy only (see scipy-entropy --help)'],
  ])('refuses %s', async (_what, argv, message) => {
    const r = await cli(argv);
    expect([r.code, r.stderr, r.stdout.length]).toEqual([2, `scipy-entropy: ${message}\n`, 0]);
  });
});

describe('scipy-entropy differential_entropy', () => {
  const sample = path.join(FIX, 'sample.csv');

  it('estimates each row with a method and a window length, as SciPy', async () => {
    const r = await cli(['differential_entropy', sample, '--axis', '1', '--method', 'vasicek', '--window-length', '3']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(numbers(r.stdout)).toAllClose(decodeTree(expected.sample_vasicek_w3) as number[], { rtol: 1e-12 });
  });

  it('gives the same answer with tiny blocks (it reads whole: each row needs all of itself)', async () => {
    const args = ['differential_entropy', sample, '--axis', '-1', '--method', 'van-es'];
    const a = await cli(args);
    const b = await cli(args, { env: { SCIPY_ENTROPY_BLOCK_BYTES: '8' } });
    expect(a.code).toBe(0);
    expect(b).toEqual(a);
  });

  it.each([
    ['--qk', ['differential_entropy', sample, '--qk', sample], '--qk is not an option of differential_entropy (see scipy-entropy --help)'],
    ['an unknown method', ['differential_entropy', sample, '--method', 'magic'], "--method must be one of auto, vasicek, van es, ebrahimi, correa; got 'magic' (see scipy-entropy --help)"],
    ['a bad window length', ['differential_entropy', sample, '--window-length', '0'], "--window-length must be a positive integer; got '0' (see scipy-entropy --help)"],
    ['--window-length on entropy', ['entropy', sample, '--window-length', '3'], '--window-length is an option of differential_entropy only (see scipy-entropy --help)'],
  ])('refuses %s', async (_what, argv, message) => {
    const r = await cli(argv);
    expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${message}\n`]);
  });

  it("reports the library's errors as entropy does: one line, exit 2, the file named", async () => {
    const r = await cli(['differential_entropy', sample, '--axis', '1', '--window-length', '30']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^scipy-entropy: ${sample}: ValueError: Window length \\(30\\) must be positive and less than half the sample size \\(40\\)\\.?\\n$`));
    const nan = path.join(dir, 'nan.csv');
    fs.writeFileSync(nan, '1,2,3,4,5,6\n1,2,nan,4,5,6\n');
    const raise = await cli(['differential_entropy', nan, '--axis', '1', '--nan-policy', 'raise']);
    expect([raise.code, raise.stderr]).toEqual([2, `scipy-entropy: ${nan}: ValueError: The input contains nan values\n`]);
  });
});

describe('the command line parser', () => {
  it('takes option values that start with a dash, in both spellings', async () => {
    const f = path.join(dir, 'm.csv');
    fs.writeFileSync(f, '1,2\n3,4\n');
    const a = await cli(['entropy', f, '--axis', '-1']);
    const b = await cli(['entropy', '--axis=-1', f]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(b.stdout).toEqual(a.stdout);
    const out = path.join(dir, '-out.txt');
    expect((await cli(['entropy', f, '--axis', '-1', '-o', out])).code).toBe(0);
    expect(fs.readFileSync(out)).toEqual(a.stdout);
  });

  it.each([
    [['entropy', 'x.csv', '--keepdims=yes'], "--keepdims takes no value (see scipy-entropy --help)"],
    [['entropy', 'x.csv', '-z'], "unknown option '-z' (see scipy-entropy --help)"],
    [['entropy', 'x.csv', '--header', '--no-header'], '--header and --no-header contradict each other (see scipy-entropy --help)'],
    [['entropy', 'x.csv', '--max-line-bytes', '1.5'], "--max-line-bytes must be a positive integer; got '1.5' (see scipy-entropy --help)"],
  ])('refuses %j', async (argv, message) => {
    const r = await cli(argv);
    expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${message}\n`]);
  });
});
