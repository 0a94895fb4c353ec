/**
 * The reduction engine's entry points: a declared {@link Reduction} over the slices of one or two
 * same-shape operands along a set of axes ({@link reduceSlices}), or over one whole vector pair
 * ({@link reduceVector}). The operands are walked in memory order without copying them; extra
 * memory is a context's scratch (allocated once) and the output.
 */
import type { Strided } from '../strided.js';
import { allocate, cStrides } from '../shape.js';
import { type Axes, splitAxes, tileAxis } from './axes.js';
import { acquireContext, type EngineContext, releaseContext } from './context.js';
import { BLOCK, TILE, TILE_BLOCK, WIDE_TILE } from './kernel.js';
import { constantsAt, type Reduction, type SliceStates, whenAt } from './reduction.js';
import type { Scratch } from './scratch.js';

/**
 * Reduces `a` and `b` (same shape; pass `a` twice for one operand) over `axes` with `reduction`
 * (`params` reach its functions as `s.params`). Returns the values in C order of the kept axes,
 * and the kept shape.
 */
export function reduceSlices<X>(
  a: Strided,
  b: Strided,
  axes: readonly number[],
  omit: boolean,
  reduction: Reduction<string, string, X>,
  params?: X,
): { values: Float64Array; shape: number[] } {
  const { outer, inner } = splitAxes(a.shape, a.strides, b.strides, axes);
  const values = allocate(outer.shape);
  if (values.length === 0) return { values, shape: outer.shape };
  const ctx = acquireContext();
  try {
    walkSlices(ctx, a, b, outer, inner, omit, reduction as Reduction<string, string, unknown>, params, values);
  } finally {
    releaseContext(ctx);
  }
  return { values, shape: outer.shape };
}

function walkSlices(
  ctx: EngineContext, a: Strided, b: Strided, outer: Axes, inner: Axes, omit: boolean,
  reduction: Reduction<string, string, unknown>, params: unknown, values: Float64Array,
): void {
  const outStrides = cStrides(outer.shape);
  const t = tileAxis(outer, inner, omit, readsTilesAtOnce(reduction) ? TILE_BLOCK : 0);
  const width = t >= 0 && Math.abs(outer.a[t]) < Math.abs(inner.a[0]) && reduction.passes.some((p) => p.kernel.columns !== undefined)
    ? columnsWidth(inner.shape[0])
    : TILE;
  const walker = ctx.walker;
  walker.configure(a.data, b.data, inner, omit, ctx.statesFor(reduction), params, t >= 0 ? outer.a[t] : 0, t >= 0 ? outer.b[t] : 0);
  // Odometer over the kept axes; axis t advances `width` at a time.
  const nd = outer.shape.length;
  const index = new Array<number>(nd).fill(0);
  let oa = a.offset;
  let ob = b.offset;
  let o = 0;
  for (;;) {
    let k = t >= 0 ? Math.min(width, outer.shape[t] - index[t]) : 1;
    // A lone slice takes another path: wide tiles leave none behind (as a piece of the axis on
    // another thread, whose wide tiles fall elsewhere, would not either).
    if (width > TILE && outer.shape[t] - index[t] - k === 1) k -= TILE;
    walker.run(oa, ob, k, values, o, t >= 0 ? outStrides[t] : 0);
    let d = nd - 1;
    for (; d >= 0; d--) {
      const step = d === t ? k : 1;
      index[d] += step;
      oa += outer.a[d] * step;
      ob += outer.b[d] * step;
      o += outStrides[d] * step;
      if (index[d] < outer.shape[d]) break;
      oa -= outer.a[d] * index[d];
      ob -= outer.b[d] * index[d];
      o -= outStrides[d] * index[d];
      index[d] = 0;
    }
    if (d < 0) break;
  }
}

/** Bytes of a tile that its passes find in cache, the one after the other. */
const CACHED_TILE = 1 << 19;

/**
 * How many columns (interleaved slices of `len` elements, a pass of the reduction reading them
 * with a `columns` kernel) to walk together: as many as keep the tile within CACHED_TILE bytes
 * when that is from TILE to WIDE_TILE (short columns: the next pass rereads the tile from
 * cache), else WIDE_TILE (the tile is reread from memory whatever its width: whole rows of a
 * wide tile are read in memory order, which the prefetcher follows).
 */
function columnsWidth(len: number): number {
  const w = Math.floor(CACHED_TILE / (8 * len));
  return w >= WIDE_TILE || w < TILE ? WIDE_TILE : w - (w % TILE);
}

/**
 * Whether every pass reads one operand and, unless it is conditional, has a kernel that reads a
 * whole tile at once (`rows` or `columns`): then short rows are worth tiling (one kernel call
 * per tile instead of per row).
 */
function readsTilesAtOnce(reduction: Reduction<string, string, unknown>): boolean {
  return reduction.passes.every(
    (p) => p.kernel.operands === 1 && (p.when !== undefined || p.kernel.rows !== undefined || p.kernel.columns !== undefined),
  );
}

/**
 * `reduction` on one contiguous float64 vector pair `a[0..n)`, `b[0..n)` (pass `a` twice for one
 * operand), in the context `ctx` the caller holds (its vector buffers may hold `a` and `b`): the
 * whole-array reduction of 1-D input, without building any view.
 */
export function reduceVector<X>(
  ctx: EngineContext, a: Float64Array, b: Float64Array, n: number, omit: boolean, reduction: Reduction<string, string, X>, params?: X,
): number {
  const r = reduction as Reduction<string, string, unknown>;
  if (!omit && n <= BLOCK) return smallVector(ctx, a, b, n, r, params);
  const vector = ctx.vectorAxes;
  vector.shape[0] = n;
  ctx.walker.configure(a, b, vector, omit, ctx.statesFor(r), params, 0, 0);
  ctx.walker.run(0, 0, 1, ctx.out, 0, 0);
  return ctx.out[0];
}

/** `reduction` on one block: each pass is a single kernel call, nothing to walk or combine. */
function smallVector(ctx: EngineContext, a: Float64Array, b: Float64Array, n: number, reduction: Reduction<string, string, unknown>, params: unknown): number {
  const states = ctx.statesFor(reduction);
  if (params !== undefined) states.setParams(params);
  // The passes and `finish` are separate functions so that the compiler inlines the
  // declaration's small functions into each (one function would run out of its inlining budget).
  smallPasses(ctx.scratch, states, a, b, n);
  const v = reduction.finish(states.views[0]);
  states.setParams(undefined);
  return v;
}

/** The passes of {@link smallVector}: their results into tile position 0 of `states`. */
function smallPasses(scratch: Scratch, states: SliceStates, a: Float64Array, b: Float64Array, n: number): void {
  const { consts, report } = scratch;
  const view = states.views[0];
  const results = states.results[0];
  const named = states.constants;
  states.clear(0);
  const passes = states.reduction.passes;
  for (let p = 0; p < passes.length; p++) {
    const pass = passes[p];
    if (pass.when !== undefined && !whenAt(p, pass.when, view)) continue;
    consts[0] = consts[1] = consts[2] = consts[3] = 0;
    if (pass.constants !== undefined) constantsAt(p, pass.constants, view, named[p][0]);
    report.low = report.aux = 0;
    const x = pass.readsQ ? b : a;
    const kernel = pass.kernel;
    const r = results[p];
    r.value = kernel.block(x, 0, kernel.operands === 2 ? b : x, 0, n, consts[0], consts[1], consts[2], consts[3], report);
    r.low = report.low;
    r.aux = report.aux;
  }
}
