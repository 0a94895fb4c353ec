/**
 * Numeric text tables (CSV, TSV, whitespace-separated), parsed line by line so that a large file
 * can be streamed. Every table is 2-D: one row per data line, one column per field.
 *
 * - Blank lines and lines starting with `#` are skipped (as `numpy.loadtxt` does).
 * - The delimiter is `--delimiter`, or tab for `.tsv`, or detected from the first line: a tab,
 *   else a comma, else runs of whitespace.
 * - Fields may be wrapped in double quotes (`""` inside is a quote); quoted fields do not span
 *   lines.
 * - Numbers are decimal (`1`, `-2.5`, `1e-3`, `.5`), or `nan`, `inf`, `-inf`, `infinity` in any
 *   case. An empty field is an error.
 * - The first line is a header when `--header` says so, or (by default) when none of its fields
 *   is a number or its first field is empty (pandas' `df.to_csv()`, whose column names may be
 *   numbers); `--no-header` makes it data.
 */
import { at } from './errors.js';

/** How to read a text table. */
export interface TextOptions {
  /** `true`: the first line is a header; `false`: it is data; `undefined`: detect. */
  header?: boolean;
  /** A one-character delimiter, or `'whitespace'`; `undefined` detects. */
  delimiter?: string;
  /**
   * The column of row labels (pandas' `index_col`): a 0-based index or a header name; `null`
   * for none; `undefined` detects (an empty first header cell, as `df.to_csv()` writes, or a
   * first field that is not a number beside fields that are).
   */
  indexCol?: number | string | null;
  /** The columns to read (pandas' `usecols`): 0-based indices or header names; default all. */
  usecols?: readonly (number | string)[];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = {
  nan: NaN,
  '+nan': NaN,
  '-nan': NaN,
  inf: Infinity,
  '+inf': Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-inf': -Infinity,
  '-infinity': -Infinity,
};

/** Parses one field as a number, or returns `undefined` when it is not one. */
export function parseNumber(field: string): number | undefined {
  if (NUMBER.test(field)) return Number(field);
  const special = SPECIAL[field.toLowerCase()];
  return special;
}

/** Called with each field of a line: its text, 0-based index and 1-based column. */
type FieldVisitor = (text: string, index: number, column: number) => void;

/** A line's field count and what header and label detection look at. */
interface Sketch {
  count: number;
  first: string;
  anyNumber: boolean;
  numberAfterFirst: boolean;
}

/**
 * Turns lines of text into rows of numbers, one line at a time, appending each row to a
 * {@link Float64Builder} (no per-field objects, so a line of millions of fields costs its
 * numbers and nothing more). Knows its file name and line numbers for error messages.
 */
export class TextTable {
  /** The number of values per row (fields read as numbers), once the first data row is seen. */
  ncols = -1;
  /** The header fields, when a header line was found. */
  header: string[] | undefined;
  /** The label of the last row parsed, when the table has a label column. */
  label = '';
  private delimiter: string | undefined;
  private seenFirst = false;
  private nfields = -1;
  private widthLine = 0;
  /** The file column of the labels: -1 none, undefined not decided yet. */
  private labelColumn: number | undefined;
  /** Which file columns are read as numbers (undefined: all but the label column). */
  private wanted: Set<number> | undefined;

  constructor(
    private readonly file: string,
    private readonly options: TextOptions = {},
  ) {
    this.delimiter = options.delimiter;
    if (options.indexCol === null) this.labelColumn = -1;
  }

  /** The number of fields per line (known after the first data row; -1 before). */
  get width(): number {
    return this.nfields;
  }

  /** Whether the rows carry labels (known after the first data row). */
  get hasLabels(): boolean {
    return this.labelColumn !== undefined && this.labelColumn >= 0;
  }

  /** The header names of the columns read as numbers (when there is a header). */
  get columnNames(): string[] | undefined {
    const h = this.header;
    if (h === undefined) return undefined;
    return h.filter((_, k) => k !== this.labelColumn && (this.wanted === undefined || this.wanted.has(k)));
  }

