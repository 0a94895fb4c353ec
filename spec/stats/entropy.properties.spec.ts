/**
 * Property tests of `entropy` (fast-check): laws that hold for every input, checked on random
 * shapes, axes and values. Values are drawn from [1e-3, 1e3] (finite, positive, no degenerate
 * near-certainties), so that rounding stays a few ulps; where a law holds only up to rounding,
 * the bound is stated beside it.
 */
import fc from 'fast-check';
import '../helpers/allclose';
import { entropy } from '../../lib/stats/entropy';
import { asarray } from '../../lib/ndarray/create';
import { NDArray } from '../../lib/ndarray/ndarray';
import { broadcastShapes } from '../../lib/ndarray/broadcast';
import { sizeOf } from '../../lib/ndarray/shape';
import { buildView, LAYOUTS } from '../helpers/fixtures';

const EPS = 2 ** -52;
const value = fc.double({ min: 1e-3, max: 1e3, noNaN: true, noDefaultInfinity: true });
const nonNegative = fc.oneof(value, fc.constant(0));

/** A C-order matrix of the given shape as nested arrays. */
function nest(flat: readonly number[], shape: readonly number[]): unknown {
  if (shape.length === 0) return flat[0];
  const [n, ...rest] = shape;
  const step = sizeOf(rest);
  return Array.from({ length: n }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), rest));
}

/** A random n-D array (1 to 4 axes of length 1 to 4) as an NDArray. */
const ndArray = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 })
  .chain((shape) =>
    fc.array(value, { minLength: sizeOf(shape), maxLength: sizeOf(shape) }).map((flat) => NDArray.fromData(Float64Array.from(flat), shape)),
  );

/** An axis option valid for `ndim` axes: an int (either sign), null, or a tuple of distinct axes. */
function axisFor(ndim: number): fc.Arbitrary<number | number[] | null> {
  const one = fc.integer({ min: -ndim, max: ndim - 1 });
  const tuple = fc.shuffledSubarray([...Array(ndim).keys()], { minLength: 1 });
  return fc.oneof(one, fc.constant(null), tuple);
}

/** The rounding bound of an entropy of `n` terms whose value is `h`: a few ulps per term. */
function bound(h: number, n: number): number {
  return 4 * n * EPS * (Math.abs(h) + 1);
}

