/**
 * The reduction engine: walks the slices of one or two operands of the same shape along a set of
 * axes, in memory order, without copying them, and runs a {@link SliceProgram} on each slice.
 *
 * A program is a few passes over its slice (e.g. a normalising sum, then the terms); each pass
 * sums a {@link BlockKernel} over blocks of at most `BLOCK` contiguous float64 values, and the
 * block sums are combined pairwise ({@link Cascade}). A block is handed to the kernel in place
 * when it is contiguous float64; otherwise it is gathered into a block-sized scratch buffer.
 * When neighbouring slices are closer in memory than neighbouring elements of one slice (axis 0
 * of a C-order matrix, say), `TILE` slices are processed together and each block is gathered as
 * a tile, row by row, so memory is read in order. Under `omit`, the gather drops every position
 * where either operand is NaN (paired). Extra memory: the scratch tiles and the output.
 */
import { Cascade } from './cascade.js';
import { SIDE } from './side.js';
import type { NDArray, NumericData } from './ndarray.js';
import { cStrides, sizeOf } from './shape.js';

/** Result slots per slice (see {@link SliceProgram}). */
const SLOTS = 32;
/** Elements per block and slice. */
export const BLOCK = 256;
/** Slices processed together when their elements interleave in memory. */
export const TILE = 32;
const TILE_BLOCK = 128;

/**
 * Sums terms over `n` contiguous elements `a[ao..ao+n)` and `b[bo..bo+n)`; `c0..c3` are
 * per-slice constants (scales). Kernels start from +0.0.
 */
export type BlockKernel = ((
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  n: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
) => number) & {
  /**
   * Optional, for kernels of one operand without constants: the same sums for k interleaved
   * slices at once, read row by row in place (`a[start + i*stride + j*step]`, i < n, j < k),
   * the sums to `sums[j]` and the auxiliary sums to `aux[j]`; used by tiled walks instead of a
   * gather.
   */
  rows?: (a: Float64Array, start: number, stride: number, step: number, n: number, k: number, sums: Float64Array, aux: Float64Array) => void;
  /** True for kernels that take a contiguous run of any length and sum it pairwise themselves. */
  long?: boolean;
  /**
   * Optional, for kernels of one operand: the kernel on k interleaved slices at once, read in
   * place row by row (`a[start + i*stride + j*step]`, i < n, j < k; slice j's constants at
   * `c[4j..4j+4)`), sums to `sums[j]`; returns false (having done nothing) where it does not
   * apply, and the engine gathers the tile and calls the kernel slice by slice.
   */
  columns?: (a: NumericData, start: number, stride: number, step: number, n: number, k: number, c: Float64Array, sums: Float64Array) => boolean;
};

/**
 * What to compute on each slice: `kernels[p]` is summed over the slice in pass p (or maximised,
 * when `maxPasses[p]`): a slice's results start at `res[r]` (r = SLOTS * slice): the pass's sum
 * at `res[r + p]`, its low part at `res[r + 8 + p]` (kernels that compensate their sums write
 * their compensation to `SIDE[0]`), the kernel's auxiliary sum (`SIDE[1]`) at `res[r + 16 + p]`;
 * `res[r + 24 .. r + 32)` is the program's own scratch (flags). At most 8 passes.
 */
export interface SliceProgram {
  readonly kernels: readonly BlockKernel[];
  /** Passes whose block results are combined by `max` instead of a pairwise sum. */
  readonly maxPasses?: readonly boolean[];
  /**
   * Sets the constants `c[k..k+4)` of pass p from the results so far, `res[r + q]` for q < p;
   * returns false to skip the pass (its result is then 0).
   */
  setup(p: number, res: Float64Array, r: number, c: Float64Array, k: number): boolean;
  /** The value of the slice from its results `res[r..r+passes)`. */
  finish(res: Float64Array, r: number): number;
}

interface Axes {
  shape: number[];
  a: number[];
  b: number[];
}

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
 * Orders the reduced axes so the last has the smallest step in memory (the order of terms within
 * a slice changes the result only by rounding), drops length-1 axes and merges neighbours that
 * form a single stride.
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
    out.shape.push(g.shape.includes(0) ? 0 : 1);
    out.a.push(0);
    out.b.push(0);
  }
  return out;
}

/** Scratch memory, allocated once and reused by every reduction (calls are synchronous). */
const scratch = {
  bufA: new Float64Array(TILE * TILE_BLOCK),
  bufB: new Float64Array(TILE * TILE_BLOCK),
  consts: new Float64Array(4 * TILE),
  res: new Float64Array(SLOTS * TILE),
  cascades: Array.from({ length: TILE }, () => new Cascade()),
  active: new Uint8Array(TILE),
  aux: new Float64Array(TILE),
};

