/**
 * The slice programs behind `entropy` (see {@link SliceProgram}): what is computed per slice, in
 * which passes. Both normalise by the slice sum without materialising `pk / sum`.
 */
import { log1p } from '../math/log.js';
import { countNaN, entrTerms, klTerms, maxA, relEntrTerms, sumA, sumB, sumBelowA } from '../ndarray/kernels.js';
import type { SliceProgram } from '../ndarray/reduce.js';
import { entrScalar } from '../special/entr.js';
import { preScale, scaleFor } from './normalize.js';

const SAFE_LO = 2 ** -1000;
const SAFE_HI = 2 ** 1000;

/** Whether a slice sum is positive, finite and far from the ends of the range. */
function safeSum(s: number): boolean {
  return s > SAFE_LO && s < SAFE_HI;
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
    if (res[r + 7] !== 1) return terms;
    const s = res[r];
    const m = res[r + 1];
    const scale = 1 / s;
    const naive = entrScalar(m * 1 * scale);
    return terms - naive + -(m * scale) * log1p(-res[r + 2] * scale);
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
    const accurate = safeSum(sp) && safeSum(sq);
    if (p < 2) return true;
    if (p === 2) {
      if (!accurate) return false;
      c[k] = 1 / sp;
      c[k + 1] = 1 / sq;
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
    return res[r + 2] + res[r + 3];
  },
};

/** The number of NaN values in the slice. */
export const NAN_COUNT: SliceProgram = {
  kernels: [countNaN],
  setup: () => true,
  finish: (res, r) => res[r],
};
