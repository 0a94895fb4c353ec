/**
 * The reductions' hook: `entropy`, `cross_entropy` and `jensenshannon` call
 * {@link parallelReduce} before the engine; it runs large calls on the pool and returns null for
 * everything else (threads off, small calls, one output slice), which then run as always.
 */
import type { NDArray } from '../ndarray/ndarray.js';
import { TILE } from '../ndarray/reduce.js';
import { sizeOf } from '../ndarray/shape.js';
import { distinctSources, layoutSources, operandOf, pieceBounds, type SourceNeed } from './plan.js';
import { pool } from './pool.js';
import type { OperandPlan, ReductionKey, SourcePlan } from './protocol.js';
import { getThreads } from './settings.js';

/**
 * Elements below which a reduction stays on the calling thread (2^18): measured on 2 shared
 * vCPUs, two threads break even near 2^17 and win from 2^18 (docs/performance.md).
 */
export const REDUCE_THRESHOLD = 1 << 18;

/**
 * Whether the engine may walk `axis` in tiles of TILE interleaved slices: only a kept axis whose
 * step is smaller than every reduced axis's can be (the engine tiles along the kept axis with the
 * smallest step, when it is smaller than the slices' own). Pieces along such an axis start on
 * multiples of TILE (and are not 1 long), so every tile falls where it falls on one thread;
 * pieces along any other axis may start anywhere.
 */
function mayTile(a: NDArray, b: NDArray, axes: readonly number[], axis: number): boolean {
  for (const x of [a, b]) {
    const step = Math.abs(x.strides[axis]);
    if (step !== 0 && axes.every((d) => x.shape[d] === 1 || step < Math.abs(x.strides[d]))) return true;
  }
  return false;
}

/**
 * Reduces `a` and `b` (same shape) over `axes` with the reduction `key` on the pool, split by
 * output slices along the first kept axis longer than 1: the values and kept shape, exactly as
 * `reduceSlices` gives them, or null when the call is better (or only) done on this thread.
 * @throws {ThreadError} when a worker fails during the call.
 */
export function parallelReduce(key: ReductionKey, a: NDArray, b: NDArray, axes: readonly number[], omit: boolean): { values: Float64Array; shape: number[] } | null {
  const shape = a.shape;
  const work = sizeOf(shape);
  if (work < REDUCE_THRESHOLD) return null;
  const threads = getThreads();
  if (threads <= 1) return null;
  const kept = [...shape.keys()].filter((d) => !axes.includes(d));
  const axis = kept.find((d) => shape[d] > 1);
  if (axis === undefined) return null;
  const outShape = kept.map((d) => shape[d]);
  const outPerIndex = sizeOf(kept.filter((d) => d > axis).map((d) => shape[d]));
  const bounds = pieceBounds(shape[axis], work / shape[axis], threads, mayTile(a, b, axes, axis) ? TILE : 1, 2);
  if (bounds.length <= 2) return null;

  const { index, unique } = distinctSources([a.data, b.data]);
  const operands = [operandOf(a, index[0]), operandOf(b, index[1])];
  const needs: SourceNeed[] = unique.map((data) => ({ data, input: true, output: false }));
  const layout = layoutSources(needs, operands, axis, bounds);
  if (layout === null) return null;
  const values = new Float64Array(sizeOf(outShape));
  const outSource: SourcePlan = { mode: 'whole', ctor: 'Float64Array', byteOffset: layout.wholeBytes, length: values.length, lo: 0, input: false, output: true };
  const ringBase = Math.ceil((layout.wholeBytes + 8 * values.length) / 64) * 64;
  const p = pool(threads);
  const arena = p.arena.get(ringBase + p.slots * layout.slotBytes);
  if (arena === null) return null;
  const out: OperandPlan = { source: unique.length, shape: [values.length], strides: [1], offset: 0, dtype: 'float64' };
  p.run(
    {
      kind: 'reduce', reduction: key, axes: [...axes], omit, a: operands[0], b: operands[1], out, outPerIndex,
      sources: [...layout.sources, outSource], axis, bounds, slotBytes: layout.slotBytes, ringBase,
    },
    [...unique, values],
    arena,
  );
  return { values, shape: outShape };
}
