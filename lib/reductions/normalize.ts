/**
 * What the reductions of distributions share about normalising by a slice sum `s`: without
 * dividing every element, each element is multiplied by `pre` then `scale`, which equals `x / s`
 * to within an ulp. `pre` is 1 unless `1 / s` would leave the normal range (s subnormal or above
 * 2^1000), where a power of two keeps it exact. Zero, infinite and NaN sums give the same
 * specials as division (0/0 = NaN, x/0 = ±inf, ...). Also the tests that decide when a dominant
 * probability needs its own term, and the first-order correction for the normaliser's rounding.
 */
import { productError } from '../math/exact.js';
import type { Constants } from '../ndarray/reduce/kernel.js';
import type { PassResult } from '../ndarray/reduce/reduction.js';

const TWO_600 = 2 ** 600;
const SMALL = 2 ** -1000;
const LARGE = 2 ** 1000;

/** `pre`, the first of the two factors. */
export function preScale(s: number): number {
  const m = Math.abs(s);
  if (m !== 0 && m < SMALL) return TWO_600;
  if (m > LARGE && m !== Infinity) return 1 / TWO_600;
  return 1;
}

/** `scale`, the second factor: `1 / (s * pre)`. */
export function scaleFor(s: number, pre: number): number {
  return 1 / (s * pre);
}

/** Whether a slice sum is positive, finite and far enough from the ends of the range that 1/s is normal. */
export function safeSum(s: number): boolean {
  return s > SMALL && s < LARGE;
}

/**
 * The constants `preP`, `scaleP`, `preQ`, `scaleQ` of a two-sample terms kernel, from the
 * passes `sumP` and `sumQ` (shared by the relative and cross entropy declarations).
 */
export function setScales(s: { readonly sumP: PassResult; readonly sumQ: PassResult }, c: Constants): void {
  c.preP = preScale(s.sumP.value);
  c.scaleP = scaleFor(s.sumP.value, c.preP);
  c.preQ = preScale(s.sumQ.value);
  c.scaleQ = scaleFor(s.sumQ.value, c.preQ);
}

/**
 * Whether one entry may hold more than half of the sum `s`, given the sum of squares `s2`: it
 * needs s2 > s^2 / 4, so the search for the largest entry is skipped otherwise (unless the
 * squares could overflow or underflow).
 */
export function mayDominate(s2: number, s: number): boolean {
  return s > 1e150 || s < 1e-150 || s2 > 0.25 * s * s;
}

/** Whether sum x^2 > 1/64 for x = p/s (given s2 = sum p^2). */
export function concentrated(s2: number, s: number): boolean {
  return s2 > s * s * 0.015625;
}

/** Whether exact products with s (Dekker's split, x * (2^27 + 1)) neither overflow nor underflow. */
export function splittable(s: number): boolean {
  return s > 2 ** -960 && s < 2 ** 960;
}

/**
 * The relative error d = N/S - 1 of normalising by multiplying with scale = fl(1/hi), when the
 * slice sum is S = hi + lo: N = 1/scale = hi / (1 + e1) with e1 = scale * hi - 1 (exact).
 */
export function normaliserError(hi: number, lo: number, scale: number): number {
  const prod = scale * hi;
  return -(prod - 1 + productError(scale, hi, prod)) - lo / hi;
}
