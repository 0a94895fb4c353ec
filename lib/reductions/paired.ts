/**
 * The sample handling that `scipy.stats` wraps around `entropy` (its `_axis_nan_policy`
 * decorator with paired samples): conversion, `atleast_1d`, the NaN check under `raise`,
 * broadcasting of pk against qk over every axis (including the reduction axis), `axis=None`
 * ravelling each sample separately, and the shape of the result with and without keepdims.
 */
import { ValueError } from '../errors.js';
import { type Axis, MOVEAXIS_MESSAGES, normalizeAxes } from '../ndarray/axis.js';
import { tryBroadcastShapes } from '../ndarray/broadcast.js';
import { asarray, type ArrayLike } from '../ndarray/create.js';
import { NDArray } from '../ndarray/ndarray.js';
import { reduceSlices } from '../ndarray/reduce/reduce.js';
import { parallelReduce } from '../threads/parallel-reduce.js';
import type { Reduction } from '../ndarray/reduce/reduction.js';
import { floatResultDtype, shapeResult } from '../ndarray/result.js';
import { sameShape } from '../ndarray/shape.js';
import { type CheckedEntropyOptions, type NanPolicy, nanPolicyError } from '../options.js';
import { containsNaN } from './nan-count.js';

const INCOMPATIBLE = 'Array shapes are incompatible for broadcasting.';

/** Two samples of one shape, the axes to reduce, and the shape of a keepdims result. */
export interface PairedSamples {
  a: NDArray;
  b: NDArray;
  axes: number[];
  keptShape: number[];
}

function atleast1d(x: NDArray): NDArray {
  return x.ndim === 0 ? x.reshape(1) : x;
}

/**
 * Converts and aligns pk and qk (qk may be undefined: then `b` is `a`).
 * @throws {ValueError} `Array shapes are incompatible for broadcasting.`, the nan_policy
 *   `raise` error, or (as {@link AxisError}) an axis out of bounds.
 */
export function pairSamples(pk: ArrayLike, qk: ArrayLike | undefined, axis: Axis, policy: NanPolicy): PairedSamples {
  let a = atleast1d(asarray(pk, 'pk'));
  let b = qk === undefined ? a : atleast1d(asarray(qk, 'qk'));
  if (policy === 'raise' && (containsNaN(a) || (b !== a && containsNaN(b)))) {
    throw nanPolicyError();
  }
  if (axis === null) {
    const keptShape = new Array<number>(Math.max(a.ndim, b.ndim)).fill(1);
    if (b !== a && !sameShape(a.shape, b.shape)) {
      // Each sample is ravelled on its own, then the 1-D samples broadcast.
      a = a.reshape(-1);
      b = b.reshape(-1);
      const shape = tryBroadcastShapes(a.shape, b.shape);
      if (shape === null) {
        // SciPy's propagate short-circuit returns NaN before its body checks these shapes.
        if (policy !== 'propagate' || !(containsNaN(a) || containsNaN(b))) throw new ValueError(INCOMPATIBLE);
        a = b = NDArray.fromData(Float64Array.of(NaN));
        return { a, b, axes: [0], keptShape };
      }
      a = a.broadcastTo(shape);
      b = b.broadcastTo(shape);
    }
    return { a, b, axes: [...a.shape.keys()], keptShape };
  }
  const shape = tryBroadcastShapes(a.shape, b.shape);
  if (shape === null) throw new ValueError(INCOMPATIBLE);
  const axes = normalizeAxes(axis, shape.length, MOVEAXIS_MESSAGES);
  const keptShape = shape.map((n, d) => (axes.includes(d) ? 1 : n));
  return { a: a.broadcastTo(shape), b: b === a ? a.broadcastTo(shape) : b.broadcastTo(shape), axes, keptShape };
}

/**
 * Runs `reduction` over pk and qk (qk may be undefined) as SciPy's wrapper would: pairs the
 * samples, reduces (on the worker pool when the call is large and threads are on), divides by
 * log(base), and shapes the result.
 */
export function pairedReduction(pk: ArrayLike, qk: ArrayLike | undefined, o: CheckedEntropyOptions, reduction: Reduction<string, string>): number | NDArray {
  const { a, b, axes, keptShape } = pairSamples(pk, qk, o.axis, o.policy);
  const { values, shape } = parallelReduce(reduction, a, b, axes, o.policy === 'omit') ?? reduceSlices(a, b, axes, o.policy === 'omit', reduction);
  if (o.base !== null) {
    const logBase = Math.log(o.base);
    for (let i = 0; i < values.length; i++) values[i] /= logBase;
  }
  return shapeResult(values, shape, keptShape, o.keepdims, floatResultDtype(a, b));
}
