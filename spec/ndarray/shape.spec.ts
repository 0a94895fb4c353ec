import { cStrides, formatShape, isCContiguous, sameShape, sizeOf } from '../../lib/ndarray/shape';

describe('sizeOf', () => {
  it.each([
    [[], 1],
    [[3], 3],
    [[2, 3, 4], 24],
    [[2, 0, 4], 0],
  ])('counts the elements of shape %j as %i', (shape, n) => {
    expect(sizeOf(shape)).toBe(n);
  });
});

describe('cStrides', () => {
  it('gives row-major strides in elements, treating empty axes as length 1', () => {
    expect(cStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(cStrides([])).toEqual([]);
    expect(cStrides([3, 0, 2])).toEqual([2, 2, 1]);
  });
});

describe('formatShape', () => {
  it.each([
    [[], '()'],
    [[3], '(3,)'],
    [[2, 3], '(2,3)'],
    [[10, 1, 12], '(10,1,12)'],
  ])('writes %j the way numpy does in its messages: %s', (shape, text) => {
    expect(formatShape(shape)).toBe(text);
  });
});

describe('sameShape', () => {
  it('compares shapes element by element', () => {
    expect(sameShape([2, 3], [2, 3])).toBe(true);
    expect(sameShape([2, 3], [3, 2])).toBe(false);
    expect(sameShape([2], [2, 1])).toBe(false);
    expect(sameShape([], [])).toBe(true);
  });
});

describe('isCContiguous', () => {
  it('is true for row-major strides, ignoring the strides of length-1 axes', () => {
    expect(isCContiguous([2, 3], [3, 1])).toBe(true);
    expect(isCContiguous([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(isCContiguous([], [])).toBe(true);
  });

  it('is false for transposed, stepped and reversed layouts', () => {
    expect(isCContiguous([3, 2], [1, 3])).toBe(false);
    expect(isCContiguous([3], [2])).toBe(false);
    expect(isCContiguous([3], [-1])).toBe(false);
  });

  it('is true for any empty array', () => {
    expect(isCContiguous([2, 0], [7, 5])).toBe(true);
  });
});
