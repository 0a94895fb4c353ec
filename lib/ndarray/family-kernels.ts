/**
 * Block kernels for `jensenshannon` and `cross_entropy` ({@link BlockKernel}, run by the
 * reduction engine's slice programs). Like the core kernels they are pure functions of a
 * contiguous float64 block and the four per-slice constants, and sums start from +0.0.
 */
import { entrScalar } from '../special/entr.js';
import { relEntrScalar } from '../special/rel-entr.js';
import { SPLITTER, splitHigh } from '../math/exact.js';
import type { BlockKernel } from './reduce.js';

// ---------------------------------------------------------------------------------------------
// Jensen-Shannon terms.

/** Above this, `SPLITTER * x` could overflow: split a scaled copy instead. */
const SPLIT_LIMIT = 2 ** 995;
/** Normalised values above this take the plain (SciPy) path; only mixed-sign input gets there. */
const BIG = 2 ** 900;

/** The high half of `x` as {@link splitHigh}, safe for huge finite `x`. */
function splitHighSafe(x: number): number {
  if (Math.abs(x) > SPLIT_LIMIT && Number.isFinite(x)) return splitHighSafe(x * 2 ** -28) * 2 ** 28;
  return splitHigh(x);
}

/**
 * `f(t) = (1 + t) log(1 + t) + (1 - t) log(1 - t)` for |t| <= 1, to a few ulps and never
 * negative: a series (t² + t⁴/6 + t⁶/15 + t⁸/28) for |t| < 2^-7, `2t atanh(t) + log1p(-t²)` below
 * 1/2 (cancellation at most 3x), the definition above (cancellation at most 4x).
 */
export function jsShape(t: number): number {
  const u = Math.abs(t);
  if (u < 0.0078125) {
    const v = u * u;
    return v * (1 + v * (1 / 6 + v * (1 / 15 + v * (1 / 28))));
  }
  if (u < 0.5) return 2 * u * Math.atanh(u) + Math.log1p(-u * u);
  const b = 1 - u;
  return (1 + u) * Math.log1p(u) + (b > 0 ? b * Math.log(b) : 0);
}

/**
 * Sum of the Jensen-Shannon terms `rel_entr(x, m) + rel_entr(y, m)`, `x = a / (c0 + c1)`,
 * `y = b / (c2 + c3)` (normalising sums as double-doubles), `m = (x + y) / 2`, computed as
 * `m f(t)` with `t = (x - y) / (x + y)` and {@link jsShape}: each term is
 * `kl_div(x, m) + kl_div(y, m)`, equal to the `rel_entr` pair in real arithmetic and >= 0, so
 * the sum cannot go negative. `x - y` is formed from the exact residuals `a - fl(a / S) S`
 * (Dekker products) and the low parts of the sums, so nearly equal distributions keep their
 * relative accuracy rather than losing it to the rounding of the normalisation. Pairs that are
 * not both positive and finite after normalising (zeros, negatives, inf, NaN) take SciPy's
 * `rel_entr` path, which gives SciPy's special values.
 */
export const jensenShannonTerms: BlockKernel = (a, ao, b, bo, n, sa, la, sb, lb) => {
  const ha = splitHighSafe(sa);
  const ta = sa - ha;
  // Reciprocals for the residual corrections; a subnormal sum has none (1/S overflows): divide.
  const ia = 1 / sa;
  const hb = splitHighSafe(sb);
  const tb = sb - hb;
  const ib = 1 / sb;
  const divide = !(Math.abs(ia) < Infinity && Math.abs(ib) < Infinity);
  let s0 = 0, s1 = 0;
  for (let i = 0; i < n; i++) {
    const p = a[ao + i];
    const q = b[bo + i];
    const x = p / sa;
    const y = q / sb;
    let term: number;
    if (x > 0 && y > 0 && x < BIG && y < BIG) {
      // ex = p - x (sa + la), from Dekker's exact product x * sa = pr + err.
      let c = SPLITTER * x;
      let h = c - (c - x);
      let l = x - h;
      let pr = x * sa;
      const ex = p - pr - (h * ha - pr + h * ta + l * ha + l * ta) - x * la;
      c = SPLITTER * y;
      h = c - (c - y);
      l = y - h;
      pr = y * sb;
      const ey = q - pr - (h * hb - pr + h * tb + l * hb + l * tb) - y * lb;
      const s = x + y;
      const d = x - y + (divide ? ex / sa - ey / sb : ex * ia - ey * ib);
      term = 0.5 * s * jsShape(d / s);
    } else {
      const m = (x + y) / 2;
      term = relEntrScalar(x, m) + relEntrScalar(y, m);
    }
    if ((i & 1) === 0) s0 += term;
    else s1 += term;
  }
  return s0 + s1;
};

// ---------------------------------------------------------------------------------------------
// Cross entropy.

/**
 * The cross-entropy term of `x` against `y`: `-x log y` for positive finite x and y; otherwise
 * `entr(x) + rel_entr(x, y)` (the terms of `entropy(p) + entropy(p, q)`): 0 for x = 0 and y >= 0,
 * `+inf` for x > 0 and y <= 0, `-inf` for y = inf, NaN for x < 0, x = inf or NaN.
 */
export function crossEntropyScalar(x: number, y: number): number {
  if (x > 0 && y > 0 && x < Infinity && y < Infinity) return -x * Math.log(y);
  return entrScalar(x) + relEntrScalar(x, y);
}

/** Sum of `crossEntropyScalar(a * c0 * c1, b * c2 * c3)`. */
export const crossEntropyTerms: BlockKernel = (a, ao, b, bo, n, c0, c1, c2, c3) => {
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    s0 += crossEntropyScalar(a[ao + i] * c0 * c1, b[bo + i] * c2 * c3);
    s1 += crossEntropyScalar(a[ao + i + 1] * c0 * c1, b[bo + i + 1] * c2 * c3);
  }
  if (i < n) s0 += crossEntropyScalar(a[ao + i] * c0 * c1, b[bo + i] * c2 * c3);
  return s0 + s1;
};

/** Largest `b` (NaN wins; -inf for an empty block). */
export const maxB: BlockKernel = (_a, _ao, b, bo, n) => {
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const y = b[bo + i];
    if (y > m || y !== y) m = y;
  }
  return m;
};

/** Sum of the values of `b` below `c0`. */
export const sumBBelow: BlockKernel = (_a, _ao, b, bo, n, c0) => {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const y = b[bo + i];
    if (y < c0) s += y;
  }
  return s;
};

/** Sum of `a` where `b` equals `c0`. */
export const sumAWhereB: BlockKernel = (a, ao, b, bo, n, c0) => {
  let s = 0;
  for (let i = 0; i < n; i++) if (b[bo + i] === c0) s += a[ao + i];
  return s;
};
