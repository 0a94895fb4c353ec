/**
 * The table-log kernels of lib/wasm/kernels.wat (`entr_sum_fast`, `entr_rows_fast`,
 * `entr_cols_fast`, `rel_entr_sum_fast`, `pq_sums`, `rel_entr_map_fast`,
 * `log_fast_map`): entropy sums with the term and its sum
 * in one pass, rows and columns read in memory order, and a logarithm within 1 ulp. They run in
 * the module instance of lib/wasm/instance.ts (its FMA build where relaxed SIMD validates);
 * {@link fastKernels}`.available` is false without wasm, and callers then keep their TypeScript
 * paths.
 *
 * Data is copied into wasm memory in chunks of {@link FAST_CHUNK} elements; chunk sums are
 * combined pairwise in a {@link Cascade} the caller lends (the kernel combines its 512-element
 * blocks pairwise within a chunk).
 */
import { entrScalar, relEntrScalar } from '../math/convex-analysis.js';
import { Cascade } from '../math/pairwise.js';
import { copyRows } from './copy-rows.js';
import { type KernelExports, kernelModule, whenLoaded } from './instance.js';

/** Elements copied into wasm memory per kernel call. */
export const FAST_CHUNK = 4096;

/** The widest block {@link entrColumnsFast} takes. */
export const FAST_MAX_COLUMNS = 4096;

let ex: KernelExports | null = null;
let mem = new Float64Array(0);
/** Byte offsets and Float64Array indices of the input regions, and the column sums' index. */
let A = 0, A8 = 0, B = 0, B8 = 0, S8 = 0;

whenLoaded((e) => {
  mem = new Float64Array(e.memory.buffer);
  A = e.a_base.value as number;
  A8 = A >> 3;
  B = e.b_base.value as number;
  B8 = B >> 3;
  S8 = (e.cols_base.value as number) >> 3;
  ex = e;
});

/** Whether the table-log kernels are in use, and whether they run the FMA build. */
export const fastKernels: { readonly available: boolean; readonly fma: boolean } = {
  get available(): boolean {
    return ex !== null;
  },
  get fma(): boolean {
    return kernelModule.fma;
  },
};

/**
 * Sum over `i < n` of `entr(a[ao + i] * scale)` (entr(x) = -x log x; 0 at 0; -inf for x < 0
 * and x = inf; NaN for NaN), by the table-log kernel; more than one chunk combine in `chunks`
 * (one is made when needed). Without the kernels, a plain loop (the engine calls this only
 * when {@link fastKernels}`.available`). `[ao, ao + n)` must lie within `a` (not checked here:
 * the engine calls it with ranges it has computed).
 *
 * @example
 * entrSumFast(Float64Array.of(1, 1), 0, 2, 0.5); // => 0.6931471805599453
 */
export function entrSumFast(a: Float64Array, ao: number, n: number, scale: number, chunks?: Cascade): number {
  const e = ex;
  if (e === null) {
    let s = 0;
    for (let i = 0; i < n; i++) s += entrScalar(a[ao + i] * scale);
    return s;
  }
  const m64 = mem;
  if (n <= FAST_CHUNK) {
    if (n <= 32) for (let i = 0; i < n; i++) m64[A8 + i] = a[ao + i];
    else m64.set(a.subarray(ao, ao + n), A8);
    return e.entr_sum_fast(A, n, scale);
  }
  const c = chunks ?? new Cascade();
  c.reset();
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    m64.set(a.subarray(ao + off, ao + off + m), A8);
    c.add(e.entr_sum_fast(A, m, scale), 0);
  }
  return c.plainTotal();
}

/** Where {@link relEntrSumFast} reports the sum of its terms' absolute values. */
export interface AbsSum {
  aux: number;
}

/**
 * Sum over `i < n` of `rel_entr(a[ao + i] * sa, b[bo + i] * sb)` (SciPy's piecewise rel_entr:
 * NaN if either is NaN; 0 for x = 0 and y >= 0; +inf for x < 0 or y <= 0 otherwise;
 * x log(x/y) else), by the two-pass kernel; the sum of the terms' absolute values goes to
 * `report.aux`; more than one chunk combine in `chunks` (one is made when needed). Without the
 * kernels, a plain loop (the engine calls this only when {@link fastKernels}`.available`).
 *
 * @example
 * const r = { aux: 0 };
 * relEntrSumFast(Float64Array.of(1, 0), 0, Float64Array.of(2, 1), 0, 2, 1, 1, r); // => -0.6931471805599453
 * r.aux; // => 0.6931471805599453
 */
