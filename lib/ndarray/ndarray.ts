/**
 * `NDArray`: a validated, numpy-flavoured strided view. This is the only file that touches the
 * scijs `ndarray` package; everything else sees plain fields (data, shape, strides, offset).
 */
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { AxisError, IndexError, ValueError } from '../errors.js';
import type { Item, LengthByRank, Nested, NestedNumbers } from '../types/rank.js';
import type { Reduced } from '../types/signatures.js';
import { type Axis, normalizeAxes, REDUCTION_MESSAGES } from './axis.js';
import { formatArray } from './format.js';
import { reduceSlices } from './reduce/reduce.js';
import { TOTAL } from './reduce/total.js';
import type { NumericData } from './strided.js';
import { allocate, checkShape, cStrides, formatShape, isCContiguous, MAX_DIMS, sizeOf } from './shape.js';

export type { NumericData } from './strided.js';

/** numpy's dtype names for the element types an `NDArray` can hold. */
export type DType =
  | 'float64'
  | 'float32'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'bool';

/** The dtype a typed array holds (a `Uint8Array` marked as boolean is `bool`). */
export function dtypeOf(data: NumericData): DType {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Uint32Array) return 'uint32';
  return 'uint8';
}

/** The scijs view type, as the `ndarray` package defines it. */
export type ScijsArray = ndarray.NdArray<ndarray.Data<number>>;

