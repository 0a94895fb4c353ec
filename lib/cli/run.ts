/**
 * The `scipy-entropy` command: parses the arguments, reads the inputs (whole, or streamed in
 * blocks of rows when a large CSV or C-order .npy is reduced along its last axis), computes,
 * and writes the result only once it is complete. Returns the exit code; never throws.
 */
import { NDArray } from '../index.js';
import { type Args, HELP, parseArgs } from './args.js';
import { InputError, ioMessage } from './errors.js';
import { type Input, type InputContext, loadArray, NpyRows, openInput, type RowReader, TextRows } from './input.js';
import { shapeTuple } from './npy.js';
import { writeOutput } from './destination.js';
import { encode, formatFor, type Result } from './output.js';
import { bar, type Progress, silent } from './progress.js';
import { type TextOptions } from './text.js';
import { REDUCERS, type Reducer } from './reducers.js';

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
    const result = await compute(args, io);
    const bytes = encode(result, format);
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

/**
 * Prefixes library errors with the input names (and, for a broadcasting error, the shapes), so
 * the user knows which files were involved.
 */
function blame<T>(names: string, f: () => T, shapes?: readonly (readonly number[])[]): T {
  try {
    return f();
  } catch (err) {
    const e = err as Error;
    if (e && (e.name === 'ValueError' || e.name === 'AxisError' || e.name === 'TypeError')) {
      const detail = shapes && /broadcast/.test(e.message) ? ` (shapes ${shapes.map(shapeTuple).join(' and ')})` : '';
      throw new InputError(`${names}: ${e.name}: ${oneLine(e.message)}${detail}`);
    }
    throw err;
  }
}

function toResult(r: number | NDArray): Result {
  if (typeof r === 'number') return { values: Float64Array.of(r), shape: [] };
  return { values: r.toFloat64Array(), shape: r.shape.slice() };
}

function blockBytes(args: Args, io: Io): number {
  if (args.blockBytes !== undefined) return args.blockBytes;
  const env = io.env.SCIPY_ENTROPY_BLOCK_BYTES;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 1) throw new InputError(`SCIPY_ENTROPY_BLOCK_BYTES must be a positive integer; got '${env}'`);
    return n;
  }
  return DEFAULT_BLOCK_BYTES;
}

/** The number of dimensions of an input, when known before reading it (text tables are 2-D). */
function ndimOf(input: Input): number | undefined {
  if (input.kind === 'text') return 2;
  if (input.kind === 'npy') return input.npy!.shape.length;
  return undefined;
}

/** Whether an input can be read in row blocks for a reduction along `axis`. */
function streamable(input: Input, axis: Args['axis']): boolean {
  const ndim = ndimOf(input);
  if (ndim === undefined || ndim < 2) return false;
  if (input.kind === 'npy' && (input.npy!.fortranOrder || input.npy!.size === 0)) return false;
  const a = Array.isArray(axis) ? (axis.length === 1 ? axis[0] : undefined) : axis;
  return a === ndim - 1 || a === -1;
}

