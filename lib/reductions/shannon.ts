/**
 * Shannon entropy of each slice, `-sum x log x` with x = p / S (the reduction behind
 * `entropy(pk)`), normalising by the slice sum without materialising `pk / S`.
 *
 * Passes: S (a plain pairwise sum: H is not sensitive to its last bit beyond an ulp); the largest
 * p, M, when the sum of squares allows M > S/2; then R, the sum of the other entries; the terms.
 * When one probability dominates, x_M = M/S rounds and -x_M log x_M would lose digits, so that
 * term is recomputed as -x_M log1p(-R/S).
 */
import { entrScalar } from '../math/convex-analysis.js';
import { log1p } from '../math/log.js';
import { pairwiseSum } from '../math/pairwise.js';
import { BLOCK, type BlockFn, defineKernel } from '../ndarray/reduce/kernel.js';
import { MAX, SUM_BELOW, SUM_PLAIN } from '../ndarray/reduce/kernels.js';
import { defineReduction } from '../ndarray/reduce/reduction.js';
import { entrColumnSumsWasm, entrSumWasm, wasm } from '../wasm/kernels.js';
import { mayDominate, normaliserError, preScale, safeSum, scaleFor, splittable } from './normalize.js';

/** Blocks shorter than this stay in TypeScript (copying into wasm memory would not pay). */
const WASM_MIN = 16;

/** Sum of `entr(a * pre * scale)` (WebAssembly SIMD when available and pre = 1). */
const entrTerms: BlockFn = (a, ao, b, bo, n, pre, scale, c2, c3, out) => {
  if (pre === 1 && n >= WASM_MIN && wasm.available) return entrSumWasm(a, ao, n, scale, out.chunks);
  return n <= BLOCK ? entrLeaf(a, ao, b, bo, n, pre, scale, c2, c3, out) : pairwiseSum(entrLeaf, BLOCK, a, ao, b, bo, n, pre, scale, c2, c3, out);
};

const entrLeaf: BlockFn = (a, ao, _b, _bo, n, pre, scale) => {
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    s0 += entrScalar(a[ao + i] * pre * scale);
    s1 += entrScalar(a[ao + i + 1] * pre * scale);
  }
  if (i < n) s0 += entrScalar(a[ao + i] * pre * scale);
  return s0 + s1;
};

/** The entropy terms of the normalised values; interleaved slices are read in place by WebAssembly. */
export const ENTR_TERMS = defineKernel({
  name: 'entr terms',
  operands: 1,
  constants: ['pre', 'scale'],
  combine: 'sum',
  long: true,
  block: entrTerms,
  columns: (a, start, stride, step, n, k, c, sums, scales) => {
    if (!wasm.available) return false;
    for (let j = 0; j < k; j++) {
      if (c[4 * j] !== 1) return false;
      scales[j] = c[4 * j + 1];
    }
    return entrColumnSumsWasm(a, start, stride, step, n, k, scales, sums);
  },
});

/** The Shannon entropy of each slice of `p` (in nats). */
export const SHANNON = defineReduction<'total' | 'largest' | 'rest' | 'terms', 'dominant'>({
  name: 'shannon',
  samples: 1,
  flags: ['dominant'],
  passes: [
    { name: 'total', kernel: SUM_PLAIN, operand: 'p' },
    {
      name: 'largest',
      kernel: MAX,
      operand: 'p',
      when: (s) => safeSum(s.total.value) && mayDominate(s.total.aux, s.total.value),
    },
    {
      name: 'rest',
      kernel: SUM_BELOW,
      operand: 'p',
      when: (s) => (s.flags.dominant = safeSum(s.total.value) && s.largest.value > 0.5 * s.total.value),
      constants: (s, c) => {
        c.limit = s.largest.value;
      },
    },
    {
      name: 'terms',
      kernel: ENTR_TERMS,
      operand: 'p',
      constants: (s, c) => {
        c.pre = preScale(s.total.value);
        c.scale = scaleFor(s.total.value, c.pre);
      },
    },
  ],
  finish(s) {
    const terms = s.terms.value;
    const total = s.total.value;
    if (s.flags.dominant) {
      // Dominant probability: its term from 1 - x = R/S (exact enough), not from x itself.
      const m = s.largest.value;
      const scale = 1 / total;
      const naive = entrScalar(m * 1 * scale);
      return terms - naive + -(m * scale) * log1p(-s.rest.value * scale);
    }
    const lo = s.total.low;
    if (!splittable(total) || !Number.isFinite(terms) || !Number.isFinite(lo)) return terms;
    // x = p * fl(1/S) normalises by N = 1/fl(1/S), not by S; with N = S (1 + d), the computed
    // H' = H + d (1 - H) to first order: remove it (lo, the sum's low part, is 0 here).
    const d = normaliserError(total, lo, 1 / total);
    return terms - d * (1 - terms);
  },
});
