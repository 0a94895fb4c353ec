import '../helpers/allclose';
import { xlogy } from '../../lib/special/xlogy';
import { ValueError } from '../../lib/errors';

describe('xlogy', () => {
  it('computes x log y', () => {
    expect(xlogy(2, Math.E)).toAllClose(2);
    expect(xlogy(0.5, 2)).toAllClose(0.34657359027997264);
    expect(xlogy(-1, 0.5)).toAllClose(0.6931471805599453);
  });

  it('gives +0 when x is 0 or -0 and y is not NaN, even for y <= 0', () => {
    for (const y of [-1, -0, 0, 0.5, Infinity, -Infinity]) {
      expect(Object.is(xlogy(0, y), 0)).toBe(true);
      expect(Object.is(xlogy(-0, y), 0)).toBe(true);
    }
    expect(xlogy(0, NaN)).toBeNaN();
  });

  it('follows IEEE arithmetic elsewhere: -0 at (-1, 1), NaN for inf * 0 and for y < 0', () => {
    expect(Object.is(xlogy(-1, 1), -0)).toBe(true);
    expect(xlogy(Infinity, 1)).toBeNaN();
    expect(xlogy(1, -1)).toBeNaN();
    expect(xlogy(1, 0)).toBe(-Infinity);
    expect(xlogy(-1, 0)).toBe(Infinity);
  });

  it('broadcasts a scalar against an array', () => {
    expect(xlogy(0, [0, -1])).toAllClose([0, 0]);
    expect(xlogy([1, 2], 2)).toAllClose([0.6931471805599453, 1.3862943611198906]);
  });

  it.each([[[1, 2], [1, 2, 3], 'operands could not be broadcast together with shapes (2,) (3,) ']])(
    'rejects shapes that do not broadcast: %j against %j',
    (x, y, message) => {
      expect(() => xlogy(x, y)).toThrow(ValueError);
      expect(() => xlogy(x, y)).toThrow(message);
    },
  );
});
