/**
 * The working memory of one walker: gather buffers, per-slice constants, pairwise sums, maxima
 * and auxiliary sums for a tile of slices, and the kernels' report. Allocated once per engine
 * context and reused by every reduction it runs.
 */
import { Cascade } from '../../math/pairwise.js';
import { KernelReport, MAX_CONSTANTS, TILE, TILE_BLOCK } from './kernel.js';

export class Scratch {
  /** Gathered blocks (or tiles) of the first and second operand. */
  readonly bufA = new Float64Array(TILE * TILE_BLOCK);
  readonly bufB = new Float64Array(TILE * TILE_BLOCK);
  /** Slice j's kernel constants at `consts[4j..4j+4)`. */
  readonly consts = new Float64Array(MAX_CONSTANTS * TILE);
  /** Per tile position: the pass's pairwise sum, maximum and auxiliary sum, and whether it runs. */
  readonly cascades = Array.from({ length: TILE }, () => new Cascade());
  readonly maxima = new Float64Array(TILE);
  readonly aux = new Float64Array(TILE);
  /** Per tile position: the pass's sum and its low part, when it came in one piece (no cascade). */
  readonly sums = new Float64Array(TILE);
  readonly sumLows = new Float64Array(TILE);
  /** The low parts a kernel's `rows` reports. */
  readonly lows = new Float64Array(TILE);
  readonly active = new Uint8Array(TILE);
  /** Free space for a kernel's `columns` function. */
  readonly columns = new Float64Array(TILE);
  /** What the kernel last reported. */
  readonly report = new KernelReport();
}
