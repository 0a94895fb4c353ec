/**
 * Normalising by a slice sum `s` without dividing every element: each element is multiplied by
 * `pre` then `scale`, which equals `x / s` to within an ulp. `pre` is 1 unless `1 / s` would
 * leave the normal range (s subnormal or above 2^1000), where a power of two keeps it exact.
 * Zero, infinite and NaN sums give the same specials as division (0/0 = NaN, x/0 = ±inf, ...).
 */
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

/** Sets `c[k], c[k + 1]` to pre and scale for the sum `sp`, and `c[k + 2], c[k + 3]` for `sq`. */
export function setScales(c: Float64Array, k: number, sp: number, sq: number): void {
  const pp = preScale(sp);
  const pq = preScale(sq);
  c[k] = pp;
  c[k + 1] = scaleFor(sp, pp);
  c[k + 2] = pq;
  c[k + 3] = scaleFor(sq, pq);
}
