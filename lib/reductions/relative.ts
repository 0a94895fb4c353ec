/**
 * Relative entropy (Kullback-Leibler divergence) of each slice, `sum x log(x/y)` with x = p/Sp,
 * y = q/Sq (the reduction behind `entropy(pk, qk)`).
 *
 * Passes: the sums (compensated); on a slice the engine hands over whole (one contiguous run
 * longer than a block) and with the WebAssembly kernels, the unnormalised terms
 * T = sum p log(p/q) in the same pass over the data as both sums (then
 * D = T/P + log(Q/P), no normalised value formed, used when its terms barely cancel); otherwise,
 * or where that could have lost digits, the largest p and q, SciPy's rel_entr terms of the
 * normalised values (with the sum of their absolute values), and, only when those could have
 * lost digits (a dominant probability, or terms that cancel), the non-negative kl_div terms from
 * exact products (lib/math/kl-term.ts). The rel_entr sum is corrected to first order for the
 * rounding of both normalisers. Zero, negative, infinite, NaN or extreme sums take SciPy's
 * rel_entr terms as they are, with SciPy's special values.
 */
import { relEntrScalar } from '../math/convex-analysis.js';
import { productError, splitHigh } from '../math/exact.js';
import { klRatioTerm } from '../math/kl-term.js';
import { log } from '../math/log.js';
import { pairwiseSum } from '../math/pairwise.js';
import { BLOCK, type BlockFn, defineKernel } from '../ndarray/reduce/kernel.js';
import { MAX, SUM } from '../ndarray/reduce/kernels.js';
import { defineReduction } from '../ndarray/reduce/reduction.js';
import { fastKernels, relEntrSumFast, relEntrSumsFast } from '../wasm/entropy-fast.js';
import { concentrated, mayDominate, normaliserError, setScales, splittable } from './normalize.js';
import { WholeSlice, wholeRun } from './whole-slice.js';

/** Blocks shorter than this stay in TypeScript (copying into wasm memory would not pay). */
const WASM_MIN = 16;

/**
 * Sum of `rel_entr(a * preP * scaleP, b * preQ * scaleQ)` (the two-pass WebAssembly kernel when available and
 * both pre-factors are 1); reports the sum of the terms' absolute values as `aux` (how much the
 * sum cancels).
 */
export const relEntrTerms: BlockFn = (a, ao, b, bo, n, preP, scaleP, preQ, scaleQ, out) => {
  if (preP === 1 && preQ === 1 && n >= WASM_MIN && fastKernels.available) {
    return relEntrSumFast(a, ao, b, bo, n, scaleP, scaleQ, out, out.chunks);
  }
  return n <= BLOCK ? relEntrLeaf(a, ao, b, bo, n, preP, scaleP, preQ, scaleQ, out) : pairwiseSum(relEntrLeaf, BLOCK, a, ao, b, bo, n, preP, scaleP, preQ, scaleQ, out);
};

const relEntrLeaf: BlockFn = (a, ao, b, bo, n, preP, scaleP, preQ, scaleQ, out) => {
  let s0 = 0, s1 = 0, m = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const t0 = relEntrScalar(a[ao + i] * preP * scaleP, b[bo + i] * preQ * scaleQ);
    const t1 = relEntrScalar(a[ao + i + 1] * preP * scaleP, b[bo + i + 1] * preQ * scaleQ);
    s0 += t0;
    s1 += t1;
    m += Math.abs(t0) + Math.abs(t1);
  }
  if (i < n) {
    const t0 = relEntrScalar(a[ao + i] * preP * scaleP, b[bo + i] * preQ * scaleQ);
    s0 += t0;
    m += Math.abs(t0);
  }
  out.aux = m;
  return s0 + s1;
};

/** SciPy's rel_entr terms of the normalised values, and the sum of their absolute values. */
export const REL_ENTR_TERMS = defineKernel({
  name: 'rel_entr terms',
  operands: 2,
  constants: ['preP', 'scaleP', 'preQ', 'scaleQ'],
  combine: 'sum',
  long: true,
  block: relEntrTerms,
});

/** Both sums and T on a whole slice in one pass over the data (see lib/reductions/whole-slice.ts). */
const whole = new WholeSlice(relEntrSumsFast);