describe('entropy', () => {
  it('gives the same result for a transposed matrix along axis 1 as for the matrix along axis 0', () => {
    const matrix = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
      .chain(([m, n]) => fc.tuple(fc.constant([m, n]), fc.array(value, { minLength: m * n, maxLength: m * n }), fc.array(value, { minLength: m * n, maxLength: m * n })));
    fc.assert(
      fc.property(matrix, ([shape, p, q]) => {
        const P = NDArray.fromData(Float64Array.from(p), shape);
        const Q = NDArray.fromData(Float64Array.from(q), shape);
        expect(entropy(P.transpose(), { axis: 1 })).toAllClose(entropy(P, { axis: 0 }));
        expect(entropy(P.transpose(), Q.transpose(), { axis: 1 })).toAllClose(entropy(P, Q, { axis: 0 }), {
          // KL is a difference of O(1) terms: allow a few ulps of them besides rtol 1e-12.
          atol: bound(1, shape[0]),
        });
      }),
      { numRuns: 200 },
    );
  });

  it('returns, with keepdims, an array that broadcasts against the input (1 on every reduced axis)', () => {
    const arb = ndArray.chain((x) => fc.tuple(fc.constant(x), axisFor(x.ndim)));
    fc.assert(
      fc.property(arb, ([x, axis]) => {
        const kept = entropy(x, { axis, keepdims: true });
        const reduced = axis === null ? [...x.shape.keys()] : (typeof axis === 'number' ? [axis] : axis).map((a) => (a < 0 ? a + x.ndim : a));
        expect(kept).toBeInstanceOf(NDArray);
        expect(kept.shape).toEqual(x.shape.map((n, d) => (reduced.includes(d) ? 1 : n)));
        expect(broadcastShapes(kept.shape, x.shape)).toEqual([...x.shape]);
        const flat = entropy(x, { axis });
        expect(kept.toFloat64Array()).toEqual(typeof flat === 'number' ? Float64Array.of(flat) : flat.toFloat64Array());
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the elements along the axis', () => {
    const arb = fc
      .array(value, { minLength: 1, maxLength: 300 })
      .chain((p) => fc.tuple(fc.constant(p), fc.shuffledSubarray([...p.keys()], { minLength: p.length, maxLength: p.length })));
    fc.assert(
      fc.property(arb, ([p, order]) => {
        const h = entropy(p);
        const shuffled = entropy(order.map((i) => p[i]));
        // The sums run in another order: equal up to a few ulps per term.
        expect(shuffled).toAllClose(h, { atol: bound(h, p.length) });
        const q = p.map((v, i) => v + i);
        const d = entropy(p, q);
        expect(entropy(order.map((i) => p[i]), order.map((i) => q[i]))).toAllClose(d, { atol: bound(1, p.length) });
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of the rows when reducing along axis 0 of a matrix', () => {
    const arb = ndArray
      .filter((x) => x.ndim === 2)
      .chain((x) => fc.tuple(fc.constant(x), fc.shuffledSubarray([...Array(x.shape[0]).keys()], { minLength: x.shape[0], maxLength: x.shape[0] })));
    fc.assert(
      fc.property(arb, ([x, order]) => {
        const rows = x.toArray() as number[][];
        const h = entropy(x) as NDArray;
        const shuffled = entropy(order.map((i) => rows[i])) as NDArray;
        expect(shuffled).toAllClose(h, { atol: bound(Math.log(x.shape[0]), x.shape[0]) });
      }),
      { numRuns: 200 },
    );
  });

  it('gives a KL divergence of exactly 0 between a distribution and itself, along any axis', () => {
    const arb = ndArray.chain((x) => fc.tuple(fc.constant(x), axisFor(x.ndim)));
    fc.assert(
      fc.property(arb, ([x, axis]) => {
        const d = entropy(x, x.toArray() as never, { axis });
        const values = typeof d === 'number' ? [d] : Array.from(d.toFloat64Array());
        for (const v of values) expect(v).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('lies between 0 and log n for non-negative input (up to a few ulps)', () => {
    const arb = fc.array(nonNegative, { minLength: 1, maxLength: 500 }).filter((p) => p.some((v) => v > 0));
    fc.assert(
      fc.property(arb, (p) => {
        const h = entropy(p);
        const logN = Math.log(p.length);
        const slack = 4 * p.length * EPS * (logN + 1);
        expect(h).toBeGreaterThanOrEqual(-slack);
        expect(h).toBeLessThanOrEqual(logN + slack);
      }),
      { numRuns: 300 },
    );
  });

  it('lies between 0 and log n along every axis of non-negative n-D input (up to a few ulps)', () => {
    const arb = ndArray.chain((x) => fc.tuple(fc.constant(x), axisFor(x.ndim), fc.array(fc.boolean(), { minLength: x.size, maxLength: x.size })));
    fc.assert(
      fc.property(arb, ([x, axis, zero]) => {
        // Zero out some entries (never a whole array: the first one stays).
        const flat = x.toFloat64Array().map((v, i) => (zero[i] && i > 0 ? 0 : v));
        const y = asarray(nest(Array.from(flat), x.shape) as never);
        const h = entropy(y, { axis, keepdims: true }) as NDArray;
        const reduced = axis === null ? x.size : x.size / h.size;
        const logN = Math.log(reduced);
        const slack = 4 * reduced * EPS * (logN + 1);
        for (const v of h.toFloat64Array()) {
          if (Number.isNaN(v)) continue; // a slice of zeros: 0/0
          expect(v).toBeGreaterThanOrEqual(-slack);
          expect(v).toBeLessThanOrEqual(logN + slack);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result on a strided, reversed or transposed view as on a contiguous copy', () => {
    const arb = ndArray.chain((x) =>
      fc.tuple(fc.constant(x), ndArray.filter((q) => q.ndim <= x.ndim), axisFor(x.ndim), fc.constantFrom(...LAYOUTS), fc.constantFrom(...LAYOUTS)),
    );
    fc.assert(
      fc.property(arb, ([x, q, axis, lp, lq]) => {
        // qk: broadcastable against x by taking x's trailing shape with some axes set to 1 (with
        // axis null each is ravelled on its own, so then qk has x's shape).
        const qShape = axis === null ? x.shape.slice() : x.shape.slice(x.ndim - q.ndim).map((n, d) => (q.shape[d] % 2 === 0 ? 1 : n));
        const qk = NDArray.fromData(Float64Array.from({ length: sizeOf(qShape) }, (_, i) => 1 + ((i * 7) % 5)), qShape);
        const p = { dtype: 'float64', value: x.toArray() as never };
        const pv = buildView(p, lp).view;
        const qv = buildView({ dtype: 'float64', value: qk.toArray() as never }, lq).view;
        expect(entropy(pv, { axis })).toAllClose(entropy(x, { axis }));
        // KL is a difference of O(1) terms: allow a few ulps of them besides rtol 1e-12.
        expect(entropy(pv, qv, { axis, keepdims: true })).toAllClose(entropy(x, qk, { axis, keepdims: true }), { atol: bound(1, x.size) });
      }),
      { numRuns: 300 },
    );
  });

  it('does not change when pk or qk is scaled by a power of two, across the whole exponent range', () => {
    // Scaling by 2^k is exact while nothing overflows or underflows: values in [1e-3, 1e3] times
    // 2^k for |k| <= 1000 stay normal, and sums of up to 100 of them stay finite. The ends of the
    // range are drawn often (sums near 1e300 and near the smallest normals).
    const exponent = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(-1000, -990, 985, 990, 993, 996, 1000));
    const arb = fc.tuple(
      fc.array(value, { minLength: 1, maxLength: 100 }),
      fc.array(value, { minLength: 100, maxLength: 100 }),
      exponent,
      exponent,
    );
    fc.assert(
      fc.property(arb, ([p, q0, j, k]) => {
        const q = q0.slice(0, p.length);
        const sp = p.map((v) => v * 2 ** j);
        const sq = q.map((v) => v * 2 ** k);
        expect(entropy(sp)).toAllClose(entropy(p), { atol: bound(entropy(p), p.length) });
        expect(entropy(sp, sq)).toAllClose(entropy(p, q), { atol: bound(1, p.length) });
      }),
      { numRuns: 300 },
    );
  });

  it('under omit equals the result on the data with every NaN position dropped from both samples', () => {
    const entry = fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(NaN) });
    const arb = fc
      .integer({ min: 1, max: 300 })
      .chain((n) => fc.tuple(fc.array(entry, { minLength: n, maxLength: n }), fc.array(entry, { minLength: n, maxLength: n })));
    fc.assert(
      fc.property(arb, ([p, q]) => {
        const keep = p.map((v, i) => !Number.isNaN(v) && !Number.isNaN(q[i]));
        const pk = p.filter((_, i) => keep[i]);
        const qk = q.filter((_, i) => keep[i]);
        const h = entropy(p, { nan_policy: 'omit' });
        expect(h).toAllClose(entropy(p.filter((v) => !Number.isNaN(v))), { atol: bound(h, p.length) });
        expect(entropy(p, q, { nan_policy: 'omit' })).toAllClose(entropy(pk, qk), { atol: bound(1, p.length) });
        // propagate: NaN exactly when a NaN is present.
        expect(Number.isNaN(entropy(p, q))).toBe(keep.includes(false));
      }),
      { numRuns: 300 },
    );
  });

  it('divides by log(base) when a base is given', () => {
    const arb = fc.tuple(fc.array(value, { minLength: 1, maxLength: 50 }), fc.double({ min: 1.01, max: 100, noNaN: true }));
    fc.assert(
      fc.property(arb, ([p, base]) => {
        expect(entropy(p, { base })).toAllClose(entropy(p) / Math.log(base), { atol: bound(1, p.length) });
      }),
      { numRuns: 200 },
    );
  });
});