  /**
   * Parses one line (without its line ending), appending its numbers to `out`. Returns `true`
   * for a data row, `false` for a blank, comment or header line.
   * @throws {InputError} for a non-numeric or empty field, or a row whose length differs.
   */
  parseLine(line: string, lineNo: number, out: Float64Builder): boolean {
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1); // byte-order mark
    if (line.endsWith('\r')) line = line.slice(0, -1);
    let first = 0;
    while (first < line.length && line.charCodeAt(first) <= 32) first++;
    if (first === line.length || line[first] === '#') return false;
    if (this.delimiter === undefined) this.delimiter = line.includes('\t') ? '\t' : line.includes(',') ? ',' : 'whitespace';
    if (!this.seenFirst) {
      this.seenFirst = true;
      const sketch = this.sketch(line, lineNo);
      // A first line with an empty first cell is pandas' df.to_csv() header (the index has no
      // name), whatever its column names: a data row may not have an empty field.
      if (this.options.header ?? (!sketch.anyNumber || (sketch.first === '' && sketch.count > 1))) {
        const fields: string[] = [];
        this.split(line, lineNo, (t) => void fields.push(t));
        this.header = fields;
        this.resolveColumns(sketch, lineNo);
        return false;
      }
      this.resolveColumns(sketch, lineNo);
    }
    const start = out.length;
    let count = 0;
    let extraColumn = 0;
    const expected = this.nfields;
    this.label = '';
    this.fields(line, lineNo, (text, k, column) => {
      count++;
      if (k === expected) extraColumn = column;
      if (k === this.labelColumn) {
        this.label = text;
        return;
      }
      if (this.wanted !== undefined && !this.wanted.has(k)) return;
      const x = parseNumber(text);
      if (x === undefined) {
        throw at(this.file, lineNo, column, text === '' ? `empty field ${k + 1}` : `field ${k + 1} is not a number: ${JSON.stringify(text.slice(0, 40))}`);
      }
      out.push1(x);
    });
    if (this.nfields < 0) {
      this.nfields = count;
      this.ncols = out.length - start;
      this.widthLine = lineNo;
    } else if (count !== this.nfields) {
      const column = count > this.nfields ? extraColumn : line.length + 1;
      throw at(this.file, lineNo, column, `ragged row: ${count} fields, expected ${this.nfields} (as on line ${this.widthLine})`);
    }
    return true;
  }

  /** What label and header detection need to know of a line, in one pass that keeps no field. */
  private sketch(line: string, lineNo: number): Sketch {
    const sk: Sketch = { count: 0, first: '', anyNumber: false, numberAfterFirst: false };
    this.split(line, lineNo, (text, k) => {
      sk.count++;
      const isNumber = parseNumber(text) !== undefined;
      if (k === 0) sk.first = text;
      else if (isNumber) sk.numberAfterFirst = true;
      if (isNumber) sk.anyNumber = true;
    });
    return sk;
  }

  /** Decides the label column and the columns read, from the header or the first data row. */
  private resolveColumns(sketch: Sketch, lineNo: number): void {
    const names = this.header;
    const count = sketch.count;
    const column = (c: number | string, what: string): number => {
      if (typeof c === 'number') {
        if (c < 0 || c >= count) throw at(this.file, lineNo, 1, `${what} ${c} is out of range: the table has ${count} columns (0 to ${count - 1})`);
        return c;
      }
      const k = names === undefined ? -1 : names.indexOf(c);
      if (k < 0) throw at(this.file, lineNo, 1, names === undefined ? `${what} '${c}' names a column, but the table has no header` : `${what} '${c}' is not a column: the header has ${names.map((n) => JSON.stringify(n)).join(', ')}`);
      return k;
    };
    const { indexCol, usecols } = this.options;
    if (indexCol !== undefined && indexCol !== null) this.labelColumn = column(indexCol, '--index-col');
    if (usecols !== undefined) this.wanted = new Set(usecols.map((c) => column(c, '--usecols')));
    if (this.labelColumn !== undefined) return;
    if (names === undefined) this.detectLabels(sketch);
    else if (names.length > 1 && names[0] === '') this.labelColumn = 0; // pandas' df.to_csv(): the index
    // otherwise decided on the first data row
  }

