import ndarray from 'ndarray';
import { type Binary, map2 } from '../../lib/ndarray/elementwise';
import { asarray } from '../../lib/ndarray/create';
import { NDArray } from '../../lib/ndarray/ndarray';
import { ValueError } from '../../lib/errors';

/** x + 10 y, as a scalar function with its row kernel. */
const add: Binary = {
  scalar: (x, y) => x + 10 * y,
  row: (out, o, a, ia, sa, b, ib, sb, n) => {
    for (let i = 0; i < n; i++) out[o + i] = a[ia + i * sa] + 10 * b[ib + i * sb];
  },
};

describe('map2', () => {
  it('broadcasts its operands numpy-style and writes the result in C order', () => {
    const out = map2([[1], [2]], [1, 2, 3], add) as NDArray;
    expect(out.shape).toEqual([2, 3]);
    expect(out.isCContiguous).toBe(true);
    expect(out.toArray()).toEqual([[11, 21, 31], [12, 22, 32]]);
  });

  it('gives a plain number for two 0-d operands and an array when either is not 0-d', () => {
    expect(map2(1, 2, add)).toBe(21);
    expect(map2(true, 2, add)).toBe(21);
    expect(map2(asarray(1), asarray(2), add)).toBe(21);
    expect((map2(1, [2], add) as NDArray).shape).toEqual([1]);
  });

  it('walks transposed, reversed and stepped views in their logical order', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const t = ndarray(data, [2, 3]).transpose(1, 0);
    const r = ndarray(new Float64Array([3, 2, 1])).step(-1);
    expect((map2(t, 0, add) as NDArray).toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect((map2(t, asarray([[1], [2], [3]]), add) as NDArray).toArray()).toEqual([[11, 14], [22, 25], [33, 36]]);
    expect((map2(r, ndarray(data).step(2), add) as NDArray).toArray()).toEqual([11, 32, 53]);
  });

  it('computes in float64 whatever the input dtype, and keeps empty shapes', () => {
    const out = map2(new Int8Array([1, 2]), new Float32Array([0.5, 0.25]), add) as NDArray;
    expect(out.dtype).toBe('float64');
    expect(out.toArray()).toEqual([6, 4.5]);
    expect((map2([[], []], 1, add) as NDArray).shape).toEqual([2, 0]);
  });

  it('walks 3-D and 4-D broadcasts', () => {
    const x = NDArray.fromData(Float64Array.from({ length: 6 }, (_, i) => i), [2, 1, 3]);
    const y = NDArray.fromData(Float64Array.from([1, 2]), [2, 1]);
    const out = map2(x, y, add) as NDArray;
    expect(out.shape).toEqual([2, 2, 3]);
    expect(out.toArray()).toEqual([
      [[10, 11, 12], [20, 21, 22]],
      [[13, 14, 15], [23, 24, 25]],
    ]);
    const four = map2(NDArray.fromData(new Float64Array(2), [2, 1, 1, 1]), NDArray.fromData(new Float64Array(3), [3, 1]), add) as NDArray;
    expect(four.shape).toEqual([2, 1, 3, 1]);
  });

  it.each([
    [[1, 2], [1, 2, 3], 'operands could not be broadcast together with shapes (2,) (3,) '],
    [[[1, 2, 3]], [[1], [2], [3], [4], [5]], null],
    [[[1, 2]], [[1, 2, 3]], 'operands could not be broadcast together with shapes (1,2) (1,3) '],
  ])('broadcasts %j against %j, or throws numpy\'s error', (x, y, message) => {
    if (message === null) {
      expect((map2(x, y, add) as NDArray).shape).toEqual([5, 3]);
    } else {
      expect(() => map2(x, y, add)).toThrow(ValueError);
      expect(() => map2(x, y, add)).toThrow(message);
    }
  });

  describe('with an out that overlaps an input', () => {
    const buffer = () => Float64Array.from({ length: 12 }, (_, i) => 1 + i);
    const expected = (x: NDArray, y: NDArray | number): number[] =>
      Array.from((map2(NDArray.fromData(x.toFloat64Array(), x.shape.slice()), typeof y === 'number' ? y : NDArray.fromData(y.toFloat64Array(), y.shape.slice()), add) as NDArray).toFloat64Array());

    it.each([
      ['shifted by one element', (d: Float64Array) => [new NDArray(d, [10], [1], 1), 0.5, new NDArray(d, [10], [1], 0)]],
      ['shifted the other way', (d: Float64Array) => [new NDArray(d, [10], [1], 0), 0.5, new NDArray(d, [10], [1], 1)]],
      ['reversed', (d: Float64Array) => [new NDArray(d, [12], [-1], 11), 0.5, new NDArray(d, [12], [1], 0)]],
      ['an input row that is part of out, broadcast', (d: Float64Array) => [new NDArray(d, [3, 4], [4, 1], 0), new NDArray(d, [4], [1], 4), new NDArray(d, [3, 4], [4, 1], 0)]],
      ['a transposed view of out', (d: Float64Array) => [new NDArray(d, [3, 3], [1, 3], 0), 0, new NDArray(d, [3, 3], [3, 1], 0)]],
      ['the same buffer seen through another typed array', (d: Float64Array) => [new NDArray(new Float64Array(d.buffer, 8, 11), [10], [1], 0), 0, new NDArray(d, [10], [1], 0)]],
    ] as Array<[string, (d: Float64Array) => [NDArray, NDArray | number, NDArray]]>)('copies the input first when out is %s, as numpy', (_what, make) => {
      const [x, y, out] = make(buffer());
      const want = expected(x, y);
      map2(x, y, add, { out });
      expect(Array.from(out.toFloat64Array())).toEqual(want);
    });

    it('works in place when out is exactly an input', () => {
      const d = buffer();
      const x = NDArray.fromData(d, [3, 4]);
      const want = expected(x, 1);
      expect(map2(x, 1, add, { out: x })).toBe(x);
      expect(Array.from(d)).toEqual(want);
    });
  });

  describe('options', () => {
    const named: Binary = { ...add, name: 'add' };
    it.each([
      ['an unknown name', { outt: new Float64Array(2) }, "add() got an unexpected keyword argument 'outt'"],
      ['an unknown name beside out', { out: new Float64Array(2), order: 'C' }, "add() got an unexpected keyword argument 'order'"],
      ['a Map', new Map([['out', new Float64Array(2)]]), 'add() options must be a plain object such as { out }; got Map'],
      ['a string', 'out', 'add() options must be a plain object such as { out }; got "out"'],
      ['an array', [new Float64Array(2)], 'got Array'],
    ])('refuses %s with a TypeError, as SciPy refuses an unexpected keyword', (_what, options, message) => {
      expect(() => map2([1, 2], 1, named, options as never)).toThrow(TypeError);
      expect(() => map2([1, 2], 1, named, options as never)).toThrow(message);
      expect(() => map2(1, 2, named, options as never)).toThrow(message);
    });

    it('reads out as an own property only: a polluted Object.prototype changes nothing', () => {
      const proto = Object.prototype as { out?: unknown };
      proto.out = new Float64Array(2);
      try {
        const r = map2([1, 2], 1, named, {}) as NDArray;
        expect(r.data).not.toBe(proto.out);
        expect(map2(1, 2, named, {})).toBe(21);
      } finally {
        delete proto.out;
      }
    });

    it('accepts a null-prototype object and out: undefined', () => {
      const options = Object.assign(Object.create(null) as object, { out: new Float64Array(2) });
      expect((map2([1, 2], 1, named, options) as NDArray).data).toBe((options as { out: Float64Array }).out);
      expect(map2(1, 2, named, { out: undefined })).toBe(21);
    });
  });

  it('takes out: null as no out buffer, as numpy\'s out=None', () => {
    expect((map2([1, 2], 1, add, { out: null }) as NDArray).toArray()).toEqual([11, 12]);
    expect(map2(1, 2, add, { out: null })).toBe(21);
  });

  describe('result dtype (numpy\'s rules, float32 or float64)', () => {
    /** x / y (10 y would be exact), to see the rounding. */
    const div: Binary = {
      scalar: (x, y) => x / y,
      row: (out, o, a, ia, sa, b, ib, sb, n) => {
        for (let i = 0; i < n; i++) out[o + i] = a[ia + i * sa] / b[ib + i * sb];
      },
    };
    const f32 = new Float32Array([1, 2]);
    it.each([
      ['float32 and float32', f32, new Float32Array([3, 3]), 'float32'],
      ['float32 and a plain number (a weak scalar, as Python\'s)', f32, 3, 'float32'],
      ['a boolean and float32', true, f32, 'float32'],
      ['float32 and float64', f32, new Float64Array([3, 3]), 'float64'],
      ['float32 and int8', f32, new Int8Array([3, 3]), 'float64'],
      ['float32 and nested arrays', f32, [3, 3], 'float64'],
      ['int16 and a number', new Int16Array([1, 2]), 3, 'float64'],
      ['bool and a number', [true, false], 3, 'float64'],
    ] as Array<[string, unknown, unknown, string]>)('gives %s the dtype of the table, computed in float64 and rounded once', (_what, x, y, dtype) => {
      const r = map2(x as never, y as never, div) as NDArray;
      expect(r.dtype).toBe(dtype);
      const exact = map2(asarray(x as never).toFloat64Array(), typeof y === 'object' ? asarray(y as never).toFloat64Array() : (y as number), div) as NDArray;
      const want = Array.from(exact.toFloat64Array(), dtype === 'float32' ? Math.fround : (v: number) => v);
      expect(Array.from(r.toFloat64Array())).toEqual(want);
    });

    it('gives a 0-d float32 result as a plain number rounded to float32', () => {
      expect(map2(asarray(new Float32Array([1])).reshape(), 3, div)).toBe(Math.fround(1 / 3));
    });

    it('rounds into a float32 out whatever the inputs, and walks n-d float32 outs', () => {
      const out = new Float32Array(6);
      const r = map2([[1], [2]], [3, 7, 9], div, { out }) as NDArray;
      expect(r.shape).toEqual([2, 3]);
      expect(Array.from(out)).toEqual([1 / 3, 1 / 7, 1 / 9, 2 / 3, 2 / 7, 2 / 9].map(Math.fround));
    });
  });
});
