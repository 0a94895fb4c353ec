/** The shape and dtype of a reduction's result as numpy and SciPy return it. */
import { NDArray } from './ndarray.js';
import { cStrides } from './shape.js';

/** The float dtypes a result can have. */
export type FloatDType = 'float64' | 'float32';

/**
 * numpy's result dtype of a float computation over these inputs, as SciPy's reductions keep it:
 * float32 when every input is float32, float64 otherwise (integers and bool included).
 */
export function floatResultDtype(...inputs: readonly NDArray[]): FloatDType {
  return inputs.every((x) => x.dtype === 'float32') ? 'float32' : 'float64';
}

/**
 * The result as SciPy returns it: a number when no axis is left and keepdims is false,
 * otherwise an `NDArray` (of the keepdims shape `keptShape` when asked). The values are computed
 * in float64; a float32 result rounds each once (a float32 scalar is a plain number holding a
 * float32 value).
 */
export function shapeResult(values: Float64Array, shape: number[], keptShape: number[], keepdims: boolean, dtype: FloatDType = 'float64'): number | NDArray {
  const s = keepdims ? keptShape : shape;
  if (s.length === 0) return dtype === 'float32' ? Math.fround(values[0]) : values[0];
  return new NDArray(dtype === 'float32' ? Float32Array.from(values) : values, s, cStrides(s));
}
