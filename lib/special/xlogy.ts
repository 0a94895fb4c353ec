import { xlogyScalar } from '../math/xlogy.js';
import { type ArrayLike, type NestedArray, type TypedArray } from '../ndarray/create.js';
import { type Binary, map2, type UfuncOptions } from '../ndarray/elementwise.js';
import type { NDArray } from '../ndarray/ndarray.js';

/** xlogy as an elementwise kernel. */
export const XLOGY: Binary = {
  name: 'xlogy',
  scalar: xlogyScalar,
  row(out, o, a, ia, sa, b, ib, sb, n) {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = xlogyScalar(a[ia], b[ib]);
  },
};

/**
 * Elementwise `x * log(y)`, `scipy.special.xlogy`, with `0` when x = 0 and y is not NaN
 * (even for y = 0 or y < 0). `xlogy(0, NaN)` is NaN; `xlogy(inf, 1)` is NaN (inf * 0).
 *
 * @param x - array-like; never mutated.
 * @param y - array-like, broadcast against `x`.
 * @param options - `out`: a float64 array of the broadcast shape to write the result into (then returned).
 * @returns a number when both are scalars, otherwise a float64 `NDArray` of the broadcast shape.
 * @throws {ValueError} when the shapes do not broadcast.
 * @example
 * xlogy(2, Math.E); // => 2
 * xlogy(0, [0, -1]); // => NDArray [0, 0]
 * @see scipy.special.xlogy
 */
export function xlogy(x: number | boolean, y: number | boolean): number;
export function xlogy(x: ArrayLike, y: ArrayLike, options: UfuncOptions & { out: object }): NDArray;
export function xlogy(x: NestedArray | TypedArray, y: ArrayLike, options?: UfuncOptions): NDArray;
export function xlogy(x: ArrayLike, y: NestedArray | TypedArray, options?: UfuncOptions): NDArray;
export function xlogy(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray;
export function xlogy(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray {
  return map2(x, y, XLOGY, options);
}
