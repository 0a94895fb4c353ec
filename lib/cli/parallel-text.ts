/**
 * Per-row reductions of a large text table on the worker pool: when pk is a CSV (or other text
 * table) file on disk reduced along its last axis, without qk or row labels, and more than one
 * thread is asked for, the file is cut into byte ranges that workers read, parse and reduce
 * themselves (lib/cli/text-task.ts). This thread reads the first lines (header, delimiter,
 * columns: what every worker parses again), then takes ranges too (N - 1 workers and itself),
 * and joins the row values in order.
 * Should any piece fail (a bad field, a ragged row...), the run is redone on one thread from the
 * start, which reports the first error in file order with the wording and line number it
 * always gives; so do tables this cannot take (row labels, a first row beyond the first MiB).
 */
import { getThreads } from '../index.js';
import { pool } from '../threads/pool.js';
import { type Job } from './compute.js';
import { type Result } from './output.js';
import { readAt } from './read-at.js';
import { Float64Builder, TextTable } from './text.js';
import { TEXT_TASK, type TextTaskArgs, textLayout } from './text-task.js';

/** How far the first data row is looked for. */
const SCAN_BYTES = 1 << 20;

/** The bytes up to the end of the first data row's line, or null (then one thread reads it all). */
function prefixOf(job: Job, file: string, size: number): { prefix: number; table: TextTable } | null {
  const p = job.p;
  const scan = Math.min(size, SCAN_BYTES);
  const bytes = new Uint8Array(scan);
  if (readAt(file, p.name, 0, bytes, scan) < scan || bytes.indexOf(0) >= 0) return null;
  const table = new TextTable(p.name, job.read);
  const decoder = new TextDecoder();
  const scratch = new Float64Builder(16);
  for (let pos = 0, lineNo = 1; pos < scan; lineNo++) {
    const nl = bytes.indexOf(10, pos);
    if (nl < 0) return null; // the last line, or one longer than the scan
    if (nl - pos > job.read.maxLineBytes) return null;
    try {
      if (table.parseLine(decoder.decode(bytes.subarray(pos, nl)), lineNo, scratch)) return { prefix: nl + 1, table };
    } catch {
      return null;
    }
    pos = nl + 1;
  }
  return null;
}

/**
 * The job's result computed by the workers, or null (having consumed nothing of the input)
 * when it is not a run they take or a piece failed.
 */
export function parallelText(job: Job): Result | null {
  const { p, q } = job;
  const threads = getThreads();
  if (threads <= 1 || q !== undefined || p.kind !== 'text' || p.file === undefined || p.size === undefined) return null;
  const start = prefixOf(job, p.file, p.size);
  if (start === null || start.table.hasLabels || start.table.ncols < 1) return null;
  const { prefix, table } = start;
  const pieceBytes = job.limit;
  const pieces = Math.ceil((p.size - prefix) / pieceBytes);
  if (pieces < 2) return null;
  // A data row takes at least two bytes per field (a digit, a delimiter or the line break).
  const capacity = Math.floor(pieceBytes / (2 * table.width)) + 2;
  const layout = textLayout(pieces, capacity);
  const workers = pool(threads - 1); // and this thread
  const arena = workers.arena.get(layout.bytes);
  if (arena === null) return null;
  const args: TextTaskArgs = {
    command: job.command, options: { ...job.options, axis: 1, keepdims: false }, path: p.file, name: p.name, read: job.read,
    size: p.size, prefix, pieceBytes, pieces, capacity,
  };
  const failed = workers.runTask({ name: TEXT_TASK, args }, pieces, arena, (done) => job.progress.update(Math.min(p.size!, prefix + done * pieceBytes), p.size));
  if (failed !== null) return null;
  job.progress.update(p.size!, p.size); // the last piece may end after the last report
  const counts = new Int32Array(arena, 0, pieces);
  const rows = counts.reduce((s, n) => s + n, 0);
  const values = new Float64Array(rows);
  let k = 0;
  for (let piece = 0; piece < pieces; piece++) {
    values.set(new Float64Array(arena, layout.countsBytes + piece * capacity * 8, counts[piece]), k);
    k += counts[piece];
  }
  const shape = job.options.keepdims ? [rows, 1] : [rows];
  return { values, shape };
}
