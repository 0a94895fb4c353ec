/**
 * The kernel contract of the reduction engine: a kernel sums (or maximises) its terms over one
 * contiguous float64 block, reading up to four per-slice constants, and reports its low part and
 * auxiliary sum through a {@link KernelReport} owned by the caller. A kernel is declared once with
 * {@link defineKernel}, which names its constants and says how many operands it reads.
 */
import { Cascade } from '../../math/pairwise.js';
import type { NumericData } from '../strided.js';

/** Elements per block and slice: the leaves of every pairwise sum the engine forms. */
export const BLOCK = 256;
/** Slices processed together when their elements interleave in memory. */
export const TILE = 256;
/**
 * Slices processed together as columns (interleaved slices, each a single run) when a pass of
 * the reduction has a `columns` kernel: that kernel reads whole rows of up to WIDE_TILE slices
 * in memory order (a narrow tile reads 2 KB of each 32 KB row of a 4096-wide matrix, which the
 * hardware prefetcher and the TLB serve poorly); every other pass takes the wide tile TILE
 * slices at a time.
 */
export const WIDE_TILE = 4096;
/** Elements per slice and block in a tile (TILE * TILE_BLOCK values are gathered at once). */
export const TILE_BLOCK = 128;
/** Constants a kernel may take (passed as `c0..c3`, in its declared order). */
export const MAX_CONSTANTS = 4;

/**
 * What a kernel reports besides the sum it returns, written into an object its caller owns (one
 * per engine context) and clears before every call: `low`, the rounding error of the returned
 * sum (compensated kernels only; the engine carries it into the pass's low part), and `aux`, an
 * auxiliary sum the kernel keeps beside its terms (e.g. of their squares or absolute values).
 * It also lends `chunks`, a pairwise sum a kernel may use for the chunks of a long run.
 */
export class KernelReport {
  low = 0;
  aux = 0;
  readonly chunks = new Cascade();
}

/**
 * The block function: the sum of the terms of `a[ao..ao+n)` (and `b[bo..bo+n)` for two-operand
 * kernels), from +0.0, with the constants `c0..c3` in the kernel's declared order (unused ones
 * are 0); writes `out.low` and `out.aux` when it has them. One-operand kernels read `a` only (the
 * engine passes the operand the pass names, twice).
 */
export type BlockFn = (
  a: Float64Array, ao: number, b: Float64Array, bo: number, n: number,
  c0: number, c1: number, c2: number, c3: number, out: KernelReport,
) => number;

/**
 * Optional, for one-operand kernels without constants: the sums of k interleaved slices at once,
 * read row by row in place (`a[start + i*stride + j*step]`, i < n, j < k), the sums to `sums[j]`,
 * their low parts to `lows[j]` (0 for kernels without compensation) and the auxiliary sums to
 * `aux[j]`; used by tiled walks instead of a gather.
 */
export type RowsFn = (
  a: Float64Array, start: number, stride: number, step: number, n: number, k: number, sums: Float64Array, aux: Float64Array, lows: Float64Array,
) => void;

/**
 * Optional, for one-operand kernels: the kernel on k interleaved slices at once, read in place row
 * by row (`a[start + i*stride + j*step]`, i < n, j < k; slice j's constants at `c[4j..4j+4)`),
 * sums to `sums[j]` and, for kernels that have them, their low parts to `lows[j]` and auxiliary
 * sums to `aux[j]` (the engine zeroes both first), with `scratch` (at least WIDE_TILE long) to
 * use freely; returns false (having done nothing) where it does not apply. The engine first
 * offers the whole tile (n = the slices' length, which a kernel that sums long columns itself
 * takes), then, for a kernel without `rows`, blocks of TILE_BLOCK rows, and gathers the tile
 * where both are declined.
 */
export type ColumnsFn = (
  a: NumericData, start: number, stride: number, step: number, n: number, k: number, c: Float64Array, sums: Float64Array, scratch: Float64Array,
  lows: Float64Array, aux: Float64Array,
) => boolean;

/**
 * A kernel's constants for one slice, by name: each name reads and writes its place in the
 * engine's constants array (`c0..c3` of the block function, in declared order). Sealed: writing
 * a name the kernel does not declare throws.
 */
export type Constants<C extends string = string> = Record<C, number>;

/** Makes the {@link Constants} of slice `base / 4` over the engine's constants array. */
export type ConstantsClass<C extends string = string> = new (values: Float64Array, base: number) => Constants<C>;

/** A kernel as declared (see {@link defineKernel}). */
export interface KernelDeclaration<C extends string = string> {
  /** For error messages and docs. */
  readonly name: string;
  /** 1: reads one operand (a pass names which); 2: reads both, paired element by element. */
  readonly operands: 1 | 2;
  /** The names of its constants, in the order they reach the block function as `c0..c3`. */
  readonly constants: readonly C[];
  /** How block results of one slice combine: a pairwise `sum`, or the `max` (NaN wins). */
  readonly combine: 'sum' | 'max';
  readonly block: BlockFn;
  /** True when the block function takes a contiguous run of any length and sums it pairwise itself. */
  readonly long?: boolean;
  readonly rows?: RowsFn;
  readonly columns?: ColumnsFn;
}

/** A checked kernel: its declaration and the class of its named constants. */
export interface Kernel<C extends string = string> extends KernelDeclaration<C> {
  readonly Constants: ConstantsClass<C>;
}

/**
 * Checks and freezes a kernel declaration.
 * @throws {TypeError} more than {@link MAX_CONSTANTS} or repeated constant names, `rows` or
 *   `columns` on a two-operand kernel, `rows` on a kernel with constants, a `max` kernel that is
 *   `long`.
 */
export function defineKernel<C extends string = never>(k: KernelDeclaration<C>): Kernel<C> {
  const bad = (why: string) => new TypeError(`kernel \`${k.name}\`: ${why}`);
  if (k.constants.length > MAX_CONSTANTS) throw bad(`at most ${MAX_CONSTANTS} constants; got ${k.constants.length}`);
  if (new Set(k.constants).size !== k.constants.length) throw bad(`repeated constant names [${k.constants.join(', ')}]`);
  if (k.operands !== 1 && k.operands !== 2) throw bad(`operands must be 1 or 2; got ${String(k.operands)}`);
  if ((k.rows !== undefined || k.columns !== undefined) && k.operands !== 1) throw bad('`rows` and `columns` need a one-operand kernel');
  if (k.rows !== undefined && k.constants.length > 0) throw bad('`rows` needs a kernel without constants');
  if (k.combine === 'max' && k.long === true) throw bad('a `max` kernel cannot be `long`');
  return Object.freeze({ ...k, constants: Object.freeze([...k.constants]), Constants: constantsClass<C>(k.constants) });
}

/**
 * A class whose instances show `values[base + i]` as the number property `names[i]`: every
 * slice's constants of a kernel share one hidden class, so a declaration's writes are
 * monomorphic stores into the engine's array (no boxing, no allocation).
 */
function constantsClass<C extends string>(names: readonly C[]): ConstantsClass<C> {
  class Named {
    constructor(
      readonly values: Float64Array,
      readonly base: number,
    ) {
      Object.seal(this);
    }
  }
  names.forEach((name, i) =>
    Object.defineProperty(Named.prototype, name, {
      get(this: Named): number {
        return this.values[this.base + i];
      },
      set(this: Named, v: number) {
        this.values[this.base + i] = v;
      },
    }),
  );
  return Named as unknown as ConstantsClass<C>;
}
