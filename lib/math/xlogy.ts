/** The scalar definitions of `xlogy` and `xlog1py`, as SciPy's (0 when x = 0 and y is not NaN). */
import { log, log1p } from './log.js';

/** xlogy(x, y): `x log y`, 0 for x = 0 unless y is NaN. */
export function xlogyScalar(x: number, y: number): number {
  if (x === 0 && y === y) return 0;
  return x * log(y);
}

/** xlog1py(x, y): `x log1p(y)`, 0 for x = 0 unless y is NaN. */
export function xlog1pyScalar(x: number, y: number): number {
  if (x === 0 && y === y) return 0;
  return x * log1p(y);
}
