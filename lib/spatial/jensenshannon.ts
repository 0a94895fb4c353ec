import { type Axis, checkAxisType, normalizeAxes, REDUCTION_MESSAGES } from '../ndarray/axis.js';
import { broadcastShapes } from '../ndarray/broadcast.js';
import { asarray, type ArrayLike, type TypedArray } from '../ndarray/create.js';
import { map2 } from '../ndarray/elementwise.js';
import { DoubleDoubleSum, JensenShannonTerms } from '../ndarray/family-kernels.js';
import { isScijsArray, NDArray } from '../ndarray/ndarray.js';
import { reduceSlices } from '../ndarray/reduce.js';
import { cStrides, sizeOf } from '../ndarray/shape.js';
import { checkKeys, keepdimsOption } from '../stats/options.js';
import { shapeResult } from '../stats/paired.js';

/** Options of {@link jensenshannon}. */
export interface JensenShannonOptions {
  /** Logarithm base; `null`/undefined for e. Not checked, as in SciPy (1 gives inf, 0 gives -0, < 0 NaN). */
  base?: number | null;
  /** Axis or axes to reduce (numpy's `np.sum` rules, per input); `null` for all; default 0. */
  axis?: Axis;
  /** Keep reduced axes as length 1, so the result broadcasts against the inputs. */
  keepdims?: boolean;
}

/** A scalar or 1-D input: with these, the result is a number unless keepdims is set. */
type Flat = number | boolean | readonly (number | boolean)[] | TypedArray;
/** Options under which scalar or 1-D inputs give a number. */
type ScalarOptions = JensenShannonOptions & { axis?: 0 | -1 | null; keepdims?: false };

const KEYS = ['base', 'axis', 'keepdims'];

function isOptions(x: unknown): x is JensenShannonOptions {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && !(x instanceof NDArray) && !isScijsArray(x);
}

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
 * @returns a number when no axis is left and keepdims is false; otherwise a float64 `NDArray` of
 *   the broadcast shape without (or with length-1) reduced axes.
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
export function jensenshannon(p: Flat, q: Flat, options?: ScalarOptions): number;
export function jensenshannon(p: ArrayLike, q: ArrayLike, options: JensenShannonOptions & { keepdims: true }): NDArray;
export function jensenshannon(p: ArrayLike, q: ArrayLike, options?: JensenShannonOptions): number | NDArray;
export function jensenshannon(p: ArrayLike, q: ArrayLike, options: JensenShannonOptions = {}): number | NDArray {
  if (!isOptions(options)) throw new TypeError('jensenshannon() options must be an object');
  checkKeys('jensenshannon', options, KEYS);
  const base = options.base ?? null;
  if (base !== null && typeof base !== 'number') throw new TypeError(`\`base\` must be a number or \`null\`; got ${typeof base}`);
  const axis = options.axis === undefined ? 0 : options.axis;
  checkAxisType(axis);
  const keepdims = keepdimsOption(options.keepdims);
  if (p === undefined || p === null) throw new TypeError('jensenshannon() missing required argument `p`');
  if (q === undefined || q === null) throw new TypeError('jensenshannon() missing required argument `q`');

  let a = asarray(p, 'p');
  let b = asarray(q, 'q');
  const axesA = sumAxes(axis, a.ndim);
  const axesB = sumAxes(axis, b.ndim);
  const shape = broadcastShapes(a.shape, b.shape);
  const axes = sumAxes(axis, shape.length);
  const keptShape = shape.map((n, d) => (axes.includes(d) ? 1 : n));
  const outSize = sizeOf(shape.filter((_, d) => !axes.includes(d)));

  let na: PerSlice | null = null;
  let nb: PerSlice | null = null;
  if (outSize > 0) {
    na = ownSums(a, axesA, shape, axes);
    if (na.copy !== null) a = na.copy;
    nb = ownSums(b, axesB, shape, axes);
    if (nb.copy !== null) b = nb.copy;
  }
  const terms = new JensenShannonTerms();
  let i = 0;
  const { values, shape: outShape } = reduceSlices(a.broadcastTo(shape), b.broadcastTo(shape), axes, false, (c) => {
    terms.set(na!.hi[i], na!.lo[i], nb!.hi[i], nb!.lo[i]);
    i++;
    return c.reduce(terms.kernel, 0, 0, 0, 0);
  });
  const logBase = base === null ? 1 : Math.log(base);
  for (let k = 0; k < values.length; k++) {
    let js = values[k];
    if (base !== null) js /= logBase;
    values[k] = Math.sqrt(js / 2);
  }
  return shapeResult(values, outShape, keptShape, keepdims);
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

/** One input's normalising sums, one per output position (C order), or a normalised copy. */
interface PerSlice {
  hi: Float64Array;
  lo: Float64Array;
  /** Set when the sums vary within an output slice: the input divided by them, in its own shape. */
  copy: NDArray | null;
}

/**
 * Sums `x` over its own `own` axes (double-double), then lays the sums out per output position of
 * the broadcast reduction over `axes`. When they are not constant along `axes` (possible only for
 * inputs of different ndim with a non-negative axis), returns `x / sums` as a copy of `x`'s size
 * and unit sums instead.
 */
function ownSums(x: NDArray, own: number[], shape: number[], axes: number[]): PerSlice {
  const dd = new DoubleDoubleSum();
  const keptSize = sizeOf(x.shape.filter((_, d) => !own.includes(d)));
  const lo = new Float64Array(keptSize);
  let k = 0;
  const { values: hi } = reduceSlices(x, x, own, false, (c) => {
    dd.reset();
    c.reduce(dd.kernel, 0, 0, 0, 0);
    dd.finish();
    lo[k++] = dd.lo;
    return dd.hi;
  });
  const keepShape = x.shape.map((n, d) => (own.includes(d) ? 1 : n));
  const hiFull = new NDArray(hi, keepShape, cStrides(keepShape)).broadcastTo(shape);
  const loFull = new NDArray(lo, keepShape, cStrides(keepShape)).broadcastTo(shape);
  const outSize = sizeOf(shape.filter((_, d) => !axes.includes(d)));
  if (axes.every((d) => hiFull.strides[d] === 0 || shape[d] === 1)) {
    return { hi: keptView(hiFull, axes), lo: keptView(loFull, axes), copy: null };
  }
  const divided = map2(x, new NDArray(hi, keepShape, cStrides(keepShape)), (u, s) => u / s);
  const copy = divided instanceof NDArray ? divided : NDArray.fromData(Float64Array.of(divided), []);
  return { hi: new Float64Array(outSize).fill(1), lo: new Float64Array(outSize), copy };
}

/** The values of `full` at the first index of every reduced axis, in C order of the others. */
function keptView(full: NDArray, axes: number[]): Float64Array {
  const kept = [...full.shape.keys()].filter((d) => !axes.includes(d));
  return new NDArray(full.data, kept.map((d) => full.shape[d]), kept.map((d) => full.strides[d]), full.offset).toFloat64Array();
}
