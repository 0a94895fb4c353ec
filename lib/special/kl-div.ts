import { klDivScalar } from '../math/convex-analysis.js';
import { type ArrayLike } from '../ndarray/create.js';
import { type Binary, map2, type UfuncOptions } from '../ndarray/elementwise.js';
import type { NDArray } from '../ndarray/ndarray.js';
import type { RankOf } from '../types/rank.js';
import type { Mapped, NoExtra } from '../types/signatures.js';

/** kl_div as an elementwise kernel. */
export const KL_DIV: Binary = {
  name: 'kl_div',
  scalar: klDivScalar,
  row(out, o, a, ia, sa, b, ib, sb, n) {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = klDivScalar(a[ia], b[ib]);
  },
};

/**
 * Elementwise Kullback-Leibler term, `scipy.special.kl_div`:
 * `x log(x / y) - x + y` for x > 0 and y > 0; `y` for x = 0 and y >= 0 (`-0` for y = -0);
 * `+inf` otherwise; NaN when either is NaN. As in SciPy there is no overflow protection:
 * `kl_div(1e-300, 1e300)` is `-inf`, and a finite x > 0 with y = inf gives NaN.
 *
 * @param x - array-like; never mutated.
 * @param y - array-like, broadcast against `x`.
 * @param options - `out`: a float64 or float32 array of the broadcast shape to write the result into (then returned); `null` for none.
 * @returns a number when both are scalars, otherwise an `NDArray` of the broadcast shape: float32 when the array operands are float32, else float64 (computed in float64, rounded once).
 * @throws {ValueError} when the shapes do not broadcast.
 * @example
 * kl_div(1, 2);       // => 0.3068528194400546
 * kl_div(0, [2, -1]); // => NDArray [2, Infinity]
 * @see scipy.special.kl_div
 */
export function kl_div<X extends ArrayLike, Y extends ArrayLike, const O extends UfuncOptions = {}>(x: X, y: Y, options?: O & NoExtra<O, UfuncOptions>): Mapped<RankOf<X>, RankOf<Y>, O>;
export function kl_div(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray;
export function kl_div(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray {
  return map2(x, y, KL_DIV, options);
}

/** camelCase alias of {@link kl_div}. */
export const klDiv = kl_div;
