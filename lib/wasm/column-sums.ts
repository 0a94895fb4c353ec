/**
 * Compensated column sums by WebAssembly (`sum_cols` of lib/wasm/kernels.wat): the normalising
 * sums of interleaved slices (columns), read as whole rows in memory order, two columns per
 * f64x2 lane pair; {@link sumColumnsFast} returns false without wasm, and the caller keeps its
 * TypeScript loop.
 */
import { copyRows } from './copy-rows.js';
import { type KernelExports, whenLoaded } from './instance.js';

/** Elements copied into wasm memory per kernel call, and the widest block taken. */
const CHUNK = 4096;

let ex: KernelExports | null = null;
let mem = new Float64Array(0);
/** Byte offset and Float64Array index of the input region, and the sums' index. */
let A = 0, A8 = 0, S8 = 0;

whenLoaded((e) => {
  mem = new Float64Array(e.memory.buffer);
  A = e.a_base.value as number;
  A8 = A >> 3;
  S8 = (e.cols_base.value as number) >> 3;
  ex = e;
});

/**
 * For j < k, over the n x k view `data[start + i*rowStride + j*colStep]` (i < n): the sum of
 * column j as `sums[j]` plus its rounding error `errs[j]` (each element added in row order with
 * TwoSum, as lib/ndarray/reduce/kernels.ts's SUM adds; neither is renormalised), and the sum of
 * its squares as `squares[j]`. Returns false, and does nothing, when wasm is not in use or
 * k > 4096.
 *
 * @example
 * const s = new Float64Array(2), e = new Float64Array(2), q = new Float64Array(2);
 * sumColumnsFast(Float64Array.of(1, 2, 3, 4), 0, 2, 1, 2, 2, s, e, q); // s => [4, 6], q => [10, 20]
 */
export function sumColumnsFast(
  data: Float64Array, start: number, rowStride: number, colStep: number, n: number, k: number,
  sums: Float64Array, errs: Float64Array, squares: Float64Array,
): boolean {
  const e = ex;
  if (e === null || k < 1 || k > CHUNK) return false;
  const k2 = (k + 1) & ~1;
  const rows = (CHUNK / k2) | 0;
  if (n === 0) mem.fill(0, S8, S8 + 3 * CHUNK);
  for (let i0 = 0; i0 < n; i0 += rows) {
    const m = n - i0 < rows ? n - i0 : rows;
    copyRows(mem, A8, data, start + i0 * rowStride, rowStride, colStep, m, k, k2);
    e.sum_cols(A, m, k2, i0 === 0 ? 1 : 0);
  }
  for (let j = 0; j < k; j++) {
    sums[j] = mem[S8 + j];
    errs[j] = mem[S8 + CHUNK + j];
    squares[j] = mem[S8 + 2 * CHUNK + j];
  }
  return true;
}
