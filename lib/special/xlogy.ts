import { xlogyScalar } from '../math/xlogy.js';
import { type ArrayLike } from '../ndarray/create.js';
import { type Binary, map2, type UfuncOptions } from '../ndarray/elementwise.js';
import type { NDArray } from '../ndarray/ndarray.js';
import type { RankOf } from '../types/rank.js';
import type { Mapped, NoExtra } from '../types/signatures.js';

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
 * @param options - `out`: a float64 or float32 array of the broadcast shape to write the result into (then returned); `null` for none.
 * @returns a number when both are scalars, otherwise an `NDArray` of the broadcast shape: float32 when the array operands are float32, else float64 (computed in float64, rounded once).
 * @throws {ValueError} when the shapes do not broadcast.
 * @example
 * xlogy(2, Math.E); // => 2
 * xlogy(0, [0, -1]); // => NDArray [0, 0]
 * @see scipy.special.xlogy
 */
export function xlogy<X extends ArrayLike, Y extends ArrayLike, const O extends UfuncOptions = {}>(x: X, y: Y, options?: O & NoExtra<O, UfuncOptions>): Mapped<RankOf<X>, RankOf<Y>, O>;
export function xlogy(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray;
export function xlogy(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray {
  return map2(x, y, XLOGY, options);
}
