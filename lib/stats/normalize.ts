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
