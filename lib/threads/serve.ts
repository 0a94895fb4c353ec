/**
 * A worker's side of a job: claim pieces, wait until their input is published, run the same
 * engine code the main thread would run on the piece's view, write the values, report.
 */
import { walk } from '../ndarray/elementwise.js';
import { NDArray, type NumericData } from '../ndarray/ndarray.js';
import { reduceSlices } from '../ndarray/reduce/reduce.js';
import { CTRL, FAULT, type FaultInjection, type Job, type OperandPlan, slotWord } from './protocol.js';
import { binaryFor, reductionFor } from './registry.js';
import { runTaskPiece } from './tasks.js';
import { type Port, workerThreads } from './node.js';

type TypedArrayCtor = new (buffer: SharedArrayBuffer, byteOffset: number, length: number) => NumericData;

/** Typed-array views of the job's memory, made once per job and source (and slot). */
class Views {
  private readonly cache = new Map<number, NumericData>();
  constructor(private readonly job: Job) {}

  /** Source k's data as seen by piece p, and the index in the caller's data of its element 0. */
  get(k: number, p: number): { data: NumericData; base: number } {
    const src = this.job.sources[k];
    if (src.mode === 'shared') return { data: src.data as NumericData, base: 0 };
    const slot = src.mode === 'ring' ? p % this.job.slots : -1;
    const key = k * 4096 + slot + 1;
    let data = this.cache.get(key);
    if (data === undefined) {
      const ctor = (globalThis as unknown as Record<string, TypedArrayCtor>)[src.ctor];
      const byteOffset = src.mode === 'ring' ? this.job.ringBase + slot * this.job.slotBytes + src.byteOffset : src.byteOffset;
      data = new ctor(this.job.arena as SharedArrayBuffer, byteOffset, src.length);
      this.cache.set(key, data);
    }
    return { data, base: src.mode === 'ring' ? (src.los as number[])[p] : src.lo };
  }
}

/** Operand `op` restricted to `[s, e)` along the split axis, over its staged (or shared) memory. */
function view(views: Views, job: Job, op: OperandPlan, p: number): NDArray {
  const s = job.bounds[p];
  const shape = op.shape.slice();
  shape[job.axis] = job.bounds[p + 1] - s;
  const { data, base } = views.get(op.source, p);
  return new NDArray(data, shape, op.strides, op.offset + s * op.strides[job.axis] - base, op.dtype);
}

/** Computes piece p. */
function runPiece(job: Job, views: Views, p: number): void {
  const a = view(views, job, job.a, p);
  const b = view(views, job, job.b, p);
  const s = job.bounds[p];
  const { data: out, base } = views.get(job.out.source, p);
  if (job.kind === 'reduce') {
    const key = job.reduction!;
    const { values } = reduceSlices(a, b, job.axes, job.omit, reductionFor(key.name), key.params);
    (out as Float64Array).set(values, job.out.offset + s * job.outPerIndex - base);
  } else {
    walk(a, b, out as Float64Array | Float32Array, job.out.offset + s * job.out.strides[job.axis] - base, binaryFor(job.binary!).row);
  }
}

/** Test hook: exits, throws, or asks the supervisor to terminate this thread and hangs until it does. */
function injectFault(fault: FaultInjection, ctrl: Int32Array): void {
  if (fault.kind === 'exit') (globalThis as unknown as { process: { exit(code: number): never } }).process.exit(70);
  if (fault.kind === 'throw') throw new Error('injected fault');
  workerThreads()?.parentPort?.postMessage({ terminateMe: true });
  for (;;) Atomics.wait(ctrl, CTRL.JOB, Atomics.load(ctrl, CTRL.JOB));
}

function bump(ctrl: Int32Array): void {
  Atomics.add(ctrl, CTRL.EVENT, 1);
  Atomics.notify(ctrl, CTRL.EVENT);
}

/**
 * Runs job pieces until none is left (or the main thread aborts); then records the job as
 * finished by this worker. An exception is reported on `port` and as `FAULT.THREW`.
 */
export function serve(job: Job, ctrl: Int32Array, index: number, workers: number, port: Port): void {
  const views = new Views(job);
  const pieces = job.bounds.length - 1;
  try {
    for (;;) {
      if (Atomics.load(ctrl, CTRL.ABORT) !== 0 || Atomics.load(ctrl, CTRL.ERROR) !== 0) break;
      const p = Atomics.add(ctrl, CTRL.CLAIMED, 1);
      if (p >= pieces) break;
      for (;;) {
        const published = Atomics.load(ctrl, CTRL.PUBLISHED);
        if (published > p || Atomics.load(ctrl, CTRL.ABORT) !== 0) break;
        Atomics.wait(ctrl, CTRL.PUBLISHED, published, 1000);
      }
      if (Atomics.load(ctrl, CTRL.ABORT) !== 0) break;
      if (job.fault !== undefined && job.fault.piece === p) injectFault(job.fault, ctrl);
      if (job.kind === 'task') runTaskPiece(job.task!, job.arena, ctrl, p, (pieceError) => port.postMessage({ pieceError }));
      else runPiece(job, views, p);
      Atomics.store(ctrl, slotWord(workers, p % job.slots), p + 1);
      Atomics.add(ctrl, CTRL.DONE, 1);
      bump(ctrl);
    }
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    Atomics.store(ctrl, CTRL.ERROR, FAULT.THREW);
    Atomics.notify(ctrl, CTRL.PUBLISHED);
  } finally {
    Atomics.store(ctrl, CTRL.WORKERS + index, job.id);
    bump(ctrl);
  }
}
