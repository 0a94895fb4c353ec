/**
 * The worker pool, main-thread side: started on first use, sized once (`setThreads` restarts
 * it), unref'd so it never keeps a process alive. A call is synchronous: the main thread posts
 * the job, copies staged input into the arena piece by piece (publishing each), then sleeps in
 * `Atomics.wait` until every worker has finished, copying staged output back as pieces complete.
 * The first call waits for the threads to load (about 0.1 s), except a task's, whose pieces the
 * calling thread computes too, from the start.
 *
 * Faults: a worker that throws, exits or is terminated makes the call throw a `ThreadError`
 * (no result is returned, nothing partial is presented as complete); the pool is then shut down
 * and the next call starts a fresh one.
 */
import { ThreadError } from '../errors.js';
import type { NumericData } from '../ndarray/ndarray.js';
import { wasm } from '../wasm/kernels.js';
import { Arena } from './arena.js';
import { type Port, threadExecArgv, type WorkerHandle, workerThreads, type WorkerThreads } from './node.js';
import { asPoolCall } from './nesting.js';
import { runTaskPiece } from './tasks.js';
import { controlWords, CTRL, DEAD, FAULT, type FaultInjection, type Job, type OperandPlan, type PieceError, slotWord, type SourcePlan, type TaskKey } from './protocol.js';
import type { SupervisorData } from './supervisor.js';
import { SUPERVISOR_SOURCE, WORKER_SOURCE } from './worker-source.js';

/** How long the first call waits for the workers to load before giving up. */
const STARTUP_MS = 60_000;

type TypedArrayCtor = new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => NumericData;

/** A job before the pool fills in its id and memory. */
export type JobPlan = Omit<Job, 'id' | 'arena' | 'slots'>;

/** The operands of a `task` job, which has none (its task reads its own input). */
const NO_OPERAND: OperandPlan = { source: -1, shape: [], strides: [], offset: 0, dtype: 'float64' };

/** What the calling thread does while it waits: report progress (pieces done), help compute pieces. */
interface Waiting {
  tick?: ((done: number) => void) | undefined;
  help?: (() => void) | undefined;
}

/** A pool of `size` workers (loading until the first call waits for them). */
export class Pool {
  /** Ring slots: two per worker, so the copy of the next pieces overlaps their computation. */
  readonly slots: number;
  readonly arena = new Arena();
  private readonly wt: WorkerThreads;
  private readonly ctrl: Int32Array;
  private readonly supervisor: WorkerHandle;
  private readonly ports: Port[] = [];
  private readonly report: Port;
  private jobId = 0;
  private closed = false;
  private started = false;
  /** Test hook: the next job's injected fault. */
  fault: FaultInjection | undefined;

