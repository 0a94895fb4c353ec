/**
 * How an `NDArray` prints: numpy's `repr` with JavaScript's numbers, e.g.
 * `NDArray([[1, 2, 3],\n         [4, 5, 6]], shape=(2,3), dtype=float64)`. Values have the
 * shortest round-trip digits (`String(x)`, `-0` kept); columns are right-aligned; arrays of more
 * than 1000 elements show the first and last 3 entries of each axis around `...`, and rows wrap
 * at 75 characters, as numpy's defaults; an empty array prints `[]` (its shape follows).
 */
import type { Strided } from './strided.js';
import { formatShape } from './shape.js';

/** What printing needs of an array (an `NDArray` is one). */
export interface Printable extends Strided {
  readonly dtype: string;
  readonly ndim: number;
  readonly size: number;
}

/** numpy's `threshold`: arrays with more elements than this are summarised. */
const THRESHOLD = 1000;
/** numpy's `edgeitems`: entries shown at each end of a summarised axis. */
const EDGE = 3;
/** numpy's `linewidth`. */
const LINE_WIDTH = 75;
const PREFIX = 'NDArray(';

/** The positions shown along an axis of length n; -1 stands for the `...` gap. */
function shown(n: number, summarise: boolean): number[] {
  if (!summarise || n <= 2 * EDGE) return Array.from({ length: n }, (_, i) => i);
  return [0, 1, 2, -1, n - 3, n - 2, n - 1];
}

function formatValue(v: number, bool: boolean): string {
  if (bool) return v ? 'true' : 'false';
  return Object.is(v, -0) ? '-0' : String(v);
}

/** The values of an array, nested and aligned, as numpy prints them inside `array(...)`. */
export function formatValues(a: Printable, indent = 0): string {
  const bool = a.dtype === 'bool';
  const { data, shape, strides, ndim } = a;
  if (ndim === 0) return formatValue(data[a.offset], bool);
  if (a.size === 0) return '[]';
  const summarise = a.size > THRESHOLD;
  let width = 0;
  const measure = (d: number, k: number): void => {
    for (const i of shown(shape[d], summarise)) {
      if (i < 0) continue;
      if (d === ndim - 1) width = Math.max(width, formatValue(data[k + i * strides[d]], bool).length);
      else measure(d + 1, k + i * strides[d]);
    }
  };
  measure(0, a.offset);
  const build = (d: number, k: number): string => {
    const pad = ' '.repeat(indent + d + 1);
    const items = shown(shape[d], summarise);
    if (d === ndim - 1) {
      const words = items.map((i) => (i < 0 ? '...' : formatValue(data[k + i * strides[d]], bool).padStart(width)));
      let line = `${pad.slice(1)}[`;
      let out = '';
      words.forEach((w, j) => {
        const piece = j < words.length - 1 ? `${w},` : `${w}]`;
        if (j > 0 && line.length + 1 + piece.length > LINE_WIDTH) {
          out += `${line}\n`;
          line = pad + piece;
        } else {
          line += j > 0 ? ` ${piece}` : piece;
        }
      });
      out += line;
      return words.length === 0 ? '[]' : out.slice(indent + d);
    }
    const gap = `,${'\n'.repeat(ndim - d - 1)}${pad}`;
    return `[${items.map((i) => (i < 0 ? '...' : build(d + 1, k + i * strides[d]))).join(gap)}]`;
  };
  return build(0, a.offset);
}

/** The whole representation: `NDArray(values, shape=(...), dtype=...)`. */
export function formatArray(a: Printable): string {
  return `${PREFIX}${formatValues(a, PREFIX.length)}, shape=${formatShape(a.shape)}, dtype=${a.dtype})`;
}