async function compute(args: Args, io: Io): Promise<Result> {
  const command = args.command!;
  const reducer = REDUCERS[command];
  let pPath: string;
  let qPath: string | undefined;
  if (command === 'entropy') {
    if (args.positional.length !== 1) throw new InputError(`entropy takes one input FILE, got ${args.positional.length} (see ${PROGRAM} --help)`);
    [pPath] = args.positional;
    qPath = args.qk;
  } else {
    if (args.positional.length !== 2) throw new InputError(`jensenshannon takes two inputs P and Q, got ${args.positional.length} (see ${PROGRAM} --help)`);
    if (args.qk !== undefined) throw new InputError(`--qk is an option of entropy; jensenshannon takes P and Q (see ${PROGRAM} --help)`);
    if (args.nanPolicy !== undefined) throw new InputError(`--nan-policy is an option of entropy only (see ${PROGRAM} --help)`);
    [pPath, qPath] = args.positional;
  }
  if (pPath === '-' && qPath === '-') throw new InputError('only one input can be read from stdin (-)');
  const text: TextOptions = { header: args.header, delimiter: args.delimiter };
  const limit = blockBytes(args, io);
  const options = { axis: args.axis, base: args.base, nanPolicy: args.nanPolicy, keepdims: args.keepdims };

  const p = await openInput(pPath, io);
  const q = qPath === undefined ? undefined : await openInput(qPath, io);
  const names = q === undefined ? p.name : `${p.name} and ${q.name}`;
  const large = (i: Input): boolean => i.size === undefined || i.size > limit;
  const showProgress = io.env.SCIPY_ENTROPY_PROGRESS === '1' || (io.stderr.isTTY === true && (p.size ?? Infinity) > Math.max(limit, PROGRESS_BYTES));
  const progress = showProgress ? bar(io.stderr, p.name) : silent;

  try {
    if (streamable(p, args.axis) && large(p)) {
      let qWhole: NDArray | undefined;
      let qRows: RowReader | undefined;
      let fallback = false;
      if (q !== undefined) {
        if (!large(q) || !streamable(q, args.axis)) {
          qWhole = await loadArray(q, text);
          const shape = qWhole.shape;
          if (shape.slice(0, -1).every((s) => s === 1)) qWhole = qWhole.reshape(1, shape.length === 0 ? 1 : shape[shape.length - 1]);
          else fallback = true; // qk varies across rows: not row-wise, read everything
        } else if (p.kind === 'npy' && q.kind === 'npy' && p.npy!.shape.slice(0, -1).join() !== q.npy!.shape.slice(0, -1).join()) {
          fallback = true;
        } else if (p.kind !== q.kind && (ndimOf(p) !== 2 || ndimOf(q) !== 2)) {
          fallback = true;
        } else {
          qRows = rowsOf(q, text);
        }
      }
      if (!fallback) return await streamed(p, rowsOf(p, text), q, qRows, qWhole, reducer, options, limit, progress, names);
      const P = await loadArray(p, text);
      return blame(names, () => toResult(reducer(P, qWhole!, options)), [P.shape, qWhole!.shape]);
    }
    const P = await loadArray(p, text);
    const Q = q === undefined ? undefined : await loadArray(q, text);
    return blame(names, () => toResult(reducer(P, Q, options)), Q && [P.shape, Q.shape]);
  } finally {
    progress.end();
  }
}

function rowsOf(input: Input, text: TextOptions): RowReader {
  return input.kind === 'npy' ? new NpyRows(input, input.npy!) : new TextRows(input, text);
}

/**
 * Reduces along the last axis a block of rows at a time: memory holds one block of each input
 * (about `limit` bytes of float64) and the growing result, never the whole input.
 */
async function streamed(
  p: Input,
  pRows: RowReader,
  q: Input | undefined,
  qRows: RowReader | undefined,
  qWhole: NDArray | undefined,
  reducer: Reducer,
  options: Parameters<Reducer>[2],
  limit: number,
  progress: Progress,
  names: string,
): Promise<Result> {
  const total = (p.size ?? 0) + (q?.size ?? 0) || undefined;
  const done = (): number => p.puller.bytes + (qRows !== undefined ? q!.puller.bytes : 0);
  const hasP = await pRows.start();
  const hasQ = qRows === undefined ? hasP : await qRows.start();
  const ncols = pRows.ncols;
  const qcols = qRows?.ncols ?? qWhole?.shape[1] ?? ncols;
  if (hasP && hasQ && ncols !== qcols && ncols !== 1 && qcols !== 1) {
    throw new InputError(`${names}: rows of length ${ncols} and ${qcols} do not broadcast`);
  }
  const rowsPerBlock = Math.max(1, Math.floor(limit / (8 * Math.max(ncols, qcols, 1))));
  const out: Float64Array[] = [];
  let outLength = 0;
  let nrows = 0;
  for (;;) {
    const bp = await pRows.read(rowsPerBlock);
    const bq = qRows === undefined ? undefined : await qRows.read(rowsPerBlock);
    if (bq !== undefined && (bp === null) !== (bq === null || bq.rows === 0)) {
      throw new InputError(`${names}: shape mismatch: ${q!.name} has ${bp === null ? 'more' : 'fewer'} rows than ${p.name} (${nrows + (bp?.rows ?? 0)} rows read so far)`);
    }
    if (bp === null) break;
    if (bq && bq.rows !== bp.rows) {
      throw new InputError(`${names}: shape mismatch: ${q!.name} has fewer rows than ${p.name}`);
    }
    const P = NDArray.fromData(bp.data, [bp.rows, ncols]);
    const Q = bq ? NDArray.fromData(bq.data, [bq.rows, qcols]) : qWhole;
    const r = blame(names, () => reducer(P, Q, { ...options, axis: 1, keepdims: false })) as NDArray;
    const values = r.toFloat64Array();
    out.push(values);
    outLength += values.length;
    nrows += bp.rows;
    progress.update(done(), total);
  }
  const values = new Float64Array(outLength);
  let k = 0;
  for (const v of out) {
    values.set(v, k);
    k += v.length;
  }
  const shape = p.kind === 'npy' ? p.npy!.shape.slice(0, -1) : [nrows];
  if (options.keepdims) shape.push(1);
  return { values, shape };
}
