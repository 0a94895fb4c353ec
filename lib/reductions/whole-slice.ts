/**
 * One pass over a whole slice for several passes of a reduction: on a slice the engine hands
 * over whole (one contiguous run of more than a block) and with the WebAssembly kernels, the
 * first pass reads the data once and computes the sums and the unnormalised terms together
 * ({@link WholeSlice.of} with `fresh`); the reduction's next passes on the same slice (the
 * engine runs a slice's passes one after another) read the record instead of the data, or, should
 * the record belong to another slice, compute it again (the same bits); the last lets go of the
 * caller's arrays ({@link WholeSlice.release}), and runs only when there is a record
 * ({@link WholeSlice.ready}: not on tiles or gathered blocks, where it would cost a gather for
 * nothing). Each reduction declares its own kernels around its record: one function shared by
 * several kernels (closures of one literal share the compiler's feedback) made 8-element calls
 * 20% slower.
 */
import { type Cascade } from '../math/pairwise.js';
import { BLOCK } from '../ndarray/reduce/kernel.js';
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
