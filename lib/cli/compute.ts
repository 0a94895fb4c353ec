/**
 * Computing a command on its inputs: read whole, or streamed a block of rows at a time when the
 * reduction is along the last axis of a large CSV or C-order .npy and the pair is row-wise (the
 * result's shape is pk's leading shape). Both ways give the same values, shape, dtype and errors:
 * the streamed way falls back to reading whole whenever broadcasting would change the result's
 * shape, and reports a mismatch found mid-stream with the shapes and wording the whole-file run
 * gives (after reading on, so that an error earlier in the whole-file order wins).
 */
import * as buffer from 'node:buffer';
import { NDArray } from '../index.js';
import { InputError } from './errors.js';
import { type Block, type Input, loadArray, type Loaded, NpyRows, type ReadOptions, type RowReader, TextRows } from './input.js';
import { shapeTuple } from './npy.js';
import { type Result } from './output.js';
import { parallelRows } from './parallel-rows.js';
import { parallelText } from './parallel-text.js';
import { type Progress } from './progress.js';
import { type Reducer, type ReduceOptions } from './reducers.js';
import { type Command } from './args.js';

/** The largest buffer Node allocates, in bytes. */
export const MAX_BYTES = buffer.constants.MAX_LENGTH;

/** Everything a computation needs. */
export interface Job {
  p: Input;
  q: Input | undefined;
  command: Command;
  reducer: Reducer;
  options: ReduceOptions;
  read: ReadOptions;
  /** The block size, in bytes of float64 values. */
  limit: number;
  progress: Progress;
  /** The input names, for messages (`p.csv and q.csv`). */
  names: string;
  /** Whether the command may stream (differential_entropy looks at every row's neighbours: no). */
  streams: boolean;
  /**
   * Whether the command checks the axis against each input on its own (jensenshannon, as SciPy's
   * normalises p and q before broadcasting them): then q streams only with pk's number of axes.
   */
  axisPerInput: boolean;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

/**
 * Prefixes library errors with the input names (and, for a broadcasting error, the shapes), so
 * the user knows which files were involved.
 */
export function blame<T>(names: string, f: () => T, shapes?: readonly (readonly number[])[]): T {
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

/** Row labels (axis 1 of a table) or column names (axis 0) for a 1-D result that matches them. */
function withLabels(result: Result, p: Loaded | { labels?: string[]; columns?: string[] }, axis: ReduceOptions['axis'], ndim: number): Result {
  const a = Array.isArray(axis) ? (axis.length === 1 ? axis[0] : undefined) : axis === undefined ? 0 : axis;
  if (ndim !== 2 || a === undefined || a === null || result.shape.length !== 1) return result;
  const names = a === 1 || a === -1 ? p.labels : a === 0 || a === -2 ? p.columns : undefined;
  return names !== undefined && names.length === result.shape[0] ? { ...result, labels: names } : result;
}

/** The number of dimensions of an input, when known before reading it (text tables are 2-D). */
function ndimOf(input: Input): number | undefined {
  if (input.kind === 'text') return 2;
  if (input.kind === 'npy') return input.npy!.shape.length;
  return undefined;
}

/** The axis, when it is the last of `ndim` dimensions. */
function isLast(axis: ReduceOptions['axis'], ndim: number): boolean {
  const a = Array.isArray(axis) ? (axis.length === 1 ? axis[0] : undefined) : axis;
  return a === ndim - 1 || a === -1;
}

/**
 * Refuses, before any allocation, shapes whose data, rows or result cannot be held in one buffer
 * (a header may claim any shape): exit 2 naming the shape instead of a failed allocation.
 */
function checkAllocatable(job: Job): void {
  const npys = [job.p, job.q].flatMap((i) => (i?.kind === 'npy' ? [i] : []));
  if (npys.length === (job.q === undefined ? 1 : 2)) {
    // Both shapes known: the result's size (text and JSON shapes are known only once read).
    const shapes = npys.map((i) => i.npy!.shape);
    const ndim = Math.max(...shapes.map((s) => s.length));
    const full = Array.from({ length: ndim }, (_, d) => Math.max(...shapes.map((s) => s[d - ndim + s.length] ?? 1)));
    const axis = job.options.axis === undefined ? 0 : job.options.axis;
    const reduced = axis === null ? full.map((_, d) => d) : (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + ndim : a));
    if (reduced.every((a) => a >= 0 && a < ndim)) {
      const size = full.reduce((s, n, d) => (reduced.includes(d) ? s : s * n), 1);
      const kept = full.filter((_, d) => !reduced.includes(d));
      if (size * 8 > MAX_BYTES) throw new InputError(`${job.names}: the result would have shape ${shapeTuple(kept)} (${size} values), more than can be allocated`);
    } // else the library reports the axis
  }
  for (const i of npys) {
    const shape = i.npy!.shape;
    const row = shape.length === 0 ? 1 : shape[shape.length - 1];
    if (i.npy!.size > 0 && row * 8 > MAX_BYTES) throw new InputError(`${i.name}: shape ${shapeTuple(shape)}: a row of ${row} values is more than can be allocated`);
  }
}

/** Computes the job's result, streamed when that is possible, else read whole. */
export async function compute(job: Job): Promise<Result> {
  checkAllocatable(job);
  const { p, options } = job;
  const ndim = ndimOf(p);
  const large = (i: Input): boolean => i.size === undefined || i.size > job.limit;
  const streamable = (i: Input): boolean => {
    const n = ndimOf(i);
    return n !== undefined && n >= 2 && !(i.kind === 'npy' && (i.npy!.fortranOrder || i.npy!.size === 0));
  };
  if (job.streams && streamable(p) && isLast(options.axis, ndim!) && large(p)) {
    return blame(job.names, () => parallelRows(job) ?? parallelText(job)) ?? streamed(job, ndim!, large, streamable);
  }
  return whole(job);
}

/** Reads both inputs whole (or finishes readers already started) and computes. */
async function whole(job: Job, pText?: TextRows, qStarted?: Loaded | TextRows): Promise<Result> {
  const P = await loadArray(job.p, job.read, pText);
  const Q = qStarted !== undefined && !(qStarted instanceof TextRows) ? qStarted : job.q && (await loadArray(job.q, job.read, qStarted));
  const r = blame(job.names, () => toResult(job.reducer(P.array, Q?.array, job.options)), Q && [P.array.shape, Q.array.shape]);
  return withLabels(r, P, job.options.axis, P.array.ndim);
}

/** A zero-stride view of any shape over one element (no allocation). */
function probe(shape: readonly number[]): NDArray {
  return new NDArray(Float64Array.of(1), shape, shape.map(() => 0));
}

/** How q meets pk's rows in a streamed run. */
type QMode =
  | { kind: 'none' }
  | { kind: 'single'; Q: NDArray; shape: readonly number[] }
  | { kind: 'gather'; Q: NDArray; lead: readonly number[] }
  | { kind: 'aligned'; rows: RowReader; shape?: readonly number[] };

function rowsOf(input: Input, read: ReadOptions): RowReader {
  return input.kind === 'npy' ? new NpyRows(input, input.npy!) : new TextRows(input, read);
}

/** A C-contiguous array (a copy in the same dtype when it is not). */
function contiguous(a: NDArray): NDArray {
  return a.isCContiguous ? a : a.reshape(...a.shape);
}

async function streamed(job: Job, ndim: number, large: (i: Input) => boolean, streamable: (i: Input) => boolean): Promise<Result> {
  const { p, q, read } = job;
  const pRows = rowsOf(p, read);
  const pText = pRows instanceof TextRows ? pRows : undefined;
  const pLead = p.kind === 'npy' ? p.npy!.shape.slice(0, -1) : undefined; // a table's row count is known at the end
  const pErrors = new WeakSet<object>();
  /** Runs a read of pk's rows, marking what it throws as pk's reading error (reported as it is). */
  const fromP = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      if (err && typeof err === 'object') pErrors.add(err);
      throw err;
    }
  };
  const readP = (n: number): Promise<Block | null> => fromP(() => pRows.read(n));
  /** Reads the rest of an input, counting its rows (pk's by default). */
  const drain = async (read: (n: number) => Promise<Block | null> = readP): Promise<number> => {
    let n = 0;
    for (let b = await read(1 << 12); b !== null; b = await read(1 << 12)) n += b.rows;
    return n;
  };
  let mode: QMode = { kind: 'none' };
  let qStarted: Loaded | TextRows | undefined; // what the whole-file fallback continues from
  let wholeRun = false;
  try {
    if (q !== undefined) {
      let qShape = q.kind === 'npy' ? q.npy!.shape : undefined;
      let qLoaded: Loaded | undefined;
      if (q.kind === 'json') {
        qStarted = qLoaded = await loadArray(q, read);
        qShape = qLoaded.array.shape.slice();
      } else if (q.kind === 'text') {
        const qText = new TextRows(q, read);
        qStarted = qText;
        if ((await qText.start(2)) < 2) {
          qStarted = qLoaded = await loadArray(q, read, qText);
          qShape = qLoaded.array.shape.slice();
        }
      }
      const fallback = (): Promise<Result> => {
        wholeRun = true; // its errors are the whole-file run's own
        return whole(job, pText, qStarted);
      };
      const qNdim = qShape?.length ?? 2;
      if (qNdim > ndim) return await fallback(); // q adds axes: the reduced axis is not the last
      if (job.axisPerInput && qNdim !== ndim) return await fallback(); // the axis may not be q's
      const qLead = qShape?.slice(0, -1);
      const loadQ = async (): Promise<NDArray> => {
        qStarted = qLoaded ??= await loadArray(q, read, qStarted instanceof TextRows ? qStarted : undefined);
        return contiguous(qLoaded.array);
      };
      if (qLead !== undefined && qLead.every((d) => d === 1)) {
        const Q = await loadQ();
        mode = { kind: 'single', Q: Q.reshape(1, Q.ndim === 0 ? 1 : Q.shape[Q.ndim - 1]), shape: Q.shape };
      } else {
        // q has several rows: pk must have several too, and q's leading shape must not add to pk's.
        if (pLead === undefined ? (await fromP(() => pRows.start(2))) < 2 : pLead.reduce((a, b) => a * b, 1) < 2) return await fallback();
        if (pLead !== undefined && qLead !== undefined) {
          const off = pLead.length - qLead.length;
          if (!qLead.every((d, k) => d === 1 || d === pLead[k + off])) return await fallback();
        }
        // Rows pair one to one when both are tables (row counts checked as they go) or both
        // have the same leading shape.
        const oneToOne = qLead === undefined ? ndim === 2 : pLead === undefined ? qLead.length === 1 : qLead.join() === pLead.join();
        if (oneToOne && (qStarted instanceof TextRows || (q.kind === 'npy' && streamable(q) && large(q)))) {
          mode = { kind: 'aligned', rows: qStarted instanceof TextRows ? qStarted : rowsOf(q, read), shape: qShape };
        } else {
          const Q = await loadQ();
          mode = { kind: 'gather', Q, lead: Q.shape.slice(0, -1) };
        }
      }
    }

    const nP = await fromP(() => pRows.start(1));
    const qRows = mode.kind === 'aligned' ? mode.rows : undefined;
    if (nP === 0) {
      wholeRun = true; // a table of no rows
      return await whole(job, pText, qStarted);
    }
    if (qRows !== undefined) await qRows.start(1);
    const ncols = pRows.ncols;
    const qcols = mode.kind === 'none' ? ncols : mode.kind === 'aligned' ? mode.rows.ncols : mode.Q.shape[mode.Q.ndim - 1];
    let pRead = 0;
    let qRead = 0;
    /** Reads both inputs to the end and throws the error the whole-file run gives for their shapes. */
    const mismatch = async (): Promise<never> => {
      const pTotal = pRead + (await drain());
      const pShape = pLead !== undefined ? p.npy!.shape : [pTotal, ncols];
      let qShape: readonly number[];
      if (mode.kind === 'aligned') qShape = mode.shape ?? [qRead + (await drain((n) => mode.kind === 'aligned' ? mode.rows.read(n) : Promise.resolve(null))), qcols];
      else qShape = mode.kind === 'single' ? mode.shape : (mode as { Q: NDArray }).Q.shape;
      blame(job.names, () => job.reducer(probe(pShape), probe(qShape), job.options), [pShape, qShape]);
      throw new Error(`shapes ${shapeTuple(pShape)} and ${shapeTuple(qShape)} were expected not to broadcast`);
    };
    if (ncols !== qcols && ncols !== 1 && qcols !== 1) await mismatch();

    const rowsPerBlock = Math.max(1, Math.floor(job.limit / (8 * Math.max(ncols, qcols, 1))));
    const out: Float64Array[] = [];
    let outLength = 0;
    const blockOptions = { ...job.options, axis: 1, keepdims: false };
    const gather = mode.kind === 'gather' ? rowGatherer(mode.Q, mode.lead, pLead) : undefined;
    const qTableRows = mode.kind === 'gather' && pLead === undefined ? mode.Q.shape[0] : Infinity;
    for (;;) {
      const bp = await readP(rowsPerBlock);
      let Q: NDArray | undefined = mode.kind === 'single' ? mode.Q : undefined;
      if (qRows !== undefined) {
        const bq = await qRows.read(bp === null ? 1 : bp.rows);
        if ((bp === null) !== (bq === null) || (bp !== null && bq !== null && bq.rows !== bp.rows)) {
          qRead += bq?.rows ?? 0;
          pRead += bp?.rows ?? 0;
          await mismatch();
        }
        if (bq !== null) {
          qRead += bq.rows;
          Q = NDArray.fromData(bq.data, [bq.rows, qcols], bq.dtype);
        }
      }
      if (bp === null) break;
      if (gather !== undefined) {
        if (pRead + bp.rows > qTableRows) {
          pRead += bp.rows;
          await mismatch();
        }
        Q = gather(pRead, bp.rows);
      }
      const P = NDArray.fromData(bp.data, [bp.rows, ncols], bp.dtype);
      const values = (blame(job.names, () => job.reducer(P, Q, blockOptions)) as NDArray).toFloat64Array();
      out.push(values);
      outLength += values.length;
      pRead += bp.rows;
      job.progress.update(p.puller.bytes + (qRows !== undefined ? q!.puller.bytes : 0), (p.size ?? 0) + (q?.size ?? 0) || undefined);
    }
    if (qTableRows !== Infinity && pRead !== qTableRows) await mismatch();
    const values = new Float64Array(outLength);
    let k = 0;
    for (const v of out) {
      values.set(v, k);
      k += v.length;
    }
    const shape = pLead !== undefined ? pLead.slice() : [pRead];
    if (job.options.keepdims) shape.push(1);
    return withLabels({ values, shape }, { labels: pText?.labels, columns: pText?.columns }, job.options.axis, ndim);
  } catch (err) {
    // Whole-file order: pk's reading errors come first, then q's, then the computation's.
    if (!wholeRun && err && typeof err === 'object' && !pErrors.has(err)) {
      await drain();
      const computing = err instanceof InputError && / (ValueError|AxisError|TypeError): /.test(err.message);
      if (computing && mode.kind === 'aligned') {
        const rows = mode.rows;
        await drain((n) => rows.read(n));
      }
    }
    throw err;
  }
}

