/**
 * The reduction engine: walks the slices of one or two operands of the same shape along a set of
 * axes, in memory order, without copying them. Each slice is read in blocks of at most
 * `BLOCK` elements that a {@link BlockKernel} sums; block sums are combined pairwise
 * ({@link Cascade}). A block is handed to the kernel in place when it is contiguous float64,
 * otherwise it is gathered into a block-sized scratch buffer (the only extra memory besides the
 * output). Under `omit`, the gather drops every position where either operand is NaN (paired).
 */
import { Cascade } from './cascade.js';
import type { NDArray, NumericData } from './ndarray.js';
import { sizeOf } from './shape.js';

/** Elements per block: small enough for L1, large enough to amortise a kernel call. */
export const BLOCK = 256;

/**
 * Sums terms over `n` contiguous elements `a[ao..ao+n)` and `b[bo..bo+n)`; `c0..c3` are
 * per-slice constants (scales). Kernels must start from +0.0.
 */
export type BlockKernel = (
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  n: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
) => number;

interface Axes {
  shape: number[];
  a: number[];
  b: number[];
}

/** Splits axes into the kept (outer) and reduced (inner) groups, simplified for walking. */
function splitAxes(shape: readonly number[], sa: readonly number[], sb: readonly number[], reduce: readonly number[]) {
  const outer: Axes = { shape: [], a: [], b: [] };
  const inner: Axes = { shape: [], a: [], b: [] };
  for (let d = 0; d < shape.length; d++) {
    const g = reduce.includes(d) ? inner : outer;
    g.shape.push(shape[d]);
    g.a.push(sa[d]);
    g.b.push(sb[d]);
  }
  return { outer, inner: simplifyInner(inner) };
}

/**
 * Orders the reduced axes so the last one has the smallest step in memory (the summation order
 * within a slice does not matter for the result beyond rounding), drops length-1 axes and merges
 * neighbours that form a single stride.
 */
function simplifyInner(g: Axes): Axes {
  const idx = [...g.shape.keys()].filter((i) => g.shape[i] !== 1);
  idx.sort((i, j) => Math.abs(g.a[j]) - Math.abs(g.a[i]) || Math.abs(g.b[j]) - Math.abs(g.b[i]));
  const out: Axes = { shape: [], a: [], b: [] };
  for (const i of idx) {
    const k = out.shape.length - 1;
    if (k >= 0 && out.a[k] === g.a[i] * g.shape[i] && out.b[k] === g.b[i] * g.shape[i]) {
      out.shape[k] *= g.shape[i];
      out.a[k] = g.a[i];
      out.b[k] = g.b[i];
    } else {
      out.shape.push(g.shape[i]);
      out.a.push(g.a[i]);
      out.b.push(g.b[i]);
    }
  }
  if (out.shape.length === 0) {
    const empty = g.shape.includes(0);
    out.shape.push(empty ? 0 : 1);
    out.a.push(0);
    out.b.push(0);
  }
  return out;
}

/**
 * A cursor over the current slice. `reduce` sums a kernel over it; the function given to
 * {@link reduceSlices} may call `reduce` several times per slice (e.g. a normalising pass, then
 * the terms).
 */
export class SliceCursor {
  private readonly dataA: NumericData;
  private readonly dataB: NumericData;
  private readonly directA: boolean;
  private readonly directB: boolean;
  private readonly runLen: number;
  private readonly runA: number;
  private readonly runB: number;
  private readonly upperShape: number[];
  private readonly upperA: number[];
  private readonly upperB: number[];
  private readonly nRuns: number;
  private readonly index: Int32Array;
  private readonly bufA = new Float64Array(BLOCK);
  private readonly bufB = new Float64Array(BLOCK);
  private readonly cascade = new Cascade();
  /** Offsets of the current slice's first element in each operand (set by the engine). */
  baseA = 0;
  baseB = 0;

  constructor(a: NDArray, b: NDArray, inner: Axes, private readonly omit: boolean) {
    this.dataA = a.data;
    this.dataB = b.data;
    const k = inner.shape.length - 1;
    this.runLen = inner.shape[k];
    this.runA = inner.a[k];
    this.runB = inner.b[k];
    this.upperShape = inner.shape.slice(0, k);
    this.upperA = inner.a.slice(0, k);
    this.upperB = inner.b.slice(0, k);
    this.nRuns = sizeOf(this.upperShape);
    this.index = new Int32Array(k);
    this.directA = !omit && a.data instanceof Float64Array && this.runA === 1;
    this.directB = !omit && b.data instanceof Float64Array && this.runB === 1;
  }

