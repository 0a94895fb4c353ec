/**
 * The CLI as a process: compiled from lib/ into a cache folder (not dist/), spawned with node.
 * Exit codes, stderr without stack traces, and NumPy on both ends (skipped without python3).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import '../helpers/allclose';
import { builtCli, itWithNumpy, numbers, python, ROOT, tempDir } from './helpers';

jest.setTimeout(120_000);

let main = '';
beforeAll(() => {
  main = builtCli();
});
const dir = tempDir();
const exec = (args: string[], input?: string | Buffer) =>
  spawnSync(process.execPath, [main, ...args], { cwd: dir, input, encoding: 'buffer', env: { ...process.env, SCIPY_ENTROPY_DEBUG: '' } });

describe('the scipy-entropy executable', () => {
  it('starts with a node shebang and prints the package version', () => {
    expect(fs.readFileSync(main, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    const r = exec(['--version']);
    expect([r.status, r.stdout.toString()]).toEqual([0, `${version}\n`]);
  });

  it('runs on the bundled sample matrix', () => {
    const r = exec(['entropy', path.join(ROOT, 'samples', 'histograms.csv'), '--axis', '1']);
    expect(r.status).toBe(0);
    expect(numbers(r.stdout).length).toBeGreaterThan(1);
  });

  it('exits 2 with one line on stderr, no stack trace and nothing on stdout, for a corrupt file', () => {
    fs.writeFileSync(path.join(dir, 'bad.npy'), Buffer.from('\x93NUMPY\x01\x00\x40\x00{garbage', 'latin1'));
    const r = exec(['entropy', 'bad.npy']);
    expect(r.status).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr.toString()).toBe('scipy-entropy: bad.npy: truncated .npy header (18 bytes; the header needs 74)\n');
  });

  it('exits quietly when its reader goes away (a closed pipe)', () => {
    const rows = Array.from({ length: 20000 }, (_, i) => `${i + 1},${i + 2},3`).join('\n');
    const r = spawnSync('sh', ['-c', `node "${main}" entropy - --axis 1 | head -n 1`], { input: rows, encoding: 'utf8' });
    expect(r.stdout).toBe('1.0114042647073518\n');
    expect(r.stderr).toBe('');
  });

  itWithNumpy('matches scipy.stats.entropy on a .npy written by numpy, and writes a .npy numpy.load reads', () => {
    python(
      `
import numpy as np
rng = np.random.default_rng(5)
np.save('p.npy', rng.integers(0, 50, size=(4, 6, 5)).astype('>i4'))
np.save('q.npy', np.asfortranarray(rng.random((4, 6, 5), dtype=np.float32)))
`,
      dir,
    );
    const runs = [['p.npy', '--axis', '-1'], ['p.npy', '--qk', 'q.npy', '--axis', '1', '--base', '2'], ['p.npy', '--axis', 'none']];
    const checks = runs.map((args, k) => {
      const r = exec(['entropy', ...args, '-o', `out${k}.npy`]);
      expect([r.status, r.stderr.toString()]).toEqual([0, '']);
      const axis = args.includes('none') ? 'None' : args[args.indexOf('--axis') + 1];
      const qk = args.includes('--qk') ? "np.load('q.npy')" : 'None';
      const base = args.includes('--base') ? '2' : 'None';
      return `(np.load('out${k}.npy'), np.asarray(entropy(np.load('p.npy'), ${qk}, base=${base}, axis=${axis})))`;
    });
    const out = python(
      `
import numpy as np, json
from scipy.stats import entropy
print(json.dumps([[list(got.shape), list(want.shape), str(got.dtype), float(np.max(np.abs(got - want) / np.abs(want)))] for got, want in [${checks.join(', ')}]]))
`,
      dir,
    );
    for (const [gotShape, wantShape, dtype, relErr] of JSON.parse(out) as [number[], number[], string, number][]) {
      expect(gotShape).toEqual(wantShape);
      expect(dtype).toBe('float64');
      expect(relErr).toBeLessThan(1e-6); // q is float32: SciPy computes in float32, we in float64
    }
  });
});