const EMPTY = new Float64Array(0);
const EMPTY_PROGRAM: SliceProgram = { kernels: [], setup: () => false, finish: () => 0 };

/** Walks one group of `k` slices (k > 1 only for single-run slices without omit). */
class Walker {
  private dataA: NumericData = EMPTY;
  private dataB: NumericData = EMPTY;
  private sameAB = true;
  private directA = false;
  private directB = false;
  private runLen = 0;
  private runA = 0;
  private runB = 0;
  /** The reduced axes other than the run's: their count, lengths and steps. */
  private nUpper = 0;
  private upperShape: readonly number[] = [];
  private upperA: readonly number[] = [];
  private upperB: readonly number[] = [];
  private nRuns = 1;
  private readonly index = new Int32Array(64);
  private omit = false;
  private program: SliceProgram = EMPTY_PROGRAM;
  /** Step between neighbouring slices of a tile, in a and b. */
  private tileA = 0;
  private tileB = 0;
  /** The low part of the last `pass1` result. */
  private low = 0;

  /** Points the walker at new operands (no allocation). */
  configure(dataA: NumericData, dataB: NumericData, inner: Axes, omit: boolean, program: SliceProgram, tileA: number, tileB: number): void {
    this.dataA = dataA;
    this.dataB = dataB;
    const k = inner.shape.length - 1;
    this.runLen = inner.shape[k];
    this.runA = inner.a[k];
    this.runB = inner.b[k];
    this.nUpper = k;
    this.upperShape = inner.shape;
    this.upperA = inner.a;
    this.upperB = inner.b;
    let sameAB = dataA === dataB;
    let nRuns = 1;
    for (let d = 0; d <= k; d++) {
      if (inner.a[d] !== inner.b[d]) sameAB = false;
      if (d < k) nRuns *= inner.shape[d];
    }
    this.sameAB = sameAB;
    this.nRuns = nRuns;
    this.omit = omit;
    this.program = program;
    this.tileA = tileA;
    this.tileB = tileB;
    this.directA = !omit && dataA instanceof Float64Array && this.runA === 1;
    this.directB = !omit && dataB instanceof Float64Array && this.runB === 1;
  }

  /** Runs the program on `k` slices starting at (oa, ob); slice j's value goes to out[o + j*os]. */
  run(oa: number, ob: number, k: number, out: Float64Array, o: number, os: number): void {
    const program = this.program;
    const kernels = program.kernels;
    const maxPasses = program.maxPasses;
    const res = scratch.res;
    const consts = scratch.consts;
    const active = scratch.active;
    for (let p = 0; p < kernels.length; p++) {
      let any = false;
      for (let j = 0; j < k; j++) {
        const q = 4 * j;
        consts[q] = consts[q + 1] = consts[q + 2] = consts[q + 3] = 0;
        const on = program.setup(p, res, SLOTS * j, consts, q);
        active[j] = on ? 1 : 0;
        res[SLOTS * j + p] = res[SLOTS * j + 8 + p] = res[SLOTS * j + 16 + p] = 0;
        any = any || on;
      }
      if (!any) continue;
      const max = maxPasses !== undefined && maxPasses[p];
      if (k === 1) {
        res[p] = this.pass1(oa, ob, kernels[p], max);
        res[8 + p] = this.low;
        res[16 + p] = scratch.aux[0];
        continue;
      }
      this.passTile(oa, ob, k, kernels[p], max);
      const cascades = scratch.cascades;
      for (let j = 0; j < k; j++) {
        if (active[j] === 0) continue;
        res[SLOTS * j + p] = cascades[j].total();
        res[SLOTS * j + 8 + p] = cascades[j].low();
        res[SLOTS * j + 16 + p] = scratch.aux[j];
      }
    }
    for (let j = 0; j < k; j++) out[o + j * os] = program.finish(res, SLOTS * j);
  }

