/**
 * The entry of the supervisor thread's code (bundled by scripts/build-worker.js, apart from the
 * workers' code, into `SUPERVISOR_SOURCE` in lib/threads/worker-source.ts): it only starts and
 * watches the workers, so it loads a few kilobytes instead of the engine (~40 ms less CPU for
 * every pool start).
 */
import { workerThreads } from './node.js';
import { supervise, type SupervisorData } from './supervisor.js';

const wt = workerThreads();
const data = wt?.workerData as SupervisorData | undefined;
if (wt !== null && data?.role === 'supervisor') supervise(wt, data);
