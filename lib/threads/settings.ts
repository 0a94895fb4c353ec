/**
 * How many threads large calls use: `setThreads(n)`, else the environment variable
 * `SCIPY_ENTROPY_THREADS`, else 1 (no threads: nothing changes for a user who does not ask).
 */
import { ThreadError, ValueError } from '../errors.js';
import { availableCores, envVar, workerThreads } from './node.js';
import { insidePoolCall } from './nesting.js';
import { closePool } from './pool.js';

/** The most threads accepted. */
export const MAX_THREADS = 256;

let chosen: number | null = null;

/** `n`, or all cores for 0 and `auto`; null for anything else. */
function parse(n: unknown): number | null {
  if (n === 'auto' || n === 0 || n === '0') return availableCores();
  if (typeof n === 'string' && /^\s*\d+\s*$/.test(n)) return parse(Number(n));
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_THREADS) return n;
  return null;
}

/**
 * Sets how many worker threads large calls use (Node only). `1` turns threads off and shuts the
 * pool down (its threads and shared buffers); `0` or `'auto'` uses every available core. The pool
 * starts on the first call large enough to use it; its threads never keep a process alive.
 * Results are bit for bit the same for every thread count.
 *
 * @param n - a whole number from 0 to 256, or `'auto'`.
 * @throws {TypeError} for a value that is not a number or `'auto'`; {@link ValueError} for a
 *   number out of range or not whole; {@link ThreadError} for n > 1 where worker threads are not
 *   available (browsers, Node < 20.16).
 * @example
 * setThreads(4);  // large calls now run on 4 worker threads
 * getThreads();   // => 4
 * setThreads(1);  // threads off, pool closed
 */
export function setThreads(n: number | 'auto'): void {
  if (typeof n !== 'number' && n !== 'auto') throw new TypeError(`setThreads() takes a number or 'auto'; got ${typeof n === 'string' ? JSON.stringify(n) : typeof n}`);
  const count = parse(n);
  if (count === null) throw new ValueError(`setThreads() takes a whole number from 0 to ${MAX_THREADS} or 'auto'; got ${String(n)}`);
  if (count > 1 && workerThreads() === null) {
    throw new ThreadError(`setThreads(${String(n)}): worker threads need Node >= 20.16 (worker_threads, SharedArrayBuffer and Atomics), not available here`);
  }
  chosen = count;
  if (count === 1) closePool();
}

/**
 * The number of threads large calls use: set by {@link setThreads}, else read once from
 * `SCIPY_ENTROPY_THREADS` (a whole number, or `0` / `auto` for every core), else 1. Where
 * worker threads are not available the variable is ignored (1), and so is every setting while the
 * calling thread is inside a pool call (lib/threads/nesting.ts).
 * @throws {ValueError} when `SCIPY_ENTROPY_THREADS` holds anything else.
 */
export function getThreads(): number {
  if (insidePoolCall()) return 1;
  if (chosen === null) {
    const env = envVar('SCIPY_ENTROPY_THREADS');
    if (env === undefined || env.trim() === '') {
      chosen = 1;
    } else {
      const count = parse(env.trim());
      if (count === null) throw new ValueError(`SCIPY_ENTROPY_THREADS must be a whole number from 0 to ${MAX_THREADS} or 'auto'; got ${JSON.stringify(env)}`);
      chosen = workerThreads() === null ? 1 : count;
    }
  }
  return chosen;
}

/**
 * Shuts the pool down now (threads and shared buffers), keeping the thread count: the next
 * large call starts a new pool. Call it to free the memory between bursts of work.
 */
export function closeThreads(): void {
  closePool();
}
