import { allocate, checkShape, cStrides, formatShape, isCContiguous, sameShape, sizeOf } from '../../lib/ndarray/shape';
import { ValueError } from '../../lib/errors';

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

describe('checkShape', () => {
  it('returns a copy of a valid shape', () => {
    const s = [2, 0, 3];
    const c = checkShape(s, 'shape');
    expect(c).toEqual(s);
    expect(c).not.toBe(s);
  });

  it.each([
    ['not an array', 3, '`shape` must be an array of non-negative integers; got number'],
    ['a negative entry', [2, -1], 'got -1 at index 1'],
    ['a fractional entry', [1.5], 'got 1.5 at index 0'],
    ['a string entry', ['2'], 'got string at index 0'],
    ['65 axes', new Array(65).fill(1), 'maximum supported dimension for an ndarray is currently 64, found 65'],
    ['more elements than a typed array holds', [2 ** 20, 2 ** 20, 2], 'array of shape (1048576,1048576,2) is too big'],
  ])('refuses %s with a ValueError', (_what, shape, message) => {
    expect(() => checkShape(shape, 'shape')).toThrow(ValueError);
    expect(() => checkShape(shape, 'shape')).toThrow(message);
  });
});

describe('allocate', () => {
  it('gives a zero-filled float64 buffer of the shape\'s size', () => {
    expect(Array.from(allocate([2, 2]))).toEqual([0, 0, 0, 0]);
    expect(allocate([0, 2 ** 40]).length).toBe(0);
  });

  it('turns a failed allocation into a ValueError naming the shape', () => {
    expect(() => allocate([2 ** 31, 2])).toThrow(ValueError);
    expect(() => allocate([2 ** 31, 2])).toThrow('Unable to allocate 4294967296 elements for an array with shape (2147483648,2)');
  });
});
