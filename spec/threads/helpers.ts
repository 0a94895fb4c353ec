/**
 * Helpers of the thread specs: seeded data with the cases the slice programs branch on, and a
 * check that a call gives bit for bit the same result on 2 threads as on 1, having used the pool.
 */
import { NDArray } from '../../lib/ndarray/ndarray';
import { setThreads } from '../../lib/threads/settings';
import { runningPool } from '../../lib/threads/pool';
import { RandomState } from '../helpers/random-state';

/**
 * `n` values: uniform in (0, 1), with zeros (5%), large entries (1%, a dominant probability in
 * short slices) and tiny ones (1%); with `nan`, NaN at 2% of positions.
 */
export function sample(n: number, seed: number, nan = false): Float64Array {
  const rs = new RandomState(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rs.randomSample();
    const v = rs.randomSample();
    out[i] = u < 0.05 ? 0 : u < 0.06 ? v * 1e6 : u < 0.07 ? v * 1e-300 : v;
    if (nan && u > 0.98) out[i] = NaN;
  }
  return out;
}

/** `x` as a C-contiguous matrix of `shape` over a copy of `data` in a SharedArrayBuffer. */
export function sharedArray(data: Float64Array, shape: number[]): NDArray {
  const shared = new Float64Array(new SharedArrayBuffer(data.byteLength));
  shared.set(data);
  return NDArray.fromData(shared, shape);
}

/** The bytes of a result (a number or an NDArray, in C order). */
function bytesOf(r: number | NDArray): Uint8Array {
  const values = typeof r === 'number' ? Float64Array.of(r) : r.toFloat64Array();
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** The number of jobs the pool has run (0 when there is none). */
export function poolJobs(): number {
  return runningPool()?.jobs ?? 0;
}

/**
 * Runs `call` on one thread and on two, and expects identical shapes and bytes, and that the
 * two-thread run went through the pool (`pooled`, default true) or not.
 */
export function expectSameOnTwoThreads(call: () => number | NDArray, pooled = true): void {
  setThreads(1);
  const one = call();
  setThreads(2);
  const before = poolJobs();
  const two = call();
  expect(poolJobs() > before).toBe(pooled);
  expect(typeof two === 'number' ? [] : two.shape).toEqual(typeof one === 'number' ? [] : one.shape);
  expect(Buffer.from(bytesOf(two)).equals(Buffer.from(bytesOf(one)))).toBe(true);
}
