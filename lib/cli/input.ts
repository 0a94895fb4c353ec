/**
 * Opening an input (a file or `-` for stdin), telling its kind (.npy, text table or JSON), and
 * reading it either whole or as blocks of rows along its last axis.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NDArray } from '../index.js';
import { displayName, InputError, ioMessage } from './errors.js';
import { readJson } from './json.js';
import { decode, headerLength, isNpy, type NpyHeader, parseHeader, readNpy } from './npy.js';
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
}

/** Where to read `-` from (replaceable for tests). */
export interface InputContext {
  stdin: NodeJS.ReadableStream;
}

const CHUNK = 1 << 16;

/**
 * Opens an input and tells its kind: by extension (`.npy`, `.json`, `.csv`, `.tsv`, `.txt`),
 * otherwise from its first bytes (the .npy magic string, a `[` for JSON, else a text table).
 * @throws {InputError} for a missing or unreadable file, or a bad .npy header.
 */
export async function openInput(file: string, ctx: InputContext): Promise<Input> {
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
  const iter = (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const puller = new ChunkPuller(iter, name);
  const ext = path.extname(file).toLowerCase();
  let kind: InputKind;
  if (ext === '.npy') kind = 'npy';
  else if (ext === '.json') kind = 'json';
  else if (ext === '.csv' || ext === '.tsv' || ext === '.txt') kind = 'text';
  else {
    const first = await puller.next();
    if (first !== null) puller.unshift(first);
    kind = sniff(first ?? new Uint8Array(0));
  }
  const input: Input = { path: file, name, kind, size, puller };
  if (kind === 'npy') input.npy = await peekNpyHeader(puller, name);
  return input;
}

function sniff(head: Uint8Array): InputKind {
  if (isNpy(head)) return 'npy';
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === 0xef || c === 0xbb || c === 0xbf || c === 32 || c === 9 || c === 10 || c === 13) continue; // BOM, space
    return c === 0x5b /* [ */ ? 'json' : 'text';
  }
  return 'text';
}

async function peekNpyHeader(puller: ChunkPuller, name: string): Promise<NpyHeader> {
  const parts: Uint8Array[] = [];
  let total = 0;
  let need: number | null = null;
  for (;;) {
    const buf = concat(parts, total);
    need = headerLength(buf, name);
    if (need !== null && total >= need) {
      parts.length = 0;
      puller.unshift(buf);
      return parseHeader(buf, name);
    }
    const c = await puller.next();
    if (c === null) {
      puller.unshift(buf);
      if (total === 0) throw new InputError(`${name}: empty file, not a .npy file`);
      return parseHeader(buf, name); // throws: truncated header
    }
    parts.length = 0;
    parts.push(buf, c);
    total += c.length;
  }
}

/** Reads a whole input into an array. */
export async function loadArray(input: Input, text: TextOptions): Promise<NDArray> {
  if (input.kind === 'text') {
    const rows = new TextRows(input, text);
    const block = await rows.read(Infinity);
    const nrows = block === null ? 0 : block.rows;
    return NDArray.fromData(block === null ? new Float64Array(0) : block.data.slice(), [nrows, nrows === 0 ? 0 : rows.ncols]);
  }
  const bytes = await input.puller.rest();
  if (input.kind === 'npy') return readNpy(bytes, input.name);
  const { data, shape } = readJson(new TextDecoder().decode(bytes), input.name);
  return NDArray.fromData(data, shape);
}

/** A block of rows along the last axis: `rows * ncols` elements in C order. */
export interface Block {
  data: NDArray['data'];
  rows: number;
}

/** Reads an input as rows of its last axis, a block at a time. */
export interface RowReader {
  /** The row length, once known (after {@link start}). */
  readonly ncols: number;
  /** Reads up to the first row, so that `ncols` is known. `false` when there is no row. */
  start(): Promise<boolean>;
  /** Up to `maxRows` rows; `null` at the end. The block is valid until the next call. */
  read(maxRows: number): Promise<Block | null>;
}

/** Rows of a text table, parsed line by line. */
export class TextRows implements RowReader {
  private readonly table: TextTable;
  private readonly decoder = new TextDecoder();
  private readonly out = new Float64Builder();
  private lines: string[] = [];
  private partial = '';
  private lineNo = 0;
  private eof = false;
  private pending: Float64Array | null = null;

  constructor(
    private readonly input: Input,
    options: TextOptions,
  ) {
    this.table = new TextTable(input.name, options);
  }

  get ncols(): number {
    return this.table.ncols;
  }

  async start(): Promise<boolean> {
    if (this.pending === null) this.pending = await this.nextRow();
    return this.pending !== null;
  }

  private async nextLine(): Promise<string | null> {
    while (this.lines.length === 0) {
      if (this.eof) return null;
      const chunk = await this.input.puller.next();
      if (chunk === null) {
        this.eof = true;
        const last = this.partial + this.decoder.decode();
        this.partial = '';
        if (last !== '') this.lines.push(last);
        break;
      }
      const text = this.partial + this.decoder.decode(chunk, { stream: true });
      const parts = text.split('\n');
      this.partial = parts.pop()!;
      this.lines = parts.reverse();
    }
    return this.lines.length === 0 ? null : this.lines.pop()!;
  }

  private async nextRow(): Promise<Float64Array | null> {
    for (;;) {
      const line = await this.nextLine();
      if (line === null) return null;
      this.lineNo++;
      const row = this.table.parseLine(line, this.lineNo);
      if (row !== null) return row;
    }
  }

  async read(maxRows: number): Promise<Block | null> {
    this.out.clear();
    let rows = 0;
    while (rows < maxRows) {
      const row = this.pending ?? (await this.nextRow());
      this.pending = null;
      if (row === null) break;
      this.out.push(row);
      rows++;
    }
    return rows === 0 ? null : { data: this.out.view(), rows };
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
  private buf = new Uint8Array(0);

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

  async start(): Promise<boolean> {
    return this.nrows > 0;
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
    if (this.buf.length < need) this.buf = new Uint8Array(need);
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
      this.buf.set(c!.subarray(0, take), have);
      have += take;
      if (take < c!.length) puller.unshift(c!.subarray(take));
    }
    this.rowsRead += rows;
    return { data: decode(this.buf.subarray(0, need), this.header.dtype, rows * this.ncols), rows };
  }
}
