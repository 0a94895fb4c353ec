import { type Axis, checkAxisType, normalizeAxes, REDUCTION_MESSAGES } from '../ndarray/axis.js';
import { broadcastShapes } from '../ndarray/broadcast.js';
import { asarray, type ArrayLike } from '../ndarray/create.js';
import { NDArray } from '../ndarray/ndarray.js';
import { reduceSlices } from '../ndarray/reduce/reduce.js';
import { parallelReduce } from '../threads/parallel-reduce.js';
import { floatResultDtype, shapeResult } from '../ndarray/result.js';
import { cStrides, sizeOf } from '../ndarray/shape.js';
import { describeValue } from '../errors.js';
import { keepdimsOption, readOptions } from '../options.js';
import { JENSEN_SHANNON } from '../reductions/jensen-shannon.js';
import { TOTAL } from '../ndarray/reduce/total.js';
import type { Max, RankOf } from '../types/rank.js';
import type { NoExtra, Reduced } from '../types/signatures.js';

/** Options of {@link jensenshannon}. */
export interface JensenShannonOptions {
  /** Logarithm base; `null`/undefined for e. Not checked, as in SciPy (1 gives inf, 0 gives -0, < 0 NaN). */
  base?: number | null | undefined;
  /** Axis or axes to reduce (numpy's `np.sum` rules, per input); `null` for all; default 0. */
  axis?: Axis | undefined;
  /** Keep reduced axes as length 1, so the result broadcasts against the inputs. */
  keepdims?: boolean | undefined;
}


const KEYS = ['base', 'axis', 'keepdims'];


/**
 * The Jensen-Shannon distance between two probability vectors, as
 * `scipy.spatial.distance.jensenshannon`: `sqrt(D / 2)` with
 * `D = sum rel_entr(p, m) + sum rel_entr(q, m)` along `axis`, `m = (p + q) / 2`, after dividing
 * each of `p` and `q` by its own sum along `axis` **in its own shape, before broadcasting** (so a
 * length-1 `q` is normalised to `[1]` and then repeated: `jensenshannon([1, 2, 3], [5])` is
 * 0.5429402540654636, not the distance to the uniform distribution).
 *
 * Unlike SciPy, the result is never NaN for valid (non-negative, non-zero-sum) inputs: SciPy sums
 * terms of both signs and returns `sqrt(negative) = NaN` for ~40% of nearly equal pairs; here
 * every term is computed as a non-negative `kl_div` pair, from the exact normalisation residuals,
 * so nearly equal inputs keep their relative accuracy (see docs/differences-from-scipy.md). When
 * an input's normalising axes do not line up with the reduced axes (inputs of different ndim with
 * a non-negative `axis`), that input is normalised into a copy of its own size and the accuracy is
 * SciPy's (still never negative).
 *
 * Edge cases as SciPy: a zero-sum slice gives NaN; a negative entry gives inf (or NaN); inf and
 * NaN entries give NaN; an empty slice gives 0; `base` is used as `D / log(base)` without checks
 * (base 1 gives inf, base 0 gives -0, a base below 1 gives NaN). No `nan_policy`.
 *
 * @param p - first distribution (probabilities or counts); array-like, never mutated.
 * @param q - second distribution, broadcast against `p` after normalisation (numpy rules).
 * @param options - {@link JensenShannonOptions}: `base` (default e), `axis` (default 0; an int,
 *   an array of ints or `null`), `keepdims` (default false).
 * @returns a number when no axis is left and keepdims is false; otherwise an `NDArray` of
 *   the broadcast shape without (or with length-1) reduced axes (float32 when both inputs are float32).
 * @throws {AxisError} `axis 2 is out of bounds for array of dimension 2` (checked against each
 *   input's own dimension); {@link ValueError} `duplicate value in 'axis'` and
 *   `operands could not be broadcast together with shapes (3,) (2,) `; `TypeError` for
 *   non-numeric input and unknown options.
 * @example
 * jensenshannon([1, 0, 0], [0, 1, 0], { base: 2 }); // => 1
 * jensenshannon([1, 2, 3], [3, 2, 1]);              // => 0.29531004717204934
 * jensenshannon([0, 0], [1, 1]);                    // => NaN (zero-sum p)
 * @see scipy.spatial.distance.jensenshannon
 */
