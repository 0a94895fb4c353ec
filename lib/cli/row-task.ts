/**
 * The command line's task for the worker pool (lib/threads/tasks.ts): a piece is a range of rows
 * of one or two C-order .npy files (pk, and qk of the same shape), reduced along the last axis.
 * The worker reads the rows itself (lib/cli/read-at.ts, into memory of its own, reused from
 * piece to piece), decodes them as the one-thread reader does (lib/cli/
 * input.ts), runs the command's library function on them as a block, and writes the row values
 * into the job's shared output at the rows' index. Nothing goes through the calling thread.
 */
import { NDArray } from '../index.js';
import { registerTask } from '../threads/tasks.js';
import { type Command } from './args.js';
import { decode, nativeType, type NpyDType } from './npy.js';
import { inputError, readAt } from './read-at.js';
import { REDUCERS, type ReduceOptions } from './reducers.js';

/** The task's name. */
export const ROW_TASK = 'cli.npy-rows';

/** One file's rows: where they start and what they hold. */
export interface RowFile {
  path: string;
  /** The name used in messages. */
  name: string;
  /** The byte offset of the first row (the .npy header's length). */
  dataOffset: number;
  dtype: NpyDType;
  ncols: number;
}

/** The arguments of every piece of a job. */
export interface RowTaskArgs {
  command: Command;
  /** The command's options, with `axis: 1` and `keepdims: false` (a block of rows). */
  options: ReduceOptions;
  /** pk's file, and qk's when given. */
  files: RowFile[];
  nrows: number;
  rowsPerPiece: number;
}

/** Per input: the bytes read, and the decoded values when they need decoding (reused). */
const raw: Uint8Array[] = [];
const decoded: ArrayBuffer[] = [];

function grown(a: Uint8Array | undefined, bytes: number): Uint8Array {
  return a !== undefined && a.length >= bytes ? a : new Uint8Array(bytes);
}

/** Rows `r0 .. r0 + n` of file k, read and decoded. */
function readRows(k: number, f: RowFile, r0: number, n: number): NDArray {
  const rowBytes = f.ncols * f.dtype.itemsize;
  const need = n * rowBytes;
  const bytes = (raw[k] = grown(raw[k], need));
  if (readAt(f.path, f.name, f.dataOffset + r0 * rowBytes, bytes, need) < need) {
    throw inputError(`${f.name}: the file was truncated while being read`);
  }
  const count = n * f.ncols;
  const Native = nativeType(f.dtype);
  let data;
  if (Native !== null) {
    data = new Native(bytes.buffer, 0, count);
  } else {
    if (decoded[k] === undefined || decoded[k].byteLength < count * 8) decoded[k] = new ArrayBuffer(count * 8);
    data = decode(bytes.subarray(0, need), f.dtype, count, decoded[k]);
  }
  return NDArray.fromData(data, [n, f.ncols], f.dtype.kind === 'b' ? 'bool' : undefined);
}

/** Piece `piece`: its rows' values, written into the arena's first `nrows` float64 values. */
function rowPiece(args: unknown, piece: number, arena: SharedArrayBuffer | null): void {
  const a = args as RowTaskArgs;
  const r0 = piece * a.rowsPerPiece;
  const n = Math.min(a.rowsPerPiece, a.nrows - r0);
  const [P, Q] = a.files.map((f, k) => readRows(k, f, r0, n));
  const values = (REDUCERS[a.command](P, Q, a.options) as NDArray).toFloat64Array();
  new Float64Array(arena as SharedArrayBuffer, 0, a.nrows).set(values, r0);
}

registerTask(ROW_TASK, rowPiece);
