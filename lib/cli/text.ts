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
 *   is a number; `--no-header` makes it data.
 */
import { at } from './errors.js';

/** How to read a text table. */
export interface TextOptions {
  /** `true`: the first line is a header; `false`: it is data; `undefined`: detect. */
  header?: boolean;
  /** A one-character delimiter, or `'whitespace'`; `undefined` detects. */
  delimiter?: string;
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

interface Field {
  text: string;
  column: number; // 1-based character column where the field starts
}

/**
 * Turns lines of text into rows of numbers, one line at a time. Knows its file name and line
 * numbers for error messages.
 */
export class TextTable {
  /** The number of fields per row, once the first data row is seen. */
  ncols = -1;
  /** The header fields, when a header line was found. */
  header: string[] | undefined;
  private delimiter: string | undefined;
  private seenFirst = false;
  private widthLine = 0;

  constructor(
    private readonly file: string,
    private readonly options: TextOptions = {},
  ) {
    this.delimiter = options.delimiter;
  }

  /**
   * Parses one line (without its line ending). Returns the row's numbers, or `null` for a
   * blank, comment or header line.
   * @throws {InputError} for a non-numeric or empty field, or a row whose length differs.
   */
  parseLine(line: string, lineNo: number): Float64Array | null {
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1); // byte-order mark
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return null;
    if (this.delimiter === undefined) this.delimiter = line.includes('\t') ? '\t' : line.includes(',') ? ',' : 'whitespace';
    const fields = this.split(line, lineNo);
    if (!this.seenFirst) {
      this.seenFirst = true;
      const isHeader = this.options.header ?? fields.every((f) => parseNumber(f.text) === undefined);
      if (isHeader) {
        this.header = fields.map((f) => f.text);
        return null;
      }
    }
    if (this.ncols < 0) {
      this.ncols = fields.length;
      this.widthLine = lineNo;
    } else if (fields.length !== this.ncols) {
      const column = fields.length > this.ncols ? fields[this.ncols].column : line.length + 1;
      throw at(this.file, lineNo, column, `ragged row: ${fields.length} fields, expected ${this.ncols} (as on line ${this.widthLine})`);
    }
    const row = new Float64Array(fields.length);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const x = parseNumber(f.text);
      if (x === undefined) {
        throw at(this.file, lineNo, f.column, f.text === '' ? `empty field ${i + 1}` : `field ${i + 1} is not a number: ${JSON.stringify(f.text.slice(0, 40))}`);
      }
      row[i] = x;
    }
    return row;
  }

  private split(line: string, lineNo: number): Field[] {
    const fields: Field[] = [];
    const d = this.delimiter!;
    const n = line.length;
    if (d === 'whitespace') {
      const re = /\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line)) !== null) fields.push({ text: unquote(m[0]), column: m.index + 1 });
      return fields;
    }
    let i = 0;
    for (;;) {
      // skip leading spaces of a field
      while (i < n && (line[i] === ' ' || (line[i] === '\t' && d !== '\t'))) i++;
      const column = i + 1;
      if (line[i] === '"') {
        let text = '';
        let j = i + 1;
        for (;;) {
          if (j >= n) throw at(this.file, lineNo, column, 'unterminated quoted field');
          if (line[j] === '"') {
            if (line[j + 1] === '"') {
              text += '"';
              j += 2;
              continue;
            }
            j++;
            break;
          }
          text += line[j++];
        }
        while (j < n && line[j] !== d && line.charCodeAt(j) <= 32) j++;
        if (j < n && line[j] !== d) throw at(this.file, lineNo, j + 1, 'unexpected text after a quoted field');
        fields.push({ text: text.trim(), column });
        if (j >= n) return fields;
        i = j + 1;
        continue;
      }
      let j = line.indexOf(d, i);
      if (j < 0) j = n;
      fields.push({ text: line.slice(i, j).trim(), column });
      if (j >= n) return fields;
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

  constructor(capacity = 1024) {
    this.buf = new Float64Array(Math.max(capacity, 16));
  }

  /** Appends values. */
  push(values: ArrayLike<number>): void {
    const need = this.length + values.length;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Float64Array(cap);
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(values, this.length);
    this.length = need;
  }

  /** The values pushed so far (a view; copy before pushing more if you keep it). */
  view(): Float64Array {
    return this.buf.subarray(0, this.length);
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
    const row = table.parseLine(text.slice(start, end), lineNo);
    if (row !== null) {
      out.push(row);
      rows++;
    }
    start = end + 1;
  }
  return { data: out.view().slice(), shape: [rows, rows === 0 ? 0 : table.ncols] };
}
