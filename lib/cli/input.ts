/**
 * Opening an input (a file or `-` for stdin), telling its kind (.npy, text table or JSON; a
 * gzip stream or an .npz archive is opened and what it holds is told in turn; other binary data
 * is refused by name), and reading it either whole or as blocks of rows along its last axis.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { NDArray } from '../index.js';
import { at, displayName, InputError, ioMessage } from './errors.js';
import { readJson } from './json.js';
import { decode, headerLength, isNpy, isNpyPrefix, nativeType, type NpyHeader, parseHeader, readNpy } from './npy.js';
import { Float64Builder, TextTable, type TextOptions } from './text.js';

/** The kinds of input files. */
export type InputKind = 'npy' | 'text' | 'json';

/** Pulls chunks from a byte stream one at a time, with push-back, counting bytes consumed. */
export class ChunkPuller {
  /** Bytes handed out so far (for progress reports). */
  bytes = 0;
  private readonly back: Uint8Array[] = [];
  private done = false;

  constructor(
    private readonly iter: AsyncIterator<Uint8Array>,
    private readonly name: string,
  ) {}

  /** The next chunk, or `null` at the end. */
  async next(): Promise<Uint8Array | null> {
    let chunk: Uint8Array | null;
    if (this.back.length > 0) {
      chunk = this.back.pop()!;
    } else if (this.done) {
      chunk = null;
    } else {
      let r: IteratorResult<Uint8Array>;
      try {
        r = await this.iter.next();
      } catch (err) {
        throw new InputError(`${this.name}: ${ioMessage(err)}`);
      }
      if (r.done) this.done = true;
      chunk = r.done ? null : r.value;
    }
    if (chunk !== null) this.bytes += chunk.length;
    return chunk;
  }

  /** Puts a chunk back, to be returned by the next call of {@link next}. */
  unshift(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.bytes -= chunk.length;
    this.back.push(chunk);
  }

  /** The first `n` bytes (fewer at the end of the input), left unconsumed. */
  async peek(n: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    while (total < n) {
      const c = await this.next();
      if (c === null) break;
      parts.push(c);
      total += c.length;
    }
    const all = concat(parts, total);
    this.unshift(all);
    return all.subarray(0, n);
  }

  /** The rest of the input as a byte stream (pushed-back chunks first). */
  stream(): Readable {
    const self = this;
    return Readable.from(
      (async function* () {
        for (let c = await self.next(); c !== null; c = await self.next()) yield c;
      })(),
    );
  }

