/**
 * Error-free transformations (no FMA in JavaScript): the exact rounding error of a product,
 * from Veltkamp's split of each factor into two 26-bit halves (Dekker's two-product).
 */

/** Veltkamp's constant 2^27 + 1. */
export const SPLITTER = 134217729;

/** The high 26-bit half of `x` (the low half is `x - splitHigh(x)`); |x| must be below 2^996. */
export function splitHigh(x: number): number {
  const c = SPLITTER * x;
  return c - (c - x);
}

/** The low part of a*b: a*b - fl(a*b) = `p`'s error, exactly (when no partial product underflows). */
export function productError(a: number, b: number, p: number): number {
  const ah = splitHigh(a);
  const al = a - ah;
  const bh = splitHigh(b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}
