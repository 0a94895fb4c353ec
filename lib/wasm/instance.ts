/**
 * The one instance of the kernels module (lib/wasm/kernels.wat, embedded as base64 by
 * scripts/build-wasm.js), shared by lib/wasm/kernels.ts and lib/wasm/entropy-fast.ts: the
 * relaxed-SIMD build (fused multiply-add) when the engine validates it (Node 22+, or Node 20 with
 * `--experimental-wasm-relaxed-simd`), else the plain SIMD build; none when WebAssembly SIMD is
 * missing or switched off (`process.env.SCIPY_ENTROPY_NO_WASM === '1'`, read once at load, or
 * `globalThis.SCIPY_ENTROPY_NO_WASM === true` set before load). Where synchronous compilation is
 * refused (a browser main thread refuses modules over 4 KB), the module is compiled
 * asynchronously and handed to {@link whenLoaded}'s callbacks when ready.
 */
import { relEntrScalar } from '../math/convex-analysis.js';
import { KERNELS_FMA_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-bytes.js';

/** The module's exports (see lib/wasm/kernels.wat for each). */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly a_base: WebAssembly.Global;
  readonly b_base: WebAssembly.Global;
  readonly cols_base: WebAssembly.Global;
  readonly chunk: WebAssembly.Global;
  readonly abs_total: WebAssembly.Global;
  entr_map(src: number, dst: number, n: number): void;
  log_map(src: number, dst: number, n: number): void;
  entr_sum_fast(ptr: number, n: number, scale: number): number;
  entr_rows_fast(ptr: number, rows: number, len: number, scales: number, out: number): void;
  entr_cols_fast(ptr: number, n: number, k: number, scales: number, first: number, last: number): void;
  rel_entr_sum_fast(pa: number, pb: number, n: number, sa: number, sb: number): number;
  sum_cols(ptr: number, n: number, k: number, first: number): void;
  pq_sums(pa: number, pb: number, n: number): void;
  rel_entr_map_fast(pa: number, pb: number, dst: number, n: number): void;
  log_fast_map(src: number, dst: number, n: number): void;
}

let loaded: KernelExports | null = null;
let fmaBuild = false;
const waiting: ((e: KernelExports) => void)[] = [];

/** Calls `f` with the module's exports now if it is loaded, else once it is (never without wasm). */
export function whenLoaded(f: (e: KernelExports) => void): void {
  if (loaded !== null) f(loaded);
  else waiting.push(f);
}

/** Whether the module is loaded, and whether it is the relaxed-SIMD (FMA) build. */
export const kernelModule: { readonly loaded: boolean; readonly fma: boolean } = {
  get loaded(): boolean {
    return loaded !== null;
  },
  get fma(): boolean {
    return fmaBuild;
  },
};

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lookup = new Uint8Array(128);
  for (let i = 0; i < 64; i++) lookup[alphabet.charCodeAt(i)] = i;
  let len = s.length;
  while (len > 0 && s[len - 1] === '=') len--;
  const out = new Uint8Array((len * 3) >> 2);
  let bits = 0, nbits = 0, o = 0;
  for (let i = 0; i < len; i++) {
    bits = ((bits << 6) | lookup[s.charCodeAt(i)]) & 0xffffff;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out[o++] = (bits >> nbits) & 255;
    }
  }
  return out;
}

function disabledByEnvironment(): boolean {
  const g = globalThis as {
    SCIPY_ENTROPY_NO_WASM?: unknown;
    process?: { env?: Record<string, string | undefined> };
  };
  if (g.SCIPY_ENTROPY_NO_WASM === true) return true;
  try {
    return g.process?.env?.SCIPY_ENTROPY_NO_WASM === '1';
  } catch {
    return false; // a sandbox that forbids reading the environment
  }
}

function adopt(instance: WebAssembly.Instance, fma: boolean): void {
  loaded = instance.exports as unknown as KernelExports;
  fmaBuild = fma;
  for (const f of waiting.splice(0)) f(loaded);
}

function load(): void {
  if (typeof WebAssembly !== 'object' || disabledByEnvironment()) return;
  const imports = { env: { rel_entr: relEntrScalar } };
  for (const [text, fma] of [[KERNELS_FMA_WASM_BASE64, true], [KERNELS_WASM_BASE64, false]] as const) {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = decodeBase64(text);
      if (!WebAssembly.validate(bytes)) continue; // no relaxed SIMD (or no SIMD) in this engine
    } catch {
      continue;
    }
    try {
      adopt(new WebAssembly.Instance(new WebAssembly.Module(bytes), imports), fma);
    } catch {
      // e.g. a browser main thread that refuses synchronous compilation: go asynchronous
      try {
        WebAssembly.instantiate(bytes, imports).then(
          (r) => adopt(r.instance, fma),
          () => undefined,
        );
      } catch {
        // stay on the TypeScript path
      }
    }
    return;
  }
}

load();
