/**
 * An accurate Kullback-Leibler term for normalised probabilities x = p/Sp, y = q/Sq:
 * kl_div(x, y) = x log(x/y) - x + y = x g(r), with r = y/x - 1 and g(r) = r - log1p(r) >= 0.
 *
 * Summing these non-negative terms gives the relative entropy without the cancellation of
 * sum(x log(x/y)), whose terms have both signs, and without rounding x and y near 1:
 * r = (q Sp - p Sq) / (p Sq) is formed from exact products (Dekker's two-product), so r is
 * accurate to a few ulps however close p is to q and however close x is to 1. g is a Taylor
 * series for |r| < 2^-8, the atanh series for |r| < 1/2, and r - log1p(r) beyond (where the
 * cancellation costs at most ~2 ulps).
 */
import { splitHigh } from './exact.js';
import { log, log1p } from './log.js';

const DBL_MIN = 2.2250738585072014e-308;
/** Below this, the partial products of Dekker's two-product can underflow. */
const EXACT_MIN = 2 ** -900;

/** g(r) = r - log1p(r), accurate to a few ulps for every r > -1. */
export function rMinusLog1p(r: number): number {
  const a = r < 0 ? -r : r;
  if (a < 0.00390625) {
    // Taylor: r^2 (1/2 - r/3 + r^2/4 - ... + r^6/8); the next term is below 2^-54 relative.
    return r * r * (0.5 - r * (1 / 3 - r * (0.25 - r * (0.2 - r * (1 / 6 - r * (1 / 7 - r * 0.125))))));
  }
  if (a < 0.5) {
    // u = r/(2+r): log1p(r) = 2 atanh(u), r = 2u/(1-u), so
    // g = 2u^2/(1-u) - 2u^3 (1/3 + u^2/5 + u^4/7 + ...), |u| <= 1/3, no cancellation.
    const u = r / (2 + r);
    const v = u * u;
    let s = 1 / 35;
    s = 1 / 33 + v * s;
    s = 1 / 31 + v * s;
    s = 1 / 29 + v * s;
    s = 1 / 27 + v * s;
    s = 1 / 25 + v * s;
    s = 1 / 23 + v * s;
    s = 1 / 21 + v * s;
    s = 1 / 19 + v * s;
    s = 1 / 17 + v * s;
    s = 1 / 15 + v * s;
    s = 1 / 13 + v * s;
    s = 1 / 11 + v * s;
    s = 1 / 9 + v * s;
    s = 1 / 7 + v * s;
    s = 1 / 5 + v * s;
    s = 1 / 3 + v * s;
    return 2 * v * (1 / (1 - u) - u * s);
  }
  return r - log1p(r);
}

/**
 * kl_div(p/sp, q/sq) / (p/sp) = g(r), for finite p, q > 0 and normal sums; the caller multiplies
 * by x. `sph`, `spl` (and `sqh`, `sql`) are the two halves of sp (and sq) from {@link splitHigh};
 * `ep`, `eq` the relative low parts of the sums (the exact sums are sp (1 + ep), sq (1 + eq)), so
 * that nearly equal distributions are compared to the last bit of their normalisers.
 * r = t - 1 with t = y/x = (q sp)/(p sq) comes from exact products; where t < 1/4, r is too
 * close to -1 for log1p(r), and g = (t - 1) - log t directly (log t as the difference of logs
 * when t underflows).
 */
export function klRatioTerm(
  p: number, q: number, sp: number, sq: number, sph: number, spl: number, sqh: number, sql: number, ep: number, eq: number,
): number {
  const h1 = q * sp;
  const h2 = p * sq;
  if (!(h1 > EXACT_MIN && h2 > EXACT_MIN && h1 < Infinity && h2 < Infinity)) {
    // Products whose exact low parts would underflow (or which overflow): SciPy's form.
    const x = p / sp;
    const y = q / sq;
    return (log(x) - log(y)) - 1 + y / x;
  }
  const t = h1 / h2;
  if (t > 0.25) {
    // q sp - p sq exactly enough: Dekker's two-product with the sums' halves precomputed.
    const qh = splitHigh(q);
    const ql = q - qh;
    const ph = splitHigh(p);
    const pl = p - ph;
    const e1 = ((qh * sph - h1) + qh * spl + ql * sph) + ql * spl;
    const e2 = ((ph * sqh - h2) + ph * sql + pl * sqh) + pl * sql;
    // r for the exact sums Sp = sp (1 + ep), Sq = sq (1 + eq): t scales by (1 + ep) / (1 + eq).
    const r = ((h1 - h2) + (e1 - e2)) / h2;
    return rMinusLog1p(r + ((1 + r) * ep - eq));
  }
  return t - 1 - (t > DBL_MIN ? log(t) : log(h1) - log(h2));
}
