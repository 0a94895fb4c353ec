/**
 * Block kernels for `jensenshannon` and `cross_entropy` ({@link BlockKernel}, run by the
 * reduction engine's slice programs). Like the core kernels they are pure functions of a
 * contiguous float64 block and the four per-slice constants, and sums start from +0.0.
 */
import { entrScalar } from '../special/entr.js';
import { relEntrScalar } from '../special/rel-entr.js';
import type { BlockKernel } from './reduce.js';

// ---------------------------------------------------------------------------------------------
// Exact slice sums (Rump's error-free extraction): with a power of two sigma >= (n + 2) * max|x|,
// every `q = fl(sigma + x) - sigma` is a multiple of ulp(sigma) / 2 no larger than sigma / n, so
// the sum of the q is exact in any order (block sums and the engine's cascade included), and
// `x - q` is exact. Summing the `x - q` (tiny, at most ulp(sigma) each) adds the rest with an
// error of about n * log(n) * 2^-106 * sigma. Values are first scaled by a power of two `rho`
// (c0) that brings max|x| near 1, so sigma (c1) is always finite.

/** Largest `|a|` (NaN wins; -inf for an empty block). */
export const maxAbsA: BlockKernel = (a, ao, _b, _bo, n) => {
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = Math.abs(a[ao + i]);
    if (x > m || x !== x) m = x;
  }
  return m;
};

/** Largest `|b|` (NaN wins; -inf for an empty block). */
export const maxAbsB: BlockKernel = (_a, _ao, b, bo, n) => maxAbsA(b, bo, b, bo, n, 0, 0, 0, 0);

/** Sum of `fl(c1 + a c0) - c1`: exact (see above). */
export const extractHighA: BlockKernel = (a, ao, _b, _bo, n, c0, c1) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += c1 + a[ao + i] * c0 - c1;
  return s;
};

/** Sum of `a c0 - (fl(c1 + a c0) - c1)`, the exact remainders of {@link extractHighA}. */
export const extractLowA: BlockKernel = (a, ao, _b, _bo, n, c0, c1) => {
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const x = a[ao + i] * c0;
    const y = a[ao + i + 1] * c0;
    s0 += x - (c1 + x - c1);
    s1 += y - (c1 + y - c1);
  }
  if (i < n) {
    const x = a[ao + i] * c0;
    s0 += x - (c1 + x - c1);
  }
  return s0 + s1;
};

/** {@link extractHighA} of `b`. */
export const extractHighB: BlockKernel = (_a, _ao, b, bo, n, c0, c1) => extractHighA(b, bo, b, bo, n, c0, c1, 0, 0);

/** {@link extractLowA} of `b`. */
export const extractLowB: BlockKernel = (_a, _ao, b, bo, n, c0, c1) => extractLowA(b, bo, b, bo, n, c0, c1, 0, 0);

/** The power of two `rho` that scales `max` into [1, 2) (clamped to stay finite). */
export function extractionScale(max: number): number {
  let e = Math.floor(Math.log2(max));
  if (2 ** e > max) e--;
  else if (2 ** (e + 1) <= max) e++;
  return 2 ** Math.min(1000, Math.max(-1000, -e));
}

/** The power of two `sigma >= (n + 2) * max` for {@link extractHighA} (after scaling by rho). */
export function extractionPivot(scaledMax: number, n: number): number {
  return 2 ** Math.ceil(Math.log2((n + 2) * Math.max(scaledMax, 1)) + 1);
}

/** The low part of `a * b`: `a * b - fl(a * b)`, exactly (Dekker; no FMA in JS). */
export function productError(a: number, b: number, p: number): number {
  let t = 134217729 * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = 134217729 * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// ---------------------------------------------------------------------------------------------
// Jensen-Shannon terms.

/** Veltkamp's constant 2^27 + 1: splits a double into two 26-bit halves. */
const SPLITTER = 134217729;
/** Above this, `SPLITTER * x` could overflow: split a scaled copy instead. */
const SPLIT_LIMIT = 2 ** 995;
/** Normalised values above this take the plain (SciPy) path; only mixed-sign input gets there. */
const BIG = 2 ** 900;

/** The high 26-bit half of `x` (the low half is `x - hi`), safe for huge finite `x`. */
function splitHigh(x: number): number {
  if (Math.abs(x) > SPLIT_LIMIT && Number.isFinite(x)) return splitHigh(x * 2 ** -28) * 2 ** 28;
  const c = SPLITTER * x;
  return c - (c - x);
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
  const ha = splitHigh(sa);
  const ta = sa - ha;
  // Reciprocals for the residual corrections; a subnormal sum has none (1/S overflows): divide.
  const ia = 1 / sa;
  const hb = splitHigh(sb);
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
