/**
 * An engine context: all the mutable state one reduction call needs (scratch buffers, the walker,
 * the slice states of each reduction it has run, the buffers of the vector fast path). Nothing
 * in the engine is module-level mutable state besides the pool of free contexts: a call takes a
 * free context ({@link acquireContext}) and gives it back when done ({@link releaseContext}), so a
 * call made during another (an element getter or `valueOf` that calls the library) gets its own
 * context and neither result is disturbed. A worker thread has its own module instance, so its own
 * pool.
 */
import type { Axes } from './axes.js';
import { TILE, WIDE_TILE } from './kernel.js';
import { type Reduction, SliceStates } from './reduction.js';
import { Scratch } from './scratch.js';
import { Walker } from './walker.js';

/** Flat arrays longer than this are not copied into a context's vector buffers. */
const VECTOR_MAX = 1 << 16;

export class EngineContext {
  readonly scratch = new Scratch();
  readonly walker = new Walker(this.scratch);
  /** One float64 result and the axes of one vector, for whole-vector reductions. */
  readonly out = new Float64Array(1);
  readonly vectorAxes: Axes = { shape: [0], a: [1], b: [1] };
  private readonly states = new Map<Reduction<string, string, unknown>, SliceStates>();
  private readonly vectors = [new Float64Array(64), new Float64Array(64)];
  private last: SliceStates | null = null;

  /** The slice states of `reduction` in this context (created on first use). */
  statesFor(reduction: Reduction<string, string, unknown>): SliceStates {
    const last = this.last;
    if (last !== null && last.reduction === reduction) return last;
    let s = this.states.get(reduction);
    if (s === undefined) {
      s = new SliceStates(reduction, TILE, this.scratch.consts, WIDE_TILE);
      this.states.set(reduction, s);
    }
    this.last = s;
    return s;
  }

  /**
   * The fast way in for small 1-D input of length `n` (read once by the caller): a `Float64Array`
   * as it is, or a flat array of numbers copied into this context's vector buffer `slot` (0 or
   * 1); `null` for anything else (nested,
   * booleans, other types, longer than 65536), which then takes the general path. The buffer is
   * overwritten by the next call with the same slot in this context.
   */
  vector(x: unknown, slot: 0 | 1, n: number): Float64Array | null {
    if (x instanceof Float64Array) return x.length === n ? x : null;
    // The caller read the length once; a Proxy that now reports another one goes the general way
    // (which reads it once), so no stale buffer entries are ever summed.
    if (!Array.isArray(x) || n > VECTOR_MAX || x.length !== n) return null;
    let buf = this.vectors[slot];
    if (buf.length < n) buf = this.vectors[slot] = new Float64Array(Math.max(n, 2 * buf.length));
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (typeof v !== 'number') return null;
      buf[i] = v;
    }
    return buf;
  }
}

/**
 * The pool of free contexts: `idle`, the one an outermost call takes and gives back (one field
 * check each way), and `free`, more for calls made during a call.
 */
const pool = { idle: null as EngineContext | null, free: [] as EngineContext[] };

/** A context no running call uses (a new one when all are taken). */
export function acquireContext(): EngineContext {
  const ctx = pool.idle;
  if (ctx !== null) {
    pool.idle = null;
    return ctx;
  }
  return pool.free.pop() ?? new EngineContext();
}

/** Gives a context back once its call is done (in a `finally`). */
export function releaseContext(ctx: EngineContext): void {
  ctx.walker.clear();
  if (pool.idle === null) pool.idle = ctx;
  else pool.free.push(ctx);
}
