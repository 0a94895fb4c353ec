/**
 * Tasks: work a pool thread does on its own, piece by piece, with no data from the calling
 * thread (e.g. the command line's workers reading row ranges of a file themselves). A task is a
 * function registered by name in the workers' code (the entry, lib/threads/worker.ts, imports
 * the modules that register them); a `task` job names it, with arguments the structured clone
 * can copy, and its pieces run it with the job's shared memory (the arena) for their results.
 */

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
