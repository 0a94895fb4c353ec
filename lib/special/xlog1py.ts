import { xlog1pyScalar } from '../math/xlogy.js';
import { type ArrayLike } from '../ndarray/create.js';
import { type Binary, map2, type UfuncOptions } from '../ndarray/elementwise.js';
import type { NDArray } from '../ndarray/ndarray.js';
import type { RankOf } from '../types/rank.js';
import type { Mapped, NoExtra } from '../types/signatures.js';

/** xlog1py as an elementwise kernel. */
export const XLOG1PY: Binary = {
  name: 'xlog1py',
  scalar: xlog1pyScalar,
  row(out, o, a, ia, sa, b, ib, sb, n) {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = xlog1pyScalar(a[ia], b[ib]);
  },
};

/**
 * Elementwise `x * log1p(y)`, `scipy.special.xlog1py`, with `0` when x = 0 and y is not NaN.
 * `xlog1py(1, -1)` is `-inf`; y < -1 gives NaN; `xlog1py(inf, 0)` is NaN.
 * SciPy uses the cephes `log1p`; this uses our table-driven `log1p` (the two differ by at most an ulp or so).
 *
 * @param x - array-like; never mutated.
 * @param y - array-like, broadcast against `x`.
 * @param options - `out`: a float64 or float32 array of the broadcast shape to write the result into (then returned); `null` for none.
 * @returns a number when both are scalars, otherwise an `NDArray` of the broadcast shape: float32 when the array operands are float32, else float64 (computed in float64, rounded once).
 * @throws {ValueError} when the shapes do not broadcast.
 * @example
 * xlog1py(1, 1e-20); // => 1e-20
 * xlog1py(0, [-1, -2]); // => NDArray [0, 0]
 * @see scipy.special.xlog1py
 */
export function xlog1py<X extends ArrayLike, Y extends ArrayLike, const O extends UfuncOptions = {}>(x: X, y: Y, options?: O & NoExtra<O, UfuncOptions>): Mapped<RankOf<X>, RankOf<Y>, O>;
export function xlog1py(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray;
export function xlog1py(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray {
  return map2(x, y, XLOG1PY, options);
}
