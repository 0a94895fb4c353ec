/**
 * A per-slice map for reductions that need a whole slice at once (a sort, say), which the
 * block-summing engine (reduce.ts) does not provide: each slice is gathered into one reusable
 * float64 buffer (O(slice) extra memory; the input is never written).
 */
import type { Strided } from '../strided.js';
import { sizeOf } from '../shape.js';

/**
 * For every position of the axes not in `axes` (C order), gathers the slice along `axes` into a
 * buffer, dropping NaN values when `omitNaN`, and stores `fn(slice)`; `fn` may reorder or
 * overwrite the buffer it is given. Returns the values and the kept shape.
 */
export function mapSlices(
  x: Strided,
  axes: readonly number[],
  omitNaN: boolean,
  fn: (slice: Float64Array) => number,
): { values: Float64Array; shape: number[] } {
  const kept = [...x.shape.keys()].filter((d) => !axes.includes(d));
  const shape = kept.map((d) => x.shape[d]);
  const values = new Float64Array(sizeOf(shape));
  if (values.length === 0) return { values, shape };
  const inner = axes.map((d) => x.shape[d]);
  const innerStrides = axes.map((d) => x.strides[d]);
  const outerStrides = kept.map((d) => x.strides[d]);
  const n = sizeOf(inner);
  const buffer = new Float64Array(n);
  const data = x.data;
  const outerIndex = new Array<number>(kept.length).fill(0);
  const innerIndex = new Array<number>(axes.length).fill(0);
  // The last reduced axis is walked as runs; the others by an odometer.
  const last = axes.length - 1;
  const runLen = last >= 0 ? inner[last] : 1;
  const runStride = last >= 0 ? innerStrides[last] : 0;
  const runs = runLen === 0 ? 0 : n / runLen;
  const copyRuns = !omitNaN && data instanceof Float64Array && runStride === 1;
  let base = x.offset;
  for (let o = 0; o < values.length; o++) {
    let m = 0;
    let k = base;
    innerIndex.fill(0);
    for (let r = 0; r < runs; r++) {
      if (copyRuns) {
        buffer.set((data as Float64Array).subarray(k, k + runLen), m);
        m += runLen;
      } else {
        for (let i = 0, q = k; i < runLen; i++, q += runStride) {
          const v = data[q];
          if (!(omitNaN && v !== v)) buffer[m++] = v;
        }
      }
      for (let d = last - 1; d >= 0; d--) {
        k += innerStrides[d];
        if (++innerIndex[d] < inner[d]) break;
        k -= innerStrides[d] * inner[d];
        innerIndex[d] = 0;
      }
    }
    values[o] = fn(buffer.subarray(0, m));
    for (let d = kept.length - 1; d >= 0; d--) {
      base += outerStrides[d];
      if (++outerIndex[d] < shape[d]) break;
      base -= outerStrides[d] * shape[d];
      outerIndex[d] = 0;
    }
  }
  return { values, shape };
}