export function relEntrSumFast(
  a: Float64Array, ao: number, b: Float64Array, bo: number, n: number, sa: number, sb: number, report: AbsSum,
  chunks?: Cascade,
): number {
  const e = ex;
  if (e === null) {
    let s = 0, abs = 0;
    for (let i = 0; i < n; i++) {
      const t = relEntrScalar(a[ao + i] * sa, b[bo + i] * sb);
      s += t;
      abs += Math.abs(t);
    }
    report.aux = abs;
    return s;
  }
  const m64 = mem;
  if (n <= FAST_CHUNK) {
    if (n <= 32) {
      for (let i = 0; i < n; i++) {
        m64[A8 + i] = a[ao + i];
        m64[B8 + i] = b[bo + i];
      }
    } else {
      m64.set(a.subarray(ao, ao + n), A8);
      m64.set(b.subarray(bo, bo + n), B8);
    }
    const s = e.rel_entr_sum_fast(A, B, n, sa, sb);
    report.aux = e.abs_total.value as number;
    return s;
  }
  const c = chunks ?? new Cascade();
  c.reset();
  let abs = 0;
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    m64.set(a.subarray(ao + off, ao + off + m), A8);
    m64.set(b.subarray(bo + off, bo + off + m), B8);
    c.add(e.rel_entr_sum_fast(A, B, m, sa, sb), 0);
    abs += e.abs_total.value as number;
  }
  report.aux = abs;
  return c.plainTotal();
}

/** What {@link relEntrSumsFast} and {@link entrSumsFast} report besides their sums. */
export class PairSums {
  /** Sum of a, compensated: the double nearest it, and the rest (0 when not finite). */
  sumP = 0;
  lowP = 0;
  /** Sum of a^2, and max(0, a). */
  squaresP = 0;
  largestP = 0;
  sumQ = 0;
  lowQ = 0;
  squaresQ = 0;
  largestQ = 0;
  /** Sum of the rel_entr terms' absolute values. */
  aux = 0;
}

/** Running sums of chunks: sum, its error, squares, max, for a then b. */
const acc = new Float64Array(8);

/** Adds the chunk results pq_sums left in wasm memory to {@link acc} (sums by TwoSum). */
function addChunkSums(m64: Float64Array): void {
  const R = 126976 >> 3; // where pq_sums leaves its eight results
  for (let k = 0; k < 2; k++) {
    const r = R + 3 * k, o = 4 * k;
    const s = acc[o], x = m64[r], u = s + x, bp = u - s;
    acc[o + 1] += (s - (u - bp)) + (x - bp) + m64[r + 1];
    acc[o] = u;
    acc[o + 2] += m64[r + 2];
    const m = m64[R + 6 + k];
    if (m > acc[o + 3]) acc[o + 3] = m;
  }
}

/** Without the kernels: the sums of a[ao..ao+n) into {@link acc} at `o` (TwoSum per value). */
function addSumsPlain(a: Float64Array, ao: number, n: number, o: number): void {
  let s = 0, c = 0, q = 0, m = 0;
  for (let i = 0; i < n; i++) {
    const x = a[ao + i], u = s + x, bp = u - s;
    c += (s - (u - bp)) + (x - bp);
    s = u;
    q += x * x;
    if (x > m) m = x;
  }
  acc[o] = s;
  acc[o + 1] = c;
  acc[o + 2] = q;
  acc[o + 3] = m;
}

/** The sums of {@link acc} into `into`, each sum renormalised (the double nearest it, and the rest). */
function reportSums(into: PairSums): void {
  const sp = acc[0], cp = acc[1], rp = sp + cp, fp = Math.abs(sp) < Infinity;
  into.sumP = fp ? rp : sp;
  into.lowP = fp ? cp - (rp - sp) : 0;
  into.squaresP = acc[2];
  into.largestP = acc[3];
  const sq = acc[4], cq = acc[5], rq = sq + cq, fq = Math.abs(sq) < Infinity;
  into.sumQ = fq ? rq : sq;
  into.lowQ = fq ? cq - (rq - sq) : 0;
  into.squaresQ = acc[6];
  into.largestQ = acc[7];
}

/**
 * Sum over `i < n` of `rel_entr(a[ao + i], b[bo + i])` (the unnormalised terms, as
 * {@link relEntrSumFast} with scales 1 computes them), and in the same pass over the data, both
 * operands' compensated sums, sums of squares and largest values, into `into` (with the sum of
 * the terms' absolute values as `aux`). Chunks combine in `chunks` (one is made when none is given).
 * Without the kernels, plain loops (the engine calls this only when {@link fastKernels}`.available`).
 *
 * @example
 * const r = new PairSums();
 * relEntrSumsFast(Float64Array.of(1, 1), 0, Float64Array.of(1, 4), 0, 2, r); // => -1.3862943611198906
 * [r.sumP, r.sumQ]; // => [2, 5]
 */
