/**
 * The elementwise engine behind the `scipy.special` ufuncs: numpy broadcasting of the operands,
 * a C-order float64 result, and a walk that hands each innermost row to a row kernel (one tight
 * loop per function, so the scalar function inlines into it; a shared loop calling a function
 * argument would make every call site megamorphic).
 */
import { ValueError } from '../errors.js';
import { asarray, type ArrayLike } from './create.js';
import { broadcastShapes } from './broadcast.js';
import { isScijsArray, NDArray, type NumericData, type ScijsArray } from './ndarray.js';
import { formatShape, sameShape, sizeOf } from './shape.js';
import { parallelMap } from '../threads/parallel-map.js';

/** Options of the elementwise functions. */
export interface UfuncOptions {
  /**
   * Where to write the result, as numpy's `out=`: a C-contiguous float64 array of the broadcast
   * shape (an `NDArray`, a scijs view, or a `Float64Array` of that size), which is returned.
   * Reusing one buffer avoids allocating (and, for large arrays, page-faulting) a new result.
   */
  out?: NDArray | ScijsArray | Float64Array;
}

/** Fills out[o..o+n) from n elements of a (step sa) and b (step sb, may be 0). */
export type BinaryRow = (out: Float64Array, o: number, a: NumericData, ia: number, sa: number, b: NumericData, ib: number, sb: number, n: number) => void;

/** A scalar function with its row kernel. */
export interface Binary {
  /** The function's name, by which worker threads find it (lib/threads/registry.ts); without one, calls stay on this thread. */
  name?: string;
  scalar: (x: number, y: number) => number;
  row: BinaryRow;
}

/**
 * Applies a binary function to the broadcast pair `(x, y)`; two plain numbers give a number, as
 * does any pair whose broadcast shape is 0-d, unless `options.out` is given (then it is returned).
 * @throws {ValueError} `operands could not be broadcast together with shapes (2,) (3,) `, or an
 *   `out` of the wrong shape or layout; `TypeError` for an `out` that is not float64.
 */
export function map2(x: ArrayLike, y: ArrayLike, f: Binary, options?: UfuncOptions, nx = 'x', ny = 'y'): number | NDArray {
  const out = options?.out;
  if (typeof x === 'number' && typeof y === 'number' && out === undefined) return f.scalar(x, y);
  const a = asarray(x, nx);
  const b = asarray(y, ny);
  const shape = broadcastShapes(a.shape, b.shape);
  const target = out === undefined ? NDArray.fromData(new Float64Array(sizeOf(shape)), shape) : outputArray(out, shape);
  const [pa, pb] = [a.broadcastTo(shape), b.broadcastTo(shape)];
  if (target.size > 0 && !parallelMap(f, pa, pb, target)) walk(pa, pb, target.data as Float64Array, target.offset, f.row);
  if (shape.length === 0 && out === undefined) return target.data[0];
  return target;
}

/** The `out` option as a C-contiguous float64 NDArray of `shape`. */
function outputArray(out: unknown, shape: number[]): NDArray {
  const arr = out instanceof Float64Array ? NDArray.fromData(out, [out.length]) : out instanceof NDArray || isScijsArray(out) ? asarray(out as ScijsArray, 'out') : null;
  if (arr === null || arr.dtype !== 'float64') throw new TypeError('`out` must be a float64 NDArray, ndarray or Float64Array');
  if (out instanceof Float64Array ? out.length !== sizeOf(shape) : !sameShape(arr.shape, shape)) {
    throw new ValueError(`non-broadcastable output operand with shape ${formatShape(arr.shape)} doesn't match the broadcast shape ${formatShape(shape)}`);
  }
  if (!arr.isCContiguous) throw new ValueError('`out` must be C-contiguous');
  return out instanceof Float64Array ? NDArray.fromData(out, shape) : arr;
}

export function walk(a: NDArray, b: NDArray, out: Float64Array, o: number, row: BinaryRow): void {
  const shape = a.shape;
  const nd = shape.length;
  if (nd === 0) {
    row(out, o, a.data, a.offset, 0, b.data, b.offset, 0, 1);
    return;
  }
  const inner = shape[nd - 1];
  const sa = a.strides[nd - 1];
  const sb = b.strides[nd - 1];
  const index = new Int32Array(nd - 1);
  let oa = a.offset;
  let ob = b.offset;
  const end = o + sizeOf(shape);
  for (let k = o; k < end; k += inner) {
    row(out, k, a.data, oa, sa, b.data, ob, sb, inner);
    for (let d = nd - 2; d >= 0; d--) {
      oa += a.strides[d];
      ob += b.strides[d];
      if (++index[d] < shape[d]) break;
      index[d] = 0;
      oa -= a.strides[d] * shape[d];
      ob -= b.strides[d] * shape[d];
    }
  }
}
