/**
 * Helpers of the CLI specs: an in-process runner with captured streams, temporary files, an
 * optional python3 + NumPy (tests that need it are skipped with a message when it is missing),
 * and a compiled copy of the CLI for the specs that spawn it as a process.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { run } from '../../lib/cli/run';

export const ROOT = path.join(__dirname, '..', '..');

/** What a run printed and returned. */
export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs the CLI in this process, with `stdin` as standard input and captured output. */
export async function cli(argv: string[], options: { stdin?: Buffer | string; env?: Record<string, string> } = {}): Promise<RunResult> {
  const out: Buffer[] = [];
  const err: string[] = [];
  const stdout = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(Buffer.from(chunk));
      cb();
    },
  });
  const stderr = new Writable({
    write(chunk: Buffer, _enc, cb) {
      err.push(chunk.toString());
      cb();
    },
  });
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const code = await run(argv, { stdin, stdout, stderr, env: options.env ?? {}, version: '0.0.0-test' });
  return { code, stdout: Buffer.concat(out), stderr: err.join('') };
}

/** A fresh temporary directory, removed after the spec file. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scipy-entropy-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Whether `python3` with NumPy and SciPy is available. */
export const hasNumpy = spawnSync('python3', ['-c', 'import numpy, scipy'], { stdio: 'ignore' }).status === 0;

/** `it`, or `it.skip` with a warning when python3 + NumPy + SciPy are missing. */
export const itWithNumpy: jest.It = hasNumpy ? it : it.skip;
if (!hasNumpy) {
  // eslint-disable-next-line no-console
  console.warn('python3 with numpy and scipy not found: the CLI tests that compare with NumPy are skipped');
}

/** Runs a Python snippet (cwd `dir`), returning stdout; throws with stderr on failure. */
export function python(code: string, dir: string): string {
  const r = spawnSync('python3', ['-c', code], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout;
}

/** The values printed one per line (text format) as numbers (`nan`, `inf` understood). */
export function numbers(stdout: Buffer | string): number[] {
  return stdout
    .toString()
    .trim()
    .split(/\s+/)
    .filter((s) => s !== '')
    .map((s) => (s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s)));
}

/**
 * Compiles lib/ (the CLI with the library under it) into a cache folder once per test run, for
 * specs that spawn the CLI as a process; returns the path of its main.js. Does not touch dist/.
 */
export function builtCli(): string {
  // One folder per checkout: node_modules may be shared by several worktrees.
  const out = path.join(ROOT, 'node_modules', '.cache', `scipy-entropy-cli-spec-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`);
  const main = path.join(out, 'cli', 'main.js');
  const stamp = path.join(out, '.stamp');
  const newest = newestMtime(path.join(ROOT, 'lib'));
  if (fs.existsSync(stamp) && Number(fs.readFileSync(stamp, 'utf8')) >= newest && fs.existsSync(main)) return main;
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.cli.json'), '--outDir', out], { cwd: ROOT, encoding: 'utf8' });
  // Type errors are the business of `npm test`'s own tsc step; only a failure to emit stops us.
  if (r.status !== 0 && !fs.existsSync(main)) throw new Error(`compiling the CLI failed:\n${r.stdout}${r.stderr}`);
  fs.writeFileSync(stamp, String(newest));
  return main;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** A deterministic generator of numbers in (0, 1) (Park-Miller). */
export function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}