export function relEntrSumsFast(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number, into: PairSums, chunks = new Cascade()): number {
  const e = ex;
  acc.fill(0);
  let abs = 0;
  if (e === null) {
    addSumsPlain(a, ao, n, 0);
    addSumsPlain(b, bo, n, 4);
    let t = 0;
    for (let i = 0; i < n; i++) {
      const x = relEntrScalar(a[ao + i], b[bo + i]);
      t += x;
      abs += Math.abs(x);
    }
    into.aux = abs;
    reportSums(into);
    return t;
  }
  const m64 = mem;
  chunks.reset();
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    m64.set(a.subarray(ao + off, ao + off + m), A8);
    m64.set(b.subarray(bo + off, bo + off + m), B8);
    e.pq_sums(A, B, m);
    chunks.add(e.rel_entr_sum_fast(A, B, m, 1, 1), 0);
    abs += e.abs_total.value as number;
    addChunkSums(m64);
  }
  into.aux = abs;
  reportSums(into);
  return chunks.plainTotal();
}

/**
 * Sum over `i < n` of `entr(a[ao + i])` (the unnormalised terms, as {@link entrSumFast} with
 * scale 1 computes them), and in the same pass over the data, the compensated sum, the sum of
 * squares and the largest value of a (as `sumP`, `lowP`, `squaresP`, `largestP` of `into`).
 * Chunks combine in `chunks` (one is made when none is given). Without the kernels, plain loops
 * (the engine calls this only when {@link fastKernels}`.available`).
 *
 * @example
 * const r = new PairSums();
 * entrSumsFast(Float64Array.of(0.5, 0.5), 0, 2, r); // => 0.6931471805599453
 * [r.sumP, r.largestP]; // => [1, 0.5]
 */
export function entrSumsFast(a: Float64Array, ao: number, n: number, into: PairSums, chunks = new Cascade()): number {
  const e = ex;
  acc.fill(0);
  if (e === null) {
    addSumsPlain(a, ao, n, 0);
    reportSums(into);
    let t = 0;
    for (let i = 0; i < n; i++) t += entrScalar(a[ao + i]);
    return t;
  }
  const m64 = mem;
  chunks.reset();
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    m64.set(a.subarray(ao + off, ao + off + m), A8);
    e.pq_sums(A, A, m); // pb = pa: a alone
    chunks.add(e.entr_sum_fast(A, m, 1), 0);
    addChunkSums(m64);
  }
  reportSums(into);
  return chunks.plainTotal();
}

/**
 * Row sums of entr over rows of `len` elements, many rows per kernel call: for i < rows,
 * `out[i]` = sum over j < len of entr(data[start + i*rowStride + j] * scales[i]), each as
 * {@link entrSumFast} computes it. Rows are copied into wasm memory as many at a time as fit
 * (one `set` when they are adjacent), so short rows cost no call and no copy of their own.
 * Returns false, and does nothing, when the kernels are not in use or len > FAST_CHUNK / 2.
 *
 * @example
 * const out = new Float64Array(2);
 * entrRowsFast(Float64Array.of(1, 1, 1, 3), 0, 2, 2, 2, Float64Array.of(0.5, 0.25), out);
 * // out => [0.6931471805599453, 0.5623351446188083]
 */
export function entrRowsFast(
  data: Float64Array, start: number, rowStride: number, len: number, rows: number,
  scales: ArrayLike<number>, out: Float64Array,
): boolean {
  const e = ex;
  if (e === null || len < 1 || len > FAST_CHUNK / 2) return false;
  const m64 = mem;
  const per = len === 1 ? FAST_CHUNK / 2 : (FAST_CHUNK / len) | 0; // scales and sums share B
  for (let i0 = 0; i0 < rows; i0 += per) {
    const m = rows - i0 < per ? rows - i0 : per;
    const first = start + i0 * rowStride;
    if (rowStride === len) m64.set(data.subarray(first, first + m * len), A8);
    else for (let i = 0, row = first; i < m; i++, row += rowStride) m64.set(data.subarray(row, row + len), A8 + i * len);
    for (let i = 0; i < m; i++) m64[B8 + i] = scales[i0 + i];
    e.entr_rows_fast(A, m, len, B, B + 8 * FAST_CHUNK / 2);
    for (let i = 0; i < m; i++) out[i0 + i] = m64[B8 + FAST_CHUNK / 2 + i];
  }
  return true;
}

