import { AxisError, describeValue, ValueError } from '../errors.js';
import { type Axis, checkAxisType, normalizeAxes, SAMPLE_MESSAGES } from '../ndarray/axis.js';
import { asarray, type ArrayLike } from '../ndarray/create.js';
import type { NDArray } from '../ndarray/ndarray.js';
import { mapSlices } from '../ndarray/reduce/map-slices.js';
import { floatResultDtype, shapeResult } from '../ndarray/result.js';
import { sizeOf } from '../ndarray/shape.js';
import { baseOption, keepdimsOption, type NanPolicy, nanPolicyError, nanPolicyOption, readOptions } from '../options.js';
import { containsNaN } from '../reductions/nan-count.js';
import { numpyPairwiseSum } from '../math/pairwise.js';
import type { RankOf } from '../types/rank.js';
import type { NoExtra, Reduced } from '../types/signatures.js';

/** The estimators of {@link differential_entropy} (names are case-insensitive). */
export type DifferentialEntropyMethod = 'auto' | 'vasicek' | 'van es' | 'ebrahimi' | 'correa';

/** Options of {@link differential_entropy}. */
export interface DifferentialEntropyOptions {
  /** Window half-width m; `null`/undefined for `floor(sqrt(n) + 0.5)`. Valid when `2 <= 2m < n`. */
  window_length?: number | null | undefined;
  /** Alias of `window_length`. */
  windowLength?: number | null | undefined;
  /** Logarithm base; `null`/undefined for e. Must be positive (checked only when an estimate runs). */
  base?: number | null | undefined;
  /** Axis or axes holding the sample; `null` ravels; default 0. Negative counts from the end. */
  axis?: Axis | undefined;
  /** Estimator, default `auto`: van es for n <= 10, ebrahimi for n <= 1000, vasicek above. */
  method?: DifferentialEntropyMethod | Capitalize<DifferentialEntropyMethod> | Uppercase<DifferentialEntropyMethod> | (string & {}) | undefined;
  /** `propagate` (default), `omit` (drop NaN values of each sample) or `raise`. */
  nan_policy?: NanPolicy | undefined;
  /** Alias of `nan_policy`. */
  nanPolicy?: NanPolicy | undefined;
  /** Keep the sample axes as length 1, so the result broadcasts against the input. */
  keepdims?: boolean | undefined;
}


const KEYS = ['window_length', 'windowLength', 'base', 'axis', 'method', 'nan_policy', 'nanPolicy', 'keepdims'];
const METHODS = ['vasicek', 'van es', 'correa', 'ebrahimi', 'auto'];

/**
 * Estimates the differential entropy of a continuous distribution from a sample, as
 * `scipy.stats.differential_entropy`, with m-spacing estimators on the sorted sample
 * `X(1) <= ... <= X(n)` (padded with `X(1)` / `X(n)` beyond the ends):
 *
 * - `vasicek`: `mean(log(n / (2m) * (X(i+m) - X(i-m))))`;
 * - `van es`: `1/(n-m) sum log((n+1)/m * (X(i+m) - X(i))) + sum_{k=m}^{n} 1/k + log m - log(n+1)`;
 * - `ebrahimi`: as vasicek with `2m` replaced by `c_i m`, `c_i = 1 + (i-1)/m` near the start,
 *   `1 + (n-i)/m` near the end, 2 elsewhere;
 * - `correa`: `-mean(log(sum_j (X(j) - mean_i)(j - i) / (n sum_j (X(j) - mean_i)^2)))` over the
 *   windows `j = i-m..i+m`;
 * - `auto`: `van es` for n <= 10, `ebrahimi` for n <= 1000, `vasicek` otherwise (SciPy's
 *   docstring says "< 10"; n = 10 really uses van es).
 *
 * The default window is `floor(sqrt(n) + 0.5)`, so the smallest usable sample has 5 values. Ties
 * give zero spacings: `-inf` (NaN for correa); an infinite value gives inf (NaN for correa).
 *
 * Too-small samples (not `2 <= 2m < n`) follow SciPy: when the reduction leaves no axis (1-D
 * input, `axis: null`, all axes), the result is NaN before `base` and `method` are looked at; for
 * n-D input without NaN a `ValueError` is thrown; with a NaN anywhere in n-D input, each
 * too-small slice gives NaN; slices of an empty input give NaN. SciPy also emits a
 * `SmallSampleWarning` in the NaN cases; this package has no warnings and returns NaN silently
 * (see docs/differences-from-scipy.md). Sorting works on a per-slice copy; the input is never
 * mutated. Results are float32 for float32 input, as SciPy's (computed in float64, rounded once), float64 otherwise.
 *
 * @param values - the sample(s); array-like, never mutated.
 * @param options - {@link DifferentialEntropyOptions}: `window_length` (default
 *   `floor(sqrt(n) + 0.5)`), `base` (default e), `axis` (default 0), `method` (default `auto`),
 *   `nan_policy` (default `propagate`), `keepdims` (default false).
 * @returns a number when the reduction leaves no axis and keepdims is false; otherwise an
 *   `NDArray` of the remaining (or kept) axes (float32 for float32 input, else float64).
 * @throws {ValueError} `Window length (W) must be positive and less than half the sample size (N).`,
 *   `` `base` must be a positive number or `null`. ``, `` `method` must be one of {...} ``,
 *   `The input contains nan values` (policy raise), an invalid nan_policy; {@link AxisError}
 *   `` `axis` is out of bounds for array of dimension N ``, `` `axis` must contain only distinct
 *   elements ``; `TypeError` for a non-integer window, non-numeric input and unknown options.
 * @example
 * differential_entropy([1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11]);    // => 2.358820400183337
 * differential_entropy([1, 2, 3, 5, 8, 13, 21], { method: 'vasicek' }); // => 2.642756807372913
 * differential_entropy([1, 2, 3]);                                        // => NaN (too small)
 * @see scipy.stats.differential_entropy
 */
