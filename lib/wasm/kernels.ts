/**
 * WebAssembly SIMD kernels for `entr` and `rel_entr` (sums and elementwise maps), with a
 * pure-TypeScript fallback. The module is lib/wasm/kernels.wat, assembled into
 * lib/wasm/kernels-bytes.ts by scripts/build-wasm.js and embedded as base64, so it loads in
 * Node and in browsers without file access.
 *
 * Each function copies its input into wasm memory in chunks of {@link WASM_CHUNK} elements
 * (a `TypedArray.set` of a `subarray` view, i.e. a memcpy) and runs the kernel there; chunk sums
 * are combined pairwise by a {@link Cascade} the caller may lend (the engine does; otherwise one
 * is made for a call of more than one chunk). Results agree with `entrScalar` / `relEntrScalar`
 * of lib/math/convex-analysis.ts to within a few ulps per term (the kernel's logarithm is within
 * 1 ulp; see spec/wasm/kernels.spec.ts); those same definitions are the module's slow path and
 * the TypeScript fallback.
 *
 * Wasm is used when lib/wasm/instance.ts has loaded the module (WebAssembly SIMD present and not
 * switched off by `SCIPY_ENTROPY_NO_WASM`); until then, or without wasm, the same functions run
 * plain TypeScript loops.
 */
import { entrScalar, relEntrScalar } from '../math/convex-analysis.js';
import { Cascade } from '../math/pairwise.js';
import { type KernelExports, whenLoaded } from './instance.js';

/** Elements copied into wasm memory per kernel call. */
export const WASM_CHUNK = 4096;

// ---- loading ---------------------------------------------------------------------------------

let ex: KernelExports | null = null;
let memF64 = new Float64Array(0);
let memF32 = new Float32Array(0);
/** Byte offsets of the two input regions, and their Float64Array / Float32Array indices. */
let A = 0, B = 0, A8 = 0, B8 = 0, A4 = 0;

function adopt(e: KernelExports): void {
  if ((e.chunk.value as number) < WASM_CHUNK) return;
  memF64 = new Float64Array(e.memory.buffer);
  memF32 = new Float32Array(e.memory.buffer);
  A = e.a_base.value as number;
  B = e.b_base.value as number;
  A8 = A >> 3;
  B8 = B >> 3;
  A4 = A >> 2;
  ex = e;
}

whenLoaded(adopt);

/**
 * Whether the wasm kernels are in use (false when WebAssembly SIMD is missing, when switched
 * off by `SCIPY_ENTROPY_NO_WASM`, or while an asynchronous compilation is pending). The
 * functions below work either way; this only tells which path they take.
 */
export const wasm: { readonly available: boolean } = {
  get available(): boolean {
    return ex !== null;
  },
};

// ---- argument checks -------------------------------------------------------------------------

function checkRange(name: string, arr: { length: number }, off: number, n: number): void {
  if (!(off >= 0 && n >= 0 && off + n <= arr.length) || off !== Math.floor(off) || n !== Math.floor(n)) {
    throw new RangeError(
      `\`${name}\`: elements [${off}, ${off + n}) are not within an array of length ${arr.length}`,
    );
  }
}

// ---- entr sums -------------------------------------------------------------------------------

/** entr sums of float64 or float32 data, chunk by chunk; more than one chunk combine in `chunks`. */
function entrSumChunks(a: Float64Array | Float32Array, ao: number, n: number, scale: number, chunks: Cascade | undefined): number {
  const e = ex as KernelExports;
  const f32 = a.BYTES_PER_ELEMENT === 4;
  const mem = f32 ? memF32 : memF64;
  const at = f32 ? A4 : A8;
  const sum = f32 ? e.entr_sum_f32 : e.entr_sum;
  if (n <= WASM_CHUNK) {
    if (n <= 32) for (let i = 0; i < n; i++) mem[at + i] = a[ao + i];
    else mem.set(a.subarray(ao, ao + n), at);
    return sum(A, n, scale);
  }
  const c = chunks ?? new Cascade();
  c.reset();
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(a.subarray(ao + off, ao + off + m), at);
    c.add(sum(A, m, scale), 0);
  }
  return c.plainTotal();
}

function entrSumTS(a: Float64Array | Float32Array, ao: number, n: number, scale: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += entrScalar(a[ao + i] * scale);
    s1 += entrScalar(a[ao + i + 1] * scale);
    s2 += entrScalar(a[ao + i + 2] * scale);
    s3 += entrScalar(a[ao + i + 3] * scale);
  }
  for (; i < n; i++) s0 += entrScalar(a[ao + i] * scale);
  return (s0 + s1) + (s2 + s3);
}

