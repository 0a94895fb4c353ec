import '../helpers/allclose';
import { kl_div, klDiv } from '../../lib/special/kl-div';
import { ValueError } from '../../lib/errors';

describe('kl_div', () => {
  it('computes x log(x / y) - x + y and returns a plain number for two numbers', () => {
    expect(kl_div(1, 2)).toAllClose(0.3068528194400547);
    expect(kl_div(2, 1)).toAllClose(0.3862943611198906);
    expect(kl_div(1, 1)).toBe(0);
  });

  it('gives y for x = 0 and y >= 0 (keeping -0), +inf for other non-positive arguments, NaN for NaN', () => {
    expect(kl_div(0, 2)).toBe(2);
    expect(Object.is(kl_div(0, -0), -0)).toBe(true);
    expect(kl_div(0, [2, -1])).toAllClose([2, Infinity]);
    expect(kl_div(-1, 1)).toBe(Infinity);
    expect(kl_div(1, 0)).toBe(Infinity);
    expect(kl_div(NaN, 1)).toBeNaN();
    expect(kl_div(1, NaN)).toBeNaN();
  });

  it('has no protection against overflow, exactly as SciPy', () => {
    expect(kl_div(1e-300, 1e300)).toBe(-Infinity);
    expect(kl_div(1e300, 1e-300)).toBe(Infinity);
    expect(kl_div(1, Infinity)).toBeNaN();
    expect(kl_div(Infinity, 1)).toBeNaN();
  });

  it('broadcasts a row against a column', () => {
    expect(kl_div([1, 2], [[1], [2]])).toAllClose([
      [0, 0.3862943611198906],
      [0.3068528194400547, 0],
    ]);
  });

  it('has the camelCase alias klDiv', () => {
    expect(klDiv).toBe(kl_div);
  });

  it.each([
    [[1, 2], [1, 2, 3], 'operands could not be broadcast together with shapes (2,) (3,) '],
    [[[1, 2]], [[1, 2, 3]], 'operands could not be broadcast together with shapes (1,2) (1,3) '],
  ])('rejects shapes that do not broadcast: %j against %j', (x, y, message) => {
    expect(() => kl_div(x, y)).toThrow(ValueError);
    expect(() => kl_div(x, y)).toThrow(message);
  });
});
