/** The shape of a reduction's result as numpy and SciPy return it. */
import { NDArray } from './ndarray.js';
import { cStrides } from './shape.js';

/**
 * The result as SciPy returns it: a number when no axis is left and keepdims is false,
 * otherwise an `NDArray` (of the keepdims shape `keptShape` when asked).
 */
export function shapeResult(values: Float64Array, shape: number[], keptShape: number[], keepdims: boolean): number | NDArray {
  const s = keepdims ? keptShape : shape;
  if (s.length === 0) return values[0];
  return new NDArray(values, s, cStrides(s));
}
