/**
 * Loading and decoding the golden fixtures written by `fixtures/export_*.py` (format in
 * fixtures/README.md), building the inputs they describe (nested arrays, typed arrays, scijs
 * views, strided scijs views over a larger buffer) and checking a call against a fixture call.
 */
import * as fs from 'fs';
import * as path from 'path';
import ndarray from 'ndarray';
import { NDArray } from '../../lib/ndarray/ndarray';
import type { ArrayLike as Input } from '../../lib/ndarray/create';
import { ValueError } from '../../lib/errors';
import './allclose';

/** A float as the fixtures write it: NaN, +-Infinity and -0 are strings. */
export type Encoded = number | boolean | 'NaN' | 'Infinity' | '-Infinity' | '-0';
/** Nested encoded values. */
export type EncodedTree = Encoded | EncodedTree[];
/** Nested decoded values. */
export type Tree = number | boolean | Tree[];

/** One input of a fixture case. */
export interface FixtureInput {
  dtype: string;
  value: EncodedTree;
  /** How to pass it: nested JS arrays, or typed arrays (scijs views for 2+ dimensions). */
  js?: 'nested' | 'typed';
  /** A deliberately non-rectangular list. */
  ragged?: boolean;
}

/** What one call is expected to give. */
export interface FixtureCall {
  kwargs: Record<string, unknown>;
  scalar?: Encoded;
  shape?: number[];
  values?: Encoded[];
  error?: { type: string; message: string; match: 'exact' | 'prefix' };
  /** `float32` where SciPy returns float32: the value is SciPy's on float64 input, to be rounded once. */
  dtype?: 'float32';
}

/** One fixture case: inputs and the calls made on them. */
export interface FixtureCase {
  id: string;
  fn: string;
  args: FixtureInput[];
  calls: FixtureCall[];
  note?: string;
  [extra: string]: unknown;
}

/** A fixture file. */
export interface FixtureFile {
  generator: string;
  scipy: string;
  numpy: string;
  seed: number;
  cases: FixtureCase[];
}

const ROOT = path.resolve(__dirname, '..', '..', 'fixtures');

/** Reads a fixture file, e.g. `loadFixture('core/entropy.json')`. */
export function loadFixture(relative: string): FixtureFile {
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, relative), 'utf8')) as FixtureFile;
  if (!Array.isArray(file.cases) || typeof file.scipy !== 'string' || typeof file.numpy !== 'string') {
    throw new Error(`${relative} is not a fixture file`);
  }
  return file;
}

/** Decodes one value (`"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"` or a number / boolean). */
export function decode(v: Encoded): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  switch (v) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      throw new Error(`not an encoded float: ${JSON.stringify(v)}`);
  }
}

/** Decodes nested values; booleans stay booleans. */
export function decodeTree(x: EncodedTree): Tree {
  if (Array.isArray(x)) return x.map(decodeTree);
  if (typeof x === 'boolean') return x;
  return decode(x);
}

/** The shape of a rectangular nested list. */
export function shapeOf(x: Tree): number[] {
  const shape: number[] = [];
  let p: Tree = x;
  while (Array.isArray(p)) {
    shape.push(p.length);
    if (p.length === 0) break;
    p = p[0];
  }
  return shape;
}

/** The elements of a nested list in C order, as numbers. */
export function flatValues(x: Tree): number[] {
  if (!Array.isArray(x)) return [typeof x === 'boolean' ? Number(x) : x];
  const out: number[] = [];
  const walk = (t: Tree): void => {
    if (Array.isArray(t)) t.forEach(walk);
    else out.push(typeof t === 'boolean' ? Number(t) : t);
  };
  walk(x);
  return out;
}

type AnyTyped =
  | Float64Array
  | Float32Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;

const CTORS: Record<string, new (n: number) => AnyTyped> = {
  float64: Float64Array,
  float32: Float32Array,
  int64: BigInt64Array,
  int32: Int32Array,
  int16: Int16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  bool: Uint8Array,
};

function typedFrom(dtype: string, values: readonly number[]): AnyTyped {
  const Ctor = CTORS[dtype];
  if (Ctor === undefined) throw new Error(`no typed array for dtype ${dtype}`);
  const out = new Ctor(values.length);
  for (let i = 0; i < values.length; i++) {
    if (out instanceof BigInt64Array) out[i] = BigInt(values[i]);
    else out[i] = values[i];
  }
  return out;
}

