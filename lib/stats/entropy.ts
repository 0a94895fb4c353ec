import { type ArrayLike } from '../ndarray/create.js';
import type { NDArray } from '../ndarray/ndarray.js';
import { acquireContext, releaseContext } from '../ndarray/reduce/context.js';
import { reduceVector } from '../ndarray/reduce/reduce.js';
import { checkEntropyOptions, type EntropyOptions, isOptionsObject, NO_OPTIONS, type NanPolicy, nanPolicyError } from '../options.js';
import { pairedReduction } from '../reductions/paired.js';
import { RELATIVE } from '../reductions/relative.js';
import { SHANNON } from '../reductions/shannon.js';
import type { RankOf } from '../types/rank.js';
import type { NoExtra, PairRank, Reduced } from '../types/signatures.js';

export type { EntropyOptions };


/**
 * Shannon entropy, or relative entropy (Kullback-Leibler divergence) when `qk` is given, as
 * `scipy.stats.entropy`.
 *
 * `H = -sum(pk * log(pk))` and `D = sum(pk * log(pk / qk))` along `axis`, after normalising
 * `pk` (and `qk`) to sum to 1 along it. pk and qk broadcast against each other over every axis
 * before normalising (so a length-1 qk is uniform). Edge cases as SciPy: an empty slice gives
 * 0; a zero-sum slice gives NaN; a negative entry gives `-inf` (`inf` in qk); infinite entries
 * give NaN; `rel_entr(p > 0, 0)` makes D infinite; NaN propagates unless `nan_policy` says
 * otherwise. Sums are pairwise; results are float32 for float32 input, as SciPy's (computed in float64, rounded once), float64 otherwise.
 * The second argument, `qk`, is optional: a second distribution, broadcast against pk (an
 * options object in its place is options; only a plain object is).
 *
 * @param pk - probabilities or counts; array-like, never mutated.
 * @param options - {@link EntropyOptions}: `base` (default e), `axis` (default 0),
 *   `nan_policy` (default `propagate`), `keepdims` (default false).
 * @returns a number when the reduction leaves no axis (1-D input, `axis: null`, all axes) and
 *   keepdims is false; otherwise an `NDArray` of the remaining (or kept) axes (float32 when the inputs are float32).
 * @throws {ValueError} `` `base` must be a positive number or `null`. ``,
 *   `Array shapes are incompatible for broadcasting.`, `The input contains nan values`
 *   (policy raise), an invalid nan_policy; {@link AxisError} for an axis out of bounds;
 *   `TypeError` for non-numeric or ragged input and unknown options.
 * @example
 * entropy([0.5, 0.5], { base: 2 });            // => 1
 * entropy([1, 2, 3], [3, 2, 1]);               // => 0.36620409622270317
 * entropy([[1, 2, 3], [0, 0, 0]], { axis: 1 }); // => NDArray [1.0114042647073518, NaN]
 * @see scipy.stats.entropy
 */
export function entropy<P extends ArrayLike, const O extends EntropyOptions = {}>(pk: P, options?: O & NoExtra<O, EntropyOptions>): Reduced<RankOf<P>, O>;
export function entropy<P extends ArrayLike, Q extends ArrayLike | null | undefined, const O extends EntropyOptions = {}>(pk: P, qk: Q, options?: O & NoExtra<O, EntropyOptions>): Reduced<PairRank<P, Q>, O>;
export function entropy(pk: ArrayLike, options?: EntropyOptions): number | NDArray;
export function entropy(pk: ArrayLike, qk: ArrayLike | null | undefined, options?: EntropyOptions): number | NDArray;
export function entropy(pk: ArrayLike, qkOrOptions?: ArrayLike | EntropyOptions | null, maybeOptions?: EntropyOptions): number | NDArray {
  let qk: ArrayLike | undefined;
  let options: unknown;
  if (isOptionsObject(qkOrOptions)) {
    options = qkOrOptions;
  } else {
    qk = qkOrOptions ?? undefined;
    options = maybeOptions ?? NO_OPTIONS;
  }
  const o = checkEntropyOptions('entropy', pk, options);
  const fast = o.keepdims || (o.axis !== 0 && o.axis !== -1 && o.axis !== null) ? null : vectorResult(pk, qk, o.policy);
  if (fast !== null) return o.base === null ? fast : fast / Math.log(o.base);
  return pairedReduction(pk, qk, o, qk === undefined ? SHANNON : RELATIVE);
}

/**
 * The result for a flat array or Float64Array pk (and qk of the same length), reduced whole
 * without building views; null when the input is anything else (the general path handles it).
 */
function vectorResult(pk: unknown, qk: unknown, policy: NanPolicy): number | null {
  const n = (pk as { length?: unknown }).length;
  if (typeof n !== 'number' || n === 0 || (qk !== undefined && (qk as { length?: unknown }).length !== n)) return null;
  // The context owns the vector buffers: a getter on an element that calls entropy again gets
  // another context, so neither call overwrites the other's input.
  const ctx = acquireContext();
  try {
    const a = ctx.vector(pk, 0, n);
    if (a === null) return null;
    const b = qk === undefined ? a : ctx.vector(qk, 1, n);
    if (b === null) return null;
    if (policy === 'raise') {
      for (let i = 0; i < n; i++) if (a[i] !== a[i] || b[i] !== b[i]) throw nanPolicyError();
    }
    return qk === undefined ? reduceVector(ctx, a, a, n, policy === 'omit', SHANNON) : reduceVector(ctx, a, b, n, policy === 'omit', RELATIVE);
  } finally {
    releaseContext(ctx);
  }
}
