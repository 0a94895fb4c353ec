/**
 * The elementwise engine behind the `scipy.special` ufuncs: numpy broadcasting of the operands,
 * a C-order float64 result, and a walk in which the innermost axis is a tight strided loop.
 */
import { asarray, type ArrayLike } from './create.js';
import { broadcastShapes } from './broadcast.js';
import { NDArray, type NumericData } from './ndarray.js';
import { cStrides, sizeOf } from './shape.js';

/** A scalar function of two float64 values. */
export type Binary = (x: number, y: number) => number;
/** A scalar function of one float64 value. */
export type Unary = (x: number) => number;

/** Applies `f` elementwise; a plain number in gives a plain number out. */
export function map1(x: ArrayLike, f: Unary, name = 'x'): number | NDArray {
  if (typeof x === 'number') return f(x);
  return map2(x, 0, (u) => f(u), name, 'y');
}

/**
 * Applies `f` to the broadcast pair `(x, y)`.
 * @throws {ValueError} `operands could not be broadcast together with shapes (2,) (3,) `.
 */
export function map2(x: ArrayLike, y: ArrayLike, f: Binary, nx = 'x', ny = 'y'): number | NDArray {
  if (typeof x === 'number' && typeof y === 'number') return f(x, y);
  const a = asarray(x, nx);
  const b = asarray(y, ny);
  const shape = broadcastShapes(a.shape, b.shape);
  const out = new Float64Array(sizeOf(shape));
  if (out.length > 0) walk2(a.broadcastTo(shape), b.broadcastTo(shape), out, f);
  if (shape.length === 0) return out[0];
  return new NDArray(out, shape, cStrides(shape));
}

function walk2(a: NDArray, b: NDArray, out: Float64Array, f: Binary): void {
  const shape = a.shape;
  const nd = shape.length;
  if (nd === 0) {
    out[0] = f(a.data[a.offset], b.data[b.offset]);
    return;
  }
  const inner = shape[nd - 1];
  const sa = a.strides[nd - 1];
  const sb = b.strides[nd - 1];
  const da: NumericData = a.data;
  const db: NumericData = b.data;
  const index = new Int32Array(nd - 1);
  let oa = a.offset;
  let ob = b.offset;
  for (let k = 0; k < out.length; k += inner) {
    for (let i = 0, ia = oa, ib = ob; i < inner; i++, ia += sa, ib += sb) out[k + i] = f(da[ia], db[ib]);
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
