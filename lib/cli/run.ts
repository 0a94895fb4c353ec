/**
 * The `scipy-entropy` command: parses the arguments, reads the inputs (whole, or streamed in
 * blocks of rows when a large CSV or C-order .npy is reduced along its last axis), computes,
 * and writes the result only once it is complete. Returns the exit code; never throws.
 */
import { setThreads } from '../index.js';
import { type Args, HELP, parseArgs, parseThreads } from './args.js';
import { compute } from './compute.js';
import { writeOutput } from './destination.js';
import { InputError, ioMessage } from './errors.js';
import { DEFAULT_MAX_LINE_BYTES, type InputContext, openInput, type ReadOptions } from './input.js';
import { encode, formatFor, type Result } from './output.js';
import { bar, silent } from './progress.js';
import { REDUCERS, SECOND } from './reducers.js';

/** What the command runs against (the real process, or stand-ins in tests). */
export interface Io extends InputContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  version: string;
}

/** The default block size of a streamed run, in bytes of float64 values. */
export const DEFAULT_BLOCK_BYTES = 4 * 2 ** 20;

/** Inputs larger than this get a progress bar (when stderr is a terminal). */
export const PROGRESS_BYTES = 64 * 2 ** 20;

const PROGRAM = 'scipy-entropy';

/** Runs the command line `argv` (without the program name); resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      await write(io.stdout, Buffer.from(HELP));
      return 0;
    }
    if (args.version) {
      await write(io.stdout, Buffer.from(`${io.version}\n`));
      return 0;
    }
    if (args.command === undefined) throw new InputError(`no command given (see ${PROGRAM} --help)`);
    const format = args.format ?? formatFor(args.output);
    if (format === 'npy' && args.output === undefined && io.stdout.isTTY === true) {
      throw new InputError('refusing to write binary .npy data to a terminal: use -o FILE or redirect stdout');
    }
    const result = await computeArgs(args, io);
    const bytes = encode(result, format, args.command);
    if (args.output !== undefined) await writeOutput(args.output, bytes, io);
    else await write(io.stdout, bytes);
    return 0;
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: Io): number {
  const e = err as Error;
  if (e instanceof InputError) {
    io.stderr.write(`${PROGRAM}: ${e.message}\n`);
    return 2;
  }
  if (e && (e.name === 'ValueError' || e.name === 'AxisError' || e.name === 'TypeError')) {
    io.stderr.write(`${PROGRAM}: ${e.name}: ${oneLine(e.message)}\n`);
    return 2;
  }
  if (e instanceof RangeError && /allocat|array length|buffer/i.test(e.message)) {
    // A safety net: shapes known in advance are refused before allocating (compute.ts).
    io.stderr.write(`${PROGRAM}: not enough memory: ${oneLine(e.message)}\n`);
    if (io.env.SCIPY_ENTROPY_DEBUG) io.stderr.write(`${e.stack}\n`);
    return 2;
  }
  io.stderr.write(`${PROGRAM}: internal error: ${oneLine(e?.message ?? String(err))}\n`);
  if (io.env.SCIPY_ENTROPY_DEBUG) io.stderr.write(`${e?.stack}\n`);
  return 1;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

/** Writes to stdout; a reader that went away (EPIPE, as `| head`) is not an error there. */
function write(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (err) => {
      if (err && (err as NodeJS.ErrnoException).code !== 'EPIPE') reject(new InputError(`cannot write to stdout: ${ioMessage(err)}`));
      else resolve();
    });
  });
}

function blockBytes(args: Args, io: Io): number {
  return args.blockBytes ?? positiveEnv(io, 'SCIPY_ENTROPY_BLOCK_BYTES') ?? DEFAULT_BLOCK_BYTES;
}

