import '../helpers/allclose';
import { xlog1py } from '../../lib/special/xlog1py';
import { ValueError } from '../../lib/errors';

describe('xlog1py', () => {
  it('computes x log(1 + y), accurately for tiny y', () => {
    expect(xlog1py(1, 1e-20)).toBe(1e-20);
    expect(xlog1py(2, 1)).toAllClose(1.3862943611198906);
    expect(xlog1py(1, -0.5)).toAllClose(-0.6931471805599453);
  });

  it('gives +0 when x is 0 and y is not NaN, even for y <= -1', () => {
    expect(xlog1py(0, [-1, -2])).toAllClose([0, 0]);
    expect(Object.is(xlog1py(-0, 3), 0)).toBe(true);
    expect(xlog1py(0, NaN)).toBeNaN();
  });

  it('gives -inf * x at y = -1, NaN below it, -0 for y = -0 and x > 0, NaN for inf * 0', () => {
    expect(xlog1py(1, -1)).toBe(-Infinity);
    expect(xlog1py(-1, -1)).toBe(Infinity);
    expect(xlog1py(1, -2)).toBeNaN();
    expect(Object.is(xlog1py(2, -0), -0)).toBe(true);
    expect(xlog1py(Infinity, 0)).toBeNaN();
  });

  it.each([[[[1, 2, 3]], [[1], [2], [3], [4]], [[1], [2]], 'operands could not be broadcast together with shapes (4,1) (2,1) ']])(
    'broadcasts %j against %j, and rejects a third shape',
    (x, y, z, message) => {
      expect(xlog1py(x, y).shape).toEqual([4, 3]);
      expect(() => xlog1py(y, z)).toThrow(ValueError);
      expect(() => xlog1py(y, z)).toThrow(message);
    },
  );
});
