import { NDArray } from '../../lib/ndarray/ndarray';
import { layoutSources, operandOf, pieceBounds, span } from '../../lib/threads/plan';

describe('pieceBounds', () => {
  it('covers the axis with increasing bounds on multiples of the granule, no last piece shorter than asked', () => {
    for (let n = 1; n < 1200; n += 7) {
      for (const [granule, minLast] of [[32, 2], [1, 1], [4096, 16]]) {
        const b = pieceBounds(n, 4096, 2, granule, minLast);
        expect(b[0]).toBe(0);
        expect(b[b.length - 1]).toBe(n);
        for (let p = 1; p < b.length - 1; p++) {
          expect(b[p] % granule).toBe(0);
          expect(b[p]).toBeGreaterThan(b[p - 1]);
        }
        if (b.length > 2) expect(n - b[b.length - 2]).toBeGreaterThanOrEqual(minLast);
      }
    }
  });

  it('joins a last piece of one slice to the piece before it', () => {
    expect(pieceBounds(65, 1 << 17, 2, 32, 2)).toEqual([0, 32, 65]);
    expect(pieceBounds(97, 1 << 17, 2, 32, 2)).toEqual([0, 32, 64, 97]);
  });

  it('gives each worker several pieces of large axes', () => {
    expect(pieceBounds(4096, 4096, 2, 32, 2).length - 1).toBe(32);
  });
});

describe('span', () => {
  const data = new Float64Array(100);
  it('is the range of indices a piece of a view touches, for negative and zero strides', () => {
    expect(span(operandOf(NDArray.fromData(data, [10, 10]), 0), 0, 2, 5)).toEqual([20, 50]);
    expect(span(operandOf(new NDArray(data, [10, 10], [-10, 1], 90), 0), 0, 2, 5)).toEqual([50, 80]);
    expect(span(operandOf(new NDArray(data, [10, 10], [0, 1], 0), 0), 0, 2, 5)).toEqual([0, 10]);
    expect(span(operandOf(new NDArray(data, [10, 0], [10, 1], 0), 0), 0, 2, 5)).toEqual([20, 20]);
  });
});

describe('layoutSources', () => {
  const bounds = [0, 4, 8, 10];
  const plain = new Float64Array(100);
  const shared = new Float64Array(new SharedArrayBuffer(800));
  it('uses shared memory in place, stages disjoint pieces through the ring and overlapping ones whole', () => {
    const a = operandOf(NDArray.fromData(shared, [10, 10]), 0);
    const b = operandOf(NDArray.fromData(plain, [10, 10]), 1);
    const c = operandOf(new NDArray(new Float32Array(10), [10, 10], [0, 1], 0), 2);
    const layout = layoutSources(
      [{ data: shared, input: true, output: false }, { data: plain, input: true, output: false }, { data: new Float32Array(10), input: true, output: false }],
      [a, b, c], 0, bounds,
    );
    expect(layout?.sources.map((s) => s.mode)).toEqual(['shared', 'ring', 'whole']);
    expect(layout?.sources[1].los).toEqual([0, 40, 80]);
    expect(layout?.sources[1].length).toBe(40);
    expect(layout?.slotBytes).toBe(320);
    expect(layout?.sources[2]).toMatchObject({ ctor: 'Float32Array', lo: 0, length: 10 });
    expect(layout?.wholeBytes).toBe(64);
  });

  it('declines an output whose pieces overlap', () => {
    const out = operandOf(new NDArray(plain, [10, 10], [0, 1], 0), 0);
    expect(layoutSources([{ data: plain, input: false, output: true }], [out], 0, bounds)).toBeNull();
  });
});
