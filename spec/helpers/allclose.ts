/**
 * The one tolerance check of the suite, in numpy's `allclose` sense:
 * |actual - expected| <= atol + rtol * |expected|, NaN equals NaN, infinities equal only with
 * the same sign, shapes must match. Default rtol 1e-12, atol 0.
 */
import { NDArray } from '../../lib/ndarray/ndarray';

export interface Tolerance {
  rtol?: number;
  atol?: number;
}

type Nested = number | Nested[];

/** Flattens a number, nested arrays or an NDArray into shape + C-order values. */
export function flatten(x: unknown): { shape: number[]; values: number[] } {
  if (x instanceof NDArray) return { shape: x.shape.slice(), values: Array.from(x.toFloat64Array()) };
  if (typeof x === 'number') return { shape: [], values: [x] };
  const shape: number[] = [];
  let p: unknown = x;
  while (Array.isArray(p)) {
    shape.push(p.length);
    p = p[0];
  }
  return { shape, values: (x as Nested[]).flat(Infinity as 1) as number[] };
}

/** Whether one value is close to another (NaN matches NaN). */
export function isClose(a: number, e: number, { rtol = 1e-12, atol = 0 }: Tolerance = {}): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (!Number.isFinite(e)) return a === e;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

/** A reason why `actual` is not close to `expected`, or null when it is. */
export function closeMismatch(actual: unknown, expected: unknown, tol: Tolerance = {}): string | null {
  const a = flatten(actual);
  const e = flatten(expected);
  if (typeof expected === 'number' && typeof actual !== 'number') return `expected a plain number, got ${String(actual)}`;
  if (a.shape.join() !== e.shape.join()) return `shape [${a.shape}] != expected [${e.shape}]`;
  for (let i = 0; i < e.values.length; i++) {
    if (!isClose(a.values[i], e.values[i], tol)) {
      return `element ${i}: ${a.values[i]} != expected ${e.values[i]} (rtol ${tol.rtol ?? 1e-12}, atol ${tol.atol ?? 0})`;
    }
  }
  return null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** numpy-style allclose; default rtol 1e-12, atol 0. */
      toAllClose(expected: unknown, tol?: Tolerance): R;
    }
  }
}

expect.extend({
  toAllClose(actual: unknown, expected: unknown, tol: Tolerance = {}) {
    const why = closeMismatch(actual, expected, tol);
    return {
      pass: why === null,
      message: () => (why === null ? `expected ${String(actual)} not to be close to ${JSON.stringify(expected)}` : why),
    };
  },
});
