/**
 * The pool's supervisor thread: it starts the workers and watches them. The main thread sleeps in
 * `Atomics.wait` during a call and cannot receive a worker's `exit` or `error` event; the
 * supervisor, idle otherwise, can: it marks the worker dead, raises `FAULT.EXITED` and wakes
 * everyone, so the call fails at once instead of waiting forever.
 */
import { CTRL, DEAD, FAULT } from './protocol.js';
import type { Port, WorkerHandle, WorkerThreads } from './node.js';

/** What the main thread gives the supervisor. */
export interface SupervisorData {
  role: 'supervisor';
  code: string;
  ctrl: Int32Array;
  ports: Port[];
  report: Port;
}

/** What the supervisor gives each worker. */
export interface WorkerData {
  role: 'worker';
  index: number;
  workers: number;
  ctrl: Int32Array;
  port: Port;
}

/** Starts the workers and reports their deaths on `report`. */
export function supervise(wt: WorkerThreads, data: SupervisorData): void {
  const { code, ctrl, ports, report } = data;
  const n = ports.length;
  const workers: WorkerHandle[] = [];
  const dead = new Array<boolean>(n).fill(false);
  const died = (i: number, why: string) => {
    if (dead[i]) return;
    dead[i] = true;
    report.postMessage({ error: `worker ${i} ${why}` });
    Atomics.store(ctrl, CTRL.WORKERS + i, DEAD);
    Atomics.store(ctrl, CTRL.ERROR, FAULT.EXITED);
    Atomics.add(ctrl, CTRL.EVENT, 1);
    Atomics.notify(ctrl, CTRL.EVENT);
    Atomics.notify(ctrl, CTRL.PUBLISHED);
  };
  for (let i = 0; i < n; i++) {
    const workerData: WorkerData = { role: 'worker', index: i, workers: n, ctrl, port: ports[i] };
    const w = new wt.Worker(code, { eval: true, workerData, transferList: [ports[i]] });
    w.on('error', (err) => died(i, `crashed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`));
    w.on('exit', (exitCode) => died(i, `exited (code ${String(exitCode)})`));
    // Test hook (FaultInjection 'terminate'): a worker asks to be terminated mid-call.
    w.on('message', () => void w.terminate());
    workers.push(w);
  }
}
