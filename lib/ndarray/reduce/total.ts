/** The sum of each slice (compensated, pairwise). */
import { SUM } from './kernels.js';
import { defineReduction } from './reduction.js';

/** The sum of each slice of `p`, to about an ulp (block sums compensated, combined pairwise). */
export const TOTAL = defineReduction<'sum'>({
  name: 'sum',
  samples: 1,
  passes: [{ name: 'sum', kernel: SUM, operand: 'p' }],
  finish: (s) => s.sum.value,
});