function positiveEnv(io: Io, name: string): number | undefined {
  const env = io.env[name];
  if (env === undefined || env === '') return undefined;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${name} must be a positive integer; got '${env}'`);
  return n;
}

/** The inputs of a command: pk (or P, or the sample) and qk (or Q), checked against its options. */
function inputsOf(args: Args): [string, string | undefined] {
  const command = args.command!;
  const second = SECOND[command];
  const see = `(see ${PROGRAM} --help)`;
  if (command !== 'differential_entropy') {
    if (args.method !== undefined) throw new InputError(`--method is an option of differential_entropy only ${see}`);
    if (args.windowLength !== undefined) throw new InputError(`--window-length is an option of differential_entropy only ${see}`);
  }
  if (second === 'positional') {
    if (args.positional.length !== 2) throw new InputError(`${command} takes two inputs P and Q, got ${args.positional.length} ${see}`);
    if (args.qk !== undefined) throw new InputError(`--qk is an option of entropy and cross_entropy; ${command} takes P and Q ${see}`);
    if (args.nanPolicy !== undefined) throw new InputError(`--nan-policy is not an option of ${command} ${see}`);
    return [args.positional[0], args.positional[1]];
  }
  if (args.positional.length !== 1) throw new InputError(`${command} takes one input FILE, got ${args.positional.length} ${see}`);
  if (second === 'none' && args.qk !== undefined) throw new InputError(`--qk is not an option of ${command} ${see}`);
  if (second === 'required-qk' && args.qk === undefined) throw new InputError(`${command} needs --qk FILE (the model distribution) ${see}`);
  return [args.positional[0], args.qk];
}

/**
 * Sets the library's thread count once per run: `--threads`, else SCIPY_ENTROPY_THREADS, else
 * every available core (one thread where worker threads are missing, unless asked for).
 */
function useThreads(args: Args, io: Io): void {
  const env = io.env.SCIPY_ENTROPY_THREADS;
  const asked = args.threads ?? (env === undefined || env.trim() === '' ? undefined : parseThreads('SCIPY_ENTROPY_THREADS', env));
  try {
    setThreads(asked ?? 'auto');
  } catch (err) {
    if ((err as Error)?.name !== 'ThreadError') throw err;
    if (asked !== undefined) throw new InputError(`${args.threads !== undefined ? '--threads' : 'SCIPY_ENTROPY_THREADS'}: ${oneLine((err as Error).message)}`);
    setThreads(1);
  }
}

async function computeArgs(args: Args, io: Io): Promise<Result> {
  const command = args.command!;
  const [pPath, qPath] = inputsOf(args);
  useThreads(args, io);
  if (pPath === '-' && qPath === '-') throw new InputError('only one input can be read from stdin (-)');
  const read: ReadOptions = {
    header: args.header,
    delimiter: args.delimiter,
    indexCol: args.indexCol,
    usecols: args.usecols,
    key: args.key,
    maxLineBytes: args.maxLineBytes ?? positiveEnv(io, 'SCIPY_ENTROPY_MAX_LINE_BYTES') ?? DEFAULT_MAX_LINE_BYTES,
  };
  const limit = blockBytes(args, io);
  const options = { axis: args.axis, base: args.base, nanPolicy: args.nanPolicy, keepdims: args.keepdims, method: args.method, windowLength: args.windowLength };
  const p = await openInput(pPath, io, read);
  const q = qPath === undefined ? undefined : await openInput(qPath, io, read);
  const names = q === undefined ? p.name : `${p.name} and ${q.name}`;
  const showProgress = io.env.SCIPY_ENTROPY_PROGRESS === '1' || (io.stderr.isTTY === true && (p.size ?? Infinity) > Math.max(limit, PROGRESS_BYTES));
  const progress = showProgress ? bar(io.stderr, p.name) : silent;
  try {
    return await compute({ p, q, command, reducer: REDUCERS[command], options, read, limit, progress, names, streams: command !== 'differential_entropy', axisPerInput: command === 'jensenshannon' });
  } finally {
    progress.end();
  }
}
