/**
 * Node's `worker_threads` and `os`, reached only when threads are asked for and only through
 * `process.getBuiltinModule` (Node >= 20.16 / 22.3): nothing here is imported at load time, so
 * bundlers and browsers never see a Node module. The interfaces declare the little this folder
 * uses (the library is compiled without Node's types).
 */

/** A `MessagePort` (either end of a `MessageChannel`). */
export interface Port {
  postMessage(value: unknown, transfer?: readonly unknown[]): void;
  on(event: 'message', listener: (value: unknown) => void): void;
  unref(): void;
  close(): void;
}

/** A `Worker` handle. */
export interface WorkerHandle {
  postMessage(value: unknown, transfer?: readonly unknown[]): void;
  on(event: 'error' | 'exit' | 'message', listener: (value: unknown) => void): void;
  unref(): void;
  terminate(): Promise<number>;
}

/** The parts of `node:worker_threads` the pool uses. */
export interface WorkerThreads {
  Worker: new (code: string, options: { eval: true; workerData: unknown; transferList?: readonly unknown[]; stdout?: boolean; stderr?: boolean }) => WorkerHandle;
  MessageChannel: new () => { port1: Port; port2: Port };
  receiveMessageOnPort(port: Port): { message: unknown } | undefined;
  parentPort: Port | null;
  workerData: unknown;
  isMainThread: boolean;
}

interface NodeProcess {
  getBuiltinModule?: (name: string) => unknown;
  env?: Record<string, string | undefined>;
}

function nodeProcess(): NodeProcess | undefined {
  const p = (globalThis as { process?: NodeProcess }).process;
  return typeof p === 'object' && p !== null ? p : undefined;
}

/** `node:worker_threads`, or null outside Node (or on a Node without `getBuiltinModule`). */
export function workerThreads(): WorkerThreads | null {
  const get = nodeProcess()?.getBuiltinModule;
  if (typeof get !== 'function' || typeof SharedArrayBuffer !== 'function' || typeof Atomics !== 'object') return null;
  return (get('node:worker_threads') as WorkerThreads | undefined) ?? null;
}

/** The number of cores this process may use (Node's `os.availableParallelism`), at least 1. */
export function availableCores(): number {
  const os = nodeProcess()?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number; cpus?: () => unknown[] } | undefined;
  const n = os?.availableParallelism?.() ?? os?.cpus?.().length ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === 'number' && n >= 1 ? Math.floor(n) : 1;
}

/** An environment variable, or undefined outside Node. */
export function envVar(name: string): string | undefined {
  return nodeProcess()?.env?.[name];
}
