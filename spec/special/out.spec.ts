import ndarray from 'ndarray';
import '../helpers/allclose';
import { asarray, NDArray } from '../../lib/index';
import { entr, rel_entr, kl_div, xlogy, xlog1py } from '../../lib/special/index';

describe('the out option of the special functions', () => {
  it('writes the result into out and returns it, as numpy ufuncs do', () => {
    const out = new Float64Array(3);
    const r = rel_entr([1, 2, 3], 2, { out });
    expect(r).toBeInstanceOf(NDArray);
    expect(r.data).toBe(out);
    expect(Array.from(out)).toEqual((rel_entr([1, 2, 3], 2) as NDArray).toArray());
  });

  it('accepts an NDArray of the broadcast shape and writes in place over an input', () => {
    const x = asarray([[0.5, 1], [2, 4]]).reshape(2, 2);
    const data = Float64Array.from([0.5, 1, 2, 4]);
    const inPlace = NDArray.fromData(data, [2, 2]);
    entr(inPlace, { out: inPlace });
    expect(inPlace).toAllClose(entr(x));
    const out = NDArray.fromData(new Float64Array(4), [2, 2]);
    expect(kl_div([[1], [2]], [1, 2], { out }).toArray()).toEqual((kl_div([[1], [2]], [1, 2]) as NDArray).toArray());
  });

  it('returns out even for scalar inputs', () => {
    const out = new Float64Array(1);
    const r = xlogy(2, Math.E, { out: NDArray.fromData(out, []) });
    expect(r).toBeInstanceOf(NDArray);
    expect(out[0]).toBe(2);
    expect(xlog1py(0, 5)).toBe(0);
  });

  it.each([
    ['a length that is not the broadcast size', { out: new Float64Array(2) }, "non-broadcastable output operand with shape (2,) doesn't match the broadcast shape (3,)"],
    ['a shape that is not the broadcast shape', { out: NDArray.fromData(new Float64Array(3), [3, 1]) }, "non-broadcastable output operand with shape (3,1) doesn't match the broadcast shape (3,)"],
  ])('rejects %s', (_what, options, message) => {
    expect(() => entr([1, 2, 3], options)).toThrow(message);
  });

  it('rejects a non-contiguous out', () => {
    const t = NDArray.fromData(new Float64Array(6), [2, 3]).transpose();
    expect(() => entr([[1, 2], [3, 4], [5, 6]], { out: t })).toThrow('`out` must be C-contiguous');
  });

  it('writes into a float32 out, computed in float64 and rounded once, as numpy casts into out', () => {
    const out = new Float32Array(2);
    const r = rel_entr([0.5, 1], [0.25, 3], { out });
    expect(r.data).toBe(out);
    expect(r.dtype).toBe('float32');
    expect(Array.from(out)).toEqual(Array.from((rel_entr([0.5, 1], [0.25, 3]) as NDArray).toFloat64Array(), Math.fround));
  });

  it.each([
    ['an Int32Array', new Int32Array(2), 'got Int32Array'],
    ['a view over an Int8Array', NDArray.fromData(new Int8Array(2)), 'got a view over Int8Array'],
    ['a scijs view over a plain array (results would go to a copy)', ndarray([0, 0]), 'got a view over Array'],
    ['a string', 'out', 'got "out"'],
  ])('rejects as out %s with a TypeError', (_what, out, message) => {
    expect(() => entr([1, 2], { out: out as never })).toThrow(TypeError);
    expect(() => entr([1, 2], { out: out as never })).toThrow(message);
  });
});
