/**
 * Shannon entropy of each slice, `-sum x log x` with x = p / S (the reduction behind
 * `entropy(pk)`), normalising by the slice sum without materialising `pk / S`.
 *
 * Passes: S (compensated: an error d in S shifts H by about d (H - 1), which the finish removes
 * from its low part; uniform rows need it); the largest
 * p, M, when the sum of squares allows M > S/2; then R, the sum of the other entries; the terms.
 * When one probability dominates, x_M = M/S rounds and -x_M log x_M would lose digits, so that
 * term is recomputed as -x_M log1p(-R/S).
 */
import { entrScalar } from '../math/convex-analysis.js';
import { log, log1p } from '../math/log.js';
import { type BlockFn, defineKernel, type RowsFn } from '../ndarray/reduce/kernel.js';
import { MAX, SUM, SUM_BELOW } from '../ndarray/reduce/kernels.js';
import { defineReduction } from '../ndarray/reduce/reduction.js';
import { entrColumnsFast, entrRowsFast, entrSumFast, entrSumsFast, fastKernels } from '../wasm/entropy-fast.js';
import { mayDominate, normaliserError, preScale, safeSum, scaleFor, splittable } from './normalize.js';
import { WholeSlice, wholeRun } from './whole-slice.js';

/** Blocks shorter than this stay in TypeScript (copying into wasm memory would not pay). */
const WASM_MIN = 16;

/** Sum of `entr(a * pre * scale)` (the table-log WebAssembly kernel when available and pre = 1). */
export const entrTerms: BlockFn = (a, ao, _b, _bo, n, pre, scale, _c2, _c3, out) => {
  if (pre === 1 && n >= WASM_MIN && fastKernels.available) return entrSumFast(a, ao, n, scale, out.chunks);
  // TypeScript: the terms added with compensation (TwoSum), so the sum's own error is about one
  // rounding whatever the order and however equal the terms (uniform rows).
  let s = 0, c = 0;
  for (let i = 0; i < n; i++) {
    const t = entrScalar(a[ao + i] * pre * scale);
    const u = s + t;
    const bp = u - s;
    c += (s - (u - bp)) + (t - bp);
    s = u;
  }
  return Number.isFinite(s) ? s + c : s;
};

/**
 * The entropy terms of the normalised values. A tile of slices is read in place, in memory
 * order, by WebAssembly: short adjacent rows (stride 1) many per call, interleaved slices
 * (columns) row by row, whatever their length.
 */
export const ENTR_TERMS = defineKernel({
  name: 'entr terms',
  operands: 1,
  constants: ['pre', 'scale'],
  combine: 'sum',
  long: true,
  block: entrTerms,
  columns: (a, start, stride, step, n, k, c, sums, scales) => {
    if (!fastKernels.available || !(a instanceof Float64Array)) return false;
    for (let j = 0; j < k; j++) {
      if (c[4 * j] !== 1) return false;
      scales[j] = c[4 * j + 1];
    }
    // rows as the block function takes them alone (the same bits whichever way they are walked)
    if (stride === 1) return n >= WASM_MIN && entrRowsFast(a, start, step, n, k, scales, sums);
    return entrColumnsFast(a, start, stride, step, n, k, scales, sums);
  },
});

/** S and E on a whole slice in one pass over the data (see lib/reductions/whole-slice.ts). */
const whole = new WholeSlice((a, ao, _b, _bo, n, into, chunks) => entrSumsFast(a, ao, n, into, chunks));

/** SUM; on a whole slice, with E = sum entr(p) for the next pass. */
const SUM_WITH_TERMS = defineKernel({
  name: 'sum (with the terms)',
  operands: 1,
  constants: [],
  combine: 'sum',
  long: true,
  rows: SUM.rows as RowsFn, // SUM declares them
  block: (a, ao, _b, _bo, n, c0, c1, c2, c3, out) => {
    if (!wholeRun(n)) return SUM.block(a, ao, a, ao, n, c0, c1, c2, c3, out);
    const w = whole.of(a, ao, a, ao, n, out.chunks, true).sums;
    out.low = w.lowP;
    out.aux = w.squaresP;
    return w.sumP;
  },
});

/** E = sum entr(p) of the unnormalised values (aux: max(0, p)) on a whole slice; NaN on gathered blocks. */
const RAW_TERMS = defineKernel({
  name: 'unnormalised entr terms',
  operands: 1,
  constants: [],
  combine: 'sum',
  long: true,
  block: (a, ao, _b, _bo, n, _c0, _c1, _c2, _c3, out) => {
    if (!wholeRun(n)) return NaN;
    const w = whole.of(a, ao, a, ao, n, out.chunks, false);
    w.release();
    out.aux = w.sums.largestP;
    return w.terms;
  },
});

type Pass = 'total' | 'raw' | 'largest' | 'rest' | 'terms';

/**
 * H = E/S + log S from the unnormalised terms E = sum entr(p) and S = hi + lo, the compensated
 * sum; NaN where that is not within about an ulp: a p above 1 (terms of both signs), log S < 0
 * enough to cancel (E/S + |log S| > 1.25 H), a sum 1/S of which is not normal, a non-finite E,
 * and where `raw` did not run.
 * No normalised value is formed, so neither the normaliser's rounding nor a dominant
 * probability's enters.
 */
function rawShannon(s: { readonly [K in Pass]: { value: number; low: number; aux: number } } & { readonly flags: { whole: boolean } }): number {
  const e = s.raw.value;
  const hi = s.total.value;
  if (!s.flags.whole || !(e >= 0 && e < Infinity) || !(s.raw.aux <= 1) || !safeSum(hi)) return NaN;
  const lo = s.total.low / hi;
  const ls = log(hi) + lo;
  const a = (e / hi) * (1 - lo);
  const h = a + ls;
  return a + Math.abs(ls) <= 1.25 * h ? h : NaN;
}

/** The Shannon entropy of each slice of `p` (in nats). */
export const SHANNON = defineReduction<Pass, 'dominant' | 'whole' | 'raw'>({
  name: 'shannon',
  samples: 1,
  // whole: the pass `raw` ran (a whole slice); raw: the value comes from it (rawShannon)
  flags: ['dominant', 'whole', 'raw'],
  passes: [
    { name: 'total', kernel: SUM_WITH_TERMS, operand: 'p' },
    { name: 'raw', kernel: RAW_TERMS, operand: 'p', when: (s) => (s.flags.whole = whole.ready) },
    {
      name: 'largest',
      kernel: MAX,
      operand: 'p',
      when: (s) => !(s.flags.raw = s.flags.whole && !Number.isNaN(rawShannon(s))) && safeSum(s.total.value) && mayDominate(s.total.aux, s.total.value),
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
      when: (s) => !s.flags.raw,
      constants: (s, c) => {
        c.pre = preScale(s.total.value);
        c.scale = scaleFor(s.total.value, c.pre);
      },
    },
  ],
  finish(s) {
    if (s.flags.raw) return rawShannon(s);
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
    if (!(total > 0 && total < Infinity) || !Number.isFinite(terms) || !Number.isFinite(lo) || preScale(total) !== 1) return terms;
    // x = p * fl(1/S) normalises by N = 1/fl(1/S), not by the exact sum S = hi + lo; with
    // N = S (1 + d), the computed H' = H + d (1 - H) to first order: remove it. d is
    // scale-free, so a sum too small or large for exact products is scaled by a power of two.
    const f = splittable(total) ? 1 : 2 ** -Math.round(Math.log2(total));
    const d = normaliserError(total * f, lo * f, scaleFor(total, 1) / f);
    return terms - d * (1 - terms);
  },
});