  /** Everything left, concatenated. */
  async rest(): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let c = await this.next(); c !== null; c = await this.next()) {
      parts.push(c);
      total += c.length;
    }
    return concat(parts, total);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  if (parts.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(total);
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

/** An opened input. */
export interface Input {
  /** The path given (`-` for stdin). */
  path: string;
  /** The name used in messages. */
  name: string;
  kind: InputKind;
  /** The size in bytes, when known (a regular file). */
  size: number | undefined;
  puller: ChunkPuller;
  /** The .npy header, for kind `npy` (read on opening; the bytes stay unconsumed). */
  npy?: NpyHeader;
  /**
   * The path of the regular file whose bytes these are, as they are (not decompressed or taken
   * from an archive): workers may read it themselves (lib/cli/parallel-rows.ts).
   */
  file?: string;
}

/** Where to read `-` from (replaceable for tests). */
export interface InputContext {
  stdin: NodeJS.ReadableStream;
}

/** How to read inputs: a text table's options, the line cap, an .npz member. */
export interface ReadOptions extends TextOptions {
  /** The longest text line accepted, in bytes (a NUL byte ends any text input). */
  maxLineBytes: number;
  /** The array to read from an .npz archive (`--key`); default the only one. */
  key?: string;
}

/** The default cap on a text line: 64 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 2 ** 20;

/**
 * The read size of a file (4 MiB, the default block): the stream reads the next chunk while a
 * block is computed, and a 2 GB .npy streams in 2.27 s instead of 2.89 s with 64 KiB reads.
 */
const CHUNK = 1 << 22;

/** Binary formats recognised by their first bytes and refused by name. */
const FOREIGN: readonly [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed data (decompress it first, or use gzip)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz-compressed data (decompress it first, or use gzip)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed data (decompress it first, or use gzip)'],
  [[0x89, 0x48, 0x44, 0x46], 'an HDF5 file'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file'],
];
const GZIP = [0x1f, 0x8b];
const ZIP = [0x50, 0x4b];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * Opens an input and tells its kind: a gzip stream (`.gz`, or its magic bytes) is decompressed
 * on the fly and an .npz archive (`.npz`, or a zip's magic bytes) opened, then what they hold is
 * told by the extension before `.gz` (`.npy`, `.json`, `.csv`, `.tsv`, `.txt`) or by its first
 * bytes (the .npy magic string, a `[` for JSON, else a text table).
 * @throws {InputError} for a missing or unreadable file, empty input, binary data that is none
 *   of these (named when known: a PNG, a NUL byte...), or a bad .npy header.
 */
export async function openInput(file: string, ctx: InputContext, options: ReadOptions): Promise<Input> {
  const name = displayName(file);
  let stream: NodeJS.ReadableStream;
  let size: number | undefined;
  if (file === '-') {
    stream = ctx.stdin;
  } else {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (err) {
      throw new InputError(`${name}: ${ioMessage(err)}`);
    }
    if (stat.isDirectory()) throw new InputError(`${name}: is a directory, not a file`);
    if (stat.isFile()) size = stat.size;
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch (err) {
      throw new InputError(`${name}: ${ioMessage(err)}`);
    }
    stream = fs.createReadStream(file, { highWaterMark: CHUNK });
  }
  let puller = new ChunkPuller((stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator](), name);
  let ext = path.extname(file).toLowerCase();
  let head = await puller.peek(8);
  if (head.length === 0) throw new InputError(`${name}: input was empty`);
  let direct = size !== undefined;
  if (startsWith(head, GZIP) || ext === '.gz') {
    direct = false;
    if (!startsWith(head, GZIP)) throw new InputError(`${name}: not gzip data (no 1f 8b magic bytes at the start)`);
    const gunzip = puller.stream().pipe(zlib.createGunzip());
    puller = new ChunkPuller((gunzip as AsyncIterable<Uint8Array>)[Symbol.asyncIterator](), name);
    size = undefined;
    if (ext === '.gz') ext = path.extname(file.slice(0, -3)).toLowerCase();
    head = await puller.peek(8);
    if (head.length === 0) throw new InputError(`${name}: input was empty (after decompressing)`);
  }
  if (startsWith(head, ZIP) || ext === '.npz') {
    direct = false;
    const bytes = await npzMember(await puller.rest(), name, options.key);
    puller = new ChunkPuller(
      (async function* () {
        yield bytes;
      })(),
      name,
    );
    size = bytes.length;
    ext = '.npy';
    head = bytes.subarray(0, 8);
  } else if (options.key !== undefined) {
    throw new InputError(`${name}: --key picks an array of an .npz archive, and this is not one`);
  }
  let kind: InputKind;
  if (ext === '.npy') kind = 'npy';
  else kind = sniff(head, name, ext);
  const input: Input = { path: file, name, kind, size, puller, ...(direct && { file }) };
  if (kind === 'npy') input.npy = await peekNpyHeader(puller, name);
  return input;
}

/** Tells a text or JSON input from its first bytes, refusing binary data. */
function sniff(head: Uint8Array, name: string, ext: string): InputKind {
  if (isNpy(head)) return 'npy';
  for (const [magic, what] of FOREIGN) if (startsWith(head, magic)) throw new InputError(`${name}: this is ${what}, not a data file (.npy, .npz, CSV, JSON, or any of them gzip'd)`);
  if (isNpyPrefix(head)) throw new InputError(`${name}: truncated .npy file (${head.length} bytes)`);
  const nul = head.indexOf(0);
  if (nul >= 0) throw new InputError(`${name}: binary data (a NUL byte at byte ${nul + 1}), not a text table or JSON`);
  if (ext === '.json') return 'json';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'text';
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 0xef || c === 0xbb || c === 0xbf || c === 32 || c === 9 || c === 10 || c === 13) continue; // BOM, space
    return c === 0x5b /* [ */ ? 'json' : 'text';
  }
  return 'text';
}

/** The bytes of one .npy member of an .npz (zip) archive: `key`, or the only one. */
async function npzMember(zip: Uint8Array, name: string, key: string | undefined): Promise<Uint8Array> {
  const names: string[] = [];
  const bad = (err: unknown): never => {
    throw new InputError(`${name}: not a readable .npz (zip) archive: ${(err as Error).message}`);
  };
  try {
    unzipSync(zip, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch (err) {
    bad(err);
  }
  const keys = names.map((n) => n.replace(/\.npy$/, ''));
  const list = keys.map((k) => `'${k}'`).join(', ');
  let chosen: string;
  if (key === undefined) {
    if (names.length !== 1) throw new InputError(`${name}: the archive holds ${names.length} arrays (${list}): choose one with --key`);
    chosen = names[0];
  } else {
    const k = keys.indexOf(key.replace(/\.npy$/, ''));
    if (k < 0) throw new InputError(`${name}: no array '${key}' in the archive (it holds ${list || 'none'})`);
    chosen = names[k];
  }
  let files: Record<string, Uint8Array> = {};
  try {
    files = unzipSync(zip, { filter: (f) => f.name === chosen });
  } catch (err) {
    bad(err);
  }
  return files[chosen];
}

async function peekNpyHeader(puller: ChunkPuller, name: string): Promise<NpyHeader> {
  const prefix = await puller.peek(12);
  const need = headerLength(prefix, name); // throws for a header over NumPy's size limit
  const bytes = await puller.peek(need ?? 12);
  return parseHeader(bytes, name); // throws for a truncated header
}

/** A whole input: its array, and for a text table its row labels and column names. */
export interface Loaded {
  array: NDArray;
  labels?: string[];
  columns?: string[];
}

/** Reads a whole input into an array (a text table through `started`, when already begun). */
export async function loadArray(input: Input, options: ReadOptions, started?: TextRows): Promise<Loaded> {
  if (input.kind === 'text') {
    const rows = started ?? new TextRows(input, options);
    const block = await rows.read(Infinity);
    const nrows = block === null ? 0 : block.rows;
    const array = NDArray.fromData(block === null ? new Float64Array(0) : block.data.slice(), [nrows, nrows === 0 ? 0 : rows.ncols]);
    return { array, labels: rows.labels, columns: rows.columns };
  }
  const bytes = await input.puller.rest();
  if (input.kind === 'npy') return { array: readNpy(bytes, input.name) };
  const { data, shape } = readJson(new TextDecoder().decode(bytes), input.name);
  return { array: NDArray.fromData(data, shape) };
}

/** A block of rows along the last axis: `rows * ncols` elements in C order. */
export interface Block {
  data: NDArray['data'];
  rows: number;
  /** The dtype, when the data's type does not tell it (bool). */
  dtype?: NDArray['dtype'];
}

/** Reads an input as rows of its last axis, a block at a time. */
export interface RowReader {
  /** The row length, once known (after {@link start}). */
  readonly ncols: number;
  /**
   * Reads ahead up to `rows` rows (default 1), so that `ncols` is known; resolves to how many
   * there are (fewer only at the end of the input).
   */
  start(rows?: number): Promise<number>;
  /** Up to `maxRows` rows; `null` at the end. The block is valid until the next call. */
  read(maxRows: number): Promise<Block | null>;
}

/**
 * Rows of a text table, split into lines on the bytes (a long line is gathered in pieces and
 * decoded once, so its cost is linear), stopping at a NUL byte or a line over the cap.
 */
export class TextRows implements RowReader {
  /** The label of each row read so far, when the table has a label column. */
  labels: string[] | undefined;
  private readonly table: TextTable;
  private readonly decoder = new TextDecoder();
  private readonly out = new Float64Builder(1024, true);
  private readonly maxLine: number;
  private lines: string[] = [];
  private next = 0;
  private partial: Uint8Array[] = [];
  private partialBytes = 0;
  private lineNo = 0;
  private eof = false;
  /** Rows parsed ahead into `out` and not yet handed out; `consumed` rows at its front are stale. */
  private ahead = 0;
  private consumed = 0;
  private rowsSeen = 0;

  constructor(
    private readonly input: Input,
    options: ReadOptions,
  ) {
    this.table = new TextTable(input.name, options);
    this.maxLine = options.maxLineBytes;
  }

  get ncols(): number {
    return this.table.ncols;
  }

  /** The header names of the value columns, when the table has a header. */
  get columns(): string[] | undefined {
    return this.table.columnNames;
  }

  async start(rows = 1): Promise<number> {
    this.compact();
    while (this.ahead < rows && (await this.parseRow()));
    return this.ahead;
  }

  private tooLong(lineNo: number): never {
    throw at(this.input.name, lineNo, 1, `line longer than ${this.maxLine} bytes (the cap: --max-line-bytes N, or SCIPY_ENTROPY_MAX_LINE_BYTES)`);
  }

  private async nextLine(): Promise<string | null> {
    while (this.next >= this.lines.length) {
      this.lines = [];
      this.next = 0;
      if (this.eof) return null;
      const chunk = await this.input.puller.next();
      if (chunk === null) {
        this.eof = true;
        if (this.partialBytes > 0) this.lines.push(this.decoder.decode(concat(this.partial, this.partialBytes)));
        this.partial = [];
        this.partialBytes = 0;
        continue;
      }
      const nul = chunk.indexOf(0);
      if (nul >= 0) {
        let line = this.lineNo + 1;
        for (let i = chunk.indexOf(10); i >= 0 && i < nul; i = chunk.indexOf(10, i + 1)) line++;
        throw at(this.input.name, line, 1, 'a NUL byte: binary data, not a text table');
      }
      const last = chunk.lastIndexOf(10);
      const firstNewline = last < 0 ? chunk.length : chunk.indexOf(10);
      if (this.partialBytes + firstNewline > this.maxLine) this.tooLong(this.lineNo + 1);
      if (last < 0) {
        this.partial.push(chunk);
        this.partialBytes += chunk.length;
        continue;
      }
      this.partial.push(chunk.subarray(0, last));
      const text = this.decoder.decode(concat(this.partial, this.partialBytes + last));
      this.partial = [chunk.subarray(last + 1)];
      this.partialBytes = chunk.length - last - 1;
      this.lines = text.split('\n');
    }
    const line = this.lines[this.next];
    this.lines[this.next++] = '';
    if (line.length > this.maxLine) this.tooLong(this.lineNo + 1);
    return line;
  }

  /** Parses lines up to the next data row, appending it to `out`; `false` at the end. */
  private async parseRow(): Promise<boolean> {
    for (;;) {
      const line = await this.nextLine();
      if (line === null) {
        if (this.rowsSeen === 0 && this.table.header === undefined) {
          throw new InputError(`${this.input.name}: input was empty${this.lineNo > 0 ? ' (only blank or comment lines)' : ''}`);
        }
        return false;
      }
      this.lineNo++;
      if (this.table.parseLine(line, this.lineNo, this.out)) {
        if (this.table.hasLabels) (this.labels ??= []).push(this.table.label);
        this.ahead++;
        this.rowsSeen++;
        return true;
      }
    }
  }

  /** Drops the rows already handed out from the front of `out`. */
  private compact(): void {
    if (this.consumed > 0) {
      this.out.drop(this.consumed * this.table.ncols);
      this.consumed = 0;
    }
  }

  async read(maxRows: number): Promise<Block | null> {
    this.compact();
    while (this.ahead < maxRows && (await this.parseRow()));
    const rows = Math.min(maxRows, this.ahead);
    if (rows === 0) return null;
    this.ahead -= rows;
    this.consumed = rows;
    return { data: this.out.view().subarray(0, rows * this.table.ncols), rows };
  }
}

/** Rows of a C-order .npy file along its last axis. */
export class NpyRows implements RowReader {
  readonly ncols: number;
  /** The number of rows the header promises. */
  readonly nrows: number;
  private readonly rowBytes: number;
  private skip: number;
  private rowsRead = 0;
  /** The file's bytes of a block, when they need decoding. */
  private buf = new Uint8Array(0);
  /** The decoded block: shared, so the worker pool reads it in place; grown only when a block needs more. */
  private shared = new SharedArrayBuffer(0);

  constructor(
    private readonly input: Input,
    private readonly header: NpyHeader,
  ) {
    const shape = header.shape;
    this.ncols = shape.length === 0 ? 1 : shape[shape.length - 1];
    this.nrows = this.ncols === 0 ? 0 : header.size / this.ncols;
    this.rowBytes = this.ncols * header.dtype.itemsize;
    this.skip = header.dataOffset;
    if (input.size !== undefined) {
      const expected = header.dataOffset + header.size * header.dtype.itemsize;
      if (input.size !== expected) this.sizeError(input.size - header.dataOffset);
    }
  }

  private sizeError(found: number): never {
    const h = this.header;
    const expected = h.size * h.dtype.itemsize;
    throw new InputError(
      `${this.input.name}: ${found < expected ? 'truncated' : 'corrupt'} .npy data: shape (${h.shape.join(', ')}${h.shape.length === 1 ? ',' : ''}) of ${h.dtype.name} needs ${expected} bytes, found ${found}`,
    );
  }

  async start(rows = 1): Promise<number> {
    return Math.min(rows, this.nrows);
  }

  async read(maxRows: number): Promise<Block | null> {
    const rows = Math.min(maxRows, this.nrows - this.rowsRead);
    const puller = this.input.puller;
    if (rows <= 0) {
      // The end: anything left over is trailing garbage.
      let extra = 0;
      for (let c = await puller.next(); c !== null; c = await puller.next()) extra += c.length;
      if (extra > 0) this.sizeError(this.header.size * this.header.dtype.itemsize + extra);
      return null;
    }
    const need = rows * this.rowBytes;
    const count = rows * this.ncols;
    if (this.shared.byteLength < count * 8) this.shared = new SharedArrayBuffer(count * 8);
    const Native = nativeType(this.header.dtype);
    // The file's bytes go straight into the shared block when they are already the values.
    if (Native === null && this.buf.length < need) this.buf = new Uint8Array(need);
    const target = Native === null ? this.buf : new Uint8Array(this.shared, 0, need);
    let have = 0;
    while (have < need) {
      let c = await puller.next();
      if (c === null) this.sizeError(this.rowsRead * this.rowBytes + have);
      if (this.skip > 0) {
        const s = Math.min(this.skip, c!.length);
        this.skip -= s;
        c = c!.subarray(s);
      }
      const take = Math.min(c!.length, need - have);
      target.set(c!.subarray(0, take), have);
      have += take;
      if (take < c!.length) puller.unshift(c!.subarray(take));
    }
    this.rowsRead += rows;
    const dtype = this.header.dtype.kind === 'b' ? 'bool' : undefined;
    const data = Native === null ? decode(this.buf.subarray(0, need), this.header.dtype, count, this.shared) : new Native(this.shared, 0, count);
    return { data, rows, dtype };
  }
}