/**
 * Sum over `i < n` of `entr(a[ao + i] * scale)`, where entr(x) = -x log x for x > 0, 0 for
 * x = 0 (and -0), -inf for x < 0 and for x = +-inf, NaN for NaN (a NaN makes the sum NaN).
 * A Float32Array is read as float32 and promoted (no float64 copy is made).
 *
 * @param a - the data; read from `ao` to `ao + n`.
 * @param ao - first index.
 * @param n - number of elements (0 gives 0).
 * @param scale - multiplies each element before `entr` (e.g. 1 / sum).
 * @param chunks - a pairwise sum to combine chunk sums in (one is made when needed).
 * @throws {RangeError} when `[ao, ao + n)` is not within `a`.
 * @example
 * entrSumWasm(Float64Array.of(1, 1), 0, 2, 0.5); // => 0.6931471805599453
 */
export function entrSumWasm(a: Float64Array | Float32Array, ao: number, n: number, scale: number, chunks?: Cascade): number {
  checkRange('a', a, ao, n);
  if (ex === null) return entrSumTS(a, ao, n, scale);
  return entrSumChunks(a, ao, n, scale, chunks);
}

/**
 * Column sums of entr over a strided n x k block read in place, row by row: for j < k,
 * `out[j]` = sum over i < n of entr(data[start + i*rowStride + j*colStep] * scales[j]), each
 * column added in row order (k*n <= WASM_CHUNK, k <= 256). The rows are packed (and scaled) into
 * wasm memory in order, so the source is read as it lies in memory. Returns false, and does
 * nothing, when wasm is not in use or the block does not fit.
 */
export function entrColumnSumsWasm(
  data: ArrayLike<number>, start: number, rowStride: number, colStep: number, n: number, k: number, scales: Float64Array, out: Float64Array,
): boolean {
  const e = ex;
  if (e === null || k < 1 || k > 256 || k * n > WASM_CHUNK) return false;
  const mem = memF64;
  // Row i, column j to mem[A8 + i*k + j], four columns at a time with their scales in locals.
  let j = 0;
  for (; j + 4 <= k; j += 4) {
    const s0 = scales[j], s1 = scales[j + 1], s2 = scales[j + 2], s3 = scales[j + 3];
    for (let i = 0, o = A8 + j, q = start + j * colStep; i < n; i++, o += k, q += rowStride) {
      mem[o] = data[q] * s0;
      mem[o + 1] = data[q + colStep] * s1;
      mem[o + 2] = data[q + 2 * colStep] * s2;
      mem[o + 3] = data[q + 3 * colStep] * s3;
    }
  }
  for (; j < k; j++) {
    const s0 = scales[j];
    for (let i = 0, o = A8 + j, q = start + j * colStep; i < n; i++, o += k, q += rowStride) mem[o] = data[q] * s0;
  }
  e.entr_map(A, A, k * n);
  e.col_sums(A, k, n, B);
  for (let j = 0; j < k; j++) out[j] = mem[B8 + j];
  return true;
}

// ---- rel_entr sums ---------------------------------------------------------------------------

/** The sum of `|term|` beside a rel_entr sum, written by {@link relEntrSumWasm} when asked. */
export interface AbsReport {
  aux: number;
}

function relEntrSumChunks(
  a: Float64Array, ao: number, b: Float64Array, bo: number, n: number, sa: number, sb: number, report: AbsReport | undefined, chunks: Cascade | undefined,
): number {
  const e = ex as KernelExports;
  const mem = memF64;
  if (n <= WASM_CHUNK) {
    if (n <= 32) {
      for (let i = 0; i < n; i++) {
        mem[A8 + i] = a[ao + i];
        mem[B8 + i] = b[bo + i];
      }
    } else {
      mem.set(a.subarray(ao, ao + n), A8);
      mem.set(b.subarray(bo, bo + n), B8);
    }
    const v = e.rel_entr_sum(A, B, n, sa, sb);
    if (report !== undefined) report.aux = e.abs_total.value as number;
    return v;
  }
  const c = chunks ?? new Cascade();
  c.reset();
  let abs = 0;
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(a.subarray(ao + off, ao + off + m), A8);
    mem.set(b.subarray(bo + off, bo + off + m), B8);
    c.add(e.rel_entr_sum(A, B, m, sa, sb), 0);
    abs += e.abs_total.value as number;
  }
  if (report !== undefined) report.aux = abs;
  return c.plainTotal();
}

/**
 * Sum over `i < n` of `rel_entr(a[ao + i] * sa, b[bo + i] * sb)`, with SciPy's piecewise
 * rel_entr: NaN if either is NaN; for x <= 0 or y <= 0, 0 when x = 0 and y >= 0, else +inf;
 * x log1p((x - y)/y) when 0.5 < x/y < 2; x log(x/y) when x/y is normal and finite; else
 * x (log x - log y). `report.aux`, when given, receives the sum of the terms' absolute values;
 * `chunks` combines chunk sums (one is made when needed).
 *
 * @throws {RangeError} when `[ao, ao + n)` or `[bo, bo + n)` is out of range.
 * @example
 * relEntrSumWasm(Float64Array.of(1, 0), 0, Float64Array.of(2, 1), 0, 2, 1, 1); // => -0.6931471805599453
 */
