/**
 * The Jensen-Shannon distance of each slice pair, `sqrt(D / 2)` with
 * `D = sum rel_entr(x, m) + sum rel_entr(y, m)`, `m = (x + y) / 2` (the reduction behind
 * `jensenshannon`). Passes: the sums of p and q as double-doubles (compensated sums: the results
 * and their low parts); the terms; `finish` applies the base and the square root. Each input's
 * own normalising sum is its slice sum divided by how often the input is repeated in the slice
 * (its `stretch`, a parameter of the call); an input with stretch 0 is already normalised: its
 * pass is skipped and its sum is 1.
 */
import { relEntrScalar } from '../math/convex-analysis.js';
import { productError, SPLITTER, splitHigh } from '../math/exact.js';
import { defineKernel } from '../ndarray/reduce/kernel.js';
import { SUM } from '../ndarray/reduce/kernels.js';
import { type PassResult, defineReduction } from '../ndarray/reduce/reduction.js';

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
 * Sum of the Jensen-Shannon terms `rel_entr(x, m) + rel_entr(y, m)`, `x = p / (sumP + lowP)`,
 * `y = q / (sumQ + lowQ)` (normalising sums as double-doubles), `m = (x + y) / 2`, computed as
 * `m f(t)` with `t = (x - y) / (x + y)` and {@link jsShape}: each term is
 * `kl_div(x, m) + kl_div(y, m)`, equal to the `rel_entr` pair in real arithmetic and >= 0, so
 * the sum cannot go negative. `x - y` is formed from the exact residuals `a - fl(a / S) S`
 * (Dekker products) and the low parts of the sums, so nearly equal distributions keep their
 * relative accuracy rather than losing it to the rounding of the normalisation. Pairs that are
 * not both positive and finite after normalising (zeros, negatives, inf, NaN) take SciPy's
 * `rel_entr` path, which gives SciPy's special values.
 */
const JS_TERMS = defineKernel({
  name: 'Jensen-Shannon terms',
  operands: 2,
  constants: ['sumP', 'lowP', 'sumQ', 'lowQ'],
  combine: 'sum',
  block: (a, ao, b, bo, n, sa, la, sb, lb) => {
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
  },
});

/** The parameters of one call: each input's stretch, and log(base) (null for nats). */
export interface JensenShannonParams {
  readonly stretchP: number;
  readonly stretchQ: number;
  readonly logBase: number | null;
}

/**
 * An input's own normalising sum, as a double-double (`ownSum` + `ownLow`): the slice sum and its
 * low part divided by the stretch; 1 for a pre-normalised input (stretch 0). A sum that is not
 * finite (inf or NaN in the slice) has no low part.
 */
function ownSum(r: PassResult, stretch: number): number {
  if (stretch === 0) return 1;
  if (!Number.isFinite(r.value) || !Number.isFinite(r.low) || stretch === 1) return r.value;
  return r.value / stretch;
}

function ownLow(r: PassResult, stretch: number): number {
  if (stretch === 0 || !Number.isFinite(r.value) || !Number.isFinite(r.low)) return 0;
  if (stretch === 1) return r.low;
  const s = r.value;
  const h = s / stretch;
  const err = productError(h, stretch, h * stretch);
  return (s - h * stretch - err + r.low) / stretch;
}

/** The Jensen-Shannon distance of each slice of `p` and `q` (in the base of `params.logBase`). */
export const JENSEN_SHANNON = defineReduction<'sumP' | 'sumQ' | 'terms', never, JensenShannonParams>({
  name: 'Jensen-Shannon distance',
  samples: 2,
  passes: [
    { name: 'sumP', kernel: SUM, operand: 'p', when: (s) => s.params.stretchP !== 0 },
    { name: 'sumQ', kernel: SUM, operand: 'q', when: (s) => s.params.stretchQ !== 0 },
    {
      name: 'terms',
      kernel: JS_TERMS,
      constants: (s, c) => {
        c.sumP = ownSum(s.sumP, s.params.stretchP);
        c.lowP = ownLow(s.sumP, s.params.stretchP);
        c.sumQ = ownSum(s.sumQ, s.params.stretchQ);
        c.lowQ = ownLow(s.sumQ, s.params.stretchQ);
      },
    },
  ],
  finish(s) {
    let js = s.terms.value;
    if (s.params.logBase !== null) js /= s.params.logBase;
    return Math.sqrt(js / 2);
  },
});
