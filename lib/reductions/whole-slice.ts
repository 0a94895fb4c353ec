/**
 * One pass over a whole slice for several passes of a reduction: on a slice the engine hands
 * over whole (one contiguous run of more than a block) and with the WebAssembly kernels, the
 * first pass reads the data once and computes the sums and the unnormalised terms together
 * ({@link WholeSlice.of} with `fresh`); the reduction's next passes on the same slice (the
 * engine runs a slice's passes one after another) read the record instead of the data, or, should
 * the record belong to another slice, compute it again (the same bits); the last lets go of the
 * caller's arrays ({@link WholeSlice.release}), and runs only when there is a record
 * ({@link WholeSlice.ready}: not on tiles or gathered blocks, where it would cost a gather for
 * nothing).
 */
import { type Cascade } from '../math/pairwise.js';
import { BLOCK, defineKernel, type Kernel, type RowsFn } from '../ndarray/reduce/kernel.js';
import { SUM } from '../ndarray/reduce/kernels.js';
import { fastKernels, PairSums } from '../wasm/entropy-fast.js';

/** Computes the terms' sum of a[ao..ao+n), b[bo..bo+n), and the operands' sums into `into`. */
type Compute = (a: Float64Array, ao: number, b: Float64Array, bo: number, n: number, into: PairSums, chunks: Cascade) => number;

/** Whether a block of `n` the engine hands to a `long` kernel is a whole slice worth the one pass. */
export function wholeRun(n: number): boolean {
  return n > BLOCK && fastKernels.available;
}

/** The record of the last whole slice. */
export class WholeSlice {
  private a: Float64Array | null = null;
  private ao = 0;
  private b: Float64Array | null = null;
  private bo = 0;
  private n = 0;
  /** The sum of the terms, and the operands' sums. */
  terms = 0;
  readonly sums = new PairSums();

  constructor(private readonly compute: Compute) {}

  /** This record made for the slice, now unless it is the last one and not `fresh`. */
  of(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number, chunks: Cascade, fresh: boolean): this {
    if (fresh || this.a !== a || this.b !== b || this.ao !== ao || this.bo !== bo || this.n !== n) {
      this.a = this.b = null; // a throw below leaves no stale record
      this.terms = this.compute(a, ao, b, bo, n, this.sums, chunks);
      this.a = a;
      this.ao = ao;
      this.b = b;
      this.bo = bo;
      this.n = n;
    }
    return this;
  }

  /** Whether it holds a slice (from the first pass on a whole slice until {@link release}). */
  get ready(): boolean {
    return this.a !== null;
  }

  /** Forgets the slice (keeps none of the caller's data alive). */
  release(): void {
    this.a = this.b = null;
  }
}

/**
 * The kernel of a sum pass over a record's slices: SUM (compensated, sum of squares as aux) of p
 * or, with `q`, of q, on gathered blocks (with SUM's `rows` for one operand); on a whole slice
 * the record's, made now when `fresh` (the slice's first pass).
 */
export function wholeSum(name: string, record: WholeSlice, operands: 1 | 2, q: boolean, fresh: boolean): Kernel<never> {
  return defineKernel({
    name,
    operands,
    constants: [],
    combine: 'sum',
    long: true,
    ...(operands === 1 ? { rows: SUM.rows as RowsFn } : {}),
    block: (a, ao, b, bo, n, c0, c1, c2, c3, out) => {
      if (!wholeRun(n)) return q ? SUM.block(b, bo, b, bo, n, c0, c1, c2, c3, out) : SUM.block(a, ao, a, ao, n, c0, c1, c2, c3, out);
      const w = record.of(a, ao, b, bo, n, out.chunks, fresh).sums;
      out.low = q ? w.lowQ : w.lowP;
      out.aux = q ? w.squaresQ : w.squaresP;
      return q ? w.sumQ : w.sumP;
    },
  });
}

/**
 * The kernel of a record's last pass (run it only when {@link WholeSlice.ready}): the record's
 * terms, with `aux(sums)` as aux; NaN on anything but a whole slice. Lets go of the record.
 */
export function wholeTerms(name: string, record: WholeSlice, operands: 1 | 2, aux: (s: PairSums) => number): Kernel<never> {
  return defineKernel({
    name,
    operands,
    constants: [],
    combine: 'sum',
    long: true,
    block: (a, ao, b, bo, n, _c0, _c1, _c2, _c3, out) => {
      if (!wholeRun(n)) return NaN;
      const w = record.of(a, ao, b, bo, n, out.chunks, false);
      w.release();
      out.aux = aux(w.sums);
      return w.terms;
    },
  });
}