  /** One pass over one slice (any number of runs): its sum (or maximum). */
  private pass1(oa: number, ob: number, kernel: BlockKernel, max: boolean): number {
    const c = scratch.consts;
    const len = this.runLen;
    this.low = 0;
    scratch.aux[0] = 0;
    if (len === 0) return max ? -Infinity : 0;
    if (this.nRuns === 1 && (len <= BLOCK || kernel.long === true) && this.directA && (this.directB || (this.sameAB && ob === oa))) {
      // One contiguous run the kernel takes whole: no gather, no cascade (the kernel's sum
      // starts from +0.0 too, and a `long` kernel sums pairwise by itself).
      SIDE[0] = SIDE[1] = 0;
      const v = kernel(this.dataA as Float64Array, oa, this.dataB as Float64Array, ob, len, c[0], c[1], c[2], c[3]);
      this.low = SIDE[0];
      scratch.aux[0] = SIDE[1];
      return v;
    }
    const cascade = scratch.cascades[0];
    cascade.reset(max);
    const aux = scratch.aux;
    aux[0] = 0;
    const bufA = scratch.bufA;
    const bufB = scratch.bufB;
    const index = this.index;
    const nUpper = this.nUpper;
    for (let d = 0; d < nUpper; d++) index[d] = 0;
    for (let r = 0; r < this.nRuns; r++) {
      for (let i = 0; i < len; i += BLOCK) {
        const n = len - i < BLOCK ? len - i : BLOCK;
        const pa = oa + i * this.runA;
        const pb = ob + i * this.runB;
        if (this.omit) {
          const m = gatherPairs(this.dataA, pa, this.runA, this.dataB, pb, this.runB, n, bufA, bufB);
          SIDE[0] = SIDE[1] = 0;
          cascade.add(kernel(bufA, 0, bufB, 0, m, c[0], c[1], c[2], c[3]), SIDE[0]);
          aux[0] += SIDE[1];
          continue;
        }
        let arrA: Float64Array = bufA;
        let ia = 0;
        if (this.directA) {
          arrA = this.dataA as Float64Array;
          ia = pa;
        } else {
          gather(this.dataA, pa, this.runA, n, bufA, 0);
        }
        let arrB: Float64Array = bufB;
        let ib = 0;
        if (this.sameAB && pb === pa) {
          arrB = arrA;
          ib = ia;
        } else if (this.directB) {
          arrB = this.dataB as Float64Array;
          ib = pb;
        } else {
          gather(this.dataB, pb, this.runB, n, bufB, 0);
        }
        SIDE[0] = SIDE[1] = 0;
        cascade.add(kernel(arrA, ia, arrB, ib, n, c[0], c[1], c[2], c[3]), SIDE[0]);
        aux[0] += SIDE[1];
      }
      for (let d = nUpper - 1; d >= 0; d--) {
        oa += this.upperA[d];
        ob += this.upperB[d];
        if (++index[d] < this.upperShape[d]) break;
        index[d] = 0;
        oa -= this.upperA[d] * this.upperShape[d];
        ob -= this.upperB[d] * this.upperShape[d];
      }
    }
    const total = cascade.total();
    this.low = cascade.low();
    return total;
  }

  /** One pass over a tile of k single-run slices: blocks are gathered row by row. */
  private passTile(oa: number, ob: number, k: number, kernel: BlockKernel, max: boolean): void {
    const { bufA, bufB, consts: c, active, cascades, aux } = scratch;
    for (let j = 0; j < k; j++) {
      cascades[j].reset(max);
      aux[j] = 0;
    }
    const len = this.runLen;
    const two = !this.sameAB || ob !== oa;
    const rows = kernel.rows;
    for (let i = 0; i < len; i += TILE_BLOCK) {
      const n = len - i < TILE_BLOCK ? len - i : TILE_BLOCK;
      if (rows !== undefined && this.dataA instanceof Float64Array) {
        // The kernel sums whole rows of the tile in place: no gather.
        rows(this.dataA, oa + i * this.runA, this.runA, this.tileA, n, k, bufA, bufB);
        for (let j = 0; j < k; j++) {
          if (active[j] === 0) continue;
          cascades[j].add(bufA[j], 0);
          aux[j] += bufB[j];
        }
        continue;
      }
      if (!two && kernel.columns !== undefined && kernel.columns(this.dataA, oa + i * this.runA, this.runA, this.tileA, n, k, c, bufB)) {
        for (let j = 0; j < k; j++) if (active[j] === 1) cascades[j].add(bufB[j], 0);
        continue;
      }
      gatherTile(this.dataA, oa + i * this.runA, this.runA, this.tileA, n, k, bufA);
      if (two) gatherTile(this.dataB, ob + i * this.runB, this.runB, this.tileB, n, k, bufB);
      const arrB = two ? bufB : bufA;
      for (let j = 0; j < k; j++) {
        if (active[j] === 0) continue;
        const q = 4 * j;
        const s = j * TILE_BLOCK;
        SIDE[0] = SIDE[1] = 0;
        cascades[j].add(kernel(bufA, s, arrB, s, n, c[q], c[q + 1], c[q + 2], c[q + 3]), SIDE[0]);
        aux[j] += SIDE[1];
      }
    }
  }
}

const walker = new Walker();
const VECTOR: Axes = { shape: [0], a: [1], b: [1] };

