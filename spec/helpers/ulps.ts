/** Ulp distances and seeded inputs for the wasm kernels' specs. */

export const EPS = 2 ** -52;
export const DBL_MIN = 2.2250738585072014e-308;

/** The ulp of x (of the subnormals below DBL_MIN). */
export function ulpOf(x: number): number {
  const a = Math.abs(x);
  if (a < DBL_MIN) return 2 ** -1074;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}

/** |got - want| in ulps of the larger of the two; 0 for identical values (incl. inf, NaN). */
export function ulpDiff(got: number, want: number): number {
  if (Object.is(got, want) || (got !== got && want !== want)) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(want)) return Infinity;
  return Math.abs(got - want) / Math.max(ulpOf(got), ulpOf(want));
}

/** A seeded xorshift generator of doubles in (0, 1]. */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  const next = (): number => {
    a ^= a << 13;
    a >>>= 0;
    a ^= a >>> 17;
    a ^= a << 5;
    a >>>= 0;
    return a;
  };
  return () => ((next() >>> 11) * 2 ** 32 + next() + 1) * 2 ** -53;
}

/** Positive doubles spread log-uniformly over [2^lo, 2^hi). */
export function spread(n: number, lo: number, hi: number, seed: number): Float64Array {
  const u = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 ** (lo + (hi - lo) * u()) * (1 + u());
  return out;
}

/** Zeros, signs, infinities, NaN, subnormals, the extremes and values near 1. */
export const SPECIAL = [
  0, -0, 1, -1, 0.5, 2, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1e-310, DBL_MIN,
  DBL_MIN * 2, 2 ** -1021 * 1.5, 1.7976931348623157e308, 1e-300, 1e300, 1 + EPS, 1 - EPS / 2,
  Math.SQRT2, Math.SQRT1_2, 3,
];