export function jensenshannon<P extends ArrayLike, Q extends ArrayLike, const O extends JensenShannonOptions = {}>(p: P, q: Q, options?: O & NoExtra<O, JensenShannonOptions>): Reduced<Max<RankOf<P>, RankOf<Q>>, O>;
export function jensenshannon(p: ArrayLike, q: ArrayLike, options?: JensenShannonOptions): number | NDArray;
export function jensenshannon(p: ArrayLike, q: ArrayLike, options: JensenShannonOptions = {}): number | NDArray {
  const o = readOptions('jensenshannon', options, KEYS);
  const base = o.base ?? null;
  if (base !== null && typeof base !== 'number') throw new TypeError(`\`base\` must be a number or \`null\`; got ${describeValue(base)}`);
  const axis = o.axis === undefined ? 0 : o.axis;
  checkAxisType(axis);
  const keepdims = keepdimsOption(o.keepdims);
  if (p === undefined || p === null) throw new TypeError('jensenshannon() missing required argument `p`');
  if (q === undefined || q === null) throw new TypeError('jensenshannon() missing required argument `q`');

  let a = asarray(p, 'p');
  let b = asarray(q, 'q');
  const dtype = floatResultDtype(a, b);
  const axesA = sumAxes(axis, a.ndim);
  const axesB = sumAxes(axis, b.ndim);
  const shape = broadcastShapes(a.shape, b.shape);
  const axes = sumAxes(axis, shape.length);
  const keptShape = shape.map((n, d) => (axes.includes(d) ? 1 : n));
  const outSize = sizeOf(shape.filter((_, d) => !axes.includes(d)));

  // Each input is normalised over its own axes. When those are, in the broadcast shape, exactly
  // the reduced axes along which it varies, its own sum is the sum over the reduced slice divided
  // by how many times it is repeated there (`stretch`); otherwise it is divided by its sums into
  // a copy of its own size first (stretch 0: unit sums).
  const stretchA = stretchOf(a.shape, axesA, shape, axes);
  const stretchB = stretchOf(b.shape, axesB, shape, axes);
  if (outSize > 0 && stretchA === 0) a = normalisedCopy(a, axesA);
  if (outSize > 0 && stretchB === 0) b = normalisedCopy(b, axesB);
  const params = { stretchP: stretchA, stretchQ: stretchB, logBase: base === null ? null : Math.log(base) };
  const [pa, pb] = [a.broadcastTo(shape), b.broadcastTo(shape)];
  const { values, shape: outShape } = parallelReduce(JENSEN_SHANNON, pa, pb, axes, false, params) ?? reduceSlices(pa, pb, axes, false, JENSEN_SHANNON, params);
  return shapeResult(values, outShape, keptShape, keepdims, dtype);
}

/**
 * How many times each element of an input of shape `own`, normalised over its axes `ownAxes`,
 * appears in one slice of the broadcast reduction over `axes` of `shape`; 0 when its normalising
 * groups do not coincide with those slices (an axis along which it varies is reduced on one
 * side only).
 */
function stretchOf(own: readonly number[], ownAxes: number[], shape: number[], axes: number[]): number {
  const lead = shape.length - own.length;
  let stretch = 1;
  for (let d = 0; d < shape.length; d++) {
    const len = d < lead ? 1 : own[d - lead];
    const reduced = axes.includes(d);
    if (len !== 1) {
      if (reduced !== ownAxes.includes(d - lead)) return 0;
    } else if (reduced) {
      stretch *= shape[d];
    }
  }
  return stretch;
}

/** `x` divided by its sums over `own` (in its own shape), as a float64 copy of `x`'s size. */
function normalisedCopy(x: NDArray, own: number[]): NDArray {
  const { values } = reduceSlices(x, x, own, false, TOTAL);
  const keepShape = x.shape.map((n, d) => (own.includes(d) ? 1 : n));
  const out = x.toFloat64Array();
  const sums = new NDArray(values, keepShape, cStrides(keepShape)).broadcastTo(x.shape).toFloat64Array();
  for (let i = 0; i < out.length; i++) out[i] /= sums[i];
  return NDArray.fromData(out, x.shape);
}

/**
 * The axes `np.sum(x, axis)` reduces for an input of dimension `ndim`: all for `null`; numpy
 * lets a 0-d array take `axis` 0 or -1 (an int, not an array) and reduces nothing.
 */
function sumAxes(axis: Axis, ndim: number): number[] {
  if (axis === null) return [...Array(ndim).keys()];
  if (ndim === 0 && (axis === 0 || axis === -1)) return [];
  return normalizeAxes(axis, ndim, REDUCTION_MESSAGES);
}