/**
 * `program` on one contiguous float64 vector pair `a[0..n)`, `b[0..n)` (pass `a` twice for one
 * operand): the whole-array reduction of 1-D input, without building any view.
 */
export function reduceVector(a: Float64Array, b: Float64Array, n: number, omit: boolean, program: SliceProgram): number {
  if (!omit && n <= BLOCK) return smallVector(a, b, n, program);
  VECTOR.shape[0] = n;
  walker.configure(a, b, VECTOR, omit, program, 0, 0);
  walker.run(0, 0, 1, vectorOut, 0, 0);
  return vectorOut[0];
}
const vectorOut = new Float64Array(1);

/** `program` on one block: each pass is a single kernel call, nothing to walk or cascade. */
function smallVector(a: Float64Array, b: Float64Array, n: number, program: SliceProgram): number {
  const { res, consts } = scratch;
  const kernels = program.kernels;
  for (let p = 0; p < kernels.length; p++) {
    consts[0] = consts[1] = consts[2] = consts[3] = 0;
    res[p] = res[8 + p] = res[16 + p] = 0;
    if (!program.setup(p, res, 0, consts, 0)) continue;
    SIDE[0] = SIDE[1] = 0;
    const v = kernels[p](a, 0, b, 0, n, consts[0], consts[1], consts[2], consts[3]);
    res[p] = v;
    res[8 + p] = SIDE[0];
    res[16 + p] = SIDE[1];
  }
  return program.finish(res, 0);
}

function gather(data: NumericData, start: number, stride: number, n: number, out: Float64Array, o: number): void {
  // A contiguous run of another type (float32, integers) converts in one builtin copy.
  if (stride === 1 && n >= 16) out.set(data.subarray(start, start + n), o);
  else for (let j = 0, q = start; j < n; j++, q += stride) out[o + j] = data[q];
}

/** out[j*TILE_BLOCK + i] = data[start + i*stride + j*step] for i < n, j < k: reads rows in order. */
function gatherTile(data: NumericData, start: number, stride: number, step: number, n: number, k: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = start + i * stride;
    for (let j = 0, q = row; j < k; j++, q += step) out[j * TILE_BLOCK + i] = data[q];
  }
}

/** Gathers `n` positions of both operands, dropping those where either is NaN; returns the count. */
function gatherPairs(
  da: NumericData, pa: number, sa: number, db: NumericData, pb: number, sb: number, n: number, ba: Float64Array, bb: Float64Array,
): number {
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

/**
 * Reduces `a` and `b` (same shape; pass `a` twice for one operand) over `axes` with `program`.
 * Returns the values in C order of the kept axes, and the kept shape.
 */
export function reduceSlices(
  a: NDArray,
  b: NDArray,
  axes: readonly number[],
  omit: boolean,
  program: SliceProgram,
): { values: Float64Array; shape: number[] } {
  const { outer, inner } = splitAxes(a.shape, a.strides, b.strides, axes);
  const values = new Float64Array(sizeOf(outer.shape));
  if (values.length === 0) return { values, shape: outer.shape };
  const outStrides = cStrides(outer.shape);
  // Tile along the kept axis whose step is smallest, when it is smaller than the slice's own.
  let t = -1;
  if (!omit && inner.shape.length === 1 && inner.shape[0] > 1) {
    for (let d = 0; d < outer.shape.length; d++) {
      const s = Math.abs(outer.a[d]);
      if (outer.shape[d] > 1 && s !== 0 && s < Math.abs(inner.a[0]) && (t < 0 || s < Math.abs(outer.a[t]))) t = d;
    }
  }
  walker.configure(a.data, b.data, inner, omit, program, t >= 0 ? outer.a[t] : 0, t >= 0 ? outer.b[t] : 0);
  // Odometer over the kept axes; axis t advances TILE at a time.
  const nd = outer.shape.length;
  const index = new Array<number>(nd).fill(0);
  let oa = a.offset;
  let ob = b.offset;
  let o = 0;
  for (;;) {
    const k = t >= 0 ? Math.min(TILE, outer.shape[t] - index[t]) : 1;
    walker.run(oa, ob, k, values, o, t >= 0 ? outStrides[t] : 0);
    let d = nd - 1;
    for (; d >= 0; d--) {
      const step = d === t ? k : 1;
      index[d] += step;
      oa += outer.a[d] * step;
      ob += outer.b[d] * step;
      o += outStrides[d] * step;
      if (index[d] < outer.shape[d]) break;
      oa -= outer.a[d] * index[d];
      ob -= outer.b[d] * index[d];
      o -= outStrides[d] * index[d];
      index[d] = 0;
    }
    if (d < 0) break;
  }
  return { values, shape: outer.shape };
}

