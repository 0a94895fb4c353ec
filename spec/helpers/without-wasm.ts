/**
 * `load()` run in a fresh module registry with `SCIPY_ENTROPY_NO_WASM=1`, so the modules it
 * requires load without WebAssembly (the TypeScript path); the environment is restored after.
 */
export function withoutWasm<T>(load: () => T): T {
  const saved = process.env.SCIPY_ENTROPY_NO_WASM;
  process.env.SCIPY_ENTROPY_NO_WASM = '1';
  try {
    let got: T | undefined;
    jest.isolateModules(() => {
      got = load();
    });
    return got as T;
  } finally {
    if (saved === undefined) delete process.env.SCIPY_ENTROPY_NO_WASM;
    else process.env.SCIPY_ENTROPY_NO_WASM = saved;
  }
}
