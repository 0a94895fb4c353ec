import ndarray from 'ndarray';
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
    expect(String(a)).toBe('NDArray(float64, (2,3))');
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
