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
import { reduceSlices, type SliceProgram } from '../ndarray/reduce.js';
import { cStrides, sameShape } from '../ndarray/shape.js';
import type { EntropyOptions } from './entropy.js';
import { axisOption, baseOption, checkKeys, isOptionsObject, keepdimsOption, type NanPolicy, nanPolicyOption } from './options.js';
import { NAN_COUNT } from './programs.js';
import { parallelReduce } from '../threads/parallel-reduce.js';
import type { ReductionKey } from '../threads/protocol.js';

const INCOMPATIBLE = 'Array shapes are incompatible for broadcasting.';

/** Two samples of one shape, the axes to reduce, and the shape of a keepdims result. */
export interface PairedSamples {
  a: NDArray;
  b: NDArray;
  axes: number[];
  keptShape: number[];
}

/** Whether any element is NaN (integer and boolean arrays never are). */
export function containsNaN(x: NDArray): boolean {
  if (x.dtype !== 'float64' && x.dtype !== 'float32') return false;
  const all = [...x.shape.keys()];
  return reduceSlices(x, x, all, false, NAN_COUNT).values[0] > 0;
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
    throw new ValueError('The input contains nan values');
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
 * The result as SciPy returns it: a number when no axis is left and keepdims is false,
 * otherwise an `NDArray` (of the keepdims shape when asked).
 */
export function shapeResult(values: Float64Array, shape: number[], keptShape: number[], keepdims: boolean): number | NDArray {
  const s = keepdims ? keptShape : shape;
  if (s.length === 0) return values[0];
  return new NDArray(values, s, cStrides(s));
}

const KEYS = ['base', 'axis', 'nan_policy', 'nanPolicy', 'keepdims'];

/** The checked options of a paired reduction. */
export interface CheckedOptions {
  base: number | null;
  axis: Axis;
  policy: NanPolicy;
  keepdims: boolean;
}

/**
 * Validates the options of `fn` (unknown names, `base`, `axis`, `nan_policy`, `keepdims`) and
 * the presence of `pk`, before anything else (so `base` is checked before any short-circuit).
 */
export function checkOptions(fn: string, pk: unknown, options: unknown): CheckedOptions {
  if (!isOptionsObject(options)) throw new TypeError(`${fn}() options must be an object`);
  checkKeys(fn, options, KEYS);
  const o = options as EntropyOptions;
  const checked = { base: baseOption(o.base), axis: axisOption(o.axis, 0), policy: nanPolicyOption(o), keepdims: keepdimsOption(o.keepdims) };
  if (pk === undefined || pk === null) throw new TypeError(`${fn}() missing required argument \`pk\``);
  return checked;
}

/**
 * Runs `program` over pk and qk (qk may be undefined) as SciPy's wrapper would: pairs the
 * samples, reduces (on the worker pool when `key` names a large call there), divides by
 * log(base), and shapes the result.
 */
export function pairedReduction(pk: ArrayLike, qk: ArrayLike | undefined, o: CheckedOptions, program: SliceProgram, key: ReductionKey): number | NDArray {
  const { a, b, axes, keptShape } = pairSamples(pk, qk, o.axis, o.policy);
  const { values, shape } = parallelReduce(key, a, b, axes, o.policy === 'omit') ?? reduceSlices(a, b, axes, o.policy === 'omit', program);
  if (o.base !== null) {
    const logBase = Math.log(o.base);
    for (let i = 0; i < values.length; i++) values[i] /= logBase;
  }
  return shapeResult(values, shape, keptShape, o.keepdims);
}