/** Sum of p (compensated, sum of squares as aux); on a whole slice, with T and the sum of q for the next passes. */
const SUM_P_WITH_TERMS = defineKernel({
  name: 'sum of p (with q and the terms)',
  operands: 2,
  constants: [],
  combine: 'sum',
  long: true,
  block: (a, ao, b, bo, n, c0, c1, c2, c3, out) => {
    if (!wholeRun(n)) return SUM.block(a, ao, a, ao, n, c0, c1, c2, c3, out);
    const w = whole.of(a, ao, b, bo, n, out.chunks, true).sums;
    out.low = w.lowP;
    out.aux = w.squaresP;
    return w.sumP;
  },
});

/** Sum of q (compensated, sum of squares as aux): the record's on a whole slice. */
const SUM_Q_AFTER_P = defineKernel({
  name: 'sum of q (after p)',
  operands: 2,
  constants: [],
  combine: 'sum',
  long: true,
  block: (a, ao, b, bo, n, c0, c1, c2, c3, out) => {
    if (!wholeRun(n)) return SUM.block(b, bo, b, bo, n, c0, c1, c2, c3, out);
    const w = whole.of(a, ao, b, bo, n, out.chunks, false).sums;
    out.low = w.lowQ;
    out.aux = w.squaresQ;
    return w.sumQ;
  },
});

/** T = sum rel_entr(p, q) of the unnormalised values (aux: sum of |terms|) on a whole slice; NaN on gathered blocks. */
const RAW_TERMS = defineKernel({
  name: 'unnormalised rel_entr terms',
  operands: 2,
  constants: [],
  combine: 'sum',
  long: true,
  block: (a, ao, b, bo, n, _c0, _c1, _c2, _c3, out) => {
    if (!wholeRun(n)) return NaN;
    const w = whole.of(a, ao, b, bo, n, out.chunks, false);
    w.release(); // the slice's last pass on the record
    out.aux = w.sums.aux;
    return w.terms;
  },
});

/**
 * D = T/P + log(Q/P) from the unnormalised terms T, with P = hi + lo and Q = hi + lo the
 * compensated sums (log(Q/P) as log(fl(Qh/Ph)) plus the division's error and both low parts);
 * NaN where it is not within a few ulp: terms that cancel (sum |t|/P + |log(Q/P)| > 2 D; its
 * error is about eps times that), sums unfit for exact products, a non-finite T, or where
 * relRaw did not run. No normalised
 * value is formed, so the normalisers' rounding does not enter.
 */
function rawRelative(s: SliceState): number {
  const t = s.relRaw.value;
  const ph = s.sumP.value;
  const qh = s.sumQ.value;
  if (!s.flags.whole || !(t === t && Math.abs(t) < Infinity) || !splittable(ph) || !splittable(qh)) return NaN;
  const r = qh / ph;
  const prod = r * ph;
  const l = log(r) + ((qh - prod - productError(r, ph, prod)) / qh + s.sumQ.low / qh - s.sumP.low / ph);
  const d = (t / ph) * (1 - s.sumP.low / ph) + l;
  return s.relRaw.aux / ph + Math.abs(l) <= 2 * d ? d : NaN;
}

/**
 * Sum of kl_div(p / sumP, q / sumQ), with `lowP`, `lowQ` the sums' relative low parts: terms
 * that add up to the relative entropy of normalised p and q (see lib/math/kl-term.ts). Other
 * inputs follow rel_entr's rules, with kl_div's `y` for x = 0 so that the identity
 * sum kl_div = sum rel_entr holds.
 */
const KL_TERMS = defineKernel({
  name: 'kl_div terms',
  operands: 2,
  constants: ['lowP', 'lowQ', 'sumP', 'sumQ'],
  combine: 'sum',
  block: (a, ao, b, bo, n, lowP, lowQ, sumP, sumQ) => {
    const sph = splitHigh(sumP);
    const spl = sumP - sph;
    const sqh = splitHigh(sumQ);
    const sql = sumQ - sqh;
    let s0 = 0, s1 = 0;
    for (let i = 0; i < n; i++) {
      const p = a[ao + i];
      const q = b[bo + i];
      let t: number;
      if (p > 0 && q > 0 && p < Infinity && q < Infinity) t = (p / sumP) * klRatioTerm(p, q, sumP, sumQ, sph, spl, sqh, sql, lowP, lowQ);
      else t = klTermSpecial(p / sumP, q / sumQ);
      if ((i & 1) === 0) s0 += t;
      else s1 += t;
    }
    return s0 + s1;
  },
});