export function differential_entropy<V extends ArrayLike, const O extends DifferentialEntropyOptions = {}>(values: V, options?: O & NoExtra<O, DifferentialEntropyOptions>): Reduced<RankOf<V>, O>;
export function differential_entropy(values: ArrayLike, options?: DifferentialEntropyOptions): number | NDArray;
export function differential_entropy(values: ArrayLike, options: DifferentialEntropyOptions = {}): number | NDArray {
  const o = readOptions('differential_entropy', options, KEYS);
  const window = windowOption(o);
  const base = o.base ?? null;
  if (base !== null && typeof base !== 'number') baseOption(base);
  const method = o.method ?? 'auto';
  if (typeof method !== 'string') throw new TypeError(`\`method\` must be a string; got ${describeValue(method)}`);
  const policy = nanPolicyOption(o);
  const keepdims = keepdimsOption(o.keepdims);
  const axis = o.axis === undefined ? 0 : o.axis;
  checkSampleAxisType(axis);
  if (values === undefined || values === null) throw new TypeError('differential_entropy() missing required argument `values`');

  let x = asarray(values, 'values');
  if (x.ndim === 0) x = x.reshape(1);
  const axes = axis === null ? [...x.shape.keys()] : normalizeAxes(axis, x.ndim, SAMPLE_MESSAGES);
  const keptShape = x.shape.map((n, d) => (axis === null || axes.includes(d) ? 1 : n));
  const hasNaN = containsNaN(x);
  if (policy === 'raise' && hasNaN) throw nanPolicyError();

  // Validation SciPy does inside the estimator body: only once a sample is estimated.
  let resolved: { name: string; logBase: number } | null = null;
  const resolve = () => {
    if (resolved === null) {
      const b = baseOption(base);
      const name = method.toLowerCase();
      if (!METHODS.includes(name)) throw new ValueError(`\`method\` must be one of {${METHODS.map((m) => `'${m}'`).join(', ')}}`);
      resolved = { name, logBase: b === null ? NaN : Math.log(b) };
    }
    return resolved;
  };
  const tooSmall = (n: number) => {
    const m = window ?? defaultWindow(n);
    return !(2 <= 2 * m && 2 * m < n);
  };
  let scratch = new Float64Array(0);
  const estimate = (sample: Float64Array): number => {
    const { name, logBase } = resolve();
    const n = sample.length;
    const m = window ?? defaultWindow(n);
    sortSample(sample);
    if (scratch.length < n) scratch = new Float64Array(n);
    const auto = n <= 10 ? 'van es' : n <= 1000 ? 'ebrahimi' : 'vasicek';
    const res = ESTIMATORS[name === 'auto' ? auto : name](sample, m, scratch);
    return base === null ? res : res / logBase;
  };

  const oneSample = keptShape.every((_, d) => axes.includes(d));
  const nd = !oneSample && x.size > 0 && !hasNaN;
  if (nd) {
    const n = sizeOf(axes.map((d) => x.shape[d]));
    if (tooSmall(n)) {
      const m = window ?? defaultWindow(n);
      throw new ValueError(`Window length (${m}) must be positive and less than half the sample size (${n}).`);
    }
    resolve();
  }
  const { values: out, shape } = mapSlices(x, axes, policy === 'omit', (sample) => {
    if (x.size === 0) return NaN;
    // Under propagate, a NaN gives NaN before anything else is checked.
    if (hasNaN && policy === 'propagate' && (oneSample || sample.some((v) => v !== v))) return NaN;
    if (!nd && tooSmall(sample.length)) return NaN;
    return estimate(sample);
  });
  return shapeResult(out, shape, keptShape, keepdims, floatResultDtype(x));
}

