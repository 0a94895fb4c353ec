/**
 * The entropy of the distribution a slice of logits stands for, `H(softmax(z))`, without forming
 * softmax(z): with M = max z, S = sum e^(z - M) and T = sum e^(z - M) (z - M),
 * `H = log S - T / S` (in nats). Internal for now: the worked example of docs/design.md,
 * "How to add a reduction".
 *
 * Edge cases: an empty slice gives NaN (no distribution); any NaN gives NaN; +inf logits give NaN
 * (inf - inf); a slice of -inf only gives NaN.
 */
import { defineKernel } from '../ndarray/reduce/kernel.js';
import { MAX } from '../ndarray/reduce/kernels.js';
import { defineReduction } from '../ndarray/reduce/reduction.js';

/** Sum of `e^(z - shift)`, and, as `aux`, of `e^(z - shift) (z - shift)`. */
const SOFTMAX_TERMS = defineKernel({
  name: 'softmax terms',
  operands: 1,
  constants: ['shift'],
  combine: 'sum',
  block: (a, ao, _b, _bo, n, shift, _c1, _c2, _c3, out) => {
    let s = 0;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const d = a[ao + i] - shift;
      const e = Math.exp(d);
      s += e;
      t += e * d;
    }
    out.aux = t;
    return s;
  },
});

/** The entropy of softmax of each slice of logits `p` (in nats). */
export const LOGIT_ENTROPY = defineReduction<'largest' | 'terms'>({
  name: 'entropy of logits',
  samples: 1,
  passes: [
    { name: 'largest', kernel: MAX, operand: 'p' },
    {
      name: 'terms',
      kernel: SOFTMAX_TERMS,
      operand: 'p',
      constants: (s, c) => {
        c.shift = s.largest.value;
      },
    },
  ],
  finish: (s) => Math.log(s.terms.value) - s.terms.aux / s.terms.value,
});
