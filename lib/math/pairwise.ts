/**
 * The project's pairwise summation, in its two forms: over a run in memory ({@link pairwiseSum},
 * numpy's recursive halving down to leaves summed by a caller's loop) and over a stream of
 * partial sums ({@link Cascade}, a binary counter: the reduction engine's block sums, the
 * WebAssembly facade's chunk sums). Both start from +0.0 and combine in a balanced tree of depth
 * log2(n); the recursion cuts at half the run rounded down to a multiple of 8, the counter at
 * the stream's blocks, so the two trees coincide when the run is a power-of-two number of leaves.
 */

/** What a leaf may report beside its sum: an auxiliary sum, added up over the leaves. */
export interface LeafReport {
  aux: number;
}

/**
 * A leaf sum over `a[ao..ao+n)` (and `b[bo..bo+n)`) with up to four constants; the same shape as
 * the reduction engine's block functions, so a kernel's inner loop is its leaf.
 */
export type Leaf<R extends LeafReport> = (
  a: Float64Array, ao: number, b: Float64Array, bo: number, n: number, c0: number, c1: number, c2: number, c3: number, out: R,
) => number;

/** Where {@link pairwiseSum} splits `n` elements: half, rounded down to a multiple of 8 (as numpy). */
export function pairwiseCut(n: number): number {
  return (n >> 1) & ~7;
}

/**
 * The pairwise sum of a run: `leaf` on runs of at most `leafSize` elements, longer runs split at
 * {@link pairwiseCut} and the halves' sums added (left + right); `out.aux` ends as the sum of the
 * leaves' auxiliary sums (right's + left's).
 */
export function pairwiseSum<R extends LeafReport>(
  leaf: Leaf<R>, leafSize: number, a: Float64Array, ao: number, b: Float64Array, bo: number, n: number,
  c0: number, c1: number, c2: number, c3: number, out: R,
): number {
  if (n <= leafSize) return leaf(a, ao, b, bo, n, c0, c1, c2, c3, out);
  const h = pairwiseCut(n);
  const left = pairwiseSum(leaf, leafSize, a, ao, b, bo, h, c0, c1, c2, c3, out);
  const aux = out.aux;
  const right = pairwiseSum(leaf, leafSize, a, ao + h, b, bo + h, n - h, c0, c1, c2, c3, out);
  out.aux += aux;
  return left + right;
}

/** numpy's leaf (`pairwise_sum` in loops_utils.h.src): up to 128 values, eight accumulators from 8 on. */
const numpyLeaf: Leaf<LeafReport> = (a, lo, _b, _bo, n) => {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i];
    return res;
  }
  let r0 = a[lo], r1 = a[lo + 1], r2 = a[lo + 2], r3 = a[lo + 3];
  let r4 = a[lo + 4], r5 = a[lo + 5], r6 = a[lo + 6], r7 = a[lo + 7];
  let i = 8;
  for (; i < n - (n % 8); i += 8) {
    r0 += a[lo + i];
    r1 += a[lo + i + 1];
    r2 += a[lo + i + 2];
    r3 += a[lo + i + 3];
    r4 += a[lo + i + 4];
    r5 += a[lo + i + 5];
    r6 += a[lo + i + 6];
    r7 += a[lo + i + 7];
  }
  let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
  for (; i < n; i++) res += a[lo + i];
  return res;
};

/**
 * numpy's pairwise sum of `a[lo..lo+n)` (as `np.sum` / `np.mean` along a contiguous axis), from
 * +0.0: bit-identical to numpy.
 */
export function numpyPairwiseSum(a: Float64Array, lo: number, n: number): number {
  return 0 + pairwiseSum(numpyLeaf, 128, a, lo, a, lo, n, 0, 0, 0, 0, { aux: 0 });
}

/**
 * Pairwise (cascade) summation of a stream of partial sums: a binary counter of partial sums,
 * so that n block sums are combined in a balanced tree of depth log2(n). Each partial sum may
 * come with a low part (a compensation term), and every combination keeps its own rounding error
 * (TwoSum), so `total()` + `low()` is the sum to about eps^2 when the low parts are exact;
 * {@link Cascade.plainTotal} is the same tree without them. Allocation-free after construction.
 */
/**
 * What a {@link Cascade} holding the one partial sum `x` (low part `xlo`) totals to, without
 * one: `x + 0` renormalised with its low part, bit for bit as `total()` (see {@link lowOfOne}).
 */
export function totalOfOne(x: number, xlo: number): number {
  const s = x + 0;
  return Math.abs(s) < Infinity ? s + (xlo + 0) : s;
}

/** The low part that {@link Cascade.low} reports after `total()` of the one sum `x`, `xlo`. */
export function lowOfOne(x: number, xlo: number): number {
  const s = x + 0;
  if (!(Math.abs(s) < Infinity)) return 0;
  const lo = xlo + 0;
  return lo - ((s + lo) - s);
}

export class Cascade {
  private readonly hi = new Float64Array(64);
  private readonly lo = new Float64Array(64);
  private count = 0;
  private low_ = 0;

  /** Forgets everything added so far. */
  reset(): void {
    this.count = 0;
    this.low_ = 0;
  }

  /** Adds one partial sum `x` with its low part `xlo` (0 when it has none). */
  add(x: number, xlo: number): void {
    let c = this.count++;
    let level = 0;
    while ((c & 1) === 1) {
      const a = this.hi[level];
      const s = a + x;
      const bp = s - a;
      xlo += this.lo[level] + ((a - (s - bp)) + (x - bp));
      x = s;
      c >>>= 1;
      level++;
    }
    this.hi[level] = x;
    this.lo[level] = xlo;
  }

  /** The sum of everything added (+0.0 when nothing was), to within the low parts; see {@link low}. */
  total(): number {
    let s = 0;
    let lo = 0;
    let c = this.count;
    for (let level = 0; c !== 0; level++, c >>>= 1) {
      if ((c & 1) === 1) {
        const a = this.hi[level];
        const t = a + s;
        const bp = t - a;
        lo += this.lo[level] + ((a - (t - bp)) + (s - bp));
        s = t;
      }
    }
    if (!(Math.abs(s) < Infinity)) {
      this.low_ = 0;
      return s;
    }
    // Renormalise: the total is the double nearest the sum, low() the rest.
    const t = s + lo;
    this.low_ = lo - (t - s);
    return t;
  }

  /**
   * The plain pairwise sum of the partial sums added (their low parts ignored): the tree's high
   * parts combined, most recent first, without the final renormalisation.
   */
  plainTotal(): number {
    let c = this.count;
    if (c === 0) return 0;
    let level = 0;
    while ((c & 1) === 0) {
      c >>>= 1;
      level++;
    }
    let s = this.hi[level];
    for (level++, c >>>= 1; c !== 0; level++, c >>>= 1) if ((c & 1) === 1) s = this.hi[level] + s;
    return s;
  }

  /** The low part of the last `total()`: the sum's error, to within the kernels' own. */
  low(): number {
    return this.low_;
  }
}
