/**
 * WebAssembly SIMD kernel for the elementwise `entr` map (and the kernels' first logarithm, for
 * accuracy tests), with a pure-TypeScript fallback; the sums and the elementwise `rel_entr` map
 * are in lib/wasm/entropy-fast.ts. The module is lib/wasm/kernels.wat, assembled into
 * lib/wasm/kernels-bytes.ts by scripts/build-wasm.js and embedded as base64, so it loads in
 * Node and in browsers without file access.
 *
 * Each function copies its input into wasm memory in chunks of {@link WASM_CHUNK} elements
 * (a `TypedArray.set` of a `subarray` view, i.e. a memcpy), runs the kernel there and copies
 * the results out. Results agree with `entrScalar` of lib/math/convex-analysis.ts to within a
 * few ulps per term (the kernel's logarithm is within 1 ulp; see spec/wasm/kernels.spec.ts);
 * that same definition is the TypeScript fallback.
 *
 * Wasm is used when lib/wasm/instance.ts has loaded the module (WebAssembly SIMD present and not
 * switched off by `SCIPY_ENTROPY_NO_WASM`); until then, or without wasm, the same functions run
 * plain TypeScript loops.
 */
import { entrScalar } from '../math/convex-analysis.js';
import { type KernelExports, whenLoaded } from './instance.js';

/** Elements copied into wasm memory per kernel call. */
export const WASM_CHUNK = 4096;

// ---- loading ---------------------------------------------------------------------------------

let ex: KernelExports | null = null;
let memF64 = new Float64Array(0);
/** Byte offset of the input region, and its Float64Array index. */
let A = 0, A8 = 0;

function adopt(e: KernelExports): void {
  if ((e.chunk.value as number) < WASM_CHUNK) return;
  memF64 = new Float64Array(e.memory.buffer);
  A = e.a_base.value as number;
  A8 = A >> 3;
  ex = e;
}

whenLoaded(adopt);

/**
 * Whether the wasm kernels are in use (false when WebAssembly SIMD is missing, when switched
 * off by `SCIPY_ENTROPY_NO_WASM`, or while an asynchronous compilation is pending). The
 * functions below work either way; this only tells which path they take.
 */
export const wasm: { readonly available: boolean } = {
  get available(): boolean {
    return ex !== null;
  },
};

// ---- argument checks -------------------------------------------------------------------------

function checkRange(name: string, arr: { length: number }, off: number, n: number): void {
  if (!(off >= 0 && n >= 0 && off + n <= arr.length) || off !== Math.floor(off) || n !== Math.floor(n)) {
    throw new RangeError(
      `\`${name}\`: elements [${off}, ${off + n}) are not within an array of length ${arr.length}`,
    );
  }
}

// ---- elementwise maps ------------------------------------------------------------------------

/**
 * `dst[dOff + i] = entr(src[so + i])` for `i < n`, where entr(x) = -x log x for x > 0, 0 for
 * x = 0 (and -0), -inf for x < 0 and for x = +-inf, NaN for NaN.
 * `src` and `dst` may be the same array, even overlapping ranges as long as `dOff <= so`.
 *
 * @throws {RangeError} when a range is out of bounds.
 * @example
 * const out = new Float64Array(3);
 * entrMapWasm(Float64Array.of(0.5, 0, -1), 0, out, 0, 3); // out => [0.34657359027997264, 0, -Infinity]
 */
export function entrMapWasm(src: Float64Array, so: number, dst: Float64Array, dOff: number, n: number): void {
  checkRange('src', src, so, n);
  checkRange('dst', dst, dOff, n);
  const e = ex;
  if (e === null) {
    for (let i = 0; i < n; i++) dst[dOff + i] = entrScalar(src[so + i]);
    return;
  }
  const mem = memF64;
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(src.subarray(so + off, so + off + m), A8);
    e.entr_map(A, A, m);
    dst.set(mem.subarray(A8, A8 + m), dOff + off);
  }
}

/**
 * `dst[i] = log(src[i])` by the kernels' own logarithm, for accuracy tests. Returns false
 * (and leaves `dst` alone) when wasm is not in use.
 * @internal
 */
export function logMapWasm(src: Float64Array, dst: Float64Array): boolean {
  const e = ex;
  if (e === null) return false;
  const n = Math.min(src.length, dst.length);
  const mem = memF64;
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(src.subarray(off, off + m), A8);
    e.log_map(A, A, m);
    dst.set(mem.subarray(A8, A8 + m), off);
  }
  return true;
}
