/**
 * `jensenshannon`. Expected values come from SciPy (fixtures/family/jensenshannon.json, written
 * by fixtures/export_family.py) except where the package deliberately differs (nearly equal
 * inputs, where SciPy returns NaN or its rounding floor): there they are exact (mpmath).
 */
import '../helpers/allclose';
import { jensenshannon } from '../../lib/spatial/jensenshannon';
import { jensenshannon as fromRoot } from '../../lib/index';
import { jensenshannon as fromSubpath } from '../../lib/spatial/index';
import { asarray, type ArrayLike } from '../../lib/ndarray/create';
import { NDArray } from '../../lib/ndarray/ndarray';
import { AxisError, ValueError } from '../../lib/errors';
import {
  allCalls,
  buildInput,
  buildView,
  checkCall,
  decode,
  type Encoded,
  entropyOptions,
  type FixtureCall,
  LAYOUTS,
  loadFixture,
  snapshot,
} from '../helpers/fixtures';
import { RandomState } from '../helpers/random-state';
import { expectThrows } from '../helpers/throws';

const A = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];
const B = [[13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24]];

describe('jensenshannon', () => {
  it('measures the distance between the docstring distributions', () => {
    expect(jensenshannon([1, 0, 0], [0, 1, 0], { base: 2 })).toBe(1);
    expect(jensenshannon([1, 0], [0.5, 0.5])).toAllClose(0.464501404022459);
    expect(jensenshannon(A, B, { axis: 0 })).toAllClose([0.19542878115393794, 0.14476970910187165, 0.11383771437206669, 0.09276357967788262]);
    expect(jensenshannon(A, B, { axis: 1 })).toAllClose([0.1402339353467297, 0.0399106285454718, 0.020181534745608052]);
  });

  it('is exported from the package root and from scipy-entropy/spatial', () => {
    expect(fromRoot).toBe(jensenshannon);
    expect(fromSubpath).toBe(jensenshannon);
  });

  it('types its result as a number for 1-D input and an NDArray with keepdims', () => {
    const d: number = jensenshannon([1, 2], [2, 1]);
    const kept: NDArray = jensenshannon([1, 2], [2, 1], { keepdims: true });
    const either: number | NDArray = jensenshannon(A, B, { axis: 1 });
    expect(typeof d).toBe('number');
    expect(kept).toBeInstanceOf(NDArray);
    expect(either).toBeInstanceOf(NDArray);
  });

  it('normalises counts, so [1,2,3] and [3,2,1] are as far apart as their proportions', () => {
    expect(jensenshannon([1, 2, 3], [3, 2, 1])).toAllClose(0.29531004717204934);
    expect(jensenshannon([1 / 6, 2 / 6, 3 / 6], [3 / 6, 2 / 6, 1 / 6])).toAllClose(0.29531004717204923);
  });

  it('normalises each input in its own shape before broadcasting them', () => {
    // [5] normalises to [1], then repeats: m is not a distribution (SciPy's behaviour).
    expect(jensenshannon([1, 2, 3], [5])).toAllClose(0.5429402540654636);
    expect(jensenshannon([1, 2, 3], [1, 1, 1])).toAllClose(0.15016008250886842);
    expect(jensenshannon([[1, 2, 3], [3, 2, 1]], [[1], [2]], { axis: 1 })).toAllClose([0.5429402540654636, 0.5429402540654636]);
    // q is normalised down its own columns, p along its only axis.
    expect(jensenshannon([1, 2, 3], [[1, 2, 3], [3, 2, 1]], { axis: 0 })).toAllClose([0.3233782685878253, 0.12953607461079758, 0.18390779094047432], {
      rtol: 1e-14, // SciPy's value carries its own rounding (mixed-sign sum); ours is nearer the exact one
    });
  });

  it('handles inputs whose normalising axes differ from the reduced ones', () => {
    const p = [[1, 2, 3], [4, 5, 6]];
    const q = [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]];
    expect(jensenshannon(p, q, { axis: 1 })).toAllClose([
      [0.26556551335569845, 0.19067097173322195, 0.15885391589077713],
      [0.24041342226689696, 0.13890001696306334, 0.0947510486462272],
    ]);
  });

  it('reduces over all axes with axis null or a full tuple, and keeps them with keepdims', () => {
    const p = [[1, 2], [3, 4]];
    const q = [[4, 3], [2, 1]];
    expect(jensenshannon(p, q, { axis: null })).toAllClose(0.32625164411267443);
    expect(jensenshannon(p, q, { axis: [0, 1] })).toAllClose(0.32625164411267443);
    const kept = jensenshannon(p, q, { axis: null, keepdims: true });
    expect(kept).toBeInstanceOf(NDArray);
    expect(kept.shape).toEqual([1, 1]);
    expect(jensenshannon([1, 2], [2, 1], { keepdims: true })).toAllClose([0.23797691540385268]);
  });

  it('gives the same result on transposed, stepped and reversed views', () => {
    const t = asarray(A).transpose();
    expect(jensenshannon(t, asarray(B).transpose(), { axis: 1 })).toAllClose(jensenshannon(A, B, { axis: 0 }));
    const rev = asarray(new Float64Array([3, 2, 1])).nd.step(-1);
    const stepped = asarray(new Float64Array([3, 9, 2, 9, 1])).nd.step(2);
    expect(jensenshannon(rev, stepped)).toAllClose(jensenshannon([1, 2, 3], [3, 2, 1]));
  });

  it('does not mutate its inputs', () => {
    const p = new Float64Array([1, 2, 3]);
    const q = [[3, 2, 1]];
    jensenshannon(p, q, { axis: -1 });
    expect(Array.from(p)).toEqual([1, 2, 3]);
    expect(q).toEqual([[3, 2, 1]]);
  });

  it.each<[string, ArrayLike, ArrayLike, object, number]>([
    ['identical inputs are at distance +0', [1, 0, 0], [1, 0, 0], {}, 0],
    ['a zero-sum input gives NaN', [0, 0], [1, 1], {}, NaN],
    ['two zero-sum inputs give NaN', [0, 0], [0, 0], {}, NaN],
    ['a negative entry gives inf', [1, -1, 3], [1, 1, 1], {}, Infinity],
    ['NaN propagates', [1, NaN], [1, 1], {}, NaN],
    ['inf gives NaN', [1, Infinity], [1, 1], {}, NaN],
    ['an all-negative input normalises to a distribution', [-1, -2], [1, 2], {}, 0],
    ['empty inputs give 0', [], [], {}, 0],
    ['scalars give 0', 1, 2, {}, 0],
    ['an overflowing sum normalises to zeros, as in SciPy', [1e308, 1e308], [1, 1], {}, 0.5887050112577373],
    ['base 1 gives inf', [1, 2], [2, 1], { base: 1 }, Infinity],
    ['base 0 gives -0', [1, 2], [2, 1], { base: 0 }, -0],
    ['a negative base gives NaN', [1, 2], [2, 1], { base: -1 }, NaN],
    ['a base below 1 gives NaN', [1, 2], [2, 1], { base: 0.5 }, NaN],
    ['base inf gives 0', [1, 2], [2, 1], { base: Infinity }, 0],
  ])('%s', (_label, p, q, options, expected) => {
    const r = jensenshannon(p, q, options);
    expect(r).toAllClose(expected);
    if (expected === 0) expect(Object.is(r, expected)).toBe(true);
  });

  it('gives +0 for each slice of empty rows and an empty array for no slices', () => {
    expect(jensenshannon([[], [], []], [[], [], []], { axis: 1 })).toAllClose([0, 0, 0]);
    expect((jensenshannon([[], [], []], [[], [], []], { axis: 0 }) as NDArray).shape).toEqual([0]);
  });

  it.each<[string, ArrayLike, ArrayLike, object, string, string]>([
    ['an axis out of bounds for p', [1, 2, 3], [[1, 2, 3], [3, 2, 1]], { axis: 1 }, 'AxisError', 'axis 1 is out of bounds for array of dimension 1'],
    ['an axis out of bounds for both', [[1, 2], [3, 4]], [[4, 3], [2, 1]], { axis: 2 }, 'AxisError', 'axis 2 is out of bounds for array of dimension 2'],
    ['a negative axis out of bounds', [[1, 2], [3, 4]], [[4, 3], [2, 1]], { axis: -3 }, 'AxisError', 'axis -3 is out of bounds for array of dimension 2'],
    ['an axis array on a scalar', 1, 2, { axis: [0] }, 'AxisError', 'axis 0 is out of bounds for array of dimension 0'],
    ['a repeated axis', [[1, 2], [3, 4]], [[4, 3], [2, 1]], { axis: [0, -2] }, 'ValueError', "duplicate value in 'axis'"],
    ['shapes that do not broadcast', [1, 2, 3], [1, 2], {}, 'ValueError', 'operands could not be broadcast together with shapes (3,) (2,) '],
    ['a fractional axis', [1, 2], [2, 1], { axis: 0.5 }, 'TypeError', 'integer argument expected, got float'],
    ['a string base', [1, 2], [2, 1], { base: '2' }, 'TypeError', '`base` must be a number or `null`; got "2"'],
    ['an unknown option', [1, 2], [2, 1], { nan_policy: 'omit' }, 'TypeError', "jensenshannon() got an unexpected keyword argument 'nan_policy'"],
    ['a non-boolean keepdims', [1, 2], [2, 1], { keepdims: 1 }, 'TypeError', '`keepdims` must be a boolean'],
  ])('rejects %s', (_label, p, q, options, name, message) => {
    expectThrows(() => jensenshannon(p, q, options as never), name, message);
  });

  describe('on nearly equal inputs', () => {
    it('returns the exact value where SciPy returns NaN', () => {
      const p = [0.2569909040282715, 0.97857859313454, 0.124963296383519];
      const q = [0.2569909043733606, 0.9785785930796456, 0.12496329646474692];
      // SciPy's divergence here is -1.387e-16, so it returns NaN. Exact value: mpmath.
      const exact = loadFixture('family/jensenshannon.json').cases.find((c) => c.id === '3 nearly equal: SciPy gives NaN')!;
      expect(jensenshannon(p, q)).toAllClose(decode(exact.calls[0].scalar as Encoded));
      expect(jensenshannon(p, q)).toBeGreaterThan(0);
    });

    it('never returns NaN on 20000 random pairs q = p (1 + 1e-9 N(0,1))', () => {
      // SciPy returns NaN for about 42% of these (reference section 3).
      const rs = new RandomState(0);
      let bad = 0;
      for (let i = 0; i < 20000; i++) {
        const k = 2 + Math.floor(4 * rs.randomSample());
        const p = Array.from({ length: k }, () => rs.randomSample());
        const q = p.map((v) => v * (1 + rs.standardNormal() * 1e-9));
        const r = jensenshannon(p, q);
        if (!(r >= 0 && r < 1e-8)) bad++;
      }
      expect(bad).toBe(0);
    });

    it('is accurate to 1e-14 relative against exact distances of 2000 pairs', () => {
      // The pairs are regenerated from numpy's RandomState (random_sample is bit-exact here);
      // the expected distances are mpmath's, from the exact input doubles. SciPy returns NaN for
      // `scipy_nan_count` of them. We measured a largest relative error of 3.3e-16.
      const near = (loadFixture('family/js-near-equal.json') as unknown as { near_equal: NearEqual }).near_equal;
      const rs = new RandomState(near.seed);
      const actual: number[] = [];
      for (let i = 0; i < near.count; i++) {
        const k = 2 + Math.floor(4 * rs.randomSample());
        const p = Array.from({ length: k }, () => rs.randomSample());
        const q = p.map((v) => v * (1 + near.noise * (2 * rs.randomSample() - 1)));
        if (i === 0) {
          expect(p).toEqual(near.first_pair.p.map(decode));
          expect(q).toEqual(near.first_pair.q.map(decode));
        }
        actual.push(jensenshannon(p, q));
      }
      expect(near.scipy_nan_count).toBeGreaterThan(near.count / 4);
      expect(actual).toAllClose(near.exact.map(decode), { rtol: 1e-14 });
    });
  });

  describe('matches the golden fixtures', () => {
    const file = loadFixture('family/jensenshannon.json');
    const calls = allCalls(file);
    // Default rtol 1e-12. Where SciPy's own value is off the exact one by more than 1e-13 (small
    // distances: it sums terms of both signs), the exporter records the exact value instead.
    const TOL = { rtol: 1e-12 };
    const run = (args: ArrayLike[], call: FixtureCall) => jensenshannon(args[0], args[1], entropyOptions(call.kwargs));

    it('records the SciPy and NumPy versions and the seed', () => {
      expect(file.scipy).toMatch(/^\d+\.\d+/);
      expect(file.numpy).toMatch(/^\d+\.\d+/);
      expect(typeof file.seed).toBe('number');
    });

    it.each(calls)('%s', (_label, c, call) => {
      const args = c.args.map(buildInput);
      const before = args.map(snapshot);
      checkCall(() => run(args, call), call, TOL);
      expect(args.map(snapshot)).toEqual(before);
    });

    it.each(calls.filter((_, i) => i % 3 === 0))('%s, on strided views', (_label, c, call, n) => {
      const built = c.args.map((a, i) => buildView(a, LAYOUTS[(n + i) % LAYOUTS.length]));
      checkCall(() => run(built.map((b) => b.view), call), call, TOL);
    });
  });
});

interface NearEqual {
  seed: number;
  count: number;
  noise: number;
  exact: Encoded[];
  scipy_nan_count: number;
  first_pair: { p: Encoded[]; q: Encoded[] };
}
