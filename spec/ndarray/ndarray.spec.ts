import ndarray from 'ndarray';
import { inspect } from 'node:util';
import { asarray } from '../../lib/ndarray/create';
import { dtypeOf, isScijsArray, NDArray } from '../../lib/ndarray/ndarray';
import { AxisError, IndexError, ValueError } from '../../lib/errors';

const M = () => asarray([[1, 2, 3], [4, 5, 6]]);

describe('NDArray', () => {
  it('describes itself with numpy vocabulary: shape, ndim, size, strides, dtype', () => {
    const a = M();
    expect(a.shape).toEqual([2, 3]);
    expect(a.ndim).toBe(2);
    expect(a.size).toBe(6);
    expect(a.strides).toEqual([3, 1]);
    expect(a.offset).toBe(0);
    expect(a.dtype).toBe('float64');
    expect(a.isCContiguous).toBe(true);
  });

  it('is a collection over its first axis: length, iteration, at (numbers for 1-D, row views otherwise)', () => {
    const a = M();
    expect(a.length).toBe(2);
    const rows = [...a];
    expect(rows.map((r) => (r as NDArray).toArray())).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect((rows[1] as NDArray).data).toBe(a.data);
    expect(Array.from(asarray([1, 2, 3]))).toEqual([1, 2, 3]);
    const t = a.transpose();
    expect(Array.from(t, (r) => (r as NDArray).toArray())).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(asarray([7, 8, 9]).at(-1)).toBe(9);
    expect(asarray([7, 8, 9]).at(3)).toBeUndefined();
    expect(asarray([7, 8, 9]).at(-4)).toBeUndefined();
    expect((t.at(1) as NDArray).toArray()).toEqual([2, 5]);
    expect(Array.from(asarray([[], []]))).toHaveLength(2);
    expect([...asarray([])]).toEqual([]);
  });

  it('has no length on a 0-d array, and refuses iteration and at there, and a non-integer at, with a TypeError', () => {
    const z = asarray(5);
    expect(z.length).toBeUndefined();
    expect(() => [...z]).toThrow(new TypeError('len() of unsized object: a 0-d array has no first axis'));
    expect(() => z.at(0)).toThrow(TypeError);
    expect(() => asarray([1, 2]).at(0.5)).toThrow('`at` takes an integer index; got 0.5');
  });

  it('serialises to nested arrays with JSON.stringify, without its internal fields', () => {
    const a = M();
    void a.nd;
    expect(JSON.stringify(a)).toBe('[[1,2,3],[4,5,6]]');
    expect(JSON.stringify({ h: asarray([0.5, NaN]) })).toBe('{"h":[0.5,null]}');
    expect(JSON.stringify(asarray(2))).toBe('2');
    expect(Object.keys(a).sort()).toEqual(['data', 'dtype', 'offset', 'shape', 'strides']);
  });

  it('prints as numpy\'s repr through String and util.inspect (console.log), never the scijs view', () => {
    const a = M();
    void a.nd;
    const repr = 'NDArray([[1, 2, 3],\n         [4, 5, 6]], shape=(2,3), dtype=float64)';
    expect(String(a)).toBe(repr);
    expect(inspect(a)).toBe(repr);
    expect(inspect({ h: asarray([1, -0]) })).toBe('{ h: NDArray([ 1, -0], shape=(2,), dtype=float64) }');
    const big = NDArray.fromData(Float64Array.from({ length: 1000 }, (_, i) => i));
    expect(inspect(big)).toBe(String(big));
    expect(inspect(big).match(/\b999\b/g)).toHaveLength(1);
    expect(inspect(NDArray.fromData(new Float64Array(1001)))).toBe('NDArray([0, 0, 0, ..., 0, 0, 0], shape=(1001,), dtype=float64)');
  });

  it('sums over all axes, one axis or several (numpy\'s sum), in any layout', () => {
    const a = M();
    expect(a.sum()).toBe(21);
    expect(a.sum(null)).toBe(21);
    expect(a.sum(1).toArray()).toEqual([6, 15]);
    expect(a.sum(-2).toArray()).toEqual([5, 7, 9]);
    expect(a.sum([0, 1])).toBe(21);
    expect(a.transpose().sum(0).toArray()).toEqual([6, 15]);
    expect((asarray(ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]).step(-1, 2)).sum(1) as NDArray).toArray()).toEqual([10, 4]);
    expect(asarray(5).sum()).toBe(5);
    expect(asarray([[], []]).sum(1).toArray()).toEqual([0, 0]);
    expect(asarray([[], []]).sum()).toBe(0);
  });

  it('sums pairwise with compensation: 0.1 ten thousand times is the correctly rounded 1000', () => {
    const x = NDArray.fromData(new Float64Array(10000).fill(0.1));
    const naive = Array.from(x.toFloat64Array()).reduce((s, v) => s + v, 0);
    const exact = Number(10000n * BigInt(0.1 * 2 ** 56)) / 2 ** 56; // fl(0.1) = m 2^-56; Number() rounds once
    expect(naive).not.toBe(exact);
    expect(x.sum()).toBe(exact);
  });

  it('gives float32 sums of float32 data (summed in float64, rounded once), float64 otherwise', () => {
    const f = asarray(new Float32Array([0.1, 0.2, 0.3]));
    const exact = Array.from(f.toFloat64Array()).reduce((s, v) => s + v, 0);
    expect(f.sum()).toBe(Math.fround(exact));
    expect(asarray(new Float32Array([1, 2, 3, 4])).reshape(2, 2).sum(0).dtype).toBe('float32');
    expect(asarray(new Int8Array([100, 100])).sum()).toBe(200);
    expect(asarray([true, true]).sum()).toBe(2);
  });

  it.each([
    [2, AxisError, 'axis 2 is out of bounds for array of dimension 2'],
    [[0, 0], ValueError, "duplicate value in 'axis'"],
    [1.5, TypeError, 'integer argument expected, got float'],
  ])('refuses sum(%j)', (axis, cls, message) => {
    expect(() => M().sum(axis as never)).toThrow(cls);
    expect(() => M().sum(axis as never)).toThrow(message);
  });

  it('freezes its shape and strides', () => {
    const a = M();
    expect(Object.isFrozen(a.shape)).toBe(true);
    expect(Object.isFrozen(a.strides)).toBe(true);
  });

  it('reads elements with get, negative indices counting from the end', () => {
    const a = M();
    expect(a.get(1, 2)).toBe(6);
    expect(a.get(-1, -3)).toBe(4);
    expect(asarray(7).get()).toBe(7);
  });

  it.each([
    [[0], 'expected 2 indices for an array of shape (2,3), got 1'],
    [[0, 0, 0], 'expected 2 indices for an array of shape (2,3), got 3'],
    [[2, 0], 'index 2 is out of bounds for axis 0 with size 2'],
    [[0, -4], 'index -4 is out of bounds for axis 1 with size 3'],
    [[0, 1.5], 'index 1.5 is out of bounds for axis 1 with size 3'],
  ])('rejects get(%j) with an IndexError', (index, message) => {
    expect(() => M().get(...index)).toThrow(IndexError);
    expect(() => M().get(...index)).toThrow(message);
  });

  it('converts to nested arrays (toArray) and to a C-order Float64Array copy (toFloat64Array)', () => {
    const t = M().transpose();
    expect(t.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    const f = t.toFloat64Array();
    expect(Array.from(f)).toEqual([1, 4, 2, 5, 3, 6]);
    f[0] = 99;
    expect(t.get(0, 0)).toBe(1);
    expect(asarray([[], []]).toFloat64Array().length).toBe(0);
    expect(Array.from(asarray(3).toFloat64Array())).toEqual([3]);
  });

  it('transposes as a view: axes reversed by default, or in the order given', () => {
    const a = asarray([[[1, 2]], [[3, 4]], [[5, 6]]]);
    expect(a.shape).toEqual([3, 1, 2]);
    const t = a.transpose();
    expect(t.shape).toEqual([2, 1, 3]);
    expect(t.data).toBe(a.data);
    expect(t.isCContiguous).toBe(false);
    expect(a.transpose(1, 2, 0).shape).toEqual([1, 2, 3]);
    expect(a.transpose(-1, 0, 1).toArray()).toEqual([[[1], [3], [5]], [[2], [4], [6]]]);
  });

  it.each([
    [[0], ValueError, "axes don't match array"],
    [[0, 1, 0], ValueError, "axes don't match array"],
    [[0, 0], ValueError, 'repeated axis in transpose'],
    [[1, -1], ValueError, 'repeated axis in transpose'],
    [[0, 2], AxisError, 'axis 2 is out of bounds for array of dimension 2'],
  ])('rejects transpose(%j)', (axes, cls, message) => {
    expect(() => M().transpose(...axes)).toThrow(cls);
    expect(() => M().transpose(...axes)).toThrow(message);
  });

  it('moves one axis, keeping the others in order (moveaxis)', () => {
    const a = NDArray.fromData(new Float64Array(24), [2, 3, 4]);
    expect(a.moveaxis(0, -1).shape).toEqual([3, 4, 2]);
    expect(a.moveaxis(-1, 0).shape).toEqual([4, 2, 3]);
    expect(a.moveaxis(1, 1).shape).toEqual([2, 3, 4]);
    expect(() => a.moveaxis(3, 0)).toThrow(AxisError);
    expect(() => a.moveaxis(3, 0)).toThrow('source: axis 3 is out of bounds for array of dimension 3');
    expect(() => a.moveaxis(0, -4)).toThrow('destination: axis -4 is out of bounds for array of dimension 3');
  });

  it('broadcasts to a larger shape as a read-only view with 0 strides', () => {
    const row = asarray([1, 2, 3]);
    const b = row.broadcastTo([2, 3]);
    expect(b.strides).toEqual([0, 1]);
    expect(b.data).toBe(row.data);
    expect(b.toArray()).toEqual([[1, 2, 3], [1, 2, 3]]);
    expect(asarray([[1], [2]]).broadcastTo([2, 2]).toArray()).toEqual([[1, 1], [2, 2]]);
    expect(asarray(5).broadcastTo([2]).toArray()).toEqual([5, 5]);
    expect(asarray([1]).broadcastTo([0]).shape).toEqual([0]);
  });

  it.each([
    [[1, 2, 3], [2, 2], '(3,) and requested shape (2,2)'],
    [[[1, 2]], [2], '(1,2) and requested shape (2,)'],
  ])('rejects broadcasting %j to %j', (x, shape, message) => {
    expect(() => asarray(x).broadcastTo(shape)).toThrow(ValueError);
    expect(() => asarray(x).broadcastTo(shape)).toThrow(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${message}`,
    );
  });

  it('reshapes contiguous data as a view and strided data as a copy, with one -1 inferred', () => {
    const a = M();
    const r = a.reshape(3, -1);
    expect(r.shape).toEqual([3, 2]);
    expect(r.data).toBe(a.data);
    expect(r.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    const t = a.transpose().reshape(-1);
    expect(t.data).not.toBe(a.data);
    expect(t.toArray()).toEqual([1, 4, 2, 5, 3, 6]);
    expect(asarray([7]).reshape().shape).toEqual([]);
    expect(asarray([[]]).reshape(-1).shape).toEqual([0]);
  });

  it('keeps the dtype when reshaping a strided view by copying', () => {
    const v = asarray(ndarray(new Int8Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0));
    const r = v.reshape(4);
    expect(r.dtype).toBe('int8');
    expect(r.data).toBeInstanceOf(Int8Array);
    expect(r.toArray()).toEqual([1, 3, 2, 4]);
  });

  it.each([
    [[4], 'cannot reshape array of size 6 into shape (4,)'],
    [[-1, -1], 'can only specify one unknown dimension'],
    [[4, -1], 'cannot reshape array of size 6 into shape (4,-1)'],
    [[-2, -3], 'cannot reshape array of size 6 into shape (-2,-3)'],
  ])('rejects reshape(%j)', (shape, message) => {
    expect(() => M().reshape(...shape)).toThrow(ValueError);
    expect(() => M().reshape(...shape)).toThrow(message);
  });

  it('exposes the same view to scijs (nd) and wraps scijs views without copying (fromScijs)', () => {
    const t = M().transpose();
    const nd = t.nd;
    expect(nd.shape).toEqual([3, 2]);
    expect(nd.stride).toEqual([1, 3]);
    expect(nd.get(2, 1)).toBe(6);
    expect(t.nd).toBe(nd);
    const data = new Float32Array([1, 2, 3, 4]);
    const w = NDArray.fromScijs(ndarray(data, [2, 2]).step(-1, 1), data);
    expect(w.dtype).toBe('float32');
    expect(w.toArray()).toEqual([[3, 4], [1, 2]]);
  });

  it('tells typed arrays apart (dtypeOf) and recognises scijs views (isScijsArray)', () => {
    expect(dtypeOf(new Uint32Array(1))).toBe('uint32');
    expect(dtypeOf(new Uint8ClampedArray(1))).toBe('uint8');
    expect(isScijsArray(ndarray(new Float64Array(2)))).toBe(true);
    expect(isScijsArray([1, 2])).toBe(false);
    expect(isScijsArray(M())).toBe(false);
    expect(isScijsArray(null)).toBe(false);
  });
});