  constructor(readonly size: number) {
    const wt = workerThreads();
    if (wt === null) throw new ThreadError('worker threads need Node >= 20.16 (worker_threads, SharedArrayBuffer and Atomics)');
    this.wt = wt;
    this.slots = 2 * size;
    this.ctrl = new Int32Array(new SharedArrayBuffer(4 * controlWords(size, this.slots)));
    const workerPorts: Port[] = [];
    for (let i = 0; i < size; i++) {
      const { port1, port2 } = new wt.MessageChannel();
      port1.unref();
      this.ports.push(port1);
      workerPorts.push(port2);
    }
    const channel = new wt.MessageChannel();
    channel.port1.unref();
    this.report = channel.port1;
    // Workers must take the same kernel paths as this thread, or results could differ in the last bits.
    const code = (wasm.available ? '' : 'globalThis.SCIPY_ENTROPY_NO_WASM = true;\n') + WORKER_SOURCE;
    const workerData: SupervisorData = { role: 'supervisor', code, ctrl: this.ctrl, ports: workerPorts, report: channel.port2 };
    try {
      const execArgv = threadExecArgv();
      this.supervisor = new wt.Worker(SUPERVISOR_SOURCE, { eval: true, workerData, transferList: [...workerPorts, channel.port2], ...(execArgv && { execArgv }) });
    } catch (err) {
      // E.g. Node's permission model without --allow-worker.
      throw new ThreadError(`could not start worker threads: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.supervisor.unref();
    this.supervisor.on('error', () => undefined);
  }

  /** Waits until every worker has loaded (once). */
  private awaitStart(): void {
    if (this.started) return;
    const deadline = Date.now() + STARTUP_MS;
    for (;;) {
      const event = Atomics.load(this.ctrl, CTRL.EVENT);
      if (Atomics.load(this.ctrl, CTRL.ERROR) !== 0) this.fail('while starting');
      if (Atomics.load(this.ctrl, CTRL.READY) === this.size) break;
      if (Date.now() > deadline) this.fail(`while starting (waited ${STARTUP_MS / 1000} s)`);
      Atomics.wait(this.ctrl, CTRL.EVENT, event, 100);
    }
    this.started = true;
  }

  /** Whether the pool can take a call (no worker has died). */
  get healthy(): boolean {
    return !this.closed && Atomics.load(this.ctrl, CTRL.ERROR) === 0;
  }

  /** The number of jobs run so far. */
  get jobs(): number {
    return this.jobId;
  }

  /**
   * Runs a job; `data[k]` is source k's caller data (copied in and out as its plan says).
   * @throws {ThreadError} when a worker fails; the pool is closed then.
   */
  run(plan: JobPlan, data: readonly NumericData[], arena: SharedArrayBuffer | null, waiting: Waiting = {}): void {
    const ctrl = this.ctrl;
    if (waiting.help === undefined) this.awaitStart();
    const id = ++this.jobId;
    for (const w of [CTRL.ERROR, CTRL.PUBLISHED, CTRL.CLAIMED, CTRL.DONE, CTRL.ABORT]) Atomics.store(ctrl, w, 0);
    Atomics.store(ctrl, CTRL.FAILED, plan.bounds.length - 1);
    for (let s = 0; s < this.slots; s++) Atomics.store(ctrl, slotWord(this.size, s), 0);
    Atomics.store(ctrl, CTRL.JOB, id);
    const job: Job = { ...plan, id, arena, slots: this.slots, fault: this.fault };
    this.fault = undefined;
    for (const port of this.ports) port.postMessage(job);
    try {
      asPoolCall(() => this.stage(plan, job, data, arena, waiting));
    } catch (err) {
      // Not a worker's fault (a ThreadError is thrown after the pool is stopped): stop the
      // workers before the caller sees the error, so none writes after this call returns.
      if (!this.closed) {
        this.stop();
        this.closePorts();
      }
      throw err;
    }
  }

  /**
   * Runs `pieces` pieces of a task (lib/threads/tasks.ts) with `arena` as their shared memory,
   * on the workers and on the calling thread, which claims pieces like them (so a pool of n - 1
   * workers gives n threads, and the first pieces start before the workers have loaded);
   * calls `tick` with the pieces done as they complete. Returns the earliest piece's failure,
   * or null when every piece succeeded.
   * @throws {ThreadError} when a worker fails (exits, or throws outside the task); the pool is closed then.
   */
  runTask(task: TaskKey, pieces: number, arena: SharedArrayBuffer | null, tick?: (done: number) => void): PieceError | null {
    const bounds = Array.from({ length: pieces + 1 }, (_, p) => p);
    const plan: JobPlan = {
      kind: 'task', task, axes: [], omit: false, a: NO_OPERAND, b: NO_OPERAND, out: NO_OPERAND, outPerIndex: 0,
      sources: [], axis: 0, bounds, slotBytes: 0, ringBase: 0,
    };
    let first: PieceError | null = null;
    const ctrl = this.ctrl;
    // This thread claims pieces like the workers.
    const help = () => {
      while (Atomics.load(ctrl, CTRL.ERROR) === 0) {
        const p = Atomics.add(ctrl, CTRL.CLAIMED, 1);
        if (p >= pieces) break;
        runTaskPiece(task, arena, ctrl, p, (e) => (first = e));
        Atomics.add(ctrl, CTRL.DONE, 1);
        tick?.(Atomics.load(ctrl, CTRL.DONE));
      }
      this.awaitStart();
    };
    this.run(plan, [], arena, { tick, help });
    for (const port of this.ports) {
      for (let m = this.wt.receiveMessageOnPort(port); m !== undefined; m = this.wt.receiveMessageOnPort(port)) {
        const e = (m.message as { pieceError?: PieceError }).pieceError;
        if (e !== undefined && (first === null || e.piece < (first as PieceError).piece)) first = e;
      }
    }
    return first;
  }

  /** The calling thread's part of a job: stage, publish, copy back, wait for the end. */
  private stage(plan: JobPlan, job: Job, data: readonly NumericData[], arena: SharedArrayBuffer | null, waiting: Waiting): void {
    const ctrl = this.ctrl;
    const id = job.id;
    const pieces = plan.bounds.length - 1;
    const regions = new Map<string, NumericData>();
    const region = (k: number, slot: number): NumericData => {
      const key = `${k}:${slot}`;
      let r = regions.get(key);
      if (r === undefined) {
        const src = plan.sources[k];
        const ctor = (globalThis as unknown as Record<string, TypedArrayCtor>)[src.ctor];
        const byteOffset = slot < 0 ? src.byteOffset : job.ringBase + slot * plan.slotBytes + src.byteOffset;
        r = new ctor(arena as SharedArrayBuffer, byteOffset, src.length);
        regions.set(key, r);
      }
      return r;
    };
    const copyOut = (p: number) => {
      plan.sources.forEach((src, k) => {
        if (src.mode === 'ring' && src.output) copyRegionOut(src, region(k, p % this.slots), data[k], p);
      });
    };
    plan.sources.forEach((src, k) => {
      if (src.mode === 'whole' && src.input) region(k, -1).set(data[k].subarray(src.lo, src.lo + src.length));
    });
    // Without ring slots to reuse, every piece is ready now.
    const ring = plan.sources.some((src) => src.mode === 'ring');
    if (!ring) {
      Atomics.store(ctrl, CTRL.PUBLISHED, pieces);
      Atomics.notify(ctrl, CTRL.PUBLISHED);
      waiting.help?.();
    }
    for (let p = 0; ring && p < pieces; p++) {
      if (p >= this.slots) {
        // The slot's previous piece must be done (and its output copied) before it is reused.
        if (!this.waitFor(() => Atomics.load(ctrl, slotWord(this.size, p % this.slots)) >= p - this.slots + 1, id)) break;
        copyOut(p - this.slots);
      }
      plan.sources.forEach((src, k) => {
        if (src.mode !== 'ring' || !src.input) return;
        const lo = (src.los as number[])[p];
        region(k, p % this.slots).set(data[k].subarray(lo, (src.his as number[])[p]));
      });
      Atomics.store(ctrl, CTRL.PUBLISHED, p + 1);
      Atomics.notify(ctrl, CTRL.PUBLISHED);
    }
    for (let p = Math.max(0, pieces - this.slots); ring && p < pieces; p++) {
      if (!this.waitFor(() => Atomics.load(ctrl, slotWord(this.size, p % this.slots)) >= p + 1, id)) break;
      copyOut(p);
    }
    this.awaitStart();
    const tick = waiting.tick;
    const finished = this.waitFor(() => this.allFinished(id), id, tick && (() => tick(Atomics.load(ctrl, CTRL.DONE))));
    if (!finished || Atomics.load(ctrl, CTRL.DONE) !== pieces) this.fail('during the call');
    plan.sources.forEach((src, k) => {
      if (src.mode === 'whole' && src.output) data[k].set(region(k, -1).subarray(0, src.length), src.lo);
    });
  }

  /** Whether every worker has finished job `id`. */
  private allFinished(id: number): boolean {
    for (let i = 0; i < this.size; i++) if (Atomics.load(this.ctrl, CTRL.WORKERS + i) !== id) return false;
    return true;
  }

  /** Sleeps until `cond` holds (true) or a fault is raised (false), calling `tick` at least 5 times a second. */
  private waitFor(cond: () => boolean, id: number, tick?: () => void): boolean {
    for (;;) {
      const event = Atomics.load(this.ctrl, CTRL.EVENT);
      if (Atomics.load(this.ctrl, CTRL.ERROR) !== 0) return false;
      if (cond()) return true;
      if (Atomics.load(this.ctrl, CTRL.JOB) !== id) return false;
      tick?.();
      Atomics.wait(this.ctrl, CTRL.EVENT, event, tick === undefined ? 1000 : 200);
    }
  }

  /**
   * After a fault: stops the surviving workers (they finish the piece in hand), so nothing
   * writes to the caller's memory after this call returns, closes the pool and throws.
   */
  private fail(what: string): never {
    const ctrl = this.ctrl;
    this.stop();
    const reasons: string[] = [];
    for (const port of [this.report, ...this.ports]) {
      for (let m = this.wt.receiveMessageOnPort(port); m !== undefined; m = this.wt.receiveMessageOnPort(port)) {
        const error = (m.message as { error?: string }).error;
        if (error !== undefined) reasons.push(error);
      }
    }
    const error = Atomics.load(ctrl, CTRL.ERROR);
    const kind = error === FAULT.EXITED ? 'stopped' : error === FAULT.THREW ? 'threw an error' : 'did not respond';
    this.closePorts();
    throw new ThreadError(`a worker thread ${kind} ${what} (${reasons.join('; ') || 'no reason given'}); no result was produced, and the next call starts a new pool`);
  }

  /** Aborts the job, waits (up to 10 s) until no live worker is still in it, and closes the pool. */
  private stop(): void {
    const ctrl = this.ctrl;
    Atomics.store(ctrl, CTRL.ABORT, 1);
    Atomics.notify(ctrl, CTRL.PUBLISHED);
    const deadline = Date.now() + 10_000;
    const id = Atomics.load(ctrl, CTRL.JOB);
    for (;;) {
      const event = Atomics.load(ctrl, CTRL.EVENT);
      let busy = false;
      for (let i = 0; i < this.size; i++) {
        const w = Atomics.load(ctrl, CTRL.WORKERS + i);
        if (w !== id && w !== DEAD && this.jobId > 0) busy = true;
      }
      if (!busy || Date.now() > deadline) break;
      Atomics.wait(ctrl, CTRL.EVENT, event, 100);
    }
    this.close(false);
  }

  /** Terminates the threads and releases the arena (`ports`: closes the message ports too). */
  close(ports = true): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctrl, CTRL.ABORT, 1);
    Atomics.store(this.ctrl, CTRL.JOB, -1);
    Atomics.notify(this.ctrl, CTRL.PUBLISHED);
    this.arena.release();
    if (ports) this.closePorts();
    this.supervisor.terminate().catch(() => undefined);
  }

  private closePorts(): void {
    for (const port of [this.report, ...this.ports]) port.close();
  }
}

/** Copies piece p's output region back to the caller's data. */
function copyRegionOut(src: SourcePlan, region: NumericData, data: NumericData, p: number): void {
  const lo = (src.los as number[])[p];
  data.set(region.subarray(0, (src.his as number[])[p] - lo), lo);
}

let current: Pool | null = null;

/** The pool of `size` workers, started (or restarted) as needed. */
export function pool(size: number): Pool {
  if (current !== null && (current.size !== size || !current.healthy)) closePool();
  if (current === null) current = new Pool(size);
  return current;
}

/** The running pool, if any. */
export function runningPool(): Pool | null {
  return current;
}

/** Shuts the pool down (threads and memory); the next call that needs it starts a new one. */
export function closePool(): void {
  current?.close();
  current = null;
}
