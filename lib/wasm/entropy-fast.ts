/**
 * The table-log kernels of lib/wasm/kernels.wat (`entr_sum_fast`, `log_fast_map`): per-row
 * Shannon sums in one pass, and a logarithm within 1 ulp. Loads the relaxed-SIMD (FMA) build of
 * the module when the engine validates it (Node 22+, or Node 20 with
 * `--experimental-wasm-relaxed-simd`), else the plain SIMD build; neither when WebAssembly SIMD
 * is missing or `SCIPY_ENTROPY_NO_WASM` switches wasm off (then {@link fastKernels}`.available`
 * is false and the callers keep their TypeScript paths).
 *
 * Data is copied into wasm memory in chunks of {@link FAST_CHUNK} elements; chunk sums are
 * combined pairwise (the kernel combines its 512-element blocks pairwise within a chunk).
 */
import { KERNELS_FMA_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels-bytes.js';

interface FastExports {
  readonly memory: WebAssembly.Memory;
  readonly a_base: WebAssembly.Global;
  entr_sum_fast(ptr: number, n: number, scale: number): number;
  log_fast_map(src: number, dst: number, n: number): void;
}

/** Elements copied into wasm memory per kernel call. */
export const FAST_CHUNK = 4096;

let ex: FastExports | null = null;
let fma = false;
let mem = new Float64Array(0);
let A = 0, A8 = 0;

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const lookup = new Uint8Array(128);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) lookup[alphabet.charCodeAt(i)] = i;
  let len = s.length;
  while (len > 0 && s[len - 1] === '=') len--;
  const out = new Uint8Array((len * 3) >> 2);
  for (let i = 0, bits = 0, nbits = 0, o = 0; i < len; i++) {
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
  const g = globalThis as { SCIPY_ENTROPY_NO_WASM?: unknown; process?: { env?: Record<string, string | undefined> } };
  if (g.SCIPY_ENTROPY_NO_WASM === true) return true;
  try {
    return g.process?.env?.SCIPY_ENTROPY_NO_WASM === '1';
  } catch {
    return false;
  }
}

/** rel_entr is imported by the module's other kernels; these never call it. */
function noRelEntr(): number {
  throw new TypeError('entropy-fast: the rel_entr import is not served by this instance');
}

function load(): void {
  if (typeof WebAssembly !== 'object' || disabledByEnvironment()) return;
  for (const [text, isFma] of [[KERNELS_FMA_WASM_BASE64, true], [KERNELS_WASM_BASE64, false]] as const) {
    try {
      const bytes = decodeBase64(text);
      if (!WebAssembly.validate(bytes)) continue;
      const e = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { rel_entr: noRelEntr } })
        .exports as unknown as FastExports;
      ex = e;
      fma = isFma;
      mem = new Float64Array(e.memory.buffer);
      A = e.a_base.value as number;
      A8 = A >> 3;
      return;
    } catch {
      // e.g. a browser main thread that refuses synchronous compilation: try the next, or none
    }
  }
}

load();

/** Whether the table-log kernels are in use, and whether they run the FMA build. */
export const fastKernels: { readonly available: boolean; readonly fma: boolean } = {
  get available(): boolean {
    return ex !== null;
  },
  get fma(): boolean {
    return fma;
  },
};

/** Partial sums of a binary counter over chunks. */
const stack = new Float64Array(64);

/**
 * Sum over `i < n` of `entr(a[ao + i] * scale)` (entr(x) = -x log x; 0 at 0; -inf for x < 0
 * and x = inf; NaN for NaN), by the table-log kernel. Call only when
 * {@link fastKernels}`.available`; `[ao, ao + n)` must lie within `a` (not checked here: the
 * engine's kernels are called with ranges it has computed).
 *
 * @example
 * entrSumFast(Float64Array.of(1, 1), 0, 2, 0.5); // => 0.6931471805599453
 */
export function entrSumFast(a: Float64Array, ao: number, n: number, scale: number): number {
  const e = ex as FastExports;
  const m64 = mem;
  if (n <= FAST_CHUNK) {
    if (n <= 32) for (let i = 0; i < n; i++) m64[A8 + i] = a[ao + i];
    else m64.set(a.subarray(ao, ao + n), A8);
    return e.entr_sum_fast(A, n, scale);
  }
  let top = 0;
  let count = 0;
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    m64.set(a.subarray(ao + off, ao + off + m), A8);
    let s = e.entr_sum_fast(A, m, scale);
    for (let c = count++; c & 1; c >>>= 1) s = stack[--top] + s;
    stack[top++] = s;
  }
  let total = stack[--top];
  while (top > 0) total = stack[--top] + total;
  return total;
}

/**
 * `dst[i] = log(src[i])` for `i < min(src.length, dst.length)` by the table log (within 1 ulp;
 * log 0 = -inf, log of a negative = NaN, log inf = inf). Returns false, and leaves `dst` alone,
 * when the kernels are not in use.
 *
 * @example
 * const y = new Float64Array(2);
 * logMapFast(Float64Array.of(1, Math.E), y); // y => [0, 1]
 */
export function logMapFast(src: Float64Array, dst: Float64Array): boolean {
  const e = ex;
  if (e === null) return false;
  const n = Math.min(src.length, dst.length);
  for (let off = 0; off < n; off += FAST_CHUNK) {
    const m = n - off < FAST_CHUNK ? n - off : FAST_CHUNK;
    mem.set(src.subarray(off, off + m), A8);
    e.log_fast_map(A, A, m);
    dst.set(mem.subarray(A8, A8 + m), off);
  }
  return true;
}
