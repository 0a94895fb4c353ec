/** Copies of strided elements into contiguous float64 buffers, for kernels that need a block. */
import type { NumericData } from '../strided.js';
import { TILE_BLOCK } from './kernel.js';

/** `out[o + j] = data[start + j*stride]` for j < n. */
export function gather(data: NumericData, start: number, stride: number, n: number, out: Float64Array, o: number): void {
  // A contiguous run of another type (float32, integers) converts in one builtin copy.
  if (stride === 1 && n >= 16) out.set(data.subarray(start, start + n), o);
  else for (let j = 0, q = start; j < n; j++, q += stride) out[o + j] = data[q];
}

/** out[j*TILE_BLOCK + i] = data[start + i*stride + j*step] for i < n, j < k: reads rows in order. */
export function gatherTile(data: NumericData, start: number, stride: number, step: number, n: number, k: number, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = start + i * stride;
    for (let j = 0, q = row; j < k; j++, q += step) out[j * TILE_BLOCK + i] = data[q];
  }
}

/** Gathers `n` positions of both operands, dropping those where either is NaN; returns the count. */
export function gatherPairs(
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
