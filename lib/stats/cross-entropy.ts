import { type ArrayLike } from '../ndarray/create.js';
import type { NDArray } from '../ndarray/ndarray.js';
import { checkEntropyOptions, type EntropyOptions, NO_OPTIONS } from '../options.js';
import { CROSS } from '../reductions/cross.js';
import { pairedReduction } from '../reductions/paired.js';
import type { Max, RankOf } from '../types/rank.js';
import type { NoExtra, Reduced } from '../types/signatures.js';

/** Options of {@link cross_entropy}: those of `entropy`. */
export type CrossEntropyOptions = EntropyOptions;


/**
 * The cross entropy of `qk` relative to `pk`, `H(p, q) = -sum(p log q)` along `axis` after
 * normalising both to sum to 1 along it: `H(p) + D(p || q)` (`entropy(pk) + entropy(pk, qk)`),
 * computed in one pass over the terms. No SciPy counterpart; the inputs, options, broadcasting,
 * NaN policies and result shapes are exactly those of `entropy(pk, qk)` (pk and qk broadcast
 * against each other over every axis before normalising; `axis: null` ravels each first;
 * `omit` drops NaN positions from both). Sums are pairwise and every term has the same sign for
 * distributions; when one qk entry holds more than half the mass, its term uses
 * `log1p(-rest / sum)`, so nearly degenerate distributions keep their digits (as `entropy`).
 *
 * Each term is `entr(p) + rel_entr(p, q)` of the normalised values, that is `-p log q` where both
 * are positive and finite, and otherwise: `0` for `p = 0` (and `q >= 0`), as `xlogy`; `+inf` for
 * `p > 0` with `q = 0` (or `q < 0`); `-inf` for `q = inf`; NaN for `p < 0` (entropy gives -inf
 * and the divergence +inf), inf or NaN. So a zero-sum slice gives NaN, an empty slice gives 0, a
 * single element gives +0, and the result equals `entropy(pk) + entropy(pk, qk)` wherever that
 * is defined, including its infinities.
 *
 * @param pk - the true distribution (probabilities or counts); array-like, never mutated.
 * @param qk - the model distribution, broadcast against pk.
 * @param options - as `entropy`: `base` (default e), `axis` (default 0), `nan_policy` (default
 *   `propagate`; alias `nanPolicy`), `keepdims` (default false).
 * @returns a number when the reduction leaves no axis and keepdims is false; otherwise a
 *   `NDArray` of the remaining (or kept) axes (float32 when the inputs are float32, else float64).
 * @throws {ValueError} `` `base` must be a positive number or `null`. ``,
 *   `Array shapes are incompatible for broadcasting.`, `The input contains nan values` (policy
 *   raise), an invalid nan_policy; {@link AxisError} for an axis out of bounds (`source: axis 2
 *   is out of bounds for array of dimension 2`); `TypeError` for non-numeric input and unknown
 *   options.
 * @example
 * cross_entropy([0.5, 0.5], [0.9, 0.1], { base: 2 }); // => 1.736965594166206
 * cross_entropy([1, 2, 3], [1, 2, 3]);               // => 1.0114042647073518 (= entropy([1, 2, 3]))
 * cross_entropy([1, 1], [1, 0]);                     // => Infinity
 * @see scipy.stats.entropy (H(p) + D(p || q))
 */
export function cross_entropy<P extends ArrayLike, Q extends ArrayLike, const O extends CrossEntropyOptions = {}>(pk: P, qk: Q, options?: O & NoExtra<O, CrossEntropyOptions>): Reduced<Max<RankOf<P>, RankOf<Q>>, O>;
export function cross_entropy(pk: ArrayLike, qk: ArrayLike, options?: CrossEntropyOptions): number | NDArray;
export function cross_entropy(pk: ArrayLike, qk: ArrayLike, options: CrossEntropyOptions = NO_OPTIONS): number | NDArray {
  const o = checkEntropyOptions('cross_entropy', pk, options);
  if (qk === undefined || qk === null) throw new TypeError('cross_entropy() missing required argument `qk`');
  return pairedReduction(pk, qk, o, CROSS);
}

/** camelCase alias of {@link cross_entropy}. */
export const crossEntropy = cross_entropy;
