/**
 * The slice programs behind `entropy` (see {@link SliceProgram}): what is computed per slice, in
 * which passes. Both normalise by the slice sum without materialising `pk / sum`.
 */
import { log1p } from '../math/log.js';
import { countNaN, entrTerms, klTerms, maxA, maxB, relEntrTerms, sumA, sumB, sumBelowA, sumPlainA } from '../ndarray/kernels.js';
import type { SliceProgram } from '../ndarray/reduce.js';
import { entrScalar } from '../special/entr.js';
import { productError } from '../math/exact.js';
import { preScale, safeSum, scaleFor, setScales } from './normalize.js';


/**
 * Whether one entry may hold more than half of the sum `s`, given the sum of squares `s2`: it
 * needs s2 > s^2 / 4, so the search for the largest entry is skipped otherwise (unless the
 * squares could overflow or underflow).
 */
function mayDominate(s2: number, s: number): boolean {
  return s > 1e150 || s < 1e-150 || s2 > 0.25 * s * s;
}

/** Whether sum x^2 > 1/64 for x = p/s (given s2 = sum p^2). */
function concentrated(s2: number, s: number): boolean {
  return s2 > s * s * 0.015625;
}

/** Whether exact products with s (Dekker's split, x * (2^27 + 1)) neither overflow nor underflow. */
function splittable(s: number): boolean {
  return s > 2 ** -960 && s < 2 ** 960;
}

/**
 * Shannon entropy, -sum x log x with x = p / S. Passes: S (a plain pairwise sum: H is not
 * sensitive to its last bit beyond an ulp); the largest p, M, when the sum of squares allows
 * M > S/2; then R, the sum of the other entries; the terms. When one probability dominates,
 * x_M = M/S rounds and -x_M log x_M would lose digits, so that term is recomputed as
 * -x_M log1p(-R/S).
 */
export const SHANNON: SliceProgram = {
  kernels: [sumPlainA, maxA, sumBelowA, entrTerms],
  maxPasses: [false, true, false, false],
  setup(p, res, r, c, k) {
    const s = res[r];
    switch (p) {
      case 0:
        return true;
      case 1:
        return safeSum(s) && mayDominate(res[r + 16], s);
      case 2:
        res[r + 24] = safeSum(s) && res[r + 1] > 0.5 * s ? 1 : 0;
        c[k] = res[r + 1];
        return res[r + 24] === 1;
      default: {
        const pre = preScale(s);
        c[k] = pre;
        c[k + 1] = scaleFor(s, pre);
        return true;
      }
    }
  },
  finish(res, r) {
    const terms = res[r + 3];
    const s = res[r];
    if (res[r + 24] === 1) {
      // Dominant probability: its term from 1 - x = R/S (exact enough), not from x itself.
      const m = res[r + 1];
      const scale = 1 / s;
      const naive = entrScalar(m * 1 * scale);
      return terms - naive + -(m * scale) * log1p(-res[r + 2] * scale);
    }
    const lo = res[r + 8];
    if (!splittable(s) || !Number.isFinite(terms) || !Number.isFinite(lo)) return terms;
    // x = p * fl(1/S) normalises by N = 1/fl(1/S), not by S; with N = S (1 + d), the computed
    // H' = H + d (1 - H) to first order: remove it (lo, the sum's low part, is 0 here).
    const d = normaliserError(s, lo, 1 / s);
    return terms - d * (1 - terms);
  },
};

/**
 * The relative error d = N/S - 1 of normalising by multiplying with scale = fl(1/hi), when the
 * slice sum is S = hi + lo: N = 1/scale = hi / (1 + e1) with e1 = scale * hi - 1 (exact).
 */
function normaliserError(hi: number, lo: number, scale: number): number {
  const prod = scale * hi;
  return -(prod - 1 + productError(scale, hi, prod)) - lo / hi;
}

