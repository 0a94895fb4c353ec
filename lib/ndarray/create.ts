/** `asarray`: every accepted input kind turned into an {@link NDArray}, never mutating it. */
import { describeValue, ValueError } from '../errors.js';
import { type DType, isScijsArray, NDArray, type NumericData, type ScijsArray } from './ndarray.js';
import { allocate, checkShape, formatShape, MAX_DIMS, sizeOf } from './shape.js';
import type { RankOf } from '../types/rank.js';

/** A typed array accepted as 1-D input. */
export type TypedArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/**
 * Rectangular nested arrays of numbers or booleans (rows may be typed arrays). `null` stands for
 * NaN, as in numpy's `asarray(x, dtype=float)` and in JSON (where `JSON.stringify` writes NaN
 * and infinities as `null`).
 */
export interface NestedArray extends ReadonlyArray<number | boolean | null | NestedArray | TypedArray> {}

/**
 * A strided view in numpy's (and stdlib-js's) terms: `data` (a typed array or an array of
 * numbers), `shape`, `strides` in elements (any sign), and `offset`, the index of the first
 * element. A stdlib-js `ndarray` is one (its `order` is not needed: the strides say it all).
 */
export interface StridedArray {
  readonly data: TypedArray | ArrayLikeNumbers;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** An array of numbers, or array-like storage of them. */
export interface ArrayLikeNumbers {
  readonly length: number;
  readonly [i: number]: number | boolean | null;
}

/**
 * Everything the functions of this package accept as an array: a number, a boolean, rectangular
 * nested arrays, a typed array (1-D), a scijs `ndarray` view or a stdlib-js `ndarray` (any dtype,
 * any strides, any offset), or an {@link NDArray}.
 */
export type ArrayLike = number | boolean | NestedArray | TypedArray | ScijsArray | StridedArray | NDArray;

/**
 * Converts an array-like to an {@link NDArray}. Typed arrays, scijs and stdlib-js views over
 * typed arrays and `NDArray`s are wrapped without copying; nested JS arrays are copied into a
 * `Float64Array` (a `Uint8Array` of dtype `bool` when every element is a boolean); bigint data and
 * views over plain JS arrays are copied into a `Float64Array`. Each input is read once: what was
 * validated is what is used, whatever getters or Proxies do later.
 *
 * For a flat buffer with a shape (tfjs `dataSync()`, a WebGL readback), use
 * `NDArray.fromData(buffer, shape)`, or `asarray(buffer).reshape(...shape)`.
 *
 * @param x - the input; never mutated.
 * @param name - the parameter name used in error messages.
 * @throws {TypeError} for non-numeric elements, ragged nesting, a detached buffer, a DataView, or
 *   a value of another kind.
 * @throws {ValueError} for nesting deeper than 64 (cyclic arrays included), a view whose shape,
 *   strides or offset are invalid or leave its data, more than 2^32 elements, or an allocation
 *   that fails.
 * @example
 * asarray([[1, 2], [3, null]]).toArray(); // => [[1, 2], [3, NaN]]
 */
export function asarray<P extends ArrayLike>(x: P, name?: string): NDArray<RankOf<P>>;
export function asarray(x: ArrayLike, name = 'input'): NDArray {
  if (x instanceof NDArray) {
    if (x.size > 0 && isDetached(x.data)) throw detachedError(name);
    return x;
  }
  if (typeof x === 'number') return NDArray.fromData(Float64Array.of(x), []);
  if (typeof x === 'boolean') return NDArray.fromData(Uint8Array.of(x ? 1 : 0), [], 'bool');
  if (ArrayBuffer.isView(x)) return fromTyped(x, name);
  if (Array.isArray(x)) return fromNested(x as NestedArray, name);
  if (isScijsArray(x)) {
    const { data, shape, stride, offset } = x as ScijsArray;
    return fromStrided(data, shape, stride, offset, name);
  }
  if (isStridedArray(x)) {
    const { data, shape, strides, offset } = x;
    return fromStrided(data, shape, strides, offset, name);
  }
  throw new TypeError(`\`${name}\` must be array-like (a number, boolean, nested array, typed array or ndarray); got ${describeValue(x)}`);
}

/** Whether a value has numpy-style view fields: `data`, `shape`, `strides` and `offset` (stdlib-js). */
export function isStridedArray(x: unknown): x is StridedArray {
  if (x === null || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return 'data' in o && Array.isArray(o.shape) && Array.isArray(o.strides) && typeof o.offset === 'number';
}

/** Whether a typed array's buffer has been detached (transferred): it can no longer be read. */
function isDetached(t: ArrayBufferView): boolean {
  if (t.byteLength !== 0) return false;
  try {
    new Uint8Array(t.buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function detachedError(name: string): TypeError {
  return new TypeError(`\`${name}\` is over a detached ArrayBuffer (transferred to another thread?); its data can no longer be read`);
}

function fromTyped(x: ArrayBufferView, name: string): NDArray {
  if (x instanceof DataView) throw new TypeError(`\`${name}\` is a DataView, which is not array-like; pass a typed array`);
  if (isDetached(x)) throw detachedError(name);
  const t = x as TypedArray;
  const n = t.length;
  if (t instanceof BigInt64Array || t instanceof BigUint64Array) return NDArray.fromData(Float64Array.from(t, Number), [n]);
  return NDArray.fromData(t, [n]);
}

/**
 * A view given by its fields (read once by the caller): validated, then wrapped when the data is
 * a typed array, else copied in C order into float64.
 */
function fromStrided(data: unknown, shapeIn: unknown, stridesIn: unknown, offset: unknown, name: string): NDArray {
  if (data instanceof DataView) throw new TypeError(`\`${name}\` is an ndarray view over a DataView, which cannot be read by index; use a typed array`);
  const shape = checkShape(shapeIn, `${name}.shape`);
  const n = shape.length;
  const strides = Array.isArray(stridesIn) ? stridesIn.slice() : [];
  if (strides.length !== n || !strides.every((s: unknown) => Number.isInteger(s)) || !Number.isInteger(offset)) {
    throw new ValueError(`\`${name}\` is an ndarray with an invalid shape ${formatShape(shape)}, strides [${describeList(stridesIn)}] or offset ${describeValue(offset)}`);
  }
  const start = offset as number;
  const typed = ArrayBuffer.isView(data);
  if (typed && isDetached(data)) throw detachedError(name);
  if (!typed && !Array.isArray(data) && !hasGet(data)) {
    throw new TypeError(`\`${name}\` is an ndarray whose data is ${describeValue(data)}, not a typed array or an array`);
  }
  const length = hasGet(data) && !typed && !Array.isArray(data) ? Infinity : (data as { length: number }).length;
  if (sizeOf(shape) > 0) {
    let lo = start;
    let hi = start;
    for (let d = 0; d < n; d++) {
      const span = (shape[d] - 1) * strides[d];
      if (span < 0) lo += span;
      else hi += span;
    }
    if (lo < 0 || hi >= length) {
      throw new ValueError(`\`${name}\` is an ndarray view of shape ${formatShape(shape)} that addresses index ${lo < 0 ? lo : hi} of data of length ${length}`);
    }
  }
  if (typed && !(data instanceof BigInt64Array || data instanceof BigUint64Array)) {
    return new NDArray(data as NumericData, shape, strides, start);
  }
  // Plain arrays, bigint arrays and `get`-style storage: copy into float64 in C order.
  const read = hasGet(data) && !typed && !Array.isArray(data) ? (k: number) => data.get(k) : (k: number) => (data as ArrayLikeSeq)[k];
  const out = allocate(shape);
  const index = new Array<number>(n).fill(0);
  let k = start;
  for (let i = 0; i < out.length; i++) {
    out[i] = toNumber(read(k), name, index);
    for (let d = n - 1; d >= 0; d--) {
      k += strides[d];
      if (++index[d] < shape[d]) break;
      k -= strides[d] * shape[d];
      index[d] = 0;
    }
  }
  return NDArray.fromData(out, shape);
}

function hasGet(x: unknown): x is { get(k: number): unknown } {
  return x !== null && typeof x === 'object' && typeof (x as { get?: unknown }).get === 'function';
}

type ArrayLikeSeq = { readonly length: number; readonly [i: number]: unknown };

function isSequence(v: unknown): v is ArrayLikeSeq {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/** A sequence's length, read once and checked (a Proxy can report anything). */
function lengthOf(seq: ArrayLikeSeq, name: string, index: () => readonly number[]): number {
  const n: unknown = seq.length;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new ValueError(`\`${name}\` has a nested array at [${index().join(', ')}] whose length is ${describeValue(n)}`);
  }
  if (ArrayBuffer.isView(seq) && n === 0 && isDetached(seq)) throw detachedError(name);
  return n;
}

/**
 * Nested arrays, walked once without recursion: each length and element is read exactly once.
 * The shape is fixed along the first path down; every later sequence must match it.
 */
function fromNested(x: NestedArray, name: string): NDArray {
  const seqs: ArrayLikeSeq[] = [x as ArrayLikeSeq];
  const lens: number[] = [lengthOf(x as ArrayLikeSeq, name, () => [])];
  const pos: number[] = [0];
  const shape: number[] = [lens[0]];
  let complete = lens[0] === 0;
  let out: Float64Array | null = null;
  let k = 0;
  let allBool = true;
  let d = 0;
  for (;;) {
    if (pos[d] === lens[d]) {
      if (d === 0) break;
      d--;
      continue;
    }
    const i = pos[d]++;
    const v: unknown = seqs[d][i];
    if (isSequence(v)) {
      if (complete && d + 1 >= shape.length) ragged(shape, d + 1);
      if (d + 1 >= MAX_DIMS) tooDeep(seqs, v);
      const n = lengthOf(v, name, () => pathTo(pos, d));
      if (complete) {
        if (n !== shape[d + 1]) ragged(shape, d + 1);
      } else {
        shape.push(n);
        if (n === 0) complete = true;
      }
      d++;
      seqs[d] = v;
      lens[d] = n;
      pos[d] = 0;
      continue;
    }
    if (!complete) {
      complete = true;
      out = allocate(shape);
    } else if (d + 1 !== shape.length) {
      ragged(shape, d + 1);
    }
    if (typeof v !== 'boolean') allBool = false;
    (out as Float64Array)[k++] = typeof v === 'number' ? v : toNumber(v, name, pathTo(pos, d), true);
  }
  if (out === null) out = allocate(shape);
  if (allBool && out.length > 0) return NDArray.fromData(Uint8Array.from(out), shape, 'bool' as DType);
  return NDArray.fromData(out, shape);
}

/** The index of the element just read at depth d (each position is one past its element). */
function pathTo(pos: readonly number[], d: number): number[] {
  return pos.slice(0, d + 1).map((p) => p - 1);
}

function tooDeep(seqs: readonly ArrayLikeSeq[], v: ArrayLikeSeq): never {
  const cyclic = seqs.includes(v) ? ' (the nested arrays contain themselves)' : '';
  throw new ValueError(`setting an array element with a sequence. The requested array would exceed the maximum number of dimension of ${MAX_DIMS}.${cyclic}`);
}

function ragged(shape: number[], depth: number): never {
  throw new TypeError(
    `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. ` +
      `The detected shape was ${formatShape(shape.slice(0, depth))} + inhomogeneous part.`,
  );
}

function toNumber(v: unknown, name: string, index: readonly number[], nullIsNaN = false): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  if (v === null && nullIsNaN) return NaN;
  throw new TypeError(`\`${name}\` must hold numbers or booleans; got ${describeValue(v)} at index [${index.join(', ')}]`);
}

function describeList(x: unknown): string {
  return Array.isArray(x) ? x.map(describeValue).join(', ') : describeValue(x);
}
