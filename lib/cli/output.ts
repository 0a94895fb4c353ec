/**
 * Formatting results (`text`, `csv`, `json`, `npy`); destination.ts writes them.
 */
import * as path from 'node:path';
import { writeNpy } from './npy.js';

/** The output formats. */
export type Format = 'text' | 'csv' | 'json' | 'npy';
export const FORMATS: readonly Format[] = ['text', 'csv', 'json', 'npy'];

/** A result: float64 values in C order and their shape (`[]` for a scalar). */
export interface Result {
  values: Float64Array;
  shape: number[];
  /** For a 1-D result: the row labels or column names of the table it came from. */
  labels?: string[];
}

/** The format implied by an output file's extension (`text` when none matches). */
export function formatFor(file: string | undefined): Format {
  const ext = file === undefined ? '' : path.extname(file).toLowerCase();
  return ext === '.npy' ? 'npy' : ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : 'text';
}

/** A number as numpy prints it in text: shortest round-trip digits, `nan`, `inf`, `-inf`. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  return String(x);
}

function jsonNumber(x: number): string {
  if (Number.isNaN(x)) return '"NaN"';
  if (x === Infinity) return '"Infinity"';
  if (x === -Infinity) return '"-Infinity"';
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * Lines of rows along the last axis, `sep`-separated. A scalar is one line, a 1-D result one
 * value per line (a column), 2-D one line per row; higher dimensions print as 2-D blocks
 * separated by a blank line (text) or as rows of the last axis (csv).
 */
function table(r: Result, sep: string, blocks: boolean): string {
  const { values, shape } = r;
  if (shape.length === 0) return formatNumber(values[0]) + '\n';
  if (shape.length === 1) {
    let s = '';
    for (let i = 0; i < values.length; i++) s += formatNumber(values[i]) + '\n';
    return s;
  }
  const ncols = shape[shape.length - 1];
  const nrows = shape[shape.length - 2];
  const parts: string[] = [];
  const nrowsAll = ncols === 0 ? shape.slice(0, -1).reduce((a, b) => a * b, 1) : values.length / ncols;
  for (let r0 = 0; r0 < nrowsAll; r0++) {
    if (blocks && shape.length > 2 && r0 > 0 && nrows > 0 && r0 % nrows === 0) parts.push('');
    const row: string[] = new Array(ncols);
    for (let j = 0; j < ncols; j++) row[j] = formatNumber(values[r0 * ncols + j]);
    parts.push(row.join(sep));
  }
  return parts.length === 0 ? '' : parts.join('\n') + '\n';
}

function json(r: Result): string {
  const { values, shape } = r;
  let k = 0;
  const build = (d: number): string => {
    if (d === shape.length) return jsonNumber(values[k++]);
    const items: string[] = [];
    for (let i = 0; i < shape[d]; i++) items.push(build(d + 1));
    return `[${items.join(d === 0 && shape.length > 1 ? ',\n ' : ', ')}]`;
  };
  return build(0) + '\n';
}

/** A label in text output: as it is, or JSON-quoted when it is empty or holds whitespace. */
function textLabel(label: string): string {
  return label === '' || /[\s"]/.test(label) ? JSON.stringify(label) : label;
}

/** A CSV field, quoted when it must be (RFC 4180). */
function csvField(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * A 1-D result beside its labels: `label value` lines (text); a pandas-style CSV whose empty
 * first header cell marks the label column; JSON as pandas' `orient='split'`
 * (`{"name": ..., "index": [...], "data": [...]}`).
 */
function labelled(r: Result, labels: readonly string[], format: Format, name: string): string {
  const v = r.values;
  if (format === 'json') {
    const data = Array.from(v, jsonNumber).join(', ');
    return `{"name": ${JSON.stringify(name)}, "index": [${labels.map((l) => JSON.stringify(l)).join(', ')}], "data": [${data}]}\n`;
  }
  const lines = format === 'csv' ? [`,${name}`] : [];
  for (let i = 0; i < v.length; i++) lines.push(format === 'csv' ? `${csvField(labels[i])},${formatNumber(v[i])}` : `${textLabel(labels[i])} ${formatNumber(v[i])}`);
  return lines.join('\n') + '\n';
}

/**
 * The bytes of a result in a format. A 1-D result with labels (row labels or column names of
 * the input table) carries them in text, csv and json; npy holds the numbers only.
 */
export function encode(r: Result, format: Format, name = 'value'): Uint8Array {
  if (r.labels !== undefined && format !== 'npy') return Buffer.from(labelled(r, r.labels, format, name), 'utf8');
  switch (format) {
    case 'npy':
      return writeNpy(r.values, r.shape);
    case 'json':
      return Buffer.from(json(r), 'utf8');
    case 'csv':
      return Buffer.from(table(r, ',', false), 'utf8');
    default:
      return Buffer.from(table(r, ' ', true), 'utf8');
  }
}
