/**
 * WebAssembly SIMD kernels for the elementwise `entr` and `rel_entr` maps (and the kernels' first
 * logarithm, for accuracy tests), with a pure-TypeScript fallback; the sums are in
 * lib/wasm/entropy-fast.ts. The module is lib/wasm/kernels.wat, assembled into
 * lib/wasm/kernels-bytes.ts by scripts/build-wasm.js and embedded as base64, so it loads in
 * Node and in browsers without file access.
 *
 * Each function copies its input into wasm memory in chunks of {@link WASM_CHUNK} elements
 * (a `TypedArray.set` of a `subarray` view, i.e. a memcpy), runs the kernel there and copies
 * the results out. Results agree with `entrScalar` / `relEntrScalar`
 * of lib/math/convex-analysis.ts to within a few ulps per term (the kernel's logarithm is within
 * 1 ulp; see spec/wasm/kernels.spec.ts); those same definitions are the module's slow path and
 * the TypeScript fallback.
 *
 * Wasm is used when lib/wasm/instance.ts has loaded the module (WebAssembly SIMD present and not
 * switched off by `SCIPY_ENTROPY_NO_WASM`); until then, or without wasm, the same functions run
 * plain TypeScript loops.
 */
import { entrScalar, relEntrScalar } from '../math/convex-analysis.js';
import { type KernelExports, whenLoaded } from './instance.js';

/** Elements copied into wasm memory per kernel call. */
export const WASM_CHUNK = 4096;

// ---- loading ---------------------------------------------------------------------------------

let ex: KernelExports | null = null;
let memF64 = new Float64Array(0);
/** Byte offsets of the two input regions, and their Float64Array indices. */
let A = 0, B = 0, A8 = 0, B8 = 0;

function adopt(e: KernelExports): void {
  if ((e.chunk.value as number) < WASM_CHUNK) return;
  memF64 = new Float64Array(e.memory.buffer);
  A = e.a_base.value as number;
  B = e.b_base.value as number;
  A8 = A >> 3;
  B8 = B >> 3;
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
 * `dst[dOff + i] = rel_entr(a[ao + i], b[bo + i * bstride])` for `i < n`: `bstride` 1 walks `b`,
 * 0 broadcasts the scalar `b[bo]`, with SciPy's piecewise rel_entr: NaN if either is NaN; for
 * x <= 0 or y <= 0, 0 when x = 0 and y >= 0, else +inf; x log1p((x - y)/y) when
 * 0.5 < x/y < 2; x log(x/y) when x/y is normal and finite; else x (log x - log y).
 *
 * @throws {RangeError} when a range is out of bounds.
 * @example
 * const out = new Float64Array(2);
 * relEntrMapWasm(Float64Array.of(1, 0), 0, Float64Array.of(2), 0, 0, out, 0, 2); // out => [-0.6931471805599453, 0]
 */
export function relEntrMapWasm(
  a: Float64Array, ao: number, b: Float64Array, bo: number, bstride: 0 | 1,
  dst: Float64Array, dOff: number, n: number,
): void {
  checkRange('a', a, ao, n);
  checkRange('b', b, bo, bstride === 0 ? (n > 0 ? 1 : 0) : n);
  checkRange('dst', dst, dOff, n);
  const e = ex;
  if (e === null) {
    if (bstride === 0) {
      const y = b[bo];
      for (let i = 0; i < n; i++) dst[dOff + i] = relEntrScalar(a[ao + i], y);
    } else {
      for (let i = 0; i < n; i++) dst[dOff + i] = relEntrScalar(a[ao + i], b[bo + i]);
    }
    return;
  }
  const mem = memF64;
  if (bstride === 0 && n > 0) mem[B8] = b[bo];
  for (let off = 0; off < n; off += WASM_CHUNK) {
    const m = n - off < WASM_CHUNK ? n - off : WASM_CHUNK;
    mem.set(a.subarray(ao + off, ao + off + m), A8);
    if (bstride !== 0) mem.set(b.subarray(bo + off, bo + off + m), B8);
    e.rel_entr_map(A, B, A, m, bstride === 0 ? 0 : 1);
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