  /** The number of elements in each slice (before NaN omission). */
  get length(): number {
    return this.runLen * this.nRuns;
  }

  /** Pairwise sum of `kernel` over the current slice. */
  reduce(kernel: BlockKernel, c0: number, c1: number, c2: number, c3: number): number {
    const cascade = this.cascade;
    cascade.reset();
    const len = this.runLen;
    if (len === 0) return 0;
    let oa = this.baseA;
    let ob = this.baseB;
    const index = this.index;
    index.fill(0);
    for (let r = 0; r < this.nRuns; r++) {
      for (let i = 0; i < len; i += BLOCK) {
        const n = len - i < BLOCK ? len - i : BLOCK;
        const pa = oa + i * this.runA;
        const pb = ob + i * this.runB;
        if (this.omit) {
          const m = this.gatherPairs(pa, pb, n);
          cascade.add(kernel(this.bufA, 0, this.bufB, 0, m, c0, c1, c2, c3));
          continue;
        }
        let arrA: Float64Array;
        let ia = 0;
        if (this.directA) {
          arrA = this.dataA as Float64Array;
          ia = pa;
        } else {
          arrA = this.bufA;
          gather(this.dataA, pa, this.runA, n, arrA);
        }
        let arrB: Float64Array;
        let ib = 0;
        if (this.directB) {
          arrB = this.dataB as Float64Array;
          ib = pb;
        } else if (this.dataB === this.dataA && this.runB === this.runA && pb === pa) {
          arrB = arrA;
          ib = ia;
        } else {
          arrB = this.bufB;
          gather(this.dataB, pb, this.runB, n, arrB);
        }
        cascade.add(kernel(arrA, ia, arrB, ib, n, c0, c1, c2, c3));
      }
      // Next run: odometer over the remaining reduced axes.
      for (let d = index.length - 1; d >= 0; d--) {
        oa += this.upperA[d];
        ob += this.upperB[d];
        if (++index[d] < this.upperShape[d]) break;
        index[d] = 0;
        oa -= this.upperA[d] * this.upperShape[d];
        ob -= this.upperB[d] * this.upperShape[d];
      }
    }
    return cascade.total();
  }

  /** Gathers `n` positions into the buffers, dropping those where either value is NaN. */
  private gatherPairs(pa: number, pb: number, n: number): number {
    const da = this.dataA;
    const db = this.dataB;
    const sa = this.runA;
    const sb = this.runB;
    const ba = this.bufA;
    const bb = this.bufB;
    let m = 0;
    for (let j = 0; j < n; j++) {
      const x = da[pa + j * sa];
      const y = db[pb + j * sb];
      if (x !== x || y !== y) continue;
      ba[m] = x;
      bb[m] = y;
      m++;
    }
    return m;
  }
}

function gather(data: NumericData, start: number, stride: number, n: number, out: Float64Array): void {
  for (let j = 0, k = start; j < n; j++, k += stride) out[j] = data[k];
}

/**
 * Reduces `a` and `b` (same shape; pass `a` twice for one operand) over `axes`: for every kept
 * position, in C order of the kept axes, positions the cursor on its slice and stores
 * `fn(cursor)`. Returns the values and the kept shape.
 */
export function reduceSlices(
  a: NDArray,
  b: NDArray,
  axes: readonly number[],
  omit: boolean,
  fn: (cursor: SliceCursor) => number,
): { values: Float64Array; shape: number[] } {
  const { outer, inner } = splitAxes(a.shape, a.strides, b.strides, axes);
  const values = new Float64Array(sizeOf(outer.shape));
  if (values.length === 0) return { values, shape: outer.shape };
  const cursor = new SliceCursor(a, b, inner, omit);
  const nd = outer.shape.length;
  const index = new Int32Array(nd);
  let oa = a.offset;
  let ob = b.offset;
  for (let i = 0; i < values.length; i++) {
    cursor.baseA = oa;
    cursor.baseB = ob;
    values[i] = fn(cursor);
    for (let d = nd - 1; d >= 0; d--) {
      oa += outer.a[d];
      ob += outer.b[d];
      if (++index[d] < outer.shape[d]) break;
      index[d] = 0;
      oa -= outer.a[d] * outer.shape[d];
      ob -= outer.b[d] * outer.shape[d];
    }
  }
  return { values, shape: outer.shape };
}
