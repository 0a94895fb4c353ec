/**
 * Whether the calling thread is inside a pool call: computing a task's pieces while the workers
 * start, or reporting progress. Library calls made there run on the calling thread (the pool is
 * busy with the call, and a second job on it would wait for the first forever).
 */
let depth = 0;

/** Whether a pool call is running on this thread. */
export function insidePoolCall(): boolean {
  return depth > 0;
}

/** Runs `f` as part of a pool call. */
export function asPoolCall<T>(f: () => T): T {
  depth++;
  try {
    return f();
  } finally {
    depth--;
  }
}
