/**
 * NumPy `.npy` files: a reader for float64, float32, every integer width (int8..int64,
 * uint8..uint64) and bool, little- or big-endian, C or Fortran order, any number of dimensions
 * (format versions 1.0, 2.0 and 3.0), and a writer for float64 C-order arrays.
 *
 * The format: the magic `\x93NUMPY`, a major and minor version byte, the header length
 * (uint16 little-endian in 1.0, uint32 in 2.0 and 3.0), then a Python dict literal
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a
 * newline, then the raw elements.
 */
import { NDArray } from '../index.js';
import { InputError } from './errors.js';

/** The typed arrays the elements of a `.npy` file are decoded into. */
export type NpyData = Float64Array | Float32Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/** The element types read from `.npy` files. */
export interface NpyDType {
  /** numpy's dtype name, e.g. `float64`. */
  name: string;
  /** Bytes per element. */
  itemsize: number;
  /** Whether multi-byte elements are stored little-endian. */
  little: boolean;
  /** The kind letter: `f` float, `i` signed, `u` unsigned, `b` bool. */
  kind: 'f' | 'i' | 'u' | 'b';
}

/** A parsed `.npy` header. */
export interface NpyHeader {
  dtype: NpyDType;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
  /** Number of elements (product of `shape`). */
  size: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const SUPPORTED = 'float64, float32, int8..int64, uint8..uint64 and bool';

/** Whether the bytes start with the `.npy` magic string. */
export function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && MAGIC.every((b, i) => bytes[i] === b);
}

/** Whether the bytes, fewer than six, are the start of the `.npy` magic string (a cut-off file). */
export function isNpyPrefix(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes.length < 6 && Array.from(bytes).every((b, i) => b === MAGIC[i]);
}

/** The largest header dict NumPy reads (`max_header_size` of `numpy.load`). */
export const MAX_HEADER_SIZE = 10000;

/**
 * How many bytes the header needs: the prefix (magic, version, length) plus the dict. Returns
 * `null` when fewer than the 12 bytes needed to tell have been given.
 */
export function headerLength(bytes: Uint8Array, file: string): number | null {
  for (let i = 0; i < Math.min(bytes.length, 6); i++) {
    if (bytes[i] !== MAGIC[i]) throw new InputError(`${file}: not a .npy file (no \\x93NUMPY magic string at the start)`);
  }
  if (bytes.length < 10) return null;
  const major = bytes[6];
  let prefix: number;
  let dict: number;
  if (major === 1) {
    prefix = 10;
    dict = bytes[8] | (bytes[9] << 8);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) return null;
    prefix = 12;
    dict = (bytes[8] | (bytes[9] << 8) | (bytes[10] << 16)) + bytes[11] * 2 ** 24;
  } else {
    throw new InputError(`${file}: unsupported .npy format version ${major}.${bytes[7]} (1.0, 2.0 and 3.0 are read)`);
  }
  if (dict > MAX_HEADER_SIZE) {
    throw new InputError(`${file}: .npy header of ${dict} bytes refused: NumPy reads at most ${MAX_HEADER_SIZE} (its max_header_size)`);
  }
  return prefix + dict;
}

/**
 * Parses the header at the start of `bytes` (which must hold all of it).
 * @throws {InputError} for a missing magic string, a truncated header, a header that is not the
 *   dict numpy writes, or an unsupported dtype.
 */
