/**
 * What the main thread and the pool's threads share: the layout of the control words (an
 * `Int32Array` over a `SharedArrayBuffer`) and the job a call posts to every worker.
 *
 * A call is split into pieces (ranges of output slices along one axis). Workers claim pieces
 * with `Atomics.add(CLAIMED)`, wait until the main thread has `PUBLISHED` them (copied their
 * input into shared memory), compute, record the piece in its ring slot's word and bump `EVENT`.
 * The main thread sleeps in `Atomics.wait` on `EVENT`; every progress, finish or fault bumps it.
 * A `task` job's pieces need nothing from the main thread (a task reads its own input): all are
 * published at once, and a piece that fails records itself in `FAILED` instead of faulting.
 */
import type { DType, NumericData } from '../ndarray/ndarray.js';

/** Control words. */
export const CTRL = {
  /** Workers that have loaded and are waiting for jobs. */
  READY: 0,
  /** 0, or a fault: {@link FAULT}. */
  ERROR: 1,
  /** Pieces whose input is in shared memory. */
  PUBLISHED: 2,
  /** The next piece to claim. */
  CLAIMED: 3,
  /** Pieces completed. */
  DONE: 4,
  /** Set by the main thread after a fault: workers stop claiming. */
  ABORT: 5,
  /** Bumped (and notified) on every event the main thread may be waiting for. */
  EVENT: 6,
  /** The id of the current job. */
  JOB: 7,
  /** `task` jobs: the first piece that failed (pieces after it are skipped), else the piece count. */
  FAILED: 8,
  /** First of one word per worker: the id of the last job it finished, or {@link DEAD}. */
  WORKERS: 9,
} as const;

/** Kinds of fault in `CTRL.ERROR`. */
export const FAULT = { NONE: 0, THREW: 1, EXITED: 2 } as const;

/** A worker's word after it exited. */
export const DEAD = -1;

/** Control words for `workers` workers and `slots` ring slots (one word per slot after the workers'). */
export function controlWords(workers: number, slots: number): number {
  return CTRL.WORKERS + workers + slots;
}

/** The index of ring slot `s`'s word: the number (piece + 1) of the last piece completed in it. */
export function slotWord(workers: number, s: number): number {
  return CTRL.WORKERS + workers + s;
}

/**
 * Where an operand's memory comes from during a job: the caller's own shared buffer (`shared`),
 * one region of the arena holding the operand's whole span (`whole`), or a region in each ring
 * slot holding one piece's span at a time (`ring`).
 */
export interface SourcePlan {
  mode: 'shared' | 'whole' | 'ring';
  /** The typed array's constructor name (`Float64Array`, ...): staged copies keep the caller's type. */
  ctor: string;
  /** `shared`: the caller's typed array (a view of a SharedArrayBuffer). */
  data?: NumericData;
  /** `whole`: the region's byte offset in the arena; `ring`: its byte offset within a slot. */
  byteOffset: number;
  /** The region's length in elements. */
  length: number;
  /** `whole`: the index in the caller's data of the region's first element. */
  lo: number;
  /** `ring`: the same, per piece, and the end of each piece's range. */
  los?: number[];
  his?: number[];
  /** Whether the main thread copies the region back out after a piece (a caller's plain `out`). */
  output: boolean;
  /** Whether the main thread copies the region in before publishing. */
  input: boolean;
}

/** An operand of the job: a strided view over one of the sources. */
export interface OperandPlan {
  source: number;
  shape: number[];
  strides: number[];
  offset: number;
  dtype: DType;
}

/**
 * A test-only fault: the worker that claims `piece` exits (`exit`), throws (`throw`), or hangs
 * until the supervisor terminates it (`terminate`), before computing it.
 */
export interface FaultInjection {
  kind: 'exit' | 'throw' | 'terminate';
  piece: number;
}

/** A reduction by its name (see lib/threads/registry.ts), with the parameters of the call. */
export interface ReductionKey {
  name: string;
  params?: unknown;
}

/**
 * A task by its name (see lib/threads/tasks.ts) and its arguments (structured-cloneable): piece
 * p of a `task` job runs the task on `args` and p, and its failure is the piece's, not a fault.
 */
export interface TaskKey {
  name: string;
  args: unknown;
}

/** A piece of a `task` job that threw: its index and the error's name and message. */
export interface PieceError {
  piece: number;
  name: string;
  message: string;
}

/** What every worker receives for one call. */
export interface Job {
  id: number;
  kind: 'reduce' | 'map' | 'task';
  /** `reduce`: the reduction; `map`: the elementwise function's name; `task`: the task. */
  reduction?: ReductionKey;
  binary?: string;
  task?: TaskKey;
  /** `reduce`: the axes reduced, and whether NaN positions are omitted. */
  axes: number[];
  omit: boolean;
  a: OperandPlan;
  b: OperandPlan;
  /** `map`: the C-contiguous target; `reduce`: 1-D, the values in C order of the kept axes. */
  out: OperandPlan;
  /** `reduce`: output values per index along the split axis. */
  outPerIndex: number;
  sources: SourcePlan[];
  arena: SharedArrayBuffer | null;
  /** The split axis and the pieces' bounds along it (piece p is `[bounds[p], bounds[p + 1])`). */
  axis: number;
  bounds: number[];
  slots: number;
  slotBytes: number;
  /** Byte offset of slot 0 in the arena. */
  ringBase: number;
  fault?: FaultInjection | undefined;
}