/** Whether a value looks like a scijs `ndarray` view (duck-typed, as scijs itself does). */
export function isScijsArray(x: unknown): x is ScijsArray {
  if (x === null || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return Array.isArray(o.shape) && Array.isArray(o.stride) && typeof o.offset === 'number' && 'data' in o;
}

/** The scijs view of each NDArray, made on first use (kept out of the object, so it never prints). */
const scijsViews = new WeakMap<NDArray, ScijsArray>();

/** Node's `util.inspect.custom` symbol, by its registered name (so no Node types are needed). */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * An n-dimensional strided view over a typed array, with numpy's vocabulary: `shape`, `ndim`,
 * `size`, `strides` (in elements, may be negative or 0) and `dtype`. Views never copy.
 *
 * It behaves as a JS collection over its first axis, like a numpy array: `length`, iteration
 * (`for...of`, `[...a]`, `Array.from(a)`: numbers for 1-D, row views otherwise) and `at(i)`;
 * `JSON.stringify` gives nested arrays; `console.log` and `String(a)` print numpy's repr.
 * The type parameter is the number of dimensions when TypeScript can know it (`NDArray<2>` for
 * a per-row result of a matrix), which types `toArray()`, iteration and `at`; `number` otherwise.
 *
 * @example
 * const a = asarray([[1, 2, 3], [4, 5, 6]]);
 * a.shape;           // => [2, 3]
 * a.transpose().get(2, 1); // => 6
 * a.length;          // => 2
 * JSON.stringify(a); // => '[[1,2,3],[4,5,6]]'
 * String(a.at(-1));  // => 'NDArray([4, 5, 6], shape=(3,), dtype=float64)'
 */
export class NDArray<out N extends number = number> {
  /** The underlying buffer (shared with every view of it). */
  readonly data: NumericData;
  /** The length of each axis. */
  readonly shape: readonly number[];
  /** The step, in elements, between neighbours along each axis. */
  readonly strides: readonly number[];
  /** The index in `data` of the first element. */
  readonly offset: number;
  /** The element type, in numpy's names. */
  readonly dtype: DType;

  /**
   * Wraps a buffer; no checks beyond the number of axes: use {@link asarray} to convert user input.
   * @throws {ValueError} for more than 64 axes (numpy's limit).
   */
  constructor(data: NumericData, shape: readonly number[], strides: readonly number[], offset = 0, dtype?: DType) {
    if (shape.length > MAX_DIMS) throw new ValueError(`maximum supported dimension for an ndarray is currently ${MAX_DIMS}, found ${shape.length}`);
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.strides = Object.freeze(strides.slice());
    this.offset = offset;
    this.dtype = dtype ?? dtypeOf(data);
  }

  /**
   * A C-contiguous array over `data`, with the given shape (default: 1-D): the route for a flat
   * buffer with a shape (tfjs `dataSync()`, a WebGL readback, a file reader). No copy.
   * @example
   * NDArray.fromData(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]).get(1, 0); // => 4
   * @throws {ValueError} when the shape is not a list of at most 64 non-negative integers, or
   *   its size is not the length of `data`.
   */
  static fromData(data: NumericData): NDArray<1>;
  static fromData<const S extends readonly number[]>(data: NumericData, shape: S, dtype?: DType): NDArray<S['length']>;
  static fromData(data: NumericData, shape: readonly number[] = [data.length], dtype?: DType): NDArray {
    const s = checkShape(shape, 'shape');
    if (sizeOf(s) !== data.length) {
      throw new ValueError(`cannot reshape data of length ${data.length} into shape ${formatShape(s)}`);
    }
    return new NDArray(data, s, cStrides(s), 0, dtype);
  }

  /**
   * Wraps a scijs view's fields without copying and without checks (its shape, stride and offset
   * are read once); use {@link asarray} to convert and validate a scijs view given by a user.
   */
  static fromScijs(nd: ScijsArray, data: NumericData, dtype?: DType): NDArray {
    const { shape, stride, offset } = nd;
    return new NDArray(data, shape, stride, offset, dtype);
  }

  /** The number of axes (its type is the rank `N` when TypeScript knows it). */
  get ndim(): N {
    return this.shape.length as N;
  }

  /** The number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** The same view as a scijs `ndarray` (for use with the scijs ecosystem). */
  get nd(): ScijsArray {
    let view = scijsViews.get(this);
    if (view === undefined) {
      view = ndarray(this.data as ndarray.Data<number>, this.shape.slice(), this.strides.slice(), this.offset);
      scijsViews.set(this, view);
    }
    return view;
  }

  /**
   * The length of the first axis, as numpy's `len(a)`; `undefined` for a 0-d array, which is a
   * scalar, not a collection (numpy's `len()` raises there; a getter that throws would break code
   * that tells array-likes apart by their `length`).
   */
  get length(): LengthByRank[N] {
    return this.shape[0] as LengthByRank[N];
  }

  /** The length of the first axis, or a TypeError for a 0-d array (numpy's `len() of unsized object`). */
  private firstAxis(): number {
    if (this.ndim === 0) throw new TypeError('len() of unsized object: a 0-d array has no first axis');
    return this.shape[0];
  }

  /**
   * Iterates over the first axis: numbers for a 1-D array, views of the rows otherwise (as
   * iterating a numpy array).
   * @throws {TypeError} for a 0-d array (`iteration over a 0-d array`).
   */
  *[Symbol.iterator](): IterableIterator<Item<N>> {
    const n = this.firstAxis();
    for (let i = 0; i < n; i++) yield this.row(i);
  }

  /**
   * The entry `i` of the first axis, as `Array.prototype.at`: a number for a 1-D array, a view
   * of row `i` otherwise; negative indices count from the end; `undefined` when out of range.
   * @throws {TypeError} for a non-integer index or a 0-d array.
   */
  at(i: number): Item<N> | undefined {
    const n = this.firstAxis();
    if (!Number.isInteger(i)) throw new TypeError(`\`at\` takes an integer index; got ${String(i)}`);
    const j = i < 0 ? i + n : i;
    return j < 0 || j >= n ? undefined : this.row(j);
  }

  private row(i: number): Item<N> {
    const k = this.offset + i * this.strides[0];
    if (this.ndim === 1) return this.data[k] as Item<N>;
    return new NDArray(this.data, this.shape.slice(1), this.strides.slice(1), k, this.dtype) as unknown as Item<N>;
  }

  /** Whether the elements are laid out C-contiguously from `offset`. */
  get isCContiguous(): boolean {
    return isCContiguous(this.shape, this.strides);
  }

  /**
   * The element at an index; negative indices count from the end, as in numpy.
   * @throws {IndexError} for a wrong number of indices or an index out of bounds.
   */
  get(...index: number[]): number {
    if (index.length !== this.ndim) {
      throw new IndexError(`expected ${this.ndim} indices for an array of shape ${formatShape(this.shape)}, got ${index.length}`);
    }
    let k = this.offset;
    for (let d = 0; d < index.length; d++) {
      let i = index[d];
      const n = this.shape[d];
      if (!Number.isInteger(i) || i < -n || i >= n) {
        throw new IndexError(`index ${i} is out of bounds for axis ${d} with size ${n}`);
      }
      if (i < 0) i += n;
      k += i * this.strides[d];
    }
    return this.data[k];
  }

  /** The elements as nested JS arrays (a plain number for a 0-d array), like numpy's `tolist`. */
  toArray(): Nested<N> {
    if (this.ndim === 0) return this.data[this.offset] as Nested<N>;
    const build = (d: number, k: number): NestedNumbers[] => {
      const n = this.shape[d];
      const s = this.strides[d];
      const out = new Array<NestedNumbers>(n);
      for (let i = 0; i < n; i++) out[i] = d === this.ndim - 1 ? this.data[k + i * s] : build(d + 1, k + i * s);
      return out;
    };
    return build(0, this.offset) as Nested<N>;
  }

  /** The elements as nested arrays, so `JSON.stringify(a)` writes them (NaN and infinities as `null`, as JSON does). */
  toJSON(): Nested<N> {
    return this.toArray();
  }

  /**
   * The sum over `axis` (all axes by default, or `null`; an axis or an array of axes, negative
   * counting from the end), as numpy's `a.sum(axis)`: a number when no axis is left, otherwise an
   * `NDArray` of the remaining axes. Pairwise and compensated (the reduction engine's sum), so
   * within about an ulp whatever the layout. float32 data give float32 results (summed in float64,
   * rounded once), any other dtype float64. SciPy's `rel_entr(P, Q).sum(axis=1)` is
   * `rel_entr(P, Q).sum(1)`.
   * @throws {AxisError} for an axis out of bounds; {@link ValueError} for a repeated axis.
   * @example
   * asarray([[1, 2, 3], [4, 5, 6]]).sum();       // => 21
   * asarray([[1, 2, 3], [4, 5, 6]]).sum(1);      // => NDArray [6, 15]
   * asarray([[1, 2, 3], [4, 5, 6]]).sum([0, 1]); // => 21
   */
  sum<const A extends Axis = null>(axis?: A): Reduced<N, { axis: A }>;
  sum(axis: Axis = null): number | NDArray {
    const axes = axis === null ? [...this.shape.keys()] : normalizeAxes(axis, this.ndim, REDUCTION_MESSAGES);
    const { values, shape } = reduceSlices(this, this, axes, false, TOTAL);
    const f32 = this.dtype === 'float32';
    if (shape.length === 0) return f32 ? Math.fround(values[0]) : values[0];
    return new NDArray(f32 ? Float32Array.from(values) : values, shape, cStrides(shape));
  }

  /** A C-order copy of the elements as a `Float64Array`. */
  toFloat64Array(): Float64Array {
    const out = allocate(this.shape);
    if (out.length === 0) return out;
    if (this.ndim === 0) {
      out[0] = this.data[this.offset];
      return out;
    }
    ops.assign(ndarray(out, this.shape.slice()), this.nd);
    return out;
  }

  /** The axes permuted (reversed when none are given), as numpy's `transpose`. A view. */
  transpose(...axes: number[]): NDArray<N> {
    const n = this.ndim;
    if (axes.length !== 0 && axes.length !== n) {
      throw new ValueError(`axes don't match array: got [${axes.join(', ')}] for an array of dimension ${n}`);
    }
    const order = axes.length === 0 ? [...Array(n).keys()].reverse() : axes.map((a) => normalizeIndexAxis(a, n));
    if (new Set(order).size !== n) throw new ValueError(`repeated axis in transpose: got [${axes.join(', ')}]`);
    return new NDArray<N>(this.data, order.map((a) => this.shape[a]), order.map((a) => this.strides[a]), this.offset, this.dtype);
  }

  /** One axis moved to a new position, the others keeping their order, as `np.moveaxis`. A view. */
  moveaxis(source: number, destination: number): NDArray<N> {
    const n = this.ndim;
    const src = normalizeIndexAxis(source, n, 'source: ');
    const dst = normalizeIndexAxis(destination, n, 'destination: ');
    const order = [...Array(n).keys()].filter((a) => a !== src);
    order.splice(dst, 0, src);
    return this.transpose(...order);
  }

  /**
   * A read-only view broadcast to `shape` (stride 0 along stretched axes), as `np.broadcast_to`.
   * @throws {ValueError} when the shapes do not broadcast.
   */
  broadcastTo<const S extends readonly number[]>(shape: S): NDArray<S['length']>;
  broadcastTo(shape: readonly number[]): NDArray {
    shape = checkShape(shape, 'shape');
    const n = shape.length;
    const lead = n - this.ndim;
    const bad = (): never => {
      throw new ValueError(
        `operands could not be broadcast together with remapped shapes [original->remapped]: ${formatShape(this.shape)} and requested shape ${formatShape(shape)}`,
      );
    };
    if (lead < 0) bad();
    const strides = new Array<number>(n);
    for (let d = 0; d < n; d++) {
      if (d < lead) {
        strides[d] = 0;
        continue;
      }
      const m = this.shape[d - lead];
      if (m === shape[d]) strides[d] = this.strides[d - lead];
      else if (m === 1) strides[d] = 0;
      else bad();
    }
    return new NDArray(this.data, shape, strides, this.offset, this.dtype);
  }

  /**
   * The same elements in a new shape (one entry may be -1), read in C order: a view when the
   * data is C-contiguous, otherwise a C-order copy, as numpy's `reshape`.
   */
  reshape<const S extends number[]>(...shape: S): NDArray<S['length']>;
  reshape(...shape: number[]): NDArray {
    if (shape.length > MAX_DIMS) throw new ValueError(`maximum supported dimension for an ndarray is currently ${MAX_DIMS}, found ${shape.length}`);
    const size = this.size;
    const known = shape.filter((s) => s !== -1);
    const wild = shape.length - known.length;
    const rest = sizeOf(known);
    const full = shape.map((s) => (s === -1 ? (rest === 0 ? 0 : size / rest) : s));
    if (wild > 1) throw new ValueError('can only specify one unknown dimension');
    if (full.some((s) => !Number.isInteger(s) || s < 0) || sizeOf(full) !== size) {
      throw new ValueError(`cannot reshape array of size ${size} into shape ${formatShape(shape)}`);
    }
    if (this.isCContiguous) return new NDArray(this.data, full, cStrides(full), this.offset, this.dtype);
    const copy = this.toFloat64Array();
    return new NDArray(this.dtype === 'float64' ? copy : castCopy(copy, this.data), full, cStrides(full), 0, this.dtype);
  }

  /**
   * numpy's repr: the values (the first and last 3 of each axis around `...` beyond 1000
   * elements), the shape and the dtype.
   * @example
   * String(asarray([0.5, -0])); // => 'NDArray([0.5,  -0], shape=(2,), dtype=float64)'
   */
  toString(): string {
    return formatArray(this);
  }

  /** Node's `util.inspect` (and so `console.log`) prints {@link NDArray.toString}'s repr. */
  [INSPECT](): string {
    return formatArray(this);
  }
}

export type { NestedNumbers } from '../types/rank.js';

function castCopy(values: Float64Array, like: NumericData): NumericData {
  const Ctor = like.constructor as new (n: Float64Array) => NumericData;
  return new Ctor(values);
}

function normalizeIndexAxis(axis: number, ndim: number, prefix = ''): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new AxisError(`${prefix}axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}
