/**
 * `-o PATH` never destroys what PATH is: devices, named pipes and symlinks are written in place
 * (copies of the devices made with mknod in a temporary folder, never the machine's /dev), write
 * errors are one line and exit 2, and permission cases run as an unprivileged user (setpriv).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtCli, cli, tempDir } from './helpers';

jest.setTimeout(120_000);

const isRoot = process.getuid?.() === 0;
const hasTools = spawnSync('sh', ['-c', 'command -v mknod && command -v mkfifo && command -v setpriv'], { stdio: 'ignore' }).status === 0;
/** Needs root (mknod, setpriv) and the tools; skipped with a warning otherwise. */
const itAsRoot: jest.It = isRoot && hasTools ? it : it.skip;
if (!(isRoot && hasTools)) console.warn('not root or no mknod/mkfifo/setpriv: the device, pipe and permission specs of -o are skipped');

const dir = tempDir();
fs.chmodSync(dir, 0o755); // the unprivileged user reads the inputs
const rows = Array.from({ length: 20000 }, (_, i) => `${i + 1},${(i % 7) + 1},3`).join('\n') + '\n';
const input = path.join(dir, 'rows.csv');
fs.writeFileSync(input, rows);
fs.chmodSync(input, 0o644);
const at = (name: string): string => path.join(dir, name);
const sh = (cmd: string): void => {
  const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr}`);
};
let expected: Buffer = Buffer.alloc(0);
beforeAll(async () => {
  expected = (await cli(['entropy', input, '--axis', '1'])).stdout;
  expect(expected.length).toBeGreaterThan(1 << 17); // more than a pipe holds
});

/** Runs the built CLI as the unprivileged user 65534 (nobody). */
function asNobody(args: string[], options: { shell?: string } = {}) {
  const main = builtCli();
  const cmd = options.shell ?? `"${process.execPath}" "${main}" ${args.map((a) => `'${a}'`).join(' ')}`;
  return spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', cmd], { cwd: dir, encoding: 'utf8', env: { ...process.env, SCIPY_ENTROPY_DEBUG: '' } });
}

describe('-o on a regular file or a new path', () => {
  it('writes a new file, and replaces an existing one atomically keeping its permission bits', async () => {
    const out = at('plain.txt');
    expect((await cli(['entropy', input, '--axis', '1', '-o', out])).code).toBe(0);
    expect(fs.readFileSync(out)).toEqual(expected);
    fs.chmodSync(out, 0o640);
    fs.writeFileSync(out, 'old');
    expect((await cli(['entropy', input, '--axis', '1', '-o', out])).code).toBe(0);
    expect(fs.readFileSync(out)).toEqual(expected);
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves an existing file untouched when the run fails', async () => {
    const out = at('keep.txt');
    fs.writeFileSync(out, 'precious');
    const r = await cli(['entropy', at('missing.csv'), '-o', out]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(out, 'utf8')).toBe('precious');
  });

  it('refuses a directory', async () => {
    const r = await cli(['entropy', input, '--axis', '1', '-o', dir]);
    expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${dir}: cannot write: is a directory\n`]);
  });

  it('writes through a symlink into its target, and the link stays a link', async () => {
    const target = at('target.txt');
    fs.writeFileSync(target, 'old');
    fs.symlinkSync(target, at('link.txt'));
    expect((await cli(['entropy', input, '--axis', '1', '-o', at('link.txt')])).code).toBe(0);
    expect(fs.lstatSync(at('link.txt')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target)).toEqual(expected);
  });

  it('writes -o /dev/stdout to standard output', async () => {
    const r = await cli(['entropy', input, '--axis', '1', '-o', '/dev/stdout']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toEqual(expected);
  });
});

describe('-o on a device or a named pipe', () => {
  itAsRoot('writes into a copy of /dev/null and leaves it a character device', async () => {
    sh(`mknod "${at('null')}" c 1 3`);
    const r = await cli(['entropy', input, '--axis', '1', '-o', at('null')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(fs.lstatSync(at('null')).isCharacterDevice()).toBe(true);
  });

  itAsRoot('reports a full device (a copy of /dev/full) in one line with exit 2', async () => {
    sh(`mknod "${at('full')}" c 1 7`);
    const r = await cli(['entropy', input, '--axis', '1', '-o', at('full')]);
    expect([r.code, r.stderr, r.stdout.length]).toEqual([2, `scipy-entropy: ${at('full')}: cannot write: no space left on device\n`, 0]);
    expect(fs.lstatSync(at('full')).isCharacterDevice()).toBe(true);
  });

  itAsRoot('writes the whole result into a named pipe for its reader', async () => {
    const fifo = at('fifo');
    sh(`mkfifo "${fifo}"`);
    const reader = fs.promises.readFile(fifo);
    const r = await cli(['entropy', input, '--axis', '1', '-o', fifo]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(await reader).toEqual(expected);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
  });

  itAsRoot('reports a pipe whose reader went away (EPIPE) in one line with exit 2', async () => {
    const fifo = at('fifo2');
    sh(`mkfifo "${fifo}"`);
    const reader = (async () => {
      const h = await fs.promises.open(fifo, 'r');
      await h.read(Buffer.alloc(1), 0, 1, null);
      await h.close();
    })();
    const r = await cli(['entropy', input, '--axis', '1', '-o', fifo]);
    await reader;
    expect([r.code, r.stderr]).toEqual([2, `scipy-entropy: ${fifo}: cannot write: broken pipe (the reader went away)\n`]);
  });
});

describe('-o as an unprivileged user', () => {
  itAsRoot('writes -o /dev/stdout into a pipe', () => {
    const r = asNobody(['entropy', input, '--axis', '1', '-o', '/dev/stdout']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(expected.toString());
  });

  itAsRoot('appends -o /dev/stdout to a file opened for appending instead of replacing it', () => {
    const log = at('log.txt');
    fs.writeFileSync(log, 'earlier\n');
    fs.chmodSync(log, 0o666);
    const main = builtCli();
    const r = asNobody([], { shell: `"${process.execPath}" "${main}" entropy rows.csv --axis 1 -o /dev/stdout >> log.txt` });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(log, 'utf8')).toBe(`earlier\n${expected}`);
  });

  itAsRoot("refuses to replace a file it may not write, even in a directory it may write (EACCES)", () => {
    const open = at('open');
    fs.mkdirSync(open, { mode: 0o777 });
    fs.chmodSync(open, 0o777);
    const theirs = path.join(open, 'theirs.txt');
    fs.writeFileSync(theirs, 'not yours');
    fs.chmodSync(theirs, 0o644);
    const r = asNobody(['entropy', input, '--axis', '1', '-o', theirs]);
    expect([r.status, r.stderr, r.stdout]).toEqual([2, `scipy-entropy: ${theirs}: cannot write: permission denied\n`, '']);
    expect(fs.readFileSync(theirs, 'utf8')).toBe('not yours');
  });

  itAsRoot('reports a directory it may not write (EACCES) in one line with exit 2', () => {
    const out = at('nope.txt');
    const r = asNobody(['entropy', input, '--axis', '1', '-o', out]);
    expect([r.status, r.stderr, r.stdout]).toEqual([2, `scipy-entropy: ${out}: cannot write: permission denied\n`, '']);
    expect(fs.existsSync(out)).toBe(false);
  });
});
