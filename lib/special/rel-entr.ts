import { relEntrScalar } from '../math/convex-analysis.js';
import { relEntrMapFast } from '../wasm/entropy-fast.js';
import { type ArrayLike } from '../ndarray/create.js';
import { type Binary, map2, type UfuncOptions } from '../ndarray/elementwise.js';
import type { NDArray } from '../ndarray/ndarray.js';
import type { RankOf } from '../types/rank.js';
import type { Mapped, NoExtra } from '../types/signatures.js';

/** rel_entr as an elementwise kernel; WebAssembly SIMD on contiguous float64 rows. */
export const REL_ENTR: Binary = {
  name: 'rel_entr',
  scalar: relEntrScalar,
  row(out, o, a, ia, sa, b, ib, sb, n) {
    if (sa === 1 && (sb === 1 || sb === 0) && n >= 16 && a instanceof Float64Array && b instanceof Float64Array && relEntrMapFast(a, ia, b, ib, sb, out, o, n)) return;
    for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = relEntrScalar(a[ia], b[ib]);
  },
};

/**
 * Elementwise relative entropy, `scipy.special.rel_entr`:
 * `x log(x / y)` for x > 0 and y > 0; `0` for x = 0 and y >= 0; `+inf` otherwise; NaN when
 * either is NaN. Accurate where x is close to y (a `log1p` branch) and where `x / y`
 * overflows or underflows. `rel_entr(x > 0, inf)` is `-inf`; `rel_entr(inf, inf)` is NaN.
 *
 * @param x - array-like; never mutated.
 * @param y - array-like, broadcast against `x` (numpy rules).
 * @param options - `out`: a float64 or float32 array of the broadcast shape to write the result into (then returned); `null` for none.
 * @returns a number when both are scalars, otherwise an `NDArray` of the broadcast shape: float32 when the array operands are float32, else float64 (computed in float64, rounded once).
 * @throws {ValueError} `operands could not be broadcast together with shapes (2,) (3,) `.
 * @example
 * rel_entr(1, 2);           // => -0.6931471805599453
 * rel_entr([0, 1], [0, 0]); // => NDArray [0, Infinity]
 * @see scipy.special.rel_entr
 */
export function rel_entr<X extends ArrayLike, Y extends ArrayLike, const O extends UfuncOptions = {}>(x: X, y: Y, options?: O & NoExtra<O, UfuncOptions>): Mapped<RankOf<X>, RankOf<Y>, O>;
export function rel_entr(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray;
export function rel_entr(x: ArrayLike, y: ArrayLike, options?: UfuncOptions): number | NDArray {
  return map2(x, y, REL_ENTR, options);
}

/** camelCase alias of {@link rel_entr}. */
export const relEntr = rel_entr;
