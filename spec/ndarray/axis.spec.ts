import { checkAxisType, MOVEAXIS_MESSAGES, normalizeAxes, REDUCTION_MESSAGES } from '../../lib/ndarray/axis';
import { AxisError, ValueError } from '../../lib/errors';

describe('normalizeAxes', () => {
  it('turns negative axes into positive ones and keeps the order given', () => {
    expect(normalizeAxes(-1, 3, MOVEAXIS_MESSAGES)).toEqual([2]);
    expect(normalizeAxes([2, -3], 3, MOVEAXIS_MESSAGES)).toEqual([2, 0]);
    expect(normalizeAxes([], 2, MOVEAXIS_MESSAGES)).toEqual([]);
  });

  it.each([
    [2, 2, MOVEAXIS_MESSAGES, AxisError, 'source: axis 2 is out of bounds for array of dimension 2'],
    [-3, 2, MOVEAXIS_MESSAGES, AxisError, 'source: axis -3 is out of bounds for array of dimension 2'],
    [[0, 2], 2, MOVEAXIS_MESSAGES, AxisError, 'source: axis 2 is out of bounds for array of dimension 2'],
    [[0, 0], 2, MOVEAXIS_MESSAGES, ValueError, 'repeated axis in `source` argument'],
    [[1, -1], 2, MOVEAXIS_MESSAGES, ValueError, 'repeated axis in `source` argument'],
    [3, 1, REDUCTION_MESSAGES, AxisError, 'axis 3 is out of bounds for array of dimension 1'],
    [[0, 0], 1, REDUCTION_MESSAGES, ValueError, "duplicate value in 'axis'"],
  ])('rejects axis %j for %i dimensions', (axis, ndim, messages, cls, message) => {
    expect(() => normalizeAxes(axis, ndim, messages)).toThrow(cls);
    expect(() => normalizeAxes(axis, ndim, messages)).toThrow(message);
  });

  it('makes AxisError a ValueError', () => {
    expect(() => normalizeAxes(5, 1, MOVEAXIS_MESSAGES)).toThrow(ValueError);
  });
});

describe('checkAxisType', () => {
  it('accepts integers, arrays of integers, null and undefined', () => {
    for (const axis of [0, -1, [0, 1], [], null, undefined]) expect(() => checkAxisType(axis)).not.toThrow();
  });

  it.each([
    [1.5, 'integer argument expected, got float'],
    [[0, 0.5], 'integer argument expected, got float'],
    ['0', '`axis` must be an integer, an array of integers, or null; got "0"'],
    [NaN, '`axis` must be an integer, an array of integers, or null; got NaN'],
    [true, '`axis` must be an integer, an array of integers, or null; got true'],
    [[null], '`axis` must be an integer, an array of integers, or null; got null in Array'],
    [1n, '`axis` must be an integer, an array of integers, or null; got 1n'],
    [[[0]], '`axis` must be an integer, an array of integers, or null; got Array in Array'],
    [[0, 1n], 'got 1n in Array'],
    [Symbol('a'), 'got Symbol(a)'],
    [Object.create(null), 'got an object with a null prototype'],
    [new Map(), 'got Map'],
  ])('rejects %j with a TypeError', (axis, message) => {
    expect(() => checkAxisType(axis)).toThrow(TypeError);
    expect(() => checkAxisType(axis)).toThrow(message);
  });
});
