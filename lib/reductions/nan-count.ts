/** The number of NaN values in each slice, and whether an array holds any NaN. */
import type { NDArray } from '../ndarray/ndarray.js';
import { COUNT_NAN } from '../ndarray/reduce/kernels.js';
import { reduceSlices } from '../ndarray/reduce/reduce.js';
import { defineReduction } from '../ndarray/reduce/reduction.js';

/** The number of NaN values in each slice of `p`. */
export const NAN_COUNT = defineReduction<'count'>({
  name: 'NaN count',
  samples: 1,
  passes: [{ name: 'count', kernel: COUNT_NAN, operand: 'p' }],
  finish: (s) => s.count.value,
});

/** Whether any element is NaN (integer and boolean arrays never are). */
export function containsNaN(x: NDArray): boolean {
  if (x.dtype !== 'float64' && x.dtype !== 'float32') return false;
  const all = [...x.shape.keys()];
  return reduceSlices(x, x, all, false, NAN_COUNT).values[0] > 0;
}
