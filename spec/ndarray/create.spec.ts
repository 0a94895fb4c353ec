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

  it('reads null as NaN, as numpy\'s asarray(x, dtype=float) and as JSON writes NaN', () => {
    const a = asarray([[1, null], [null, 2]]);
    expect(a.dtype).toBe('float64');
    expect(a.toArray()).toEqual([[1, NaN], [NaN, 2]]);
    expect(asarray(JSON.parse(JSON.stringify(asarray([0.5, NaN])))).toArray()).toEqual([0.5, NaN]);
  });

  it('wraps a stdlib-js style view (data, shape, strides, offset, order) without copying', () => {
    const data = new Float32Array([0, 1, 2, 3, 4, 5, 6]);
    const view = { dtype: 'float32', data, shape: [2, 3], strides: [-3, 1], offset: 3, order: 'row-major' };
    const a = asarray(view);
    expect(a.data).toBe(data);
    expect(a.dtype).toBe('float32');
    expect(a.toArray()).toEqual([[3, 4, 5], [0, 1, 2]]);
    expect(asarray({ data: [1, 2, 3, 4], shape: [2], strides: [2], offset: 1 }).toArray()).toEqual([2, 4]);
  });

  it('walks nesting 64 deep (numpy\'s limit) without recursion', () => {
    let x: unknown = 7;
    for (let i = 0; i < 64; i++) x = [x];
    const a = asarray(x as never);
    expect(a.ndim).toBe(64);
    expect(a.toFloat64Array()[0]).toBe(7);
  });

  it('reads each length once: a Proxy whose length changes between reads gives the first shape', () => {
    let reads = 0;
    const rows = new Proxy([[1, 2], [3, 4]], { get: (t, k) => (k === 'length' ? 2 + reads++ : Reflect.get(t, k)) });
    const a = asarray(rows);
    expect(a.shape).toEqual([2, 2]);
    expect(a.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(reads).toBe(1);
  });

  it('uses the shape, strides and offset it validated, whatever a view\'s getters say later', () => {
    const data = new Float64Array([1, 2, 3, 4]);
    let reads = 0;
    const later = () => reads > 2; // asarray reads each field at most twice (the check, then the copy it validates)
    const view = {
      data,
      get shape() { reads++; return later() ? [100] : [2]; },
      get stride() { return later() ? [7] : [1]; },
      get offset() { return later() ? 9 : 1; },
      get: () => 0,
    };
    const a = asarray(view as never);
    reads = 5;
    expect([a.shape, a.strides, a.offset]).toEqual([[2], [1], 1]);
    expect(a.toArray()).toEqual([2, 3]);
    expect(a.nd.shape).toEqual([2]);
    expect(Array.from(a.toFloat64Array())).toEqual([2, 3]);
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
    ['an undefined element', [[1], [undefined]], 'got undefined at index [1, 0]'],
    ['an object element', [{}], 'got Object at index [0]'],
    ['a string', 'abc', '`input` must be array-like'],
    ['null', null, '`input` must be array-like'],
    ['undefined', undefined, '`input` must be array-like'],
    ['a plain object', { a: 1 }, '`input` must be array-like'],
    ['a DataView', new DataView(new ArrayBuffer(8)), '`input` is a DataView, which is not array-like'],
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
    ['a fractional stride', { data: new Float64Array(4), shape: [2], stride: [1.5], offset: 0, get: () => 0 }, 'invalid shape (2,), strides [1.5] or offset 0'],
    ['a negative length', { data: new Float64Array(4), shape: [-1], stride: [1], offset: 0, get: () => 0 }, '`input.shape` must be an array of non-negative integers; got -1 at index 0'],
    ['strides of the wrong length', { data: new Float64Array(4), shape: [2, 2], stride: [1], offset: 0, get: () => 0 }, 'invalid shape (2,2), strides [1] or offset 0'],
  ])('rejects %s with a ValueError', (_what, view, message) => {
    expect(() => asarray(view as never)).toThrow(ValueError);
    expect(() => asarray(view as never)).toThrow(message);
  });

  it('accepts an empty scijs view whatever its offset', () => {
    expect(asarray(ndarray(new Float64Array(0), [0, 3])).shape).toEqual([0, 3]);
  });
});