/**
 * The JS value a fixture input stands for, in its natural form: nested arrays / a number / a
 * boolean for float64, int64 and bool; otherwise a typed array (1-D), a scijs `ndarray` over a
 * typed array (2+ dimensions) or a number (0-d). `js` in the fixture overrides the choice.
 */
export function buildInput(input: FixtureInput): Input {
  const value = decodeTree(input.value);
  if (input.ragged) return value as unknown as Input;
  const form = input.js ?? (['float64', 'int64', 'bool'].includes(input.dtype) ? 'nested' : 'typed');
  const shape = shapeOf(value);
  if (form === 'nested' || shape.length === 0) {
    if (!Array.isArray(value) && typeof value === 'number' && input.dtype === 'bool') return value !== 0;
    return value as Input;
  }
  const data = typedFrom(input.dtype, flatValues(value));
  if (shape.length === 1) return data as Input;
  return ndarray(data as unknown as ndarray.Data<number>, shape) as Input;
}

/** Layouts of {@link buildView}: how the data sits in the larger buffer. */
export const LAYOUTS = ['reversed', 'stepped', 'transposed', 'mixed'] as const;
export type Layout = (typeof LAYOUTS)[number];

/**
 * The same data as a scijs view into a larger buffer of the input's dtype (bool as uint8,
 * int64 as BigInt64Array), filled elsewhere with a sentinel (NaN, or 77 for integers):
 * `reversed` (every stride negative), `stepped` (every other element, offset 3),
 * `transposed` (Fortran order), `mixed` (axes rotated, step 2, odd axes reversed).
 * Returns the view and its buffer (to check that it is not mutated).
 */