function klTermSpecial(x: number, y: number): number {
  if (x === 0 && y > 0) return y;
  return relEntrScalar(x, y);
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

/** The relative entropy of each slice of `p` against the same slice of `q` (in nats). */
type Pass = 'sumP' | 'sumQ' | 'relRaw' | 'largestP' | 'largestQ' | 'relEntr' | 'klDiv';
type SliceState = { readonly [K in Pass]: { value: number; low: number; aux: number } } & { readonly flags: { whole: boolean } };

export const RELATIVE = defineReduction<Pass, 'exact' | 'klPath' | 'whole' | 'raw'>({
  name: 'relative entropy',
  samples: 2,
  // exact: both sums allow exact products; klPath: the result comes from the kl_div terms;
  // whole: the pass relRaw ran (a whole slice); raw: the result comes from it (rawRelative).
  flags: ['exact', 'klPath', 'whole', 'raw'],
  passes: [
    { name: 'sumP', kernel: SUM_P_WITH_TERMS },
    { name: 'sumQ', kernel: SUM_Q_AFTER_P },
    { name: 'relRaw', kernel: RAW_TERMS, when: (s) => (s.flags.whole = whole.ready) },
    {
      name: 'largestP',
      kernel: MAX,
      operand: 'p',
      when: (s) =>
        !(s.flags.raw = s.flags.whole && !Number.isNaN(rawRelative(s))) &&
        (s.flags.exact = splittable(s.sumP.value) && splittable(s.sumQ.value)) &&
        mayDominate(s.sumP.aux, s.sumP.value),
    },
    { name: 'largestQ', kernel: MAX, operand: 'q', when: (s) => s.flags.exact && mayDominate(s.sumQ.aux, s.sumQ.value) },
    {
      name: 'relEntr',
      kernel: REL_ENTR_TERMS,
      // Skipped where it could not be trusted anyway: a dominant probability, or distributions
      // so concentrated (sum x^2 > 1/64) that it would need D > 1.
      when(s) {
        if (s.flags.raw) return false;
        const sp = s.sumP.value;
        const sq = s.sumQ.value;
        s.flags.klPath =
          s.flags.exact &&
          (s.largestP.value > 0.5 * sp || s.largestQ.value > 0.5 * sq || concentrated(s.sumP.aux, sp) || concentrated(s.sumQ.aux, sq));
        return !s.flags.klPath;
      },
      constants: setScales,
    },
    {
      name: 'klDiv',
      kernel: KL_TERMS,
      when(s) {
        // (when the rel_entr pass was skipped for the kl_div path, there is nothing to judge)
        if (!s.flags.klPath && s.flags.exact && !relEntrTrusted(s.relEntr.value, s.relEntr.aux, s.sumP.aux, s.sumP.value, s.sumQ.aux, s.sumQ.value)) s.flags.klPath = true;
        return s.flags.klPath;
      },
      constants: (s, c) => {
        c.lowP = Number.isFinite(s.sumP.low) ? s.sumP.low / s.sumP.value : 0;
        c.lowQ = Number.isFinite(s.sumQ.low) ? s.sumQ.low / s.sumQ.value : 0;
        c.sumP = s.sumP.value;
        c.sumQ = s.sumQ.value;
      },
    },
  ],
  finish(s) {
    if (s.flags.raw) return rawRelative(s);
    const sp = s.sumP.value;
    const sq = s.sumQ.value;
    const lop = s.sumP.low;
    const loq = s.sumQ.low;
    if (s.flags.klPath) {
      // The kl_div terms are x g(r) with x = p / hi while r is exact for the exact sums: with
      // S = hi + lo, the computed D' = D S / hi, so D = D' (1 - lo / hi) to first order.
      return Number.isFinite(lop) ? s.klDiv.value * (1 - lop / sp) : s.klDiv.value;
    }
    const d = s.relEntr.value;
    if (!s.flags.exact || !Number.isFinite(d) || !Number.isFinite(lop) || !Number.isFinite(loq)) return d;
    // x' = x / (1 + dp), y' = y / (1 + dq): D' = D + dq - dp - dp D to first order.
    const dp = normaliserError(sp, lop, 1 / sp);
    const dq = normaliserError(sq, loq, 1 / sq);
    return d - dq + dp + dp * d;
  },
});
