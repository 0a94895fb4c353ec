import '../helpers/allclose';
import { rel_entr, relEntr } from '../../lib/special/rel-entr';
import { NDArray } from '../../lib/ndarray/ndarray';
import { ValueError } from '../../lib/errors';

describe('rel_entr', () => {
  it('computes x log(x / y) and returns a plain number for two numbers', () => {
    expect(rel_entr(1, 2)).toAllClose(-0.6931471805599453);
    expect(rel_entr(2, 0.5)).toAllClose(2.772588722239781);
    expect(typeof rel_entr(1, 2)).toBe('number');
  });

  it('broadcasts numpy-style: a column against a row gives a matrix', () => {
    const out = rel_entr([[1], [2]], [1, 2, 3]);
    expect(out).toBeInstanceOf(NDArray);
    expect(out.shape).toEqual([2, 3]);
    expect(out).toAllClose([
      [0, -0.6931471805599453, -1.0986122886681098],
      [1.3862943611198906, 0, -0.8109302162163288],
    ]);
  });

  it('gives 0 for x = 0 and y >= 0, +inf for other non-positive arguments, NaN for NaN', () => {
    expect(rel_entr(0, 0)).toBe(0);
    expect(rel_entr(0, 5)).toBe(0);
    expect(rel_entr(-0, 0)).toBe(0);
    expect(rel_entr(0, -1)).toBe(Infinity);
    expect(rel_entr(1, 0)).toBe(Infinity);
    expect(rel_entr(-1, 1)).toBe(Infinity);
    expect(rel_entr(1, NaN)).toBeNaN();
    expect(rel_entr(NaN, 0)).toBeNaN();
  });

  it('gives -inf for a positive x against +inf, and NaN for inf against inf', () => {
    expect(rel_entr(0.5, Infinity)).toBe(-Infinity);
    expect(rel_entr(Infinity, Infinity)).toBeNaN();
    expect(rel_entr(Infinity, 1)).toBe(Infinity);
  });

  it('stays accurate when x is close to y and when x / y under- or overflows (gh-20710)', () => {
    expect(rel_entr(0.9456657713430001, 0.9456657713430094)).toAllClose(-9.325873406851269e-15, { rtol: 1e-13 });
    expect(rel_entr(4, 2.22e-308)).toAllClose(2839.139983229607);
    expect(rel_entr(1e-200, 1e200)).toAllClose(-9.210340371976183e-198);
    expect(rel_entr(2.22e-308, 1e15)).toAllClose(-1.6493212008074475e-305);
    expect(rel_entr(1e-300, 1e300)).toAllClose(-1.3815510557964273e-297);
  });

  it('has the camelCase alias relEntr', () => {
    expect(relEntr).toBe(rel_entr);
  });

  it('never mutates its inputs', () => {
    const x = [1, 2];
    const y = new Float64Array([2, 1]);
    rel_entr(x, y);
    expect(x).toEqual([1, 2]);
    expect(Array.from(y)).toEqual([2, 1]);
  });

  it.each([
    [[1, 2], [1, 2, 3], 'operands could not be broadcast together with shapes (2,) (3,) '],
    [[[1, 2, 3], [4, 5, 6]], [[1, 2], [3, 4], [5, 6]], 'operands could not be broadcast together with shapes (2,3) (3,2) '],
    [[[1, 2]], [[[1, 2, 3]]], 'operands could not be broadcast together with shapes (1,2) (1,1,3) '],
  ])('rejects shapes that do not broadcast: %j against %j', (x, y, message) => {
    expect(() => rel_entr(x, y)).toThrow(ValueError);
    expect(() => rel_entr(x, y)).toThrow(message);
  });
});
