import { broadcastShapes, tryBroadcastShapes } from '../../lib/ndarray/broadcast';
import { ValueError } from '../../lib/errors';

describe('tryBroadcastShapes', () => {
  it.each([
    [[[2, 3], [3]], [2, 3]],
    [[[2, 1], [1, 3]], [2, 3]],
    [[[4, 1, 3], [2, 1]], [4, 2, 3]],
    [[[], [3]], [3]],
    [[[], []], []],
    [[[0], [1]], [0]],
    [[[1, 0], [3, 1]], [3, 0]],
    [[[5], [5], [1]], [5]],
    [[], []],
  ])('aligns %j from the right to %j', (shapes, expected) => {
    expect(tryBroadcastShapes(...shapes)).toEqual(expected);
  });

  it.each([
    [[2], [3]],
    [[0], [2]],
    [[2, 3], [3, 2]],
    [[10, 1, 12], [11, 2]],
  ])('returns null for %j against %j', (a, b) => {
    expect(tryBroadcastShapes(a, b)).toBeNull();
  });
});

describe('broadcastShapes', () => {
  it('returns the broadcast shape', () => {
    expect(broadcastShapes([3, 1], [1, 4])).toEqual([3, 4]);
  });

  it.each([
    [[[2], [3]], 'operands could not be broadcast together with shapes (2,) (3,) '],
    [[[2, 3], [3, 2]], 'operands could not be broadcast together with shapes (2,3) (3,2) '],
    [[[1], [2], [3]], 'operands could not be broadcast together with shapes (1,) (2,) (3,) '],
  ])('throws numpy\'s error for %j', (shapes, message) => {
    expect(() => broadcastShapes(...shapes)).toThrow(ValueError);
    expect(() => broadcastShapes(...shapes)).toThrow(message);
  });
});
