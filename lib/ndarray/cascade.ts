/**
 * Pairwise (cascade) summation of a stream of partial sums: a binary counter of partial sums,
 * so that n block sums are combined in a balanced tree of depth log2(n). Error grows like
 * O(log n) ulps rather than O(n) for a single accumulator; numpy's pairwise sum has the same
 * bound. Allocation-free after construction; starts from +0.0 as numpy does. In `max` mode it
 * keeps the largest value instead (NaN wins).
 */
export class Cascade {
  private readonly levels = new Float64Array(64);
  private count = 0;
  private max = false;
  private best = -Infinity;

  /** Forgets everything added so far; `max` switches to keeping the largest value. */
  reset(max = false): void {
    this.count = 0;
    this.max = max;
    this.best = -Infinity;
  }

  /** Adds one partial sum (or candidate maximum). */
  add(x: number): void {
    if (this.max) {
      this.best = x > this.best || x !== x ? x : this.best;
      return;
    }
    let c = this.count++;
    let level = 0;
    while ((c & 1) === 1) {
      x = this.levels[level] + x;
      c >>>= 1;
      level++;
    }
    this.levels[level] = x;
  }

  /** The sum of everything added (+0.0 when nothing was), or the maximum in `max` mode. */
  total(): number {
    if (this.max) return this.best;
    let s = 0;
    let c = this.count;
    for (let level = 0; c !== 0; level++, c >>>= 1) {
      if ((c & 1) === 1) s = this.levels[level] + s;
    }
    return s;
  }
}