/**
 * Column sums of entr over a strided n x k block read in place, row by row, in memory order:
 * for j < k, `out[j]` = sum over i < n of entr(data[start + i*rowStride + j*colStep] *
 * scales[j]), each column's terms added with compensation (within about an ulp of the exact sum
 * of its terms, whatever n). Rows are copied into wasm memory a few at a time
 * ({@link copyRows}), then the kernel reads them in order. Returns false, and does
 * nothing, when the kernels are not in use or k > {@link FAST_MAX_COLUMNS}.
 *
 * @example
 * const out = new Float64Array(2);
 * entrColumnsFast(Float64Array.of(1, 1, 1, 3), 0, 2, 1, 2, 2, Float64Array.of(0.5, 0.25), out);
 * // out => [0.6931471805599453, 0.5623351446188083]
 */
export function entrColumnsFast(
  data: Float64Array, start: number, rowStride: number, colStep: number, n: number, k: number,
  scales: Float64Array, out: Float64Array,
): boolean {
  const e = ex;
  if (e === null || k < 1 || k > FAST_MAX_COLUMNS) return false;
  if (n === 0) {
    out.fill(0, 0, k);
    return true;
  }
  const m64 = mem;
  const k2 = (k + 1) & ~1;
  for (let j = 0; j < k; j++) m64[B8 + j] = scales[j];
  if (k2 > k) m64[B8 + k] = 0; // the pad column of an odd k (its x are 0 too)
  const rows = (FAST_CHUNK / k2) | 0;
  for (let i0 = 0; i0 < n; i0 += rows) {
    const m = n - i0 < rows ? n - i0 : rows;
    copyRows(m64, A8, data, start + i0 * rowStride, rowStride, colStep, m, k, k2);
    e.entr_cols_fast(A, m, k2, B, i0 === 0 ? 1 : 0, i0 + m === n ? 1 : 0);
  }
  // sum + compensation (+0 for a column of zeros); an infinite or NaN sum as it is (the
  // compensation of an infinite term is NaN)
  for (let j = 0; j < k; j++) {
    const s = m64[S8 + j];
    out[j] = s - s === 0 ? 0 + (s + m64[S8 + 4096 + j]) : s;
  }
  return true;
}

/**
 * `dst[dOff + i] = rel_entr(a[ao + i], b[bo + i * bstride])` for `i < n` (SciPy's values, see
 * {@link relEntrSumFast}): `bstride` 1 walks `b`, 0 broadcasts `b[bo]`; by the two-pass kernel.
 * Returns false, and leaves `dst` alone, when the kernels are not in use. The ranges must lie
 * within the arrays (not checked here).
 *
 * @example
 * const out = new Float64Array(2);
 * relEntrMapFast(Float64Array.of(1, 0), 0, Float64Array.of(2), 0, 0, out, 0, 2); // out => [-0.6931471805599453, 0]
 */
export function relEntrMapFast(
  a: Float64Array, ao: number, b: Float64Array, bo: number, bstride: 0 | 1, dst: Float64Array, dOff: number, n: number,
): boolean {
  const e = ex;
  if (e === null) return false;
  const m64 = mem;
  if (bstride === 0) m64.fill(b[bo], B8, B8 + (n < FAST_CHUNK ? n : FAST_CHUNK));
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    m64.set(a.subarray(ao + off, ao + off + m), A8);
    if (bstride !== 0) m64.set(b.subarray(bo + off, bo + off + m), B8);
    e.rel_entr_map_fast(A, B, A, m);
    dst.set(m64.subarray(A8, A8 + m), dOff + off);
  }
  return true;
}

/**
 * `dst[i] = log(src[i])` for `i < min(src.length, dst.length)` by the table log (within 1 ulp;
 * log 0 = -inf, log of a negative = NaN, log inf = inf). Returns false, and leaves `dst` alone,
 * when the kernels are not in use.
 *
 * @example
 * const y = new Float64Array(2);
 * logMapFast(Float64Array.of(1, Math.E), y); // y => [0, 1]
 */
export function logMapFast(src: Float64Array, dst: Float64Array): boolean {
  const e = ex;
  if (e === null) return false;
  const n = Math.min(src.length, dst.length);
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    mem.set(src.subarray(off, off + m), A8);
    e.log_fast_map(A, A, m);
    dst.set(mem.subarray(A8, A8 + m), off);
  }
  return true;
}
