/**
 * The one pairwise sum (lib/math/pairwise.ts): the counter over a stream of block sums, the
 * recursion over a run, and numpy's form, checked against exact BigInt sums of dyadic values and
 * against each other where their trees coincide.
 */
import { Cascade, type Leaf, type LeafReport, lowOfOne, numpyPairwiseSum, pairwiseCut, pairwiseSum, totalOfOne } from '../../lib/math/pairwise';
import { RandomState } from '../helpers/random-state';

/** Values k 2^-40 with |k| < 2^52 spread over exponents: exact as BigInt multiples of 2^-40... */
function dyadic(rs: RandomState, n: number): number[] {
  return Array.from({ length: n }, () => {
    const k = Math.floor((rs.randomSample() - 0.5) * 2 ** 30);
    return k * 2 ** Math.floor(rs.randomSample() * 60 - 40);
  });
}
/** ...so their sum is exact as the BigInt sum of x 2^40. */
const exact = (xs: number[]) => xs.reduce((s, x) => s + BigInt(x * 2 ** 40), 0n);

/** A plain loop as the leaf. */
const loop: Leaf<LeafReport> = (a, ao, _b, _bo, n, _c0, _c1, _c2, _c3, out) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[ao + i];
  out.aux = n;
  return s;
};

describe('Cascade', () => {
  it('starts from +0 and gives +0 for nothing', () => {
    const c = new Cascade();
    expect(Object.is(c.total(), 0)).toBe(true);
    expect(Object.is(c.plainTotal(), 0)).toBe(true);
  });

  it('keeps every rounding error: total() + low() is the exact sum of what was added', () => {
    const rs = new RandomState(3);
    const c = new Cascade();
    for (let trial = 0; trial < 50; trial++) {
      const xs = dyadic(rs, 1 + Math.floor(rs.randomSample() * 300));
      c.reset();
      for (const x of xs) c.add(x, 0);
      const t = c.total();
      expect(BigInt(t * 2 ** 40) + BigInt(c.low() * 2 ** 40)).toBe(exact(xs));
    }
  });

  it('combines like the recursion when the run is a power-of-two number of leaves', () => {
    const rs = new RandomState(4);
    const a = Float64Array.from({ length: 8 * 256 }, () => rs.randomSample() - 0.3);
    const c = new Cascade();
    const out = { aux: 0 };
    for (let i = 0; i < a.length; i += 256) c.add(loop(a, i, a, i, 256, 0, 0, 0, 0, out), 0);
    expect(c.plainTotal()).toBe(pairwiseSum(loop, 256, a, 0, a, 0, a.length, 0, 0, 0, 0, out));
  });
});

describe('totalOfOne, lowOfOne', () => {
  it('give bit for bit what a Cascade holding one sum totals to (signed zeros, specials, unnormalised low parts)', () => {
    const rs = new RandomState(7);
    const xs = [0, -0, 1, -1, 0.1, 1e300, -1e-310, Infinity, -Infinity, NaN, ...dyadic(rs, 50)];
    const lows = [0, -0, 1e-17, -1e-17, 2 ** -53, 0.5, NaN, ...xs.map((x) => x * 2 ** -60)];
    const c = new Cascade();
    for (const x of xs) {
      for (const lo of lows) {
        c.reset();
        c.add(x, lo);
        const t = c.total();
        expect(Object.is(totalOfOne(x, lo), t)).toBe(true);
        expect(Object.is(lowOfOne(x, lo), c.low())).toBe(true);
      }
    }
  });
});

describe('pairwiseSum', () => {
  it('cuts at half the run, rounded down to a multiple of 8', () => {
    expect([17, 256, 1000, 1001].map(pairwiseCut)).toEqual([8, 128, 496, 496]);
  });

  it('sums the leaves pairwise and adds up their auxiliary sums', () => {
    const a = Float64Array.from({ length: 1000 }, (_, i) => i);
    const out = { aux: 0 };
    expect(pairwiseSum(loop, 64, a, 0, a, 0, 1000, 0, 0, 0, 0, out)).toBe(499500);
    expect(out.aux).toBe(1000);
  });
});

describe('numpyPairwiseSum', () => {
  it('is exact on values whose partial sums are exact, for runs below, at and above its leaf', () => {
    const rs = new RandomState(5);
    for (const n of [0, 1, 7, 8, 9, 128, 129, 1000]) {
      const xs = Array.from({ length: n }, () => Math.floor(rs.randomSample() * 1000) - 500);
      expect(numpyPairwiseSum(Float64Array.from(xs), 0, n)).toBe(xs.reduce((s, x) => s + x, 0));
    }
  });
});
