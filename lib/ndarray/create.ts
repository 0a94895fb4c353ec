/** `asarray`: every accepted input kind turned into an {@link NDArray}, never mutating it. */
import { ValueError } from '../errors.js';
import { type DType, isScijsArray, NDArray, type NumericData, type ScijsArray } from './ndarray.js';
import { formatShape, sizeOf } from './shape.js';

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

/** Rectangular nested arrays of numbers or booleans (rows may be typed arrays). */
export interface NestedArray extends ReadonlyArray<number | boolean | NestedArray | TypedArray> {}

/**
 * Everything the functions of this package accept as an array: a number, a boolean, rectangular
 * nested arrays, a typed array (1-D), a scijs `ndarray` view (any dtype, any strides, any offset)
 * or an {@link NDArray}.
 */
export type ArrayLike = number | boolean | NestedArray | TypedArray | ScijsArray | NDArray;

/**
 * Converts an array-like to an {@link NDArray}. Typed arrays, scijs views over typed arrays and
 * `NDArray`s are wrapped without copying; nested JS arrays are copied into a `Float64Array`
 * (a `Uint8Array` of dtype `bool` when every element is a boolean); bigint data and scijs views
 * over plain JS arrays are copied into a `Float64Array`.
 *
 * @param x - the input; never mutated.
 * @param name - the parameter name used in error messages.
 * @throws {TypeError} for non-numeric elements, ragged nesting, or a value of another kind.
 * @throws {ValueError} for a scijs view whose shape, strides or offset leave its data.
 */
export function asarray(x: ArrayLike, name = 'input'): NDArray {
  if (x instanceof NDArray) return x;
  if (typeof x === 'number') return NDArray.fromData(Float64Array.of(x), []);
  if (typeof x === 'boolean') return NDArray.fromData(Uint8Array.of(x ? 1 : 0), [], 'bool');
  if (ArrayBuffer.isView(x)) return NDArray.fromData(typedData(x as TypedArray), [(x as TypedArray).length]);
  if (Array.isArray(x)) return fromNested(x as NestedArray, name);
  if (isScijsArray(x)) return fromScijs(x, name);
  throw new TypeError(`\`${name}\` must be array-like (a number, boolean, nested array, typed array or ndarray); got ${describe(x)}`);
}

function typedData(x: TypedArray): NumericData {
  if (x instanceof BigInt64Array || x instanceof BigUint64Array) return Float64Array.from(x, Number);
  if (x instanceof DataView) throw new TypeError('a DataView is not array-like; pass a typed array');
  return x;
}

function fromScijs(nd: ScijsArray, name: string): NDArray {
  const { shape, stride, offset } = nd;
  const n = shape.length;
  if (stride.length !== n || !shape.every((s) => Number.isInteger(s) && s >= 0) || !stride.every(Number.isInteger) || !Number.isInteger(offset)) {
    throw new ValueError(`\`${name}\` is an ndarray with an invalid shape [${shape}] or stride [${stride}]`);
  }
  const length = (nd.data as { length: number }).length;
  if (sizeOf(shape) > 0) {
    let lo = offset;
    let hi = offset;
    for (let d = 0; d < n; d++) {
      const span = (shape[d] - 1) * stride[d];
      if (span < 0) lo += span;
      else hi += span;
    }
    if (lo < 0 || hi >= length) {
      throw new ValueError(`\`${name}\` is an ndarray view of shape ${formatShape(shape)} that addresses index ${lo < 0 ? lo : hi} of data of length ${length}`);
    }
  }
  const data = nd.data as unknown;
  if (ArrayBuffer.isView(data) && !(data instanceof BigInt64Array || data instanceof BigUint64Array)) {
    return NDArray.fromScijs(nd, data as NumericData);
  }
  // Plain arrays, bigint arrays and other `get`-style storage: copy into float64 in C order.
  const out = new Float64Array(sizeOf(shape));
  const index = new Array<number>(n).fill(0);
  for (let i = 0; i < out.length; i++) {
    const v = (nd.get as (...i: number[]) => unknown)(...index);
    out[i] = toNumber(v, name, index);
    for (let d = n - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return NDArray.fromData(out, shape.slice());
}

function fromNested(x: NestedArray, name: string): NDArray {
  const shape: number[] = [];
  let probe: unknown = x;
  while (Array.isArray(probe) || (ArrayBuffer.isView(probe) && !(probe instanceof DataView))) {
    const seq = probe as ArrayLikeSeq;
    shape.push(seq.length);
    if (seq.length === 0) break;
    probe = seq[0];
  }
  const out = new Float64Array(sizeOf(shape));
  let k = 0;
  let allBool = true;
  const index: number[] = [];
  const fill = (seq: ArrayLikeSeq, d: number): void => {
    for (let i = 0; i < seq.length; i++) {
      index[d] = i;
      const v = seq[i];
      const isSeq = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
      if (d === shape.length - 1) {
        if (isSeq) ragged(shape, d + 1);
        if (typeof v !== 'boolean') allBool = false;
        out[k++] = toNumber(v, name, index);
      } else {
        if (!isSeq || (v as ArrayLikeSeq).length !== shape[d + 1]) ragged(shape, d + 1);
        fill(v as ArrayLikeSeq, d + 1);
      }
    }
    index.length = d;
  };
  fill(x as ArrayLikeSeq, 0);
  if (allBool && out.length > 0) return NDArray.fromData(Uint8Array.from(out), shape, 'bool' as DType);
  return NDArray.fromData(out, shape);
}

type ArrayLikeSeq = { readonly length: number; readonly [i: number]: unknown };

function ragged(shape: number[], depth: number): never {
  throw new TypeError(
    `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${depth} dimensions. ` +
      `The detected shape was ${formatShape(shape.slice(0, depth))} + inhomogeneous part.`,
  );
}

function toNumber(v: unknown, name: string, index: readonly number[]): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  throw new TypeError(`\`${name}\` must hold numbers or booleans; got ${describe(v)} at index [${index.join(', ')}]`);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return String(v);
}