/**
 * For q held whole with leading shape `qLead` (right-aligned against pk's, 1 broadcasting), a
 * function giving q's rows for pk's rows `r0 .. r0 + n` (a copy in q's dtype).
 */
function rowGatherer(Q: NDArray, qLead: readonly number[], pLead: readonly number[] | undefined): (r0: number, n: number) => NDArray {
  const cols = Q.shape[Q.ndim - 1];
  const data = Q.data;
  const base = Q.offset;
  const Ctor = data.constructor as new (n: number) => NDArray['data'];
  const lead = pLead ?? qLead; // a table: q's rows pair with pk's by index
  const off = lead.length - qLead.length;
  return (r0, n) => {
    const out = new Ctor(n * cols);
    for (let i = 0; i < n; i++) {
      let rest = r0 + i;
      let qi = 0;
      let step = 1;
      for (let d = lead.length - 1; d >= 0; d--) {
        const idx = rest % lead[d];
        rest = Math.floor(rest / lead[d]);
        const qd = d - off;
        if (qd >= 0) {
          if (qLead[qd] !== 1) qi += idx * step;
          step *= qLead[qd];
        }
      }
      for (let j = 0; j < cols; j++) (out as Float64Array)[i * cols + j] = (data as Float64Array)[base + qi * cols + j];
    }
    return NDArray.fromData(out, [n, cols], Q.dtype);
  };
}
