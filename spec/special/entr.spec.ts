import ndarray from 'ndarray';
import '../helpers/allclose';
import { entr } from '../../lib/special/entr';
import { asarray } from '../../lib/ndarray/create';
import { NDArray } from '../../lib/ndarray/ndarray';

describe('entr', () => {
  it('computes -x log x for positive x and returns a plain number for a number', () => {
    expect(entr(0.5)).toAllClose(0.34657359027997264);
    expect(entr(2)).toAllClose(-1.3862943611198906);
    expect(typeof entr(0.5)).toBe('number');
  });

  it('maps an array elementwise to a float64 NDArray of the same shape', () => {
    const out = entr([[0.5, 1], [2, 0]]);
    expect(out).toBeInstanceOf(NDArray);
    expect(out.dtype).toBe('float64');
    expect(out).toAllClose([[0.34657359027997264, -0], [-1.3862943611198906, 0]]);
  });

  it('gives 0 at 0 and -0, -0 at 1, -inf for negatives and +inf, and NaN for NaN', () => {
    expect(Object.is(entr(0), 0)).toBe(true);
    expect(Object.is(entr(-0), 0)).toBe(true);
    expect(Object.is(entr(1), -0)).toBe(true);
    expect(entr(-1)).toBe(-Infinity);
    expect(entr(-Infinity)).toBe(-Infinity);
    expect(entr(Infinity)).toBe(-Infinity);
    expect(entr(NaN)).toBeNaN();
  });

  it('handles subnormal and huge arguments as SciPy does', () => {
    expect(entr(5e-324)).toAllClose(3.676e-321, { rtol: 1e-3 }); // a subnormal result: few significant bits
    expect(entr(1e308)).toBe(-Infinity);
  });

  it('accepts booleans, typed arrays and 0-d input', () => {
    expect(entr(true)).toBe(-0);
    expect(entr([true, false])).toAllClose([-0, 0]);
    expect(entr(new Int8Array([1, 2]))).toAllClose([-0, -1.3862943611198906]);
    const f32 = entr(new Float32Array([0.5])) as NDArray;
    expect(f32.dtype).toBe('float32');
    expect(f32.get(0)).toBe(Math.fround(0.34657359027997264));
    expect(entr(asarray(0.5).reshape())).toAllClose(0.34657359027997264);
  });

  it('keeps empty axes', () => {
    const out = entr([[], []]);
    expect(out.shape).toEqual([2, 0]);
  });

  it('reads transposed, stepped and negative-stride scijs views in their logical order', () => {
    const data = new Float64Array([0.5, 1, 2, 3, 4, 5]);
    expect(entr(ndarray(data, [3, 2]).transpose(1, 0))).toAllClose(entr([[0.5, 2, 4], [1, 3, 5]]));
    expect(entr(ndarray(data).step(-2))).toAllClose(entr([5, 3, 1]));
    expect(entr(ndarray(data).lo(1).hi(3))).toAllClose(entr([1, 2, 3]));
  });

  it('never mutates its input', () => {
    const x = [0.5, 1, 2];
    const t = new Float64Array(x);
    entr(x);
    entr(t);
    expect(x).toEqual([0.5, 1, 2]);
    expect(Array.from(t)).toEqual([0.5, 1, 2]);
  });

  it.each([
    ['a string element', ['a'], TypeError, 'must hold numbers or booleans'],
    ['ragged rows', [[1, 2], [3]], TypeError, 'setting an array element with a sequence.'],
    ['a string', 'abc', TypeError, 'must be array-like'],
    ['null', null, TypeError, 'must be array-like'],
  ])('rejects %s', (_what, x, cls, message) => {
    expect(() => entr(x as never)).toThrow(cls);
    expect(() => entr(x as never)).toThrow(message);
  });
});
