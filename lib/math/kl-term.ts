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
  if (a < 0.5) return atanhForm(r);
  return r - log1p(r);
}

/**
 * g(r) for 2^-8 <= |r| < 1/2: with u = r/(2+r), log1p(r) = 2 atanh(u) and r = 2u/(1-u), so
 * g = 2u^2/(1-u) - 2u^3 (1/3 + u^2/5 + u^4/7 + ...), |u| <= 1/3, no cancellation. Its own
 * function, so that rMinusLog1p stays small enough to inline into the kl_div kernel.
 */
function atanhForm(r: number): number {
  const u = r / (2 + r);
  const v = u * u;
  // sum v^k / (2k + 3), k = 0..16, by Estrin's scheme (a short dependency chain; every term
  // is positive, so the order of the additions costs nothing in accuracy).
  const v2 = v * v;
  const v4 = v2 * v2;
  const v8 = v4 * v4;
  const b0 = 1 / 3 + v * (1 / 5);
  const b1 = 1 / 7 + v * (1 / 9);
  const b2 = 1 / 11 + v * (1 / 13);
  const b3 = 1 / 15 + v * (1 / 17);
  const b4 = 1 / 19 + v * (1 / 21);
  const b5 = 1 / 23 + v * (1 / 25);
  const b6 = 1 / 27 + v * (1 / 29);
  const b7 = 1 / 31 + v * (1 / 33);
  const c0 = b0 + v2 * b1;
  const c1 = b2 + v2 * b3;
  const c2 = b4 + v2 * b5;
  const c3 = b6 + v2 * b7;
  const s = (c0 + v4 * c1) + v8 * ((c2 + v4 * c3) + v8 * (1 / 35));
  return 2 * v * (1 / (1 - u) - u * s);
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
  // t = y/x = h1/h2 > 1/4, tested without the division (0.25 h2 is exact above EXACT_MIN)
  if (h1 > 0.25 * h2) {
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
  const t = h1 / h2;
  return t - 1 - (t > DBL_MIN ? log(t) : log(h1) - log(h2));
}