  /** Column 0 holds labels when it is not a number and other fields are (and --usecols does not want it). */
  private detectLabels(sk: Sketch): void {
    const firstIsLabel = sk.count > 1 && sk.first !== '' && parseNumber(sk.first) === undefined && sk.numberAfterFirst;
    this.labelColumn = firstIsLabel && !this.wanted?.has(0) ? 0 : -1;
  }

  /** Splits a line into fields, calling `visit` on each (unquoted and trimmed). */
  private fields(line: string, lineNo: number, visit: FieldVisitor): void {
    // The first data row after a header without an empty first cell: detect a label column.
    if (this.labelColumn === undefined && this.header !== undefined && this.nfields < 0) this.detectLabels(this.sketch(line, lineNo));
    this.split(line, lineNo, visit);
  }

  private split(line: string, lineNo: number, visit: FieldVisitor): void {
    const d = this.delimiter!;
    const n = line.length;
    let k = 0;
    if (d === 'whitespace') {
      const re = /\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) visit(unquote(m[0]), k++, m.index + 1);
      return;
    }
    let i = 0;
    for (;;) {
      // skip leading spaces of a field
      while (i < n && (line[i] === ' ' || (line[i] === '\t' && d !== '\t'))) i++;
      const column = i + 1;
      if (line[i] === '"') {
        const parts: string[] = [];
        let j = i + 1;
        for (;;) {
          const q = line.indexOf('"', j);
          if (q < 0) throw at(this.file, lineNo, column, 'unterminated quoted field');
          parts.push(line.slice(j, q));
          if (line[q + 1] === '"') {
            parts.push('"');
            j = q + 2;
            continue;
          }
          j = q + 1;
          break;
        }
        while (j < n && line[j] !== d && line.charCodeAt(j) <= 32) j++;
        if (j < n && line[j] !== d) throw at(this.file, lineNo, j + 1, 'unexpected text after a quoted field');
        visit(parts.join('').trim(), k++, column);
        if (j >= n) return;
        i = j + 1;
        continue;
      }
      let j = line.indexOf(d, i);
      if (j < 0) j = n;
      visit(line.slice(i, j).trim(), k++, column);
      if (j >= n) return;
      i = j + 1;
    }
  }
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}

/** A growable buffer of float64 values. */
export class Float64Builder {
  private buf: Float64Array;
  length = 0;

  /**
   * @param capacity - the values held before the first growth.
   * @param shared - keep the values in a SharedArrayBuffer (the worker pool reads them in place).
   */
  constructor(
    capacity = 1024,
    private readonly shared = false,
  ) {
    this.buf = this.alloc(Math.max(capacity, 16));
  }

  private alloc(n: number): Float64Array {
    return this.shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
  }

  /** Appends one value. */
  push1(x: number): void {
    if (this.length === this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = x;
  }

  /** Appends values. */
  push(values: ArrayLike<number>): void {
    const need = this.length + values.length;
    if (need > this.buf.length) this.grow(need);
    this.buf.set(values, this.length);
    this.length = need;
  }

  private grow(need: number): void {
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = this.alloc(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** The values pushed so far (a view; copy before pushing more if you keep it). */
  view(): Float64Array {
    return this.buf.subarray(0, this.length);
  }

  /** Drops the first `n` values, moving the rest to the front. */
  drop(n: number): void {
    this.buf.copyWithin(0, n, this.length);
    this.length -= n;
  }

  /** Forgets the values (keeps the capacity). */
  clear(): void {
    this.length = 0;
  }
}

/** Parses a whole text table held in memory. Returns its values (C order) and shape. */
export function readText(text: string, file: string, options: TextOptions = {}): { data: Float64Array; shape: [number, number] } {
  const table = new TextTable(file, options);
  const out = new Float64Builder();
  let rows = 0;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    if (table.parseLine(text.slice(start, end), lineNo, out)) rows++;
    start = end + 1;
  }
  return { data: out.view().slice(), shape: [rows, rows === 0 ? 0 : table.ncols] };
}
