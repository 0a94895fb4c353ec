/**
 * The elementwise engine behind the `scipy.special` ufuncs: numpy broadcasting of the operands,
 * a C-order float64 result, and a walk that hands each innermost row to a row kernel (one tight
 * loop per function, so the scalar function inlines into it; a shared loop calling a function
 * argument would make every call site megamorphic).
 */
import { asarray, type ArrayLike } from './create.js';
import { broadcastShapes } from './broadcast.js';
import { NDArray, type NumericData } from './ndarray.js';
import { cStrides, sizeOf } from './shape.js';

/** Fills out[o..o+n) from n elements of a (step sa) and b (step sb, may be 0). */
export type BinaryRow = (out: Float64Array, o: number, a: NumericData, ia: number, sa: number, b: NumericData, ib: number, sb: number, n: number) => void;

/** A scalar function with its row kernel. */
export interface Binary {
  scalar: (x: number, y: number) => number;
  row: BinaryRow;
}

/**
 * Applies a binary function to the broadcast pair `(x, y)`; two plain numbers give a number, as
 * does any pair whose broadcast shape is 0-d.
 * @throws {ValueError} `operands could not be broadcast together with shapes (2,) (3,) `.
 */
export function map2(x: ArrayLike, y: ArrayLike, f: Binary, nx = 'x', ny = 'y'): number | NDArray {
  if (typeof x === 'number' && typeof y === 'number') return f.scalar(x, y);
  const a = asarray(x, nx);
  const b = asarray(y, ny);
  const shape = broadcastShapes(a.shape, b.shape);
  const out = new Float64Array(sizeOf(shape));
  if (out.length > 0) walk(a.broadcastTo(shape), b.broadcastTo(shape), out, f.row);
  if (shape.length === 0) return out[0];
  return new NDArray(out, shape, cStrides(shape));
}

function walk(a: NDArray, b: NDArray, out: Float64Array, row: BinaryRow): void {
  const shape = a.shape;
  const nd = shape.length;
  if (nd === 0) {
    row(out, 0, a.data, a.offset, 0, b.data, b.offset, 0, 1);
    return;
  }
  const inner = shape[nd - 1];
  const sa = a.strides[nd - 1];
  const sb = b.strides[nd - 1];
  const index = new Int32Array(nd - 1);
  let oa = a.offset;
  let ob = b.offset;
  for (let k = 0; k < out.length; k += inner) {
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