export function parseHeader(bytes: Uint8Array, file: string): NpyHeader {
  const total = headerLength(bytes, file);
  if (total === null || bytes.length < total) {
    throw new InputError(`${file}: truncated .npy header (${bytes.length} bytes; the header needs ${total ?? 'at least 10'})`);
  }
  const start = bytes[6] === 1 ? 10 : 12;
  const text = new TextDecoder(bytes[6] === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, total));
  const corrupt = (what: string): never => {
    throw new InputError(`${file}: corrupt .npy header (${what}): ${JSON.stringify(text.trim().slice(0, 120))}`);
  };
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) corrupt('not a dict literal');
  const descr = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(body);
  if (!descr) {
    if (/['"]descr['"]\s*:\s*\[/.test(body)) {
      throw new InputError(`${file}: unsupported dtype: a structured array (supported: ${SUPPORTED})`);
    }
    corrupt("no 'descr'");
  }
  const order = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(body);
  if (!order) corrupt("no 'fortran_order'");
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(body);
  if (!shapeMatch) corrupt("no 'shape'");
  const shapeText = shapeMatch![1].trim();
  const shape = shapeText === '' ? [] : shapeText.replace(/,\s*$/, '').split(',').map((s) => s.trim().replace(/L$/, ''));
  if (!shape.every((s) => /^\d+$/.test(s))) corrupt('shape is not a tuple of integers');
  const dims = shape.map(Number);
  const dtype = parseDescr(descr![2], file);
  return {
    dtype,
    fortranOrder: order![1] === 'True',
    shape: dims,
    dataOffset: total,
    size: dims.reduce((a, b) => a * b, 1),
  };
}

/** Parses a numpy type string such as `<f8`, `>i2`, `|u1` or `|b1`. */
export function parseDescr(descr: string, file: string): NpyDType {
  const m = /^([<>|=]?)([a-zA-Z?])(\d*)$/.exec(descr);
  const unsupported = (): never => {
    throw new InputError(`${file}: unsupported dtype '${descr}' (supported: ${SUPPORTED})`);
  };
  if (!m) return unsupported();
  const [, order, kindChar, sizeText] = m;
  let kind = kindChar;
  let itemsize = sizeText === '' ? NaN : Number(sizeText);
  if (kind === '?') {
    kind = 'b';
    itemsize = sizeText === '' ? 1 : itemsize;
  }
  const little = order === '>' ? false : true; // '=' and '|' mean native, and this reader assumes little-endian hosts
  const ok =
    (kind === 'f' && (itemsize === 4 || itemsize === 8)) ||
    ((kind === 'i' || kind === 'u') && [1, 2, 4, 8].includes(itemsize)) ||
    (kind === 'b' && itemsize === 1);
  if (!ok) return unsupported();
  const name = kind === 'b' ? 'bool' : `${kind === 'f' ? 'float' : kind === 'i' ? 'int' : 'uint'}${itemsize * 8}`;
  return { name, itemsize, little, kind: kind as NpyDType['kind'] };
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The typed array whose memory holds `dtype`'s bytes as they are in the file, if there is one. */
export function nativeType(dtype: NpyDType): (new (b: ArrayBufferLike, offset: number, n: number) => NpyData) | null {
  if (dtype.little !== LITTLE_ENDIAN && dtype.itemsize > 1) return null;
  switch (`${dtype.kind}${dtype.itemsize}`) {
    case 'f8': return Float64Array;
    case 'f4': return Float32Array;
    case 'i1': return Int8Array;
    case 'i2': return Int16Array;
    case 'i4': return Int32Array;
    case 'u1': return Uint8Array;
    case 'u2': return Uint16Array;
    case 'u4': return Uint32Array;
    default: return null; // bool (made 0 or 1), int64 and uint64 (made float64)
  }
}

/**
 * Decodes `count` elements of `dtype` from `bytes` (starting at byte 0) into a typed array the
 * library accepts: the same type where one exists (float64, float32, int8..int32, uint8..uint32,
 * bool as a Uint8Array), float64 for int64 and uint64 (exact up to 2**53, as numpy's own
 * conversion to float64). With `into` (at least `count` * 8 bytes), the values are written at
 * its start and the result is a view of it (a reused shared buffer the worker pool uses in place).
 */
export function decode(bytes: Uint8Array, dtype: NpyDType, count: number, into?: ArrayBufferLike): NpyData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * dtype.itemsize);
  const le = dtype.little;
  const n = count;
  switch (`${dtype.kind}${dtype.itemsize}`) {
    case 'f8': {
      const out = into === undefined ? new Float64Array(n) : new Float64Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, le);
      return out;
    }
    case 'f4': {
      const out = into === undefined ? new Float32Array(n) : new Float32Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, le);
      return out;
    }
    case 'i1': {
      const out = into === undefined ? new Int8Array(n) : new Int8Array(into, 0, n);
      out.set(new Int8Array(bytes.buffer, bytes.byteOffset, n));
      return out;
    }
    case 'u1':
    case 'b1': {
      const out = into === undefined ? new Uint8Array(n) : new Uint8Array(into, 0, n); // a copy: never a view of `bytes`
      out.set(bytes.subarray(0, n));
      if (dtype.kind === 'b') for (let i = 0; i < n; i++) out[i] = out[i] !== 0 ? 1 : 0;
      return out;
    }
    case 'i2': {
      const out = into === undefined ? new Int16Array(n) : new Int16Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, le);
      return out;
    }
    case 'u2': {
      const out = into === undefined ? new Uint16Array(n) : new Uint16Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = view.getUint16(i * 2, le);
      return out;
    }
    case 'i4': {
      const out = into === undefined ? new Int32Array(n) : new Int32Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, le);
      return out;
    }
    case 'u4': {
      const out = into === undefined ? new Uint32Array(n) : new Uint32Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, le);
      return out;
    }
    case 'i8': {
      const out = into === undefined ? new Float64Array(n) : new Float64Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(i * 8, le));
      return out;
    }
    case 'u8': {
      const out = into === undefined ? new Float64Array(n) : new Float64Array(into, 0, n);
      for (let i = 0; i < n; i++) out[i] = Number(view.getBigUint64(i * 8, le));
      return out;
    }
    default:
      throw new InputError(`unsupported dtype ${dtype.name}`);
  }
}

