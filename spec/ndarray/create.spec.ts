import ndarray from 'ndarray';
import { asarray } from '../../lib/ndarray/create';
import { NDArray } from '../../lib/ndarray/ndarray';
import { ValueError } from '../../lib/errors';

describe('asarray', () => {
  it('turns nested arrays into a C-contiguous float64 NDArray of their shape', () => {
    const a = asarray([[1, 2, 3], [4, 5, 6]]);
    expect(a).toBeInstanceOf(NDArray);
    expect(a.shape).toEqual([2, 3]);
    expect(a.strides).toEqual([3, 1]);
    expect(a.dtype).toBe('float64');
    expect(a.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('copies nested arrays, so later changes to them do not show', () => {
    const x = [1, 2, 3];
    const a = asarray(x);
    x[0] = 99;
    expect(a.get(0)).toBe(1);
  });

  it('turns a number into a 0-d float64 array and a boolean into a 0-d bool array', () => {
    const n = asarray(2.5);
    expect(n.shape).toEqual([]);
    expect(n.ndim).toBe(0);
    expect(n.size).toBe(1);
    expect(n.toArray()).toBe(2.5);
    const b = asarray(true);
    expect(b.dtype).toBe('bool');
    expect(b.toArray()).toBe(1);
  });

  it('gives dtype bool when every element is a boolean, float64 when they are mixed', () => {
    expect(asarray([[true, false], [false, true]]).dtype).toBe('bool');
    expect(asarray([true, 2]).dtype).toBe('float64');
    expect(asarray([true, 2]).toArray()).toEqual([1, 2]);
  });

  it('keeps NaN, infinities and -0', () => {
    const v = asarray([NaN, Infinity, -Infinity, -0]).toArray() as number[];
    expect(v[0]).toBeNaN();
    expect(v.slice(1, 3)).toEqual([Infinity, -Infinity]);
    expect(Object.is(v[3], -0)).toBe(true);
  });

  it('gives empty shapes for empty nested arrays', () => {
    expect(asarray([]).shape).toEqual([0]);
    expect(asarray([]).dtype).toBe('float64');
    expect(asarray([[], []]).shape).toEqual([2, 0]);
    expect(asarray([[[]]]).shape).toEqual([1, 1, 0]);
  });

  it.each([
    ['Float64Array', new Float64Array([1, 2]), 'float64'],
    ['Float32Array', new Float32Array([1, 2]), 'float32'],
    ['Int8Array', new Int8Array([1, 2]), 'int8'],
    ['Int16Array', new Int16Array([1, 2]), 'int16'],
    ['Int32Array', new Int32Array([1, 2]), 'int32'],
    ['Uint8Array', new Uint8Array([1, 2]), 'uint8'],
    ['Uint8ClampedArray', new Uint8ClampedArray([1, 2]), 'uint8'],
    ['Uint16Array', new Uint16Array([1, 2]), 'uint16'],
    ['Uint32Array', new Uint32Array([1, 2]), 'uint32'],
  ])('wraps a %s as a 1-D array without copying', (_name, t, dtype) => {
    const a = asarray(t);
    expect(a.shape).toEqual([2]);
    expect(a.dtype).toBe(dtype);
    expect(a.data).toBe(t);
    expect(a.toArray()).toEqual([1, 2]);
  });

  it('copies bigint typed arrays into float64', () => {
    const a = asarray(new BigInt64Array([1n, -2n]));
    expect(a.dtype).toBe('float64');
    expect(a.toArray()).toEqual([1, -2]);
    expect(asarray(new BigUint64Array([3n])).toArray()).toEqual([3]);
  });

  it('accepts nested arrays whose rows are typed arrays', () => {
    const a = asarray([new Float64Array([1, 2]), new Int8Array([3, 4])]);
    expect(a.shape).toEqual([2, 2]);
    expect(a.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('wraps a scijs view over a typed array without copying, keeping its strides and offset', () => {
    const data = new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]);
    const view = ndarray(data, [2, 3], [1, 2], 1);
    const a = asarray(view);
    expect(a.data).toBe(data);
    expect(a.shape).toEqual([2, 3]);
    expect(a.strides).toEqual([1, 2]);
    expect(a.offset).toBe(1);
    expect(a.toArray()).toEqual([[1, 3, 5], [2, 4, 6]]);
  });

  it('reads negative-stride, stepped and 0-d scijs views', () => {
    const data = new Int16Array([0, 1, 2, 3, 4, 5]);
    expect(asarray(ndarray(data).step(-1)).toArray()).toEqual([5, 4, 3, 2, 1, 0]);
    expect(asarray(ndarray(data).step(2)).toArray()).toEqual([0, 2, 4]);
    expect(asarray(ndarray(data).step(2)).dtype).toBe('int16');
    expect(asarray(ndarray(data, [], [], 4)).toArray()).toBe(4);
  });

  it('copies a scijs view over a plain array or bigint data into float64 in C order', () => {
    const plain = ndarray([1, 2, 3, 4, 5, 6], [3, 2]).transpose(1, 0);
    const a = asarray(plain);
    expect(a.dtype).toBe('float64');
    expect(a.isCContiguous).toBe(true);
    expect(a.toArray()).toEqual([[1, 3, 5], [2, 4, 6]]);
    const big = ndarray(new BigInt64Array([1n, 2n, 3n, 4n]) as never, [2, 2]);
    expect(asarray(big).toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('returns an NDArray unchanged', () => {
    const a = asarray([1, 2]);
    expect(asarray(a)).toBe(a);
  });

  it.each([
    ['ragged rows', [[1, 2], [3]], 'setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.'],
    ['a number beside a row', [1, [2]], 'inhomogeneous shape after 1 dimensions. The detected shape was (2,)'],
    ['a row beside a number', [[1], 2], 'inhomogeneous shape after 1 dimensions'],
    ['ragged deeper down', [[[1, 2], [3, 4]], [[1, 2], [3]]], 'inhomogeneous shape after 2 dimensions. The detected shape was (2,2) + inhomogeneous part.'],
    ['a string element', [1, 'a'], '`input` must hold numbers or booleans; got "a" at index [1]'],
    ['a null element', [[1], [null]], 'got null at index [1, 0]'],
    ['an object element', [{}], 'got Object at index [0]'],
    ['a string', 'abc', '`input` must be array-like'],
    ['null', null, '`input` must be array-like'],
    ['undefined', undefined, '`input` must be array-like'],
    ['a plain object', { a: 1 }, '`input` must be array-like'],
    ['a DataView', new DataView(new ArrayBuffer(8)), 'a DataView is not array-like'],
    ['a string in a scijs view over a plain array', ndarray(['a', 'b'] as never), 'must hold numbers or booleans'],
  ])('rejects %s with a TypeError', (_what, x, message) => {
    expect(() => asarray(x as never)).toThrow(TypeError);
    expect(() => asarray(x as never)).toThrow(message);
  });

  it('names the parameter in its messages', () => {
    expect(() => asarray(['a'] as never, 'pk')).toThrow('`pk` must hold numbers or booleans');
  });

  it.each([
    ['a view past the end of its data', ndarray(new Float64Array(4), [5]), 'addresses index 4 of data of length 4'],
    ['a view before the start of its data', ndarray(new Float64Array(4), [2], [-1], 0), 'addresses index -1 of data of length 4'],
    ['a fractional stride', { data: new Float64Array(4), shape: [2], stride: [1.5], offset: 0, get: () => 0 }, 'invalid shape [2] or stride [1.5]'],
    ['a negative length', { data: new Float64Array(4), shape: [-1], stride: [1], offset: 0, get: () => 0 }, 'invalid shape [-1] or stride [1]'],
    ['strides of the wrong length', { data: new Float64Array(4), shape: [2, 2], stride: [1], offset: 0, get: () => 0 }, 'invalid shape [2,2] or stride [1]'],
  ])('rejects %s with a ValueError', (_what, view, message) => {
    expect(() => asarray(view as never)).toThrow(ValueError);
    expect(() => asarray(view as never)).toThrow(message);
  });

  it('accepts an empty scijs view whatever its offset', () => {
    expect(asarray(ndarray(new Float64Array(0), [0, 3])).shape).toEqual([0, 3]);
  });
});
