/**
 * The working memory of one walker: gather buffers, per-slice constants, pairwise sums, maxima
 * and auxiliary sums for a tile of slices, and the kernels' report. Allocated once per engine
 * context and reused by every reduction it runs.
 */
import { Cascade } from '../../math/pairwise.js';
import { KernelReport, MAX_CONSTANTS, TILE, TILE_BLOCK, WIDE_TILE } from './kernel.js';

export class Scratch {
  /** Gathered blocks (or tiles) of the first and second operand. */
  readonly bufA = new Float64Array(TILE * TILE_BLOCK);
  readonly bufB = new Float64Array(TILE * TILE_BLOCK);
  /** Slice j's kernel constants at `consts[4j..4j+4)` (j < WIDE_TILE). */
  readonly consts = new Float64Array(MAX_CONSTANTS * WIDE_TILE);
  /** Whether slice j's pass runs (j < WIDE_TILE). */
  readonly active = new Uint8Array(WIDE_TILE);
  /** `consts` and `active` from the slice at t * TILE of a wide tile on (its t-th narrow tile). */
  readonly constsFrom = Array.from({ length: WIDE_TILE / TILE }, (_, t) => this.consts.subarray(MAX_CONSTANTS * TILE * t));
  readonly activeFrom = Array.from({ length: WIDE_TILE / TILE }, (_, t) => this.active.subarray(TILE * t));
  /** Per position of a (narrow) tile: the pass's pairwise sum, maximum and auxiliary sum. */
  readonly cascades = Array.from({ length: TILE }, () => new Cascade());
  readonly maxima = new Float64Array(TILE);
  readonly aux = new Float64Array(TILE);
  /** Per tile position: the pass's sum and its low part, when it came in one piece (no cascade). */
  readonly sums = new Float64Array(TILE);
  readonly sumLows = new Float64Array(TILE);
  /** The low parts a kernel's `rows` reports. */
  readonly lows = new Float64Array(TILE);
  /** Free space for a kernel's `columns` function, and the low parts and auxiliary sums it reports. */
  readonly columns = new Float64Array(WIDE_TILE);
  readonly columnLows = new Float64Array(WIDE_TILE);
  readonly columnAux = new Float64Array(WIDE_TILE);
  /** What the kernel last reported. */
  readonly report = new KernelReport();
}
