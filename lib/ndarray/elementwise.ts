/**
 * The elementwise engine behind the `scipy.special` ufuncs: numpy broadcasting of the operands,
 * a C-order float64 result, and a walk that hands each innermost row to a row kernel (one tight
 * loop per function, so the scalar function inlines into it; a shared loop calling a function
 * argument would make every call site megamorphic).
 */
import { describeValue, ValueError } from '../errors.js';
import { asarray, type ArrayLike, isStridedArray } from './create.js';
import { broadcastShapes } from './broadcast.js';
import { type DType, isScijsArray, NDArray, type NumericData, type ScijsArray } from './ndarray.js';
import { allocate, formatShape, sameShape, sizeOf } from './shape.js';
import { parallelMap } from '../threads/parallel-map.js';

/** Options of the elementwise functions. */
export interface UfuncOptions {
  /**
   * Where to write the result, as numpy's `out=`: a C-contiguous float64 or float32 array of the
   * broadcast shape (an `NDArray`, a scijs or stdlib-js view over a typed array, or a
   * `Float64Array` / `Float32Array` of that size), which is returned. Values are computed in
   * float64 and rounded once into a float32 `out` (numpy's same-kind casting). Reusing one buffer
   * avoids allocating (and, for large arrays, page-faulting) a new result. `null` or `undefined`:
   * a new array (numpy's `out=None`). An `out` that overlaps an input other than exactly (a
   * shifted or reversed view of the same buffer) is safe: that input is copied first, as numpy
   * does.
   */
  out?: NDArray | ScijsArray | Float64Array | Float32Array | null | undefined;
}

/** Fills out[o..o+n) from n elements of a (step sa) and b (step sb, may be 0). */
export type BinaryRow = (out: Float64Array, o: number, a: NumericData, ia: number, sa: number, b: NumericData, ib: number, sb: number, n: number) => void;

/** A scalar function with its row kernel. */
export interface Binary {
  /** The function's name (SciPy's: `rel_entr`), in messages and for worker threads (lib/threads/registry.ts); without one, calls stay on this thread. */
  name?: string;
  scalar: (x: number, y: number) => number;
  row: BinaryRow;
}

/**
 * Applies a binary function to the broadcast pair `(x, y)`; two plain numbers give a number, as
 * does any pair whose broadcast shape is 0-d, unless `options.out` is given (then it is returned).
 * The result is float32 when every array operand is float32 (plain numbers and booleans do not
 * count, as Python scalars in numpy), otherwise float64; it is always computed in float64 and
 * rounded once.
 * @throws {ValueError} `operands could not be broadcast together with shapes (2,) (3,) `, or an
 *   `out` of the wrong shape or layout; `TypeError` for an `out` that is not float64 or float32.
 */
export function map2(x: ArrayLike, y: ArrayLike, f: Binary, options?: UfuncOptions, nx = 'x', ny = 'y'): number | NDArray {
  const out = outOption(options, f.name ?? 'ufunc');
  if (typeof x === 'number' && typeof y === 'number' && out === undefined) return f.scalar(x, y);
  const a = asarray(x, nx);
  const b = asarray(y, ny);
  const shape = broadcastShapes(a.shape, b.shape);
  const dtype = resultDtype(x, a.dtype, y, b.dtype);
  const target = out === undefined ? NDArray.fromData(allocate(shape, dtype), shape) : outputArray(out, shape);
  if (target.size > 0) {
    const pa = apart(a.broadcastTo(shape), target);
    const pb = apart(b.broadcastTo(shape), target);
    if (!parallelMap(f, pa, pb, target)) walk(pa, pb, target.data as Float64Array | Float32Array, target.offset, f.row);
  }
  if (shape.length === 0 && out === undefined) return target.data[0];
  return target;
}

/**
 * The `out` option, read as an own property of a plain object (a polluted `Object.prototype`
 * changes nothing); `null` means none, as numpy's `out=None`.
 * @throws {TypeError} for options that are not a plain object, or a name other than `out`, as
 *   SciPy: `rel_entr() got an unexpected keyword argument 'outt'`.
 */
