/** Shape arithmetic shared by the array engine. */
import { ValueError } from '../errors.js';

/** The number of elements of an array of this shape (1 for a 0-d shape). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** C-order (row-major) strides, in elements, of a contiguous array of this shape. */
export function cStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return strides;
}

/** A shape written the way numpy writes it in its error messages: `(2,3)`, `(4,)`, `()`. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** Whether two shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether a strided layout is C-contiguous (length-0/1 axes may have any stride). */
export function isCContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 0) return true;
    if (shape[i] !== 1) {
      if (strides[i] !== expected) return false;
      expected *= shape[i];
    }
  }
  return true;
}

/** numpy's `NPY_MAXDIMS`: no array has more axes. */
export const MAX_DIMS = 64;

/**
 * The most elements an array may have: the longest typed array V8 can allocate (2^32). Anything
 * larger could never be copied or written out, and walking it would not finish.
 */
export const MAX_SIZE = 2 ** 32;

/**
 * Validates a shape given by a caller and returns a copy of it, read once (so a getter or Proxy
 * cannot change it after the check).
 * @param what - how the shape is named in messages, e.g. `shape`.
 * @throws {ValueError} when it is not an array of at most 64 non-negative integers, or has more
 *   than {@link MAX_SIZE} elements.
 */
export function checkShape(shape: unknown, what: string): number[] {
  if (!Array.isArray(shape)) throw new ValueError(`\`${what}\` must be an array of non-negative integers; got ${typeof shape}`);
  const n = shape.length;
  if (n > MAX_DIMS) throw new ValueError(`maximum supported dimension for an ndarray is currently ${MAX_DIMS}, found ${n}`);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const s: unknown = shape[i];
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) {
      throw new ValueError(`\`${what}\` must be an array of non-negative integers; got ${typeof s === 'number' ? s : typeof s} at index ${i}`);
    }
    out[i] = s;
  }
  checkSize(out);
  return out;
}

/**
 * Refuses a shape with more than {@link MAX_SIZE} elements, before anything walks or allocates it.
 * @throws {ValueError} naming the shape.
 */
export function checkSize(shape: readonly number[]): void {
  if (sizeOf(shape) > MAX_SIZE) {
    throw new ValueError(`array of shape ${formatShape(shape)} is too big: ${sizeOf(shape)} elements, more than the ${MAX_SIZE} a typed array can hold`);
  }
}

/**
 * A zero-filled buffer of `shape`'s size (float64, or float32); an allocation the engine cannot
 * make is a ValueError naming the shape, like numpy's `Unable to allocate ...`, instead of a
 * RangeError.
 */
export function allocate(shape: readonly number[]): Float64Array;
export function allocate(shape: readonly number[], dtype: 'float32'): Float32Array;
export function allocate(shape: readonly number[], dtype: 'float64' | 'float32'): Float64Array | Float32Array;
export function allocate(shape: readonly number[], dtype: 'float64' | 'float32' = 'float64'): Float64Array | Float32Array {
  checkSize(shape);
  try {
    return dtype === 'float32' ? new Float32Array(sizeOf(shape)) : new Float64Array(sizeOf(shape));
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new ValueError(`Unable to allocate ${sizeOf(shape)} elements for an array with shape ${formatShape(shape)} and data type ${dtype}: ${e.message}`);
  }
}
