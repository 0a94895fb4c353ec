/**
 * The elementwise functions' hook (lib/ndarray/elementwise.ts): {@link parallelMap} runs a large
 * call on the pool, split into ranges of the first axis longer than 1 (of whole rows, or of whole
 * wasm chunks of a single row, so every element takes the kernel path it takes on one thread).
 * A result in ordinary memory (a fresh result, or a plain `out`) is written by the workers into
 * the ring and copied out by the calling thread while they compute the next pieces: a fresh
 * SharedArrayBuffer result would cost more in page faults (~20 ns per element here, against ~3
 * for an ordinary buffer whose memory the allocator reuses) than the whole computation.
 */
import type { Binary } from '../ndarray/elementwise.js';
import type { NDArray } from '../ndarray/ndarray.js';
import { WASM_CHUNK } from '../wasm/kernels.js';
import { distinctSources, layoutSources, operandOf, pieceBounds, type SourceNeed } from './plan.js';
import { pool } from './pool.js';
import { getThreads } from './settings.js';

/**
 * Elements below which an elementwise call stays on the calling thread (2^19): the terms are
 * cheaper than a reduction's and the calling thread copies input and result, so two threads
 * win only from about 2^19 on 2 shared vCPUs (docs/performance.md).
 */
export const MAP_THRESHOLD = 1 << 19;

/** Whether a call of `size` elements goes to the pool. */
function threaded(size: number): boolean {
  return size >= MAP_THRESHOLD && getThreads() > 1;
}

/**
 * Writes `f(a, b)` into `target` (C-contiguous float64, the broadcast shape of `a` and `b`) on
 * the pool; false (having done nothing) when the call is better (or only) done on this thread.
 * @throws {ThreadError} when a worker fails during the call.
 */
export function parallelMap(f: Binary, a: NDArray, b: NDArray, target: NDArray): boolean {
  if (f.name === undefined || !threaded(target.size)) return false;
  const threads = getThreads();
  const shape = target.shape;
  const axis = shape.findIndex((n) => n > 1);
  if (axis < 0) return false;
  const last = axis === shape.length - 1;
  const bounds = pieceBounds(shape[axis], target.size / shape[axis], threads, last ? WASM_CHUNK : 1, last ? 16 : 1);
  if (bounds.length <= 2) return false;
  // A staged output must not share memory with an input (the copies would cross).
  if (target.data === a.data || target.data === b.data) return false;
  const { index, unique } = distinctSources([a.data, b.data, target.data]);
  const operands = [operandOf(a, index[0]), operandOf(b, index[1]), operandOf(target, index[2])];
  const needs: SourceNeed[] = unique.map((data, k) => ({ data, input: k !== index[2], output: k === index[2] }));
  const layout = layoutSources(needs, operands, axis, bounds);
  if (layout === null) return false;
  const ringBase = Math.ceil(layout.wholeBytes / 64) * 64;
  const p = pool(threads);
  const slotBytes = layout.slotBytes;
  const arena = layout.wholeBytes + slotBytes === 0 ? null : p.arena.get(ringBase + p.slots * slotBytes);
  if (arena === null && layout.wholeBytes + slotBytes > 0) return false;
  p.run(
    {
      kind: 'map', binary: f.name, axes: [], omit: false, a: operands[0], b: operands[1], out: operands[2], outPerIndex: 0,
      sources: layout.sources, axis, bounds, slotBytes, ringBase,
    },
    unique,
    arena,
  );
  return true;
}
