/**
 * Cross entropy of each slice, `H(p, q) = -sum x log y` with x = p/Sp, y = q/Sq (the reduction
 * behind `cross_entropy`).
 *
 * Passes: the sums Sp and Sq; the largest q, M; when M > Sq/2, R = the sum of the other q and
 * P = the p paired with M; then the terms `-x log y` of the normalised values. When one q
 * dominates, y = M/Sq rounds near 1 and `log y` would lose digits (5e-7 relative error for
 * p = q = [1 - 1e-12, 1000 x 1e-15]), so that term is recomputed as `-x log1p(-R/Sq)`, as
 * the Shannon reduction does for a dominant probability.
 */
import { entrScalar, relEntrScalar } from '../math/convex-analysis.js';
import { defineKernel } from '../ndarray/reduce/kernel.js';
import { MAX, SUM, SUM_BELOW, SUM_WHERE_Q } from '../ndarray/reduce/kernels.js';
import { defineReduction } from '../ndarray/reduce/reduction.js';
import { preScale, safeSum, scaleFor, setScales } from './normalize.js';

/**
 * The cross-entropy term of `x` against `y`: `-x log y` for positive finite x and y; otherwise
 * `entr(x) + rel_entr(x, y)` (the terms of `entropy(p) + entropy(p, q)`): 0 for x = 0 and y >= 0,
 * `+inf` for x > 0 and y <= 0, `-inf` for y = inf, NaN for x < 0, x = inf or NaN.
 */
export function crossEntropyScalar(x: number, y: number): number {
  if (x > 0 && y > 0 && x < Infinity && y < Infinity) return -x * Math.log(y);
  return entrScalar(x) + relEntrScalar(x, y);
}

/** Sum of `crossEntropyScalar(p * preP * scaleP, q * preQ * scaleQ)`. */
const CROSS_TERMS = defineKernel({
  name: 'cross-entropy terms',
  operands: 2,
  constants: ['preP', 'scaleP', 'preQ', 'scaleQ'],
  combine: 'sum',
  block: (a, ao, b, bo, n, preP, scaleP, preQ, scaleQ) => {
    let s0 = 0, s1 = 0;
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      s0 += crossEntropyScalar(a[ao + i] * preP * scaleP, b[bo + i] * preQ * scaleQ);
      s1 += crossEntropyScalar(a[ao + i + 1] * preP * scaleP, b[bo + i + 1] * preQ * scaleQ);
    }
    if (i < n) s0 += crossEntropyScalar(a[ao + i] * preP * scaleP, b[bo + i] * preQ * scaleQ);
    return s0 + s1;
  },
});

type Passes = 'sumP' | 'sumQ' | 'largestQ' | 'restQ' | 'pAtLargest' | 'terms';

/** Whether both sums are safe to normalise by and the largest q holds more than half of its sum. */
const dominant = (s: { sumP: { value: number }; sumQ: { value: number }; largestQ: { value: number } }) =>
  safeSum(s.sumP.value) && safeSum(s.sumQ.value) && s.largestQ.value > 0.5 * s.sumQ.value;

/** The cross entropy of each slice of `p` against the same slice of `q` (in nats). */
export const CROSS = defineReduction<Passes, 'dominant'>({
  name: 'cross entropy',
  samples: 2,
  flags: ['dominant'],
  passes: [
    { name: 'sumP', kernel: SUM, operand: 'p' },
    { name: 'sumQ', kernel: SUM, operand: 'q' },
    { name: 'largestQ', kernel: MAX, operand: 'q', when: (s) => safeSum(s.sumP.value) && safeSum(s.sumQ.value) },
    {
      name: 'restQ',
      kernel: SUM_BELOW,
      operand: 'q',
      when: (s) => (s.flags.dominant = dominant(s)),
      constants: (s, c) => {
        c.limit = s.largestQ.value;
      },
    },
    {
      name: 'pAtLargest',
      kernel: SUM_WHERE_Q,
      when: (s) => s.flags.dominant,
      constants: (s, c) => {
        c.key = s.largestQ.value;
      },
    },
    {
      name: 'terms',
      kernel: CROSS_TERMS,
      constants: setScales,
    },
  ],
  finish(s) {
    const terms = s.terms.value;
    if (!s.flags.dominant || !Number.isFinite(terms)) return terms;
    const sp = s.sumP.value;
    const sq = s.sumQ.value;
    const pp = preScale(sp);
    const pq = preScale(sq);
    const x = s.pAtLargest.value * pp * scaleFor(sp, pp);
    if (!(x > 0)) return terms;
    const naive = crossEntropyScalar(x, s.largestQ.value * pq * scaleFor(sq, pq));
    return terms - naive + -x * Math.log1p(-s.restQ.value / sq);
  },
});
