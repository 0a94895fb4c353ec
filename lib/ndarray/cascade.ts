/**
 * Pairwise (cascade) summation of a stream of partial sums: a binary counter of partial sums,
 * so that n block sums are combined in a balanced tree of depth log2(n). Error grows like
 * O(log n) ulps rather than O(n) for a single accumulator; numpy's pairwise sum has the same
 * bound. Allocation-free after construction; starts from +0.0 as numpy does.
 */
export class Cascade {
  private readonly levels = new Float64Array(64);
  private count = 0;

  /** Forgets everything added so far. */
  reset(): void {
    this.count = 0;
  }

  /** Adds one partial sum. */
  add(x: number): void {
    let c = this.count++;
    let level = 0;
    while ((c & 1) === 1) {
      x = this.levels[level] + x;
      c >>>= 1;
      level++;
    }
    this.levels[level] = x;
  }

  /** The sum of everything added (+0.0 when nothing was). */
  total(): number {
    let s = 0;
    let c = this.count;
    for (let level = 0; c !== 0; level++, c >>>= 1) {
      if ((c & 1) === 1) s = this.levels[level] + s;
    }
    return s;
  }
}