export function buildView(input: FixtureInput, layout: Layout): { view: Input; buffer: AnyTyped } {
  if (input.ragged) throw new Error('a ragged input has no view');
  const value = decodeTree(input.value);
  const shape = shapeOf(value);
  const flat = flatValues(value);
  const nd = shape.length;
  const order = [...Array(nd).keys()];
  if (layout === 'transposed') order.reverse();
  if (layout === 'mixed' && nd > 1) order.push(order.shift() as number);
  const step = layout === 'stepped' || layout === 'mixed' ? 2 : 1;
  const strides = new Array<number>(nd);
  let span = step;
  for (let i = nd - 1; i >= 0; i--) {
    const ax = order[i];
    strides[ax] = span;
    span *= Math.max(shape[ax], 1);
  }
  const pad = layout === 'stepped' ? 3 : 1;
  let offset = pad;
  for (let ax = 0; ax < nd; ax++) {
    const flip = layout === 'reversed' || (layout === 'mixed' && ax % 2 === 1);
    if (flip) {
      offset += Math.max(shape[ax] - 1, 0) * strides[ax];
      strides[ax] = -strides[ax];
    }
  }
  const length = span + 2 * pad;
  const isFloat = input.dtype === 'float64' || input.dtype === 'float32';
  const buffer = typedFrom(input.dtype === 'bool' ? 'uint8' : input.dtype, new Array<number>(length).fill(isFloat ? NaN : 77));
  const index = new Array<number>(nd).fill(0);
  for (let i = 0; i < flat.length; i++) {
    let k = offset;
    for (let d = 0; d < nd; d++) k += index[d] * strides[d];
    if (buffer instanceof BigInt64Array) buffer[k] = BigInt(flat[i]);
    else buffer[k] = flat[i];
    for (let d = nd - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  const view = ndarray(buffer as unknown as ndarray.Data<number>, shape, strides, offset);
  return { view: view as Input, buffer };
}

/** A deep copy of an input's contents, for checking that a call did not mutate it. */
export function snapshot(x: unknown): unknown {
  if (x instanceof BigInt64Array || x instanceof BigUint64Array) return Array.from(x, String);
  if (ArrayBuffer.isView(x)) return [(x as object).constructor.name, Array.from(x as unknown as ArrayLike<number>)];
  if (Array.isArray(x)) return x.map(snapshot);
  if (x instanceof NDArray) return ['NDArray', x.shape.slice(), x.strides.slice(), x.offset, snapshot(x.data)];
  if (x !== null && typeof x === 'object' && 'stride' in x) {
    const v = x as { data: unknown; shape: number[]; stride: number[]; offset: number };
    return ['scijs', v.shape.slice(), v.stride.slice(), v.offset, snapshot(v.data)];
  }
  return x;
}

/** Every call of every case, labelled, for `it.each`. */
export function allCalls(file: FixtureFile): Array<[string, FixtureCase, FixtureCall, number]> {
  const out: Array<[string, FixtureCase, FixtureCall, number]> = [];
  let n = 0;
  for (const c of file.cases) {
    c.calls.forEach((call, i) => {
      const label = c.calls.length > 1 ? `${c.id} #${i} ${JSON.stringify(call.kwargs)}` : `${c.id} ${JSON.stringify(call.kwargs)}`;
      out.push([label, c, call, n++]);
    });
  }
  return out;
}

/** The expected result of a call as a plain number or an NDArray (for `toAllClose`). */
export function expectedValue(call: FixtureCall): number | NDArray {
  if (call.scalar !== undefined) return decode(call.scalar);
  if (call.shape !== undefined && call.values !== undefined) {
    return NDArray.fromData(Float64Array.from(call.values.map(decode)), call.shape);
  }
  throw new Error('the call expects an error, not a value');
}

/** The positions (C order) and signs of the exact zeros among the expected values. */
function expectedZeros(call: FixtureCall): Array<[number, number]> {
  const values = call.scalar !== undefined ? [decode(call.scalar)] : (call.values ?? []).map(decode);
  const out: Array<[number, number]> = [];
  values.forEach((v, i) => {
    if (v === 0) out.push([i, v]);
  });
  return out;
}

/**
 * Checks what `run` does against a fixture call: the error class (by `name`; an `AxisError` must
 * also be a `ValueError`) and message, or the value: a plain number exactly where SciPy returns
 * a scalar, an `NDArray` of the same shape and dtype otherwise (float32 where SciPy returns
 * float32, within a float32 rounding of SciPy's float64 value), values close in the `allclose`
 * sense, and exact zeros with the same sign as SciPy's.
 */
export function checkCall(run: () => unknown, call: FixtureCall, tol: { rtol?: number; atol?: number } = {}): void {
  if (call.error !== undefined) {
    let thrown: unknown;
    let returned: unknown;
    try {
      returned = run();
    } catch (e) {
      thrown = e;
    }
    if (thrown === undefined) throw new Error(`expected ${call.error.type}: ${call.error.message}; returned ${String(returned)}`);
    const err = thrown as Error;
    expect({ name: err.name, message: call.error.match === 'prefix' ? err.message.slice(0, call.error.message.length) : err.message }).toEqual({
      name: call.error.type,
      message: call.error.message,
    });
    if (call.error.type === 'AxisError') expect(err).toBeInstanceOf(ValueError);
    return;
  }
  const actual = run();
  const expected = expectedValue(call);
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    if (call.dtype === 'float32') expect(Math.fround(actual as number)).toBe(actual);
  } else {
    expect(actual).toBeInstanceOf(NDArray);
    expect((actual as NDArray).shape).toEqual(expected.shape);
    expect((actual as NDArray).dtype).toBe(call.dtype ?? 'float64');
  }
  // A float32 result is the float64 value rounded once: within half a float32 ulp of it.
  expect(actual).toAllClose(expected, call.dtype === 'float32' ? { ...tol, rtol: Math.max(tol.rtol ?? 0, 2 ** -23) } : tol);
  const flat = typeof actual === 'number' ? [actual] : Array.from((actual as NDArray).toFloat64Array());
  for (const [i, zero] of expectedZeros(call)) {
    if (!Object.is(flat[i], zero)) {
      throw new Error(`element ${i}: expected ${Object.is(zero, -0) ? '-0' : '+0'}, got ${Object.is(flat[i], -0) ? '-0' : String(flat[i])}`);
    }
  }
}

/** The options object of an `entropy` call, from fixture kwargs (`base` decoded). */
export function entropyOptions(kwargs: Record<string, unknown>, useAlias = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'base') out.base = v === null ? null : decode(v as Encoded);
    else if (k === 'nan_policy' && useAlias) out.nanPolicy = v;
    else out[k] = v;
  }
  return out;
}
