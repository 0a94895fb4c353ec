import { entrScalar } from '../math/convex-analysis.js';
import { entrMapWasm, wasm } from '../wasm/kernels.js';
import { type ArrayLike } from '../ndarray/create.js';
import { type Binary, map2, type UfuncOptions } from '../ndarray/elementwise.js';
import type { NDArray } from '../ndarray/ndarray.js';
import type { RankOf } from '../types/rank.js';
import type { Mapped, NoExtra } from '../types/signatures.js';

/** entr as an elementwise kernel (the second operand is ignored); WebAssembly SIMD on contiguous float64 rows. */
export const ENTR: Binary = {
  name: 'entr',
  scalar: (x) => entrScalar(x),
  row(out, o, a, ia, sa, _b, _ib, _sb, n) {
    if (sa === 1 && n >= 16 && a instanceof Float64Array && wasm.available) return entrMapWasm(a, ia, out, o, n);
    for (let i = 0; i < n; i++, ia += sa) out[o + i] = entrScalar(a[ia]);
  },
};

/**
 * Elementwise entropy term, `scipy.special.entr`:
 * `-x log x` for x > 0, `0` for x = 0 (and -0), `-inf` for x < 0, NaN for NaN.
 * Note `entr(1)` is `-0` and `entr(inf)` is `-inf`.
 *
 * @param x - array-like; never mutated.
 * @param options - `out`: a float64 or float32 array of x's shape to write the result into (then returned); `null` for none.
 * @returns a number for scalar input, otherwise an `NDArray` of the same shape: float32 for float32 input, else float64 (computed in float64, rounded once).
 * @example
 * entr(0.5);        // => 0.34657359027997264
 * entr([0, 1, -1]); // => NDArray [0, -0, -Infinity]
 * @see scipy.special.entr
 */
export function entr<X extends ArrayLike, const O extends UfuncOptions = {}>(x: X, options?: O & NoExtra<O, UfuncOptions>): Mapped<RankOf<X>, 0, O>;
export function entr(x: ArrayLike, options?: UfuncOptions): number | NDArray;
export function entr(x: ArrayLike, options?: UfuncOptions): number | NDArray {
  return map2(x, 0, ENTR, options);
}
