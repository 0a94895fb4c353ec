/**
 * Per-row reductions of large .npy files on the worker pool: when pk (and qk, of the same shape)
 * is a C-order .npy file on disk reduced along its last axis, and more than one thread is asked
 * for, each worker reads, decodes and reduces whole blocks of rows itself (lib/cli/row-task.ts),
 * claiming them one after the other, and writes the row values into shared memory; this thread
 * is one of the N (it claims blocks too, with N - 1 workers), draws the progress bar between
 * blocks, and takes the values in order. The blocks are the ones
 * the one-thread stream reads (`--block-bytes`), so the values are the same, and so are errors:
 * the first failing block in file order wins, with the wording a one-thread run gives.
 */
import { getThreads } from '../index.js';
import { pool } from '../threads/pool.js';
import { type Job } from './compute.js';
import { InputError } from './errors.js';
import { type Input, NpyRows } from './input.js';
import { type Result } from './output.js';
import { type RowFile, ROW_TASK, type RowTaskArgs } from './row-task.js';

/** pk's and qk's files when the run can go to the workers, else null. */
function rowFiles(job: Job): Input[] | null {
  const { p, q } = job;
  const fits = (i: Input | undefined): i is Input => i?.kind === 'npy' && i.file !== undefined && !i.npy!.fortranOrder && i.npy!.size > 0;
  if (!fits(p) || p.npy!.shape.length < 2) return null;
  if (q === undefined) return [p];
  if (!fits(q) || q.npy!.shape.join() !== p.npy!.shape.join()) return null;
  return [p, q];
}

/**
 * The job's result computed by the workers, or null (having read nothing) when it is not a run
 * they take: one thread, another kind of input, qk of another shape, too few rows.
 * @throws {InputError} for a file whose size does not match its header, or that cannot be
 *   read; the library's error (ValueError...) of the first failing block.
 */
export function parallelRows(job: Job): Result | null {
  const threads = getThreads();
  const inputs = rowFiles(job);
  if (threads <= 1 || inputs === null) return null;
  // Checks each file's size against its header, in the order the one-thread run does.
  const readers = inputs.map((i) => new NpyRows(i, i.npy!));
  const { ncols, nrows } = readers[0];
  const rowsPerPiece = Math.max(1, Math.floor(job.limit / (8 * Math.max(ncols, 1))));
  const pieces = Math.ceil(nrows / rowsPerPiece);
  if (pieces < 2) return null;
  const workers = pool(threads - 1); // and this thread
  const arena = workers.arena.get(nrows * 8);
  if (arena === null) return null;
  const files: RowFile[] = inputs.map((i) => ({ path: i.file!, name: i.name, dataOffset: i.npy!.dataOffset, dtype: i.npy!.dtype, ncols }));
  const args: RowTaskArgs = { command: job.command, options: { ...job.options, axis: 1, keepdims: false }, files, nrows, rowsPerPiece };
  const rowBytes = inputs.reduce((s, i) => s + ncols * i.npy!.dtype.itemsize, 0);
  const total = inputs.reduce((s, i) => s + (i.size ?? 0), 0);
  const failed = workers.runTask({ name: ROW_TASK, args }, pieces, arena, (done) => job.progress.update(Math.min(nrows, done * rowsPerPiece) * rowBytes, total));
  // The library's errors as thrown (the caller names the inputs, as for a one-thread block).
  if (failed !== null) throw failed.name === 'InputError' ? new InputError(failed.message) : Object.assign(new Error(failed.message), { name: failed.name });
  job.progress.update(total, total); // the last piece may end after the last report
  const values = new Float64Array(nrows);
  values.set(new Float64Array(arena, 0, nrows));
  const shape = inputs[0].npy!.shape.slice(0, -1);
  if (job.options.keepdims) shape.push(1);
  return { values, shape };
}