/**
 * Whether SciPy's rel_entr sum `d` (with `abs`, the sum of its terms' absolute values) is within
 * about an ulp once its normalisers are corrected: its terms barely cancel, and the rounding of
 * each x = p/S and y = q/S (an error of about eps * sqrt(sum x^2) (1 + |log x/y|)) is small
 * against it. `p2`, `q2`: the sums of squares of p and q.
 */
function relEntrTrusted(d: number, abs: number, p2: number, sp: number, q2: number, sq: number): boolean {
  const spread = Math.sqrt(Math.max(p2 / (sp * sp), q2 / (sq * sq)));
  return abs <= 2 * d && spread <= d / 8;
}

/**
 * Relative entropy sum x log(x/y), x = p/Sp, y = q/Sq. Passes: the sums (compensated), the
 * largest p and q, SciPy's rel_entr terms (with the sum of their absolute values), and, only
 * when those could have lost digits (a dominant probability, or terms that cancel), the
 * non-negative kl_div terms from exact products (lib/math/kl-term.ts). The rel_entr sum is
 * corrected to first order for the rounding of both normalisers. Zero, negative, infinite, NaN
 * or extreme sums take SciPy's rel_entr terms as they are, with SciPy's special values.
 */
export const RELATIVE: SliceProgram = {
  kernels: [sumA, sumB, maxA, maxB, relEntrTerms, klTerms],
  maxPasses: [false, false, true, true, false, false],
  setup(p, res, r, c, k) {
    const sp = res[r];
    const sq = res[r + 1];
    switch (p) {
      case 0:
      case 1:
        return true;
      case 2:
        res[r + 24] = splittable(sp) && splittable(sq) ? 1 : 0;
        return res[r + 24] === 1 && mayDominate(res[r + 16], sp);
      case 3:
        return res[r + 24] === 1 && mayDominate(res[r + 17], sq);
      case 4: {
        // The rel_entr form is skipped where it could not be trusted anyway: a dominant
        // probability, or distributions so concentrated (sum x^2 > 1/64) that it would need D > 1.
        res[r + 25] =
          res[r + 24] === 1 && (res[r + 2] > 0.5 * sp || res[r + 3] > 0.5 * sq || concentrated(res[r + 16], sp) || concentrated(res[r + 17], sq))
            ? 1
            : 0;
        if (res[r + 25] === 1) return false;
        setScales(c, k, sp, sq);
        return true;
      }
      default:
        if (res[r + 24] === 1 && !relEntrTrusted(res[r + 4], res[r + 20], res[r + 16], sp, res[r + 17], sq)) res[r + 25] = 1;
        c[k] = Number.isFinite(res[r + 8]) ? res[r + 8] / sp : 0;
        c[k + 1] = Number.isFinite(res[r + 9]) ? res[r + 9] / sq : 0;
        c[k + 2] = sp;
        c[k + 3] = sq;
        return res[r + 25] === 1;
    }
  },
  finish(res, r) {
    const sp = res[r];
    const sq = res[r + 1];
    const lop = res[r + 8];
    const loq = res[r + 9];
    if (res[r + 25] === 1) {
      // The kl_div terms are x g(r) with x = p / hi while r is exact for the exact sums: with
      // S = hi + lo, the computed D' = D S / hi, so D = D' (1 - lo / hi) to first order.
      return Number.isFinite(lop) ? res[r + 5] * (1 - lop / sp) : res[r + 5];
    }
    const d = res[r + 4];
    if (res[r + 24] !== 1 || !Number.isFinite(d) || !Number.isFinite(lop) || !Number.isFinite(loq)) return d;
    // x' = x / (1 + dp), y' = y / (1 + dq): D' = D + dq - dp - dp D to first order.
    const dp = normaliserError(sp, lop, 1 / sp);
    const dq = normaliserError(sq, loq, 1 / sq);
    return d - dq + dp + dp * d;
  },
};

/** The number of NaN values in the slice. */
export const NAN_COUNT: SliceProgram = {
  kernels: [countNaN],
  setup: () => true,
  finish: (res, r) => res[r],
};
