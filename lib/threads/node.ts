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
  Worker: new (code: string, options: { eval: true; workerData: unknown; transferList?: readonly unknown[]; execArgv?: string[]; stdout?: boolean; stderr?: boolean }) => WorkerHandle;
  MessageChannel: new () => { port1: Port; port2: Port };
  receiveMessageOnPort(port: Port): { message: unknown } | undefined;
  parentPort: Port | null;
  workerData: unknown;
  isMainThread: boolean;
}

interface NodeProcess {
  getBuiltinModule?: (name: string) => unknown;
  execArgv?: string[];
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

/**
 * The Node options for a thread that runs eval'd CommonJS code: undefined (inherit this
 * process's) unless they set `--input-type`, which would make that code an ES module
 * (`node --input-type=module -e ...`); then none (V8 flags such as
 * `--experimental-wasm-relaxed-simd` are process-wide and still apply; Worker rejects them in
 * `execArgv` anyway).
 */
export function threadExecArgv(): string[] | undefined {
  const argv = nodeProcess()?.execArgv ?? [];
  return argv.some((a) => a === '--input-type' || a.startsWith('--input-type=')) ? [] : undefined;
}
