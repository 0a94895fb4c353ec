/**
 * Tasks: work a pool thread does on its own, piece by piece, with no data from the calling
 * thread (e.g. the command line's workers reading row ranges of a file themselves). A task is a
 * function registered by name in the workers' code (scripts/build-worker.js bundles the modules
 * that register them with the workers' entry); a `task` job names it, with arguments the structured clone
 * can copy, and its pieces run it with the job's shared memory (the arena) for their results.
 */
import { CTRL, type PieceError, type TaskKey } from './protocol.js';

/** A task: computes piece `piece` of a job from `args`, writing its results into `arena`. */
export type Task = (args: unknown, piece: number, arena: SharedArrayBuffer | null) => void;

const TASKS = new Map<string, Task>();

/** Makes `task` runnable by `name` in this thread. */
export function registerTask(name: string, task: Task): void {
  TASKS.set(name, task);
}

/** The task of a name. */
export function taskFor(name: string): Task {
  const t = TASKS.get(name);
  if (t === undefined) throw new TypeError(`no task named ${JSON.stringify(name)}`);
  return t;
}

/**
 * Runs piece p of a task (on a pool thread, or on the calling thread while the pool starts),
 * unless an earlier piece failed; a failure goes to `report` and lowers `CTRL.FAILED` to p, so
 * later pieces are skipped and the earliest failure is the one kept.
 */
export function runTaskPiece(task: TaskKey, arena: SharedArrayBuffer | null, ctrl: Int32Array, p: number, report: (e: PieceError) => void): void {
  if (p > Atomics.load(ctrl, CTRL.FAILED)) return;
  try {
    taskFor(task.name)(task.args, p, arena);
  } catch (err) {
    const e = err as Error;
    report({ piece: p, name: e?.name ?? 'Error', message: e?.message ?? String(err) });
    for (let f = Atomics.load(ctrl, CTRL.FAILED); p < f; f = Atomics.load(ctrl, CTRL.FAILED)) {
      if (Atomics.compareExchange(ctrl, CTRL.FAILED, f, p) === f) break;
    }
  }
}
