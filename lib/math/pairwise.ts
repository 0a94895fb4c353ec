/**
 * Pairwise (cascade) summation of a stream of partial sums: a binary counter of partial sums,
 * so that n block sums are combined in a balanced tree of depth log2(n), as numpy's pairwise
 * sum does. Each partial sum may come with a low part (a compensation term), and every
 * combination keeps its own rounding error (TwoSum), so `total()` + `low()` is the sum to
 * about eps^2 when the low parts are exact. Allocation-free after construction; starts from
 * +0.0 as numpy does. This is the project's one pairwise sum: the reduction engine combines
 * block sums with it and the WebAssembly facade its chunk sums ({@link Cascade.plainTotal}).
 */
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

/**
 * Where a kernel that sums a long run pairwise by itself splits `n` elements: half, rounded down
 * to a multiple of 8 (the leaves are at most a block, `BLOCK` elements, long).
 */
export function pairwiseCut(n: number): number {
  return (n >> 1) & ~7;
}