function outOption(options: unknown, name: string): unknown {
  if (options === undefined || options === null) return undefined;
  const proto: unknown = typeof options === 'object' ? Object.getPrototypeOf(options) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`${name}() options must be a plain object such as { out }; got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options as object)) {
    if (key !== 'out') throw new TypeError(`${name}() got an unexpected keyword argument '${key}'`);
  }
  return Object.prototype.hasOwnProperty.call(options, 'out') ? ((options as { out?: unknown }).out ?? undefined) : undefined;
}

/** numpy's result type of the operands, restricted to float32 and float64 (see {@link map2}). */
function resultDtype(x: unknown, dx: DType, y: unknown, dy: DType): 'float32' | 'float64' {
  const weak = (v: unknown) => typeof v === 'number' || typeof v === 'boolean';
  const f32 = (v: unknown, d: DType) => d === 'float32' && !weak(v);
  return (f32(x, dx) || f32(y, dy)) && (f32(x, dx) || weak(x)) && (f32(y, dy) || weak(y)) ? 'float32' : 'float64';
}

/**
 * The operand itself, or a copy of it when it shares memory with `out` in any other way than
 * being the very same view (numpy's overlap rule: an elementwise kernel may then read an element
 * that it has already overwritten).
 */
function apart(a: NDArray, out: NDArray): NDArray {
  if (a.data.buffer !== out.data.buffer || a.size === 0) return a;
  const [aLo, aHi] = byteRange(a);
  const [oLo, oHi] = byteRange(out);
  if (aHi <= oLo || oHi <= aLo) return a;
  const same = a.data.byteOffset === out.data.byteOffset && a.data.BYTES_PER_ELEMENT === out.data.BYTES_PER_ELEMENT &&
    a.offset === out.offset && a.strides.every((s, d) => s === out.strides[d] || out.shape[d] === 1);
  return same ? a : NDArray.fromData(a.toFloat64Array(), a.shape.slice());
}

/** The bytes [lo, hi) of its buffer that a non-empty view reads. */
function byteRange(a: NDArray): [number, number] {
  let lo = a.offset;
  let hi = a.offset;
  for (let d = 0; d < a.ndim; d++) {
    const span = (a.shape[d] - 1) * a.strides[d];
    if (span < 0) lo += span;
    else hi += span;
  }
  const size = a.data.BYTES_PER_ELEMENT;
  return [a.data.byteOffset + lo * size, a.data.byteOffset + (hi + 1) * size];
}

/** The `out` option as a C-contiguous float64 or float32 NDArray of `shape`, over the caller's own buffer. */
function outputArray(out: unknown, shape: number[]): NDArray {
  const flat = out instanceof Float64Array || out instanceof Float32Array;
  const view = out instanceof NDArray || isScijsArray(out) || isStridedArray(out);
  const arr = flat ? NDArray.fromData(out, [out.length]) : view ? asarray(out as ArrayLike, 'out') : null;
  if (arr === null || (arr.dtype !== 'float64' && arr.dtype !== 'float32') || (view && arr.data !== (out as { data: unknown }).data)) {
    throw new TypeError(`\`out\` must be a float64 or float32 NDArray, ndarray view or typed array; got ${view ? `a view over ${describeValue((out as { data: unknown }).data)}` : describeValue(out)}`);
  }
  if (flat ? out.length !== sizeOf(shape) : !sameShape(arr.shape, shape)) {
    throw new ValueError(`non-broadcastable output operand with shape ${formatShape(arr.shape)} doesn't match the broadcast shape ${formatShape(shape)}`);
  }
  if (!arr.isCContiguous) throw new ValueError('`out` must be C-contiguous');
  return flat ? NDArray.fromData(out, shape) : arr;
}

/**
 * Hands each innermost row to the row kernel, which writes float64; for a float32 `out` it writes
 * into a float64 row buffer first, rounded once into `out`.
 */
export function walk(a: NDArray, b: NDArray, out: Float64Array | Float32Array, o: number, row: BinaryRow): void {
  const shape = a.shape;
  const nd = shape.length;
  const inner = nd === 0 ? 1 : shape[nd - 1];
  const direct = out instanceof Float64Array;
  const buf = direct ? out : new Float64Array(inner);
  if (nd === 0) {
    row(buf, direct ? o : 0, a.data, a.offset, 0, b.data, b.offset, 0, 1);
    if (!direct) out[o] = buf[0];
    return;
  }
  const sa = a.strides[nd - 1];
  const sb = b.strides[nd - 1];
  const index = new Int32Array(nd - 1);
  let oa = a.offset;
  let ob = b.offset;
  const end = o + sizeOf(shape);
  for (let k = o; k < end; k += inner) {
    if (direct) {
      row(buf, k, a.data, oa, sa, b.data, ob, sb, inner);
    } else {
      row(buf, 0, a.data, oa, sa, b.data, ob, sb, inner);
      for (let i = 0; i < inner; i++) out[k + i] = buf[i];
    }
    for (let d = nd - 2; d >= 0; d--) {
      oa += a.strides[d];
      ob += b.strides[d];
      if (++index[d] < shape[d]) break;
      index[d] = 0;
      oa -= a.strides[d] * shape[d];
      ob -= b.strides[d] * shape[d];
    }
  }
}
