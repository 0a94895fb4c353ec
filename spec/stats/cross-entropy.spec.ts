/**
 * `cross_entropy` (no SciPy counterpart): H(p, q) = H(p) + D(p || q). Expected values are
 * computed in Python from the normalised, broadcast inputs as sum(-x log y) (with entr + rel_entr
 * for the special values) and cross-checked there against entropy(p) + entropy(p, q)
 * (fixtures/family/cross-entropy.json, written by fixtures/export_family.py).
 */
import '../helpers/allclose';
import { cross_entropy, crossEntropy } from '../../lib/stats/cross-entropy';
import { entropy } from '../../lib/stats/entropy';
import { cross_entropy as fromRoot } from '../../lib/index';
import { asarray, type ArrayLike } from '../../lib/ndarray/create';
import { NDArray } from '../../lib/ndarray/ndarray';
import { allCalls, buildInput, buildView, checkCall, entropyOptions, type FixtureCall, LAYOUTS, loadFixture, snapshot } from '../helpers/fixtures';
import { expectThrows } from '../helpers/throws';

const P = [[1, 2, 3], [4, 5, 6]];

describe('cross_entropy', () => {
  it('is the entropy of p plus the divergence of q from p', () => {
    expect(cross_entropy([0.5, 0.5], [0.9, 0.1], { base: 2 })).toAllClose(1.736965594166206);
    const p = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
    const q = [0.3, 0.1, 0.2, 0.1, 0.1, 0.02, 0.08, 0.1];
    expect(cross_entropy(p, q)).toAllClose((entropy(p) as number) + (entropy(p, q) as number));
    expect(fromRoot).toBe(cross_entropy);
    expect(crossEntropy).toBe(cross_entropy);
  });

  it('types its result as a number for 1-D input and an NDArray with keepdims', () => {
    const h: number = cross_entropy([1, 2], [2, 1], { nan_policy: 'omit' });
    const kept: NDArray = cross_entropy([1, 2], [2, 1], { keepdims: true });
    const either: number | NDArray = cross_entropy(P, P, { axis: 1 });
    expect(typeof h).toBe('number');
    expect(kept).toBeInstanceOf(NDArray);
    expect(either).toBeInstanceOf(NDArray);
  });

  it('equals the entropy of p when q is p', () => {
    expect(cross_entropy([1, 2, 3], [1, 2, 3])).toAllClose(entropy([1, 2, 3]));
    expect(cross_entropy(P, P, { axis: 1 })).toAllClose(entropy(P, { axis: 1 }));
  });

  it('broadcasts and reduces exactly as entropy(pk, qk)', () => {
    expect(cross_entropy([1, 2, 3], [1])).toAllClose(Math.log(3)); // a length-1 qk is uniform
    expect(cross_entropy(P, [[1], [2]], { axis: 1 })).toAllClose([Math.log(3), Math.log(3)]);
    const sum = (a: unknown, b: unknown) => (a as NDArray).toFloat64Array().map((v, i) => v + (b as NDArray).toFloat64Array()[i]);
    expect(cross_entropy(P, [3, 2, 1], { axis: 1 })).toAllClose(Array.from(sum(entropy(P, { axis: 1 }), entropy(P, [3, 2, 1], { axis: 1 }))));
    expect(cross_entropy(P, P.map((r) => r.slice().reverse()), { axis: null })).toAllClose(
      (entropy(P, { axis: null }) as number) + (entropy(P, P.map((r) => r.slice().reverse()), { axis: null }) as number),
    );
    const kept = cross_entropy(P, P, { axis: 1, keepdims: true });
    expect(kept.shape).toEqual([2, 1]);
  });

  it.each<[string, number[], number]>([
    // Exact values (mpmath, 50 digits) from the behaviour reference, section 6.2.
    ['[1 - 1e-12] + 1000 x [1e-15]', [1 - 1e-12, ...Array<number>(1000).fill(1e-15)], 3.5538776394910187e-11],
    ['[1 - 1e-12, 1e-12]', [1 - 1e-12, 1e-12], 2.8631021115928047e-11],
    ['[1] + 1000 x [1e-15]', [1, ...Array<number>(1000).fill(1e-15)], 3.5538776394875649e-11],
  ])('keeps its digits when one probability dominates: H(p, p) for %s', (_label, p, exact) => {
    // Without the log1p correction of the dominant term this is off by 6e-7 to 2e-4.
    expect(cross_entropy(p, p)).toAllClose(exact, { rtol: 1e-13 });
  });

  it('gives the same result on transposed and reversed views', () => {
    expect(cross_entropy(asarray(P).transpose(), asarray(P).transpose(), { axis: 1 })).toAllClose(cross_entropy(P, P, { axis: 0 }));
    const rev = asarray(new Float64Array([3, 2, 1])).nd.step(-1);
    expect(cross_entropy(rev, [3, 2, 1])).toAllClose(cross_entropy([1, 2, 3], [3, 2, 1]));
  });

  it.each<[string, ArrayLike, ArrayLike, number]>([
    ['p = 0 terms contribute 0, as xlogy', [0, 1, 1], [1, 1, 1], Math.log(3)],
    ['p = 0 where q = 0 contributes 0', [0, 1], [0, 1], 0],
    ['q = 0 where p > 0 gives inf', [1, 1], [1, 0], Infinity],
    ['a zero-sum p gives NaN', [0, 0], [1, 2], NaN],
    ['a zero-sum q gives NaN', [1, 2], [0, 0], NaN],
    ['a negative p gives NaN (entropy -inf plus divergence inf)', [1, -1, 3], [1, 1, 1], NaN],
    ['a negative q gives inf', [1, 2, 3], [1, -1, 3], Infinity],
    ['an infinite p gives NaN', [1, Infinity], [1, 1], NaN],
    ['an empty slice gives 0', [], [], 0],
    ['a single element gives +0', [5], [3], 0],
  ])('%s', (_label, p, q, expected) => {
    const r = cross_entropy(p, q);
    expect(r).toAllClose(expected);
    if (expected === 0) expect(Object.is(r, 0)).toBe(true);
  });

  it('propagates, omits (in pairs) or rejects NaN, as entropy', () => {
    expect(cross_entropy([1, NaN, 3], [1, 2, 3])).toBeNaN();
    expect(cross_entropy([1, NaN, 3, 4], [1, 2, NaN, 4], { nan_policy: 'omit' })).toAllClose(cross_entropy([1, 4], [1, 4]));
    expect(cross_entropy([1, NaN, 3, 4], [1, 2, NaN, 4], { nanPolicy: 'omit' })).toAllClose(cross_entropy([1, 4], [1, 4]));
    expect(cross_entropy([NaN, NaN], [1, 2], { nan_policy: 'omit' })).toBe(0);
    expect(() => cross_entropy([1, NaN], [1, 2], { nan_policy: 'raise' })).toThrow('The input contains nan values');
  });

  it('does not mutate its inputs', () => {
    const p = new Float64Array([3, 2, 1]);
    const q = [[1, 2, 3]];
    cross_entropy(p, q, { axis: -1 });
    expect(Array.from(p)).toEqual([3, 2, 1]);
    expect(q).toEqual([[1, 2, 3]]);
  });

  it.each<[string, unknown, unknown, object, string, string]>([
    ['a non-positive base', [1, 2], [2, 1], { base: 0 }, 'ValueError', '`base` must be a positive number or `null`.'],
    ['shapes that do not broadcast', [1, 2, 3], [1, 2], {}, 'ValueError', 'Array shapes are incompatible for broadcasting.'],
    ['an axis out of bounds', P, P, { axis: 2 }, 'AxisError', 'source: axis 2 is out of bounds for array of dimension 2'],
    ['a repeated axis', P, P, { axis: [0, 0] }, 'ValueError', 'repeated axis in `source` argument'],
    ['an unknown nan_policy', [1, 2], [2, 1], { nan_policy: 'foo' }, 'ValueError', 'nan_policy must be one of'],
    ['a missing qk', [1, 2], undefined, {}, 'TypeError', 'cross_entropy() missing required argument `qk`'],
    ['an unknown option', [1, 2], [2, 1], { ddof: 1 }, 'TypeError', "cross_entropy() got an unexpected keyword argument 'ddof'"],
  ])('rejects %s', (_label, p, q, options, name, message) => {
    expectThrows(() => cross_entropy(p as ArrayLike, q as ArrayLike, options as never), name, message);
  });

  describe('matches the golden fixtures', () => {
    const file = loadFixture('family/cross-entropy.json');
    const calls = allCalls(file);
    // All terms are -x log y >= 0 for distributions: sums of same-signed terms, a few ulps apart
    // from the Python reference (pairwise vs block sums, Math.log vs glibc log).
    const TOL = { rtol: 1e-12 };
    const run = (args: ArrayLike[], call: FixtureCall, alias: boolean) => cross_entropy(args[0], args[1], entropyOptions(call.kwargs, alias));

    it('records the SciPy and NumPy versions and the seed', () => {
      expect(file.scipy).toMatch(/^\d+\.\d+/);
      expect(file.numpy).toMatch(/^\d+\.\d+/);
      expect(typeof file.seed).toBe('number');
    });

    it.each(calls)('%s', (_label, c, call, n) => {
      const args = c.args.map(buildInput);
      const before = args.map(snapshot);
      checkCall(() => run(args, call, n % 2 === 1), call, TOL);
      expect(args.map(snapshot)).toEqual(before);
    });

    it.each(calls.filter((_, i) => i % 3 === 0))('%s, on strided views', (_label, c, call, n) => {
      const built = c.args.map((a, i) => buildView(a, LAYOUTS[(n + i) % LAYOUTS.length]));
      checkCall(() => run(built.map((b) => b.view), call, false), call, TOL);
    });
  });
});
