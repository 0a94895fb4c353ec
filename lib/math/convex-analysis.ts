/**
 * The scalar definitions of `entr`, `rel_entr` and `kl_div`, branch for branch as SciPy's
 * `_convex_analysis.pxd` (xsf's convex_analysis header), with this package's logarithm
 * (lib/math/log.ts). Every kernel, elementwise or summing, in TypeScript or as the WebAssembly
 * module's slow path, uses these.
 */
import { log, log1p } from './log.js';

const DBL_MIN = 2.2250738585072014e-308;

/** entr(x): `-x log x` for x > 0, 0 for x = 0 (and -0), -inf for x < 0, NaN for NaN. */
export function entrScalar(x: number): number {
  if (x !== x) return x;
  if (x > 0) return -x * log(x);
  if (x === 0) return 0;
  return -Infinity;
}

/**
 * rel_entr(x, y): `x log(x / y)` for x, y > 0 (a log1p branch for 0.5 < x/y < 2, the difference
 * of logs where x/y overflows or underflows); 0 for x = 0 and y >= 0; +inf otherwise; NaN when
 * either is NaN.
 */
export function relEntrScalar(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x <= 0 || y <= 0) return x === 0 && y >= 0 ? 0 : Infinity;
  const ratio = x / y;
  if (0.5 < ratio && ratio < 2) return x * log1p((x - y) / y);
  if (DBL_MIN < ratio && ratio < Infinity) return x * log(ratio);
  return x * (log(x) - log(y));
}

/** kl_div(x, y): `x log(x / y) - x + y` for x, y > 0; y for x = 0 and y >= 0; +inf otherwise; NaN for NaN. */
export function klDivScalar(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x > 0 && y > 0) return x * log(x / y) - x + y;
  if (x === 0 && y >= 0) return y;
  return Infinity;
}
