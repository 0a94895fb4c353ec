/**
 * Block kernels for `jensenshannon`, `cross_entropy` and `differential_entropy`, for the
 * reduction engine ({@link BlockKernel}). Kernels that need more than the engine's four per-slice
 * constants, or that produce more than one number per slice, are small classes: the constants
 * live on the instance (set once per slice, read into locals once per block) and extra results
 * are left on the instance after `SliceCursor.reduce` returns. Every kernel still starts its sums
 * from +0.0, as numpy does.
 */
import { entrScalar } from '../special/entr.js';
import { relEntrScalar } from '../special/rel-entr.js';
import type { BlockKernel } from './reduce.js';

/**
 * A double-double (compensated) sum of `a` over a whole slice: the engine hands the blocks over in
 * order and each element is added with Knuth's error-free TwoSum, so `hi + lo` is the exact sum
 * to about 2^-100 relative (plus n such roundings of `lo`). `hi` is the sum rounded to double
 * (correctly rounded unless the slice is huge); specials (inf, NaN, overflow) leave `lo = 0`.
 * `reduce` returns 0: read `hi` and `lo` afterwards.
 */
export class DoubleDoubleSum {
  /** The rounded sum, after {@link finish}. */
  hi = 0;
  /** What `hi` misses of the exact sum, after {@link finish}. */
  lo = 0;
  private s = 0;
  private c = 0;

  /** Forgets the previous slice. */
  reset(): void {
    this.s = 0;
    this.c = 0;
  }

  readonly kernel: BlockKernel = (a, ao, _b, _bo, n) => {
    let s = this.s;
    let c = this.c;
    for (let i = 0; i < n; i++) {
      const x = a[ao + i];
      const t = s + x;
      const bp = t - s;
      c += s - (t - bp) + (x - bp);
      s = t;
    }
    this.s = s;
    this.c = c;
    return 0;
  };

  /** Renormalises the running pair into `hi` and `lo`. */
  finish(): void {
    const s = this.s;
    const c = this.c;
    const hi = s + c;
    if (Number.isFinite(hi) && Number.isFinite(c)) {
      this.hi = hi;
      this.lo = c - (hi - s);
    } else {
      this.hi = Number.isFinite(c) ? hi : s;
      this.lo = 0;
    }
  }
}

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

/** One distribution's normaliser: its slice sum as a double-double, split for exact products. */
export interface Normaliser {
  /** The sum, rounded. */
  hi: number;
  /** The rest of the exact sum. */
  lo: number;
}

/**
 * The Jensen-Shannon divergence terms of one slice, `sum rel_entr(x, m) + rel_entr(y, m)` with
 * `x = a / Sa`, `y = b / Sb`, `m = (x + y) / 2`, computed as `sum m f(t)` with
 * `t = (x - y) / (x + y)` and {@link jsShape}: every term is `kl_div(x, m) + kl_div(y, m)`, which
 * equals the `rel_entr` pair exactly in real arithmetic and is >= 0, so the sum cannot go
 * negative. `x - y` is formed from the exact residuals `a - fl(a / Sa) * Sa` (Dekker products)
 * and the double-double sums, so nearly equal distributions keep their relative accuracy instead
 * of losing it to the rounding of the normalisation. Pairs that are not both positive and finite
 * after normalising (zeros, negatives, inf, NaN) take SciPy's `rel_entr` path unchanged.
 */
export class JensenShannonTerms {
  private sa = 1;
  private la = 0;
  private ha = 1;
  private ia = 1;
  private sb = 1;
  private lb = 0;
  private hb = 1;
  private ib = 1;

  /** Sets the two normalisers of the next slice. */
  set(aHi: number, aLo: number, bHi: number, bLo: number): void {
    this.sa = aHi;
    this.la = aLo;
    this.ha = splitHigh(aHi);
    this.ia = 1 / aHi;
    this.sb = bHi;
    this.lb = bLo;
    this.hb = splitHigh(bHi);
    this.ib = 1 / bHi;
  }

  readonly kernel: BlockKernel = (a, ao, b, bo, n) => {
    const sa = this.sa, la = this.la, ha = this.ha, ta = sa - ha, ia = this.ia;
    const sb = this.sb, lb = this.lb, hb = this.hb, tb = sb - hb, ib = this.ib;
    let s0 = 0, s1 = 0;
    for (let i = 0; i < n; i++) {
      const p = a[ao + i];
      const q = b[bo + i];
      const x = p / sa;
      const y = q / sb;
      let term: number;
      if (x > 0 && y > 0 && x < BIG && y < BIG) {
        // ex = p - x * (sa + la) exactly enough: Dekker's product x * sa = pr + err.
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
        const d = x - y + (ex * ia - ey * ib);
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
}

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

/**
 * Copies a slice (as the engine hands it over, NaN pairs already dropped under `omit`) into a
 * reusable buffer: `reduce` returns 0; read `values.subarray(0, length)` afterwards.
 */
export class SliceCopy {
  values = new Float64Array(0);
  length = 0;

  /** Prepares for a slice of at most `n` elements. */
  reset(n: number): void {
    if (this.values.length < n) this.values = new Float64Array(n);
    this.length = 0;
  }

  readonly kernel: BlockKernel = (a, ao, _b, _bo, n) => {
    this.values.set(a.subarray(ao, ao + n), this.length);
    this.length += n;
    return 0;
  };
}