/** The strides (in elements) of an array of `shape` in C or Fortran order. */
export function orderStrides(shape: readonly number[], fortran: boolean): number[] {
  const n = shape.length;
  const strides = new Array<number>(n);
  let step = 1;
  for (let k = 0; k < n; k++) {
    const d = fortran ? k : n - 1 - k;
    strides[d] = step;
    step *= Math.max(shape[d], 1);
  }
  return strides;
}

/**
 * Reads a whole `.npy` file held in memory.
 * @throws {InputError} for a bad header, an unsupported dtype, or a data section whose length
 *   does not match the header's shape (truncated or trailing bytes).
 */
export function readNpy(bytes: Uint8Array, file: string): NDArray {
  const header = parseHeader(bytes, file);
  const expected = header.size * header.dtype.itemsize;
  const found = bytes.length - header.dataOffset;
  if (found !== expected) {
    throw new InputError(
      `${file}: ${found < expected ? 'truncated' : 'corrupt'} .npy data: shape (${header.shape.join(', ')}${header.shape.length === 1 ? ',' : ''}) of ${header.dtype.name} needs ${expected} bytes, found ${found}`,
    );
  }
  const data = decode(bytes.subarray(header.dataOffset), header.dtype, header.size);
  return new NDArray(data, header.shape, orderStrides(header.shape, header.fortranOrder), 0, header.dtype.kind === 'b' ? 'bool' : undefined);
}

/** The numpy repr of a shape tuple: `()`, `(3,)`, `(2, 3)`. */
export function shapeTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The header bytes of a little-endian float64 C-order `.npy` file (format 1.0, padded to 64). */
export function npyHeader(shape: readonly number[]): Uint8Array {
  let dict = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeTuple(shape)}, }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  out[8] = dict.length & 0xff;
  out[9] = dict.length >> 8;
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  return out;
}

/** A complete `.npy` file of float64 values in C order with the given shape. */
export function writeNpy(values: Float64Array, shape: readonly number[]): Uint8Array {
  const header = npyHeader(shape);
  const out = new Uint8Array(header.length + values.length * 8);
  out.set(header, 0);
  const view = new DataView(out.buffer, header.length);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return out;
}
