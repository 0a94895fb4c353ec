import { asarray } from '../../lib/ndarray/create';
import { formatArray, formatValues } from '../../lib/ndarray/format';
import { NDArray } from '../../lib/ndarray/ndarray';

describe('formatArray', () => {
  it('writes values with the shortest round-trip digits, right-aligned, then shape and dtype', () => {
    expect(formatArray(asarray([0.1, -0, NaN, -Infinity, 1e-300]))).toBe(
      'NDArray([      0.1,        -0,       NaN, -Infinity,    1e-300], shape=(5,), dtype=float64)',
    );
  });

  it('writes a 0-d array as its value, an empty array as [], booleans as true/false', () => {
    expect(formatArray(asarray(2.5))).toBe('NDArray(2.5, shape=(), dtype=float64)');
    expect(formatArray(asarray([[], []]))).toBe('NDArray([], shape=(2,0), dtype=float64)');
    expect(formatArray(asarray([true, false]))).toBe('NDArray([ true, false], shape=(2,), dtype=bool)');
    expect(formatArray(asarray(new Int8Array([-1, 20])))).toBe('NDArray([-1, 20], shape=(2,), dtype=int8)');
  });

  it('indents rows under the first, and separates 2-D blocks of a 3-D array with a blank line', () => {
    const a = NDArray.fromData(Float64Array.from({ length: 8 }, (_, i) => i), [2, 2, 2]);
    expect(formatValues(a)).toBe('[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]');
  });

  it('wraps long rows at 75 characters, continuation lines aligned after the bracket', () => {
    const lines = formatValues(NDArray.fromData(Float64Array.from({ length: 40 }, (_, i) => i * 1000.5)), 8).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l, i) => (i === 0 ? 8 : 0) + l.length <= 75)).toBe(true);
    expect(lines[1].startsWith('         ')).toBe(true);
  });

  it('summarises arrays of more than 1000 elements with the first and last 3 entries of each axis', () => {
    const a = NDArray.fromData(Float64Array.from({ length: 2000 }, (_, i) => i), [20, 100]);
    expect(formatValues(a)).toBe(
      '[[   0,    1,    2, ...,   97,   98,   99],\n [ 100,  101,  102, ...,  197,  198,  199],\n [ 200,  201,  202, ...,  297,  298,  299],\n ...,\n' +
        ' [1700, 1701, 1702, ..., 1797, 1798, 1799],\n [1800, 1801, 1802, ..., 1897, 1898, 1899],\n [1900, 1901, 1902, ..., 1997, 1998, 1999]]',
    );
  });

  it('follows the view: transposed and stepped layouts print in logical order', () => {
    expect(formatValues(asarray([[1, 2], [3, 4]]).transpose())).toBe('[[1, 3],\n [2, 4]]');
  });
});
