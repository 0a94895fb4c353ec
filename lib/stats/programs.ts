/**
 * The slice programs behind `entropy` (see {@link SliceProgram}): what is computed per slice, in
 * which passes. Both normalise by the slice sum without materialising `pk / sum`.
 */
import { log1p } from '../math/log.js';
import { countNaN, entrTerms, klTerms, maxA, relEntrTerms, sumA, sumB, sumBelowA } from '../ndarray/kernels.js';
import type { SliceProgram } from '../ndarray/reduce.js';
import { entrScalar } from '../special/entr.js';
import { productError } from '../math/exact.js';
import { preScale, scaleFor } from './normalize.js';

/** Whether a slice sum is positive, finite and far enough from the ends of the range that 1/s is normal. */
function safeSum(s: number): boolean {
  return s > 2 ** -1000 && s < 2 ** 1000;
}

/** Whether exact products with s (Dekker's split, x * (2^27 + 1)) neither overflow nor underflow. */
function splittable(s: number): boolean {
  return s > 2 ** -960 && s < 2 ** 960;
}

/**
 * Shannon entropy, -sum x log x with x = p / S. Passes: S; the largest p, M; when M > S/2,
 * R = the sum of the other entries; the terms. When one probability dominates, x_M = M/S rounds
 * and -x_M log x_M would lose digits, so that term is recomputed as -x_M log1p(-R/S).
 */
export const SHANNON: SliceProgram = {
  kernels: [sumA, maxA, sumBelowA, entrTerms],
  maxPasses: [false, true, false, false],
  setup(p, res, r, c, k) {
    const s = res[r];
    switch (p) {
      case 0:
        return true;
      case 1:
        return safeSum(s);
      case 2:
        res[r + 7] = safeSum(s) && res[r + 1] > 0.5 * s ? 1 : 0;
        c[k] = res[r + 1];
        return res[r + 7] === 1;
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
    if (res[r + 7] === 1) {
      // Dominant probability: its term from 1 - x = R/S (exact enough), not from x itself.
      const m = res[r + 1];
      const scale = 1 / s;
      const naive = entrScalar(m * 1 * scale);
      return terms - naive + -(m * scale) * log1p(-res[r + 2] * scale);
    }
    const lo = res[r + 8];
    if (!splittable(s) || !Number.isFinite(terms) || !Number.isFinite(lo)) return terms;
    // x = p * (1/S) normalises by N = 1/fl(1/S), not by the exact sum S = hi + lo; with
    // N = S (1 + d), the computed H' = H + d (1 - H) to first order: remove it.
    const scale = 1 / s;
    const prod = scale * s;
    const e1 = prod - 1 + productError(scale, s, prod);
    const d = -e1 - lo / s;
    return terms - d * (1 - terms);
  },
};

/**
 * Relative entropy sum x log(x/y), x = p/Sp, y = q/Sq. With positive, normal sums it is summed
 * as non-negative kl_div terms from exact products (lib/math/kl-term.ts); otherwise (zero,
 * negative, infinite, NaN or extreme sums) as SciPy's rel_entr terms, which give SciPy's
 * special values.
 */
export const RELATIVE: SliceProgram = {
  kernels: [sumA, sumB, klTerms, relEntrTerms],
  setup(p, res, r, c, k) {
    const sp = res[r];
    const sq = res[r + 1];
    const accurate = splittable(sp) && splittable(sq);
    if (p < 2) return true;
    if (p === 2) {
      res[r + 7] = accurate ? 1 : 0;
      if (!accurate) return false;
      c[k + 2] = sp;
      c[k + 3] = sq;
      return true;
    }
    if (accurate) return false;
    const pp = preScale(sp);
    const pq = preScale(sq);
    c[k] = pp;
    c[k + 1] = scaleFor(sp, pp);
    c[k + 2] = pq;
    c[k + 3] = scaleFor(sq, pq);
    return true;
  },
  finish(res, r) {
    const lo = res[r + 8];
    if (res[r + 7] !== 1 || !Number.isFinite(lo)) return res[r + 2] + res[r + 3];
    // The kl_div terms normalise p by its rounded sum hi = S (1 + d) (S = hi + lo); the
    // computed D' = D (1 - d) to first order, whatever the rounding of q's sum.
    return res[r + 2] * (1 - lo / res[r]);
  },
};

/** The number of NaN values in the slice. */
export const NAN_COUNT: SliceProgram = {
  kernels: [countNaN],
  setup: () => true,
  finish: (res, r) => res[r],
};
