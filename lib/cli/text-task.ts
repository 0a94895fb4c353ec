/**
 * The command line's task for the worker pool (lib/threads/tasks.ts) on a large text table: a
 * piece is a byte range of the file, and owns the lines that start in it (a quoted field never
 * spans lines, so every line break ends a row). The worker reads its range itself (plus the rest
 * of its last line), parses the table's first lines again to know what the calling thread knows
 * (delimiter, header, columns), parses its lines, runs the command's library function on them as
 * one block, and writes the row count and the row values into its region of the arena.
 * Anything the one-thread reader would report (a bad field, a ragged row, a NUL byte, a line
 * over the cap) fails the piece; the calling thread then reads the file on one thread, which
 * reports the first of them in file order, with its line number.
 */
import { NDArray } from '../index.js';
import { registerTask } from '../threads/tasks.js';
import { type Command } from './args.js';
import type { ReadOptions } from './input.js';
import { readAt } from './read-at.js';
import { REDUCERS, type ReduceOptions } from './reducers.js';
import { Float64Builder, TextTable } from './text.js';

/** The task's name. */
export const TEXT_TASK = 'cli.text-rows';

/** The arguments of every piece of a job. */
export interface TextTaskArgs {
  command: Command;
  /** The command's options, with `axis: 1` and `keepdims: false` (a block of rows). */
  options: ReduceOptions;
  path: string;
  name: string;
  read: ReadOptions;
  size: number;
  /** The bytes up to the end of the first data row's line (piece 0 starts there). */
  prefix: number;
  pieceBytes: number;
  pieces: number;
  /** The most rows a piece may hold in the arena. */
  capacity: number;
}

/** Where piece results go: the row counts, then `capacity` values per piece. */
export function textLayout(pieces: number, capacity: number): { countsBytes: number; bytes: number } {
  const countsBytes = Math.ceil(pieces / 2) * 8;
  return { countsBytes, bytes: countsBytes + pieces * capacity * 8 };
}

const NEWLINE = 10;
let bytes = new Uint8Array(0);
const out = new Float64Builder(1 << 16);
const decoder = new TextDecoder();

function fail(what: string): never {
  throw new Error(`text piece: ${what}`);
}

/** The file's bytes `[from, from + length)` in `bytes` (fewer at the end), from index `at`. */
function read(a: TextTaskArgs, from: number, length: number, at = 0): number {
  if (bytes.length < at + length) {
    const next = new Uint8Array(Math.max(at + length, 2 * bytes.length));
    next.set(bytes.subarray(0, at));
    bytes = next;
  }
  return readAt(a.path, a.name, from, bytes.subarray(at), length);
}

/** Parses the lines of `bytes[begin, stop)` into `out`; returns the data rows found. */
function parseLines(a: TextTaskArgs, table: TextTable, begin: number, stop: number, firstLine: number): number {
  const region = bytes.subarray(begin, stop);
  if (region.indexOf(0) >= 0) fail('a NUL byte');
  for (let s = 0; s <= region.length; ) {
    let e = region.indexOf(NEWLINE, s);
    if (e < 0) e = region.length;
    if (e - s > a.read.maxLineBytes) fail('a line over the cap');
    s = e + 1;
  }
  const lines = decoder.decode(region).split('\n');
  let rows = 0;
  lines.forEach((line, k) => {
    if (table.parseLine(line, firstLine + k, out)) rows++;
  });
  return rows;
}

/** Piece `piece`: its row count and row values, written into its region of the arena. */
function textPiece(args: unknown, piece: number, arena: SharedArrayBuffer | null): void {
  const a = args as TextTaskArgs;
  out.clear();
  // What the calling thread learnt from the first lines (and, for piece 0, the first row).
  const table = new TextTable(a.name, a.read);
  read(a, 0, a.prefix);
  const prefixEnd = bytes[a.prefix - 1] === NEWLINE ? a.prefix - 1 : a.prefix;
  let rows = parseLines(a, table, 0, prefixEnd, 1);
  if (rows !== 1) fail('the first data row moved');
  if (piece > 0) {
    out.clear();
    rows = 0;
  }
  // The piece's range, from one byte before it (to see whether a line starts at its first byte),
  // then on to the end of the line that holds its last byte.
  const start = a.prefix + piece * a.pieceBytes;
  const end = Math.min(a.size, start + a.pieceBytes);
  const from = start - 1;
  let have = read(a, from, end - from);
  const owned = end - from; // lines starting at indices [1, owned) are the piece's
  let stop = bytes[have - 1] === NEWLINE ? have - 1 : -1;
  while (stop < 0 && from + have < a.size) {
    const got = read(a, from + have, 1 << 16, have);
    if (got === 0) fail('the file shrank');
    const nl = bytes.subarray(have, have + got).indexOf(NEWLINE);
    have += got;
    if (nl >= 0) stop = have - got + nl;
    else if (have - owned > a.read.maxLineBytes) fail('a line over the cap');
  }
  if (stop < 0) stop = have;
  const begin = bytes.subarray(0, owned).indexOf(NEWLINE) + 1; // the first line starting at or after `start`
  if (begin > 0 && begin < owned) rows += parseLines(a, table, begin, stop, 2);
  if (rows > a.capacity) fail('more rows than the arena holds');
  const layout = textLayout(a.pieces, a.capacity);
  new Int32Array(arena as SharedArrayBuffer, 0, a.pieces)[piece] = rows;
  if (rows === 0) return;
  const block = NDArray.fromData(out.view(), [rows, table.ncols]);
  const values = (REDUCERS[a.command](block, undefined, a.options) as NDArray).toFloat64Array();
  new Float64Array(arena as SharedArrayBuffer, layout.countsBytes + piece * a.capacity * 8, rows).set(values);
}

registerTask(TEXT_TASK, textPiece);
