/**
 * The reductions' hook: `entropy`, `cross_entropy` and `jensenshannon` call
 * {@link parallelReduce} before the engine; it runs large calls on the pool and returns null for
 * everything else (threads off, small calls, one output slice), which then run as always.
 */
import type { NDArray } from '../ndarray/ndarray.js';
import { splitAxes, tileAxis } from '../ndarray/reduce/axes.js';
import { TILE } from '../ndarray/reduce/kernel.js';
import type { Reduction } from '../ndarray/reduce/reduction.js';
import { sizeOf } from '../ndarray/shape.js';
import { distinctSources, layoutSources, operandOf, pieceBounds, type SourceNeed } from './plan.js';
import { pool } from './pool.js';
import type { OperandPlan, SourcePlan } from './protocol.js';
import { getThreads } from './settings.js';

/**
 * Elements below which a reduction stays on the calling thread (2^18): measured on 2 shared
 * vCPUs, two threads break even near 2^17 and win from 2^18 (docs/performance.md).
 */
export const REDUCE_THRESHOLD = 1 << 18;

/**
 * Whether the engine walks `axis` in tiles of TILE interleaved slices (its own choice,
 * `tileAxis`). Pieces along that axis start on multiples of TILE (and are not 1 long), so every
 * tile falls where it falls on one thread; pieces along any other axis may start anywhere.
 */
function tiled(a: NDArray, b: NDArray, axes: readonly number[], omit: boolean, axis: number): boolean {
  const { outer, inner } = splitAxes(a.shape, a.strides, b.strides, axes);
  const t = tileAxis(outer, inner, omit);
  return t >= 0 && [...a.shape.keys()].filter((d) => !axes.includes(d))[t] === axis;
}

/**
 * Reduces `a` and `b` (same shape) over `axes` with `reduction` (and its `params`) on the pool,
 * split by output slices along the first kept axis longer than 1: the values and kept shape,
 * exactly as `reduceSlices` gives them, or null when the call is better (or only) done on this
 * thread. The workers find the reduction by its name (lib/threads/registry.ts).
 * @throws {ThreadError} when a worker fails during the call.
 */
export function parallelReduce<X>(
  reduction: Reduction<string, string, X>,
  a: NDArray,
  b: NDArray,
  axes: readonly number[],
  omit: boolean,
  params?: X,
): { values: Float64Array; shape: number[] } | null {
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
  const bounds = pieceBounds(shape[axis], work / shape[axis], threads, tiled(a, b, axes, omit, axis) ? TILE : 1, 2);
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
      kind: 'reduce', reduction: { name: reduction.name, params }, axes: [...axes], omit, a: operands[0], b: operands[1], out, outPerIndex,
      sources: [...layout.sources, outSource], axis, bounds, slotBytes: layout.slotBytes, ringBase,
    },
    [...unique, values],
    arena,
  );
  return { values, shape: outShape };
}