export function relEntrSumWasm(
  a: Float64Array, ao: number, b: Float64Array, bo: number, n: number, sa: number, sb: number, report?: AbsReport, chunks?: Cascade,
): number {
  checkRange('a', a, ao, n);
  checkRange('b', b, bo, n);
  if (ex !== null) return relEntrSumChunks(a, ao, b, bo, n, sa, sb, report, chunks);
  let s0 = 0, s1 = 0, abs = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const t0 = relEntrScalar(a[ao + i] * sa, b[bo + i] * sb);
    const t1 = relEntrScalar(a[ao + i + 1] * sa, b[bo + i + 1] * sb);
    s0 += t0;
    s1 += t1;
    abs += Math.abs(t0) + Math.abs(t1);
  }
  if (i < n) {
    const t0 = relEntrScalar(a[ao + i] * sa, b[bo + i] * sb);
    s0 += t0;
    abs += Math.abs(t0);
  }
  if (report !== undefined) report.aux = abs;
  return s0 + s1;
}

// ---- elementwise maps ------------------------------------------------------------------------

/**
 * `dst[dOff + i] = entr(src[so + i])` for `i < n` (see {@link entrSumWasm} for entr's values).
 * `src` and `dst` may be the same array, even overlapping ranges as long as `dOff <= so`.
 *
 * @throws {RangeError} when a range is out of bounds.
 * @example
 * const out = new Float64Array(3);
 * entrMapWasm(Float64Array.of(0.5, 0, -1), 0, out, 0, 3); // out => [0.34657359027997264, 0, -Infinity]
 */
export function entrMapWasm(src: Float64Array, so: number, dst: Float64Array, dOff: number, n: number): void {
  checkRange('src', src, so, n);
  checkRange('dst', dst, dOff, n);
  const e = ex;
  if (e === null) {
    for (let i = 0; i < n; i++) dst[dOff + i] = entrScalar(src[so + i]);
    return;
  }
  const mem = memF64;
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(src.subarray(so + off, so + off + m), A8);
    e.entr_map(A, A, m);
    dst.set(mem.subarray(A8, A8 + m), dOff + off);
  }
}

/**
 * `dst[dOff + i] = rel_entr(a[ao + i], b[bo + i * bstride])` for `i < n`: `bstride` 1 walks `b`,
 * 0 broadcasts the scalar `b[bo]` (see {@link relEntrSumWasm} for rel_entr's values).
 *
 * @throws {RangeError} when a range is out of bounds.
 * @example
 * const out = new Float64Array(2);
 * relEntrMapWasm(Float64Array.of(1, 0), 0, Float64Array.of(2), 0, 0, out, 0, 2); // out => [-0.6931471805599453, 0]
 */
export function relEntrMapWasm(
  a: Float64Array, ao: number, b: Float64Array, bo: number, bstride: 0 | 1,
  dst: Float64Array, dOff: number, n: number,
): void {
  checkRange('a', a, ao, n);
  checkRange('b', b, bo, bstride === 0 ? (n > 0 ? 1 : 0) : n);
  checkRange('dst', dst, dOff, n);
  const e = ex;
  if (e === null) {
    if (bstride === 0) {
      const y = b[bo];
      for (let i = 0; i < n; i++) dst[dOff + i] = relEntrScalar(a[ao + i], y);
    } else {
      for (let i = 0; i < n; i++) dst[dOff + i] = relEntrScalar(a[ao + i], b[bo + i]);
    }
    return;
  }
  const mem = memF64;
  if (bstride === 0 && n > 0) mem[B8] = b[bo];
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(a.subarray(ao + off, ao + off + m), A8);
    if (bstride !== 0) mem.set(b.subarray(bo + off, bo + off + m), B8);
    e.rel_entr_map(A, B, A, m, bstride === 0 ? 0 : 1);
    dst.set(mem.subarray(A8, A8 + m), dOff + off);
  }
}

/**
 * `dst[i] = log(src[i])` by the kernels' own logarithm, for accuracy tests. Returns false
 * (and leaves `dst` alone) when wasm is not in use.
 * @internal
 */
export function logMapWasm(src: Float64Array, dst: Float64Array): boolean {
  const e = ex;
  if (e === null) return false;
  const n = Math.min(src.length, dst.length);
  const mem = memF64;
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(src.subarray(off, off + m), A8);
    e.log_map(A, A, m);
    dst.set(mem.subarray(A8, A8 + m), off);
  }
  return true;
}
