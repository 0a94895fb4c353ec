/**
 * Pairwise (cascade) summation of a stream of partial sums: a binary counter of partial sums,
 * so that n block sums are combined in a balanced tree of depth log2(n), as numpy's pairwise
 * sum does. Each partial sum may come with a low part (a compensation term), and every
 * combination keeps its own rounding error (TwoSum), so `total()` + `low()` is the sum to
 * about eps^2 when the low parts are exact. Allocation-free after construction; starts from
 * +0.0 as numpy does. In `max` mode it keeps the largest value instead (NaN wins).
 */
export class Cascade {
  private readonly hi = new Float64Array(64);
  private readonly lo = new Float64Array(64);
  private count = 0;
  private max = false;
  private best = -Infinity;
  private low_ = 0;

  /** Forgets everything added so far; `max` switches to keeping the largest value. */
  reset(max = false): void {
    this.count = 0;
    this.max = max;
    this.best = -Infinity;
  }

  /** Adds one partial sum `x` with its low part `xlo` (or a candidate maximum). */
  add(x: number, xlo: number): void {
    if (this.max) {
      this.best = x > this.best || x !== x ? x : this.best;
      return;
    }
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

  /** The sum of everything added (+0.0 when nothing was), or the maximum in `max` mode. */
  total(): number {
    if (this.max) return this.best;
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

  /** The low part of the last `total()`: the sum's error, to within the kernels' own. */
  low(): number {
    return this.low_;
  }
}
