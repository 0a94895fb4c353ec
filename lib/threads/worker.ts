/**
 * The entry of the code every pool worker runs (bundled by scripts/build-worker.js into
 * lib/threads/worker-source.ts and started by the supervisor with `new Worker(code, { eval:
 * true })`): a worker that serves jobs posted on its port.
 */
import { workerThreads } from './node.js';
import { CTRL, type Job } from './protocol.js';
import { serve } from './serve.js';
import { setThreads } from './settings.js';
import type { WorkerData } from './supervisor.js';

// Pool threads compute on one thread each, whatever SCIPY_ENTROPY_THREADS says.
setThreads(1);

const wt = workerThreads();
const data = wt?.workerData as WorkerData | undefined;
if (wt !== null && data?.role === 'worker') {
  const { ctrl, index, workers, port } = data;
  port.on('message', (job) => serve(job as Job, ctrl, index, workers, port));
  Atomics.add(ctrl, CTRL.READY, 1);
  Atomics.add(ctrl, CTRL.EVENT, 1);
  Atomics.notify(ctrl, CTRL.EVENT);
}