/** camelCase alias of {@link differential_entropy}. */
export const differentialEntropy = differential_entropy;

/** SciPy's default window half-width for a sample of n values: `floor(sqrt(n) + 0.5)`. */
function defaultWindow(n: number): number {
  return Math.floor(Math.sqrt(n) + 0.5);
}

/** `window_length` or its alias: null/undefined, or an integer. */
function windowOption(options: Readonly<Record<string, unknown>>): number | null {
  const { window_length: a, windowLength: b } = options;
  if (a !== undefined && b !== undefined && a !== b) {
    throw new TypeError('got both `window_length` and its alias `windowLength` with different values');
  }
  const w = a ?? b ?? null;
  if (w !== null && (typeof w !== 'number' || !Number.isInteger(w))) {
    throw new TypeError(`\`window_length\` must be an integer or \`null\`; got ${describeValue(w)}`);
  }
  return w;
}

/** SciPy's checks on `axis` for one-sample functions (`_broadcast_shapes` wording). */
function checkSampleAxisType(axis: unknown): asserts axis is Axis {
  const items = Array.isArray(axis) ? axis : [axis];
  for (const a of items) {
    if (typeof a === 'number' && Number.isFinite(a) && !Number.isInteger(a)) {
      throw new AxisError('`axis` must be an integer, an array of integers, or `null`.');
    }
  }
  checkAxisType(axis);
}

/**
 * Sorts a (NaN-free) sample ascending in place: insertion sort for short samples, where V8's
 * `Float64Array.prototype.sort` costs several times more, the built-in sort otherwise.
 */
function sortSample(x: Float64Array): void {
  if (x.length > 64) {
    x.sort();
    return;
  }
  for (let i = 1; i < x.length; i++) {
    const v = x[i];
    let j = i - 1;
    while (j >= 0 && x[j] > v) {
      x[j + 1] = x[j];
      j--;
    }
    x[j + 1] = v;
  }
}

type Estimator = (x: Float64Array, m: number, scratch: Float64Array) => number;

/** `x` padded with m copies of its ends: `pad(k) = x[clamp(k - m, 0, n - 1)]`. */
function padded(x: Float64Array, m: number, k: number): number {
  const j = k - m;
  return x[j < 0 ? 0 : j >= x.length ? x.length - 1 : j];
}

const ESTIMATORS: Record<string, Estimator> = {
  vasicek(x, m, logs) {
    const n = x.length;
    const c = n / (2 * m);
    for (let i = 0; i < n; i++) logs[i] = Math.log(c * (padded(x, m, i + 2 * m) - padded(x, m, i)));
    return numpyPairwiseSum(logs, 0, n) / n;
  },
  'van es'(x, m, logs) {
    const n = x.length;
    const c = (n + 1) / m;
    for (let i = 0; i < n - m; i++) logs[i] = Math.log(c * (x[i + m] - x[i]));
    const term1 = (1 / (n - m)) * numpyPairwiseSum(logs, 0, n - m);
    for (let k = m; k <= n; k++) logs[k - m] = 1 / k;
    return term1 + numpyPairwiseSum(logs, 0, n - m + 1) + Math.log(m) - Math.log(n + 1);
  },
  ebrahimi(x, m, logs) {
    const n = x.length;
    for (let idx = 0; idx < n; idx++) {
      const i = idx + 1;
      let ci = i <= m ? 1 + (i - 1) / m : 2;
      if (i >= n - m + 1) ci = 1 + (n - i) / m;
      logs[idx] = Math.log((n * (padded(x, m, idx + 2 * m) - padded(x, m, idx))) / (ci * m));
    }
    return numpyPairwiseSum(logs, 0, n) / n;
  },
  correa(x, m, logs) {
    const n = x.length;
    const w = 2 * m + 1;
    for (let i = 1; i <= n; i++) {
      // The window pad[i-1 .. i-1+2m], offsets j = -m..m; sums are sequential, as numpy's
      // reductions over a non-contiguous axis.
      let s = 0;
      for (let k = 0; k < w; k++) s += padded(x, m, i - 1 + k);
      const mean = s / w;
      let num = 0;
      let den = 0;
      for (let k = 0; k < w; k++) {
        const dev = padded(x, m, i - 1 + k) - mean;
        num += dev * (k - m);
        den += dev * dev;
      }
      logs[i - 1] = Math.log(num / (n * den));
    }
    return -(numpyPairwiseSum(logs, 0, n) / n);
  },
};
