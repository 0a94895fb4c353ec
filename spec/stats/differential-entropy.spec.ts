/**
 * `differential_entropy`. Expected values come from SciPy (fixtures/family/*.json, written by
 * fixtures/export_family.py); SciPy's own TestDifferentialEntropy is ported at the end, with its
 * random inputs regenerated from numpy's legacy RandomState (spec/helpers/random-state.ts).
 */
import '../helpers/allclose';
import { differential_entropy, differentialEntropy } from '../../lib/stats/differential-entropy';
import { differential_entropy as fromRoot } from '../../lib/index';
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
  type FixtureCall,
  type FixtureCase,
  LAYOUTS,
  loadFixture,
  snapshot,
} from '../helpers/fixtures';
import { RandomState } from '../helpers/random-state';
import { expectThrows } from '../helpers/throws';

const X14 = [1, 1, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11];
const METHODS = ['vasicek', 'van es', 'ebrahimi', 'correa'] as const;

/** The options object of a fixture call (`base` decoded; `window_length` as given). */
function deOptions(kwargs: Record<string, unknown>, alias = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'base') out.base = v === null ? null : decode(v as Encoded);
    else if (alias && k === 'window_length') out.windowLength = v;
    else if (alias && k === 'nan_policy') out.nanPolicy = v;
    else out[k] = v;
  }
  return out;
}

function runCall(args: ArrayLike[], call: FixtureCall, alias = false): number | NDArray {
  return differential_entropy(args[0], deOptions(call.kwargs, alias));
}

describe('differential_entropy', () => {
  it('estimates the entropy of a sample with the method chosen by its size', () => {
    expect(differential_entropy(X14)).toAllClose(2.358820400183337);
    expect(fromRoot).toBe(differential_entropy);
    expect(differentialEntropy).toBe(differential_entropy);
  });

  it('types its result as a number for 1-D input and an NDArray with keepdims', () => {
    const h: number = differential_entropy(X14, { method: 'Van Es' });
    const kept: NDArray = differential_entropy(X14, { keepdims: true });
    const either: number | NDArray = differential_entropy([X14, X14], { axis: 1 });
    expect(typeof h).toBe('number');
    expect(kept).toBeInstanceOf(NDArray);
    expect(either).toBeInstanceOf(NDArray);
  });

  it.each([
    ['vasicek', 2.132482646628768],
    ['van es', 2.5220528820110046],
    ['correa', 2.260915391595574],
    ['ebrahimi', 2.358820400183337],
  ])('implements the %s estimator', (method, expected) => {
    expect(differential_entropy(X14, { method })).toAllClose(expected);
  });

  it('picks van es up to n = 10, ebrahimi up to 1000 and vasicek beyond', () => {
    const sample = (n: number) => Array.from({ length: n }, (_, i) => i ** 1.5);
    expect(differential_entropy(sample(10))).toBe(differential_entropy(sample(10), { method: 'van es' }));
    expect(differential_entropy(sample(11))).toBe(differential_entropy(sample(11), { method: 'ebrahimi' }));
    const x = new RandomState(0).fill(1001, 'standardNormal');
    expect(differential_entropy(x.subarray(0, 1000))).toBe(differential_entropy(x.subarray(0, 1000), { method: 'ebrahimi' }));
    expect(differential_entropy(x)).toBe(differential_entropy(x, { method: 'vasicek' }));
  });

  it('reads method names without regard to case', () => {
    expect(differential_entropy(X14, { method: 'VASICEK' })).toBe(differential_entropy(X14, { method: 'vasicek' }));
    expect(differential_entropy(X14, { method: 'Van Es' })).toBe(differential_entropy(X14, { method: 'van es' }));
  });

  it('takes window_length (or windowLength) and base', () => {
    expect(differential_entropy(X14, { window_length: 6 })).toAllClose(2.3665600944306147);
    expect(differential_entropy(X14, { windowLength: 6 })).toAllClose(2.3665600944306147);
    expect(differential_entropy(X14, { base: 2 })).toAllClose(3.40305849369222);
    expect(differential_entropy(X14, { base: 1 })).toBe(Infinity);
  });

  it('sorts a copy of each slice and leaves the input alone', () => {
    const x = Float64Array.from(X14).reverse();
    const before = Array.from(x);
    expect(differential_entropy(x)).toAllClose(differential_entropy(X14));
    expect(Array.from(x)).toEqual(before);
    const m = [X14.slice().reverse(), X14.map((v) => 2 * v)];
    differential_entropy(m, { axis: 1 });
    expect(m[0]).toEqual(X14.slice().reverse());
  });

  it('estimates along any axis, over several axes, and keeps them with keepdims', () => {
    const X2 = [X14, X14.slice().reverse().map((v) => 2 * v)];
    expect(differential_entropy(X2, { axis: 1 })).toAllClose([2.358820400183337, 3.0519675807432827]);
    expect(differential_entropy(asarray(X2).transpose())).toAllClose([2.358820400183337, 3.0519675807432827]);
    expect(differential_entropy(X2, { axis: null })).toAllClose(2.927845480958088);
    expect(differential_entropy(X2, { axis: [0, 1] })).toAllClose(2.927845480958088);
    const kept = differential_entropy(X2, { axis: 1, keepdims: true });
    expect(kept.shape).toEqual([2, 1]);
    expect(differential_entropy(X14, { keepdims: true })).toAllClose([2.358820400183337]);
  });

  it('returns NaN for a too-small 1-D sample, before looking at base or method', () => {
    for (let n = 0; n <= 4; n++) expect(differential_entropy(Array.from({ length: n }, (_, i) => i))).toBeNaN();
    expect(differential_entropy([1, 2, 3], { base: -2 })).toBeNaN();
    expect(differential_entropy([1, 2, 3], { method: 'foo' })).toBeNaN();
    expect(differential_entropy(X14, { window_length: 7 })).toBeNaN();
    expect(differential_entropy(3)).toBeNaN();
  });

  it('gives NaN per slice of empty n-D input', () => {
    expect(differential_entropy([[], [], []], { axis: 1 })).toAllClose([NaN, NaN, NaN]);
    expect((differential_entropy([[], [], []], { axis: 0 }) as NDArray).shape).toEqual([0]);
  });

  it('propagates, omits or rejects NaN', () => {
    const x = [...X14, NaN];
    expect(differential_entropy(x)).toBeNaN();
    expect(differential_entropy(x, { nan_policy: 'omit' })).toAllClose(2.358820400183337);
    expect(differential_entropy(x, { nanPolicy: 'omit' })).toAllClose(2.358820400183337);
    expect(() => differential_entropy(x, { nan_policy: 'raise' })).toThrow('The input contains nan values');
    const X2 = [X14.slice(), X14.slice().reverse().map((v) => 2 * v)];
    X2[0][3] = NaN;
    expect(differential_entropy(X2, { axis: 1 })).toAllClose([NaN, 3.0519675807432827]);
    expect(differential_entropy(X2, { axis: 1, nan_policy: 'omit' })).toAllClose([2.393509258132883, 3.0519675807432827]);
    // With a NaN present, too-small slices give NaN instead of an error (as SciPy).
    expect(differential_entropy(X2, { axis: 1, window_length: 7 })).toAllClose([NaN, NaN]);
  });

  it('gives -inf for ties (NaN with correa) and inf for an infinite value', () => {
    const ties = [1, 1, 1, 1, 1, 1, 2, 3, 4, 5];
    expect(METHODS.map((method) => differential_entropy(ties, { method }))).toEqual([-Infinity, -Infinity, -Infinity, NaN]);
    expect(differential_entropy([1, 2, 3, 4, 5, Infinity])).toBe(Infinity);
    expect(differential_entropy([true, false, true, false, true, true, false])).toBe(-Infinity);
  });

  it.each<[string, unknown, object, string, string]>([
    ['a window too large for 2-D input', [X14, X14], { axis: 1, window_length: 7 }, 'ValueError', 'Window length (7) must be positive and less than half the sample size (14).'],
    ['a zero window for 2-D input', [X14, X14], { axis: 1, window_length: 0 }, 'ValueError', 'Window length (0) must be positive and less than half the sample size (14).'],
    ['the default window on short rows', [[1, 1, 1], [1, 1, 1]], { axis: 1 }, 'ValueError', 'Window length (2) must be positive and less than half the sample size (3).'],
    ['a non-positive base', X14, { base: -2 }, 'ValueError', '`base` must be a positive number or `null`.'],
    ['an unknown method', X14, { method: 'ekki-ekki' }, 'ValueError', '`method` must be one of {'],
    ['an unknown nan_policy', X14, { nan_policy: 'foo' }, 'ValueError', 'nan_policy must be one of'],
    ['an axis out of bounds', [X14, X14], { axis: 2 }, 'AxisError', '`axis` is out of bounds for array of dimension 2'],
    ['a repeated axis', [X14, X14], { axis: [1, -1] }, 'AxisError', '`axis` must contain only distinct elements'],
    ['a fractional axis', [X14, X14], { axis: 1.5 }, 'AxisError', '`axis` must be an integer, an array of integers, or `null`.'],
    ['a fractional window', X14, { window_length: 2.5 }, 'TypeError', '`window_length` must be an integer or `null`; got 2.5'],
    ['two different window spellings', X14, { window_length: 2, windowLength: 3 }, 'TypeError', 'got both `window_length` and its alias'],
    ['a non-string method', X14, { method: 3 }, 'TypeError', '`method` must be a string'],
    ['an unknown option', X14, { ddof: 1 }, 'TypeError', "differential_entropy() got an unexpected keyword argument 'ddof'"],
    ['non-numeric values', ['a', 'b'], {}, 'TypeError', '`values` must hold numbers or booleans'],
  ])('rejects %s', (_label, values, options, name, message) => {
    expectThrows(() => differential_entropy(values as ArrayLike, options as never), name, message);
  });

  describe('matches the golden fixtures', () => {
    const file = loadFixture('family/differential-entropy.json');
    const calls = allCalls(file);
    // SciPy uses numpy's SIMD log and sequential sums in some n-D layouts; we use Math.log and
    // numpy's pairwise sums. The estimates are means of O(1) logs: a few ulps apart.
    const TOL = { rtol: 1e-12 };

    it('records the SciPy and NumPy versions and the seed', () => {
      expect(file.scipy).toMatch(/^\d+\.\d+/);
      expect(file.numpy).toMatch(/^\d+\.\d+/);
      expect(typeof file.seed).toBe('number');
    });

    it.each(calls)('%s', (_label, c, call, n) => {
      const args = c.args.map(buildInput);
      const before = args.map(snapshot);
      checkCall(() => runCall(args, call, n % 2 === 1), call, TOL);
      expect(args.map(snapshot)).toEqual(before);
    });

    it.each(calls.filter((_, i) => i % 3 === 0))('%s, on a strided view', (_label, c, call, n) => {
      const built = c.args.map((a, i) => buildView(a, LAYOUTS[(n + i) % LAYOUTS.length]));
      const before = built.map((b) => snapshot(b.buffer));
      checkCall(() => runCall(built.map((b) => b.view), call), call, TOL);
      expect(built.map((b) => snapshot(b.buffer))).toEqual(before);
    });
  });
});

/** The extra records of scipy-tests.json. */
interface ScipyTests {
  test_consistency: Array<{ method: string; n: number; scipy: number; expected: number; rtol: number }>;
  test_rmse_std: Array<{
    dist: 'norm' | 'expon';
    method: string;
    true_entropy: number;
    scipy_rmse: number;
    scipy_std: number;
    expected_rmse: number;
    expected_std: number;
    rmse_atol: number;
    std_atol: number;
  }>;
  streams: Record<string, Encoded | Encoded[] | Record<string, Encoded> | boolean>;
}

/** The Python float repr of a scalar fixture expectation or each of its array values. */
function valuesOf(x: number | NDArray): number[] {
  return typeof x === 'number' ? [x] : Array.from(x.toFloat64Array());
}

describe('SciPy TestDifferentialEntropy', () => {
  const file = loadFixture('family/scipy-tests.json');
  const extra = file as unknown as ScipyTests;
  const byId = new Map<string, FixtureCase>(file.cases.map((c) => [c.id, c]));
  const run = (c: FixtureCase, i: number) => runCall(c.args.map(buildInput), c.calls[i]);
  // SciPy's default tolerance, xp_assert_close: rtol = 4 sqrt(eps) for float64.
  const SCIPY_RTOL = 5.960464477539063e-8;

  describe('reproduces numpy RandomState(0), which generates the test inputs', () => {
    const streams = extra.streams;
    it('draws the same doubles (random_sample exactly; normals and exponentials to an ulp)', () => {
      const first = (name: string) => (streams[name] as Encoded[]).map(decode);
      expect(Array.from(new RandomState(0).fill(10, 'randomSample'))).toEqual(first('random_sample_first'));
      // Math.log differs from glibc's log by an ulp in ~0.15% of arguments.
      expect(Array.from(new RandomState(0).fill(10, 'standardNormal'))).toAllClose(first('standard_normal_first'), { rtol: 1e-15 });
      expect(Array.from(new RandomState(0).fill(10, 'standardExponential'))).toAllClose(first('standard_exponential_first'), { rtol: 1e-15 });
    });

    it('matches the 10^6 normals and 500000 exponentials of the statistical tests', () => {
      const normals = new RandomState(0).fill(1e6, 'standardNormal');
      for (const [i, v] of Object.entries(streams.standard_normal_1e6_at as Record<string, Encoded>)) {
        expect(normals[Number(i)]).toAllClose(decode(v), { rtol: 1e-15 });
      }
      const exps = new RandomState(0).fill(500000, 'standardExponential');
      for (const [i, v] of Object.entries(streams.standard_exponential_500000_at as Record<string, Encoded>)) {
        expect(exps[Number(i)]).toAllClose(decode(v), { rtol: 1e-15 });
      }
      expect(streams.norm_rvs_equals_standard_normal).toBe(true);
      expect(streams.expon_rvs_equals_standard_exponential).toBe(true);
    });
  });

  describe.each(file.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const check = c.scipy as { check: string; rtol?: number; expected?: unknown[] };
    it.each(c.calls.map((call, i) => [JSON.stringify(call.kwargs), call, i] as const))('gives SciPy 1.17.1 value for %s', (_k, call) => {
      const args = c.args.map(buildInput);
      checkCall(() => runCall(args, call), call, { rtol: 1e-12 });
    });
    if (check.check === 'close' && check.expected !== undefined) {
      it(`passes SciPy's check (close, rtol ${check.rtol})`, () => {
        check.expected!.forEach((e, i) => expect(run(c, i)).toAllClose(e, { rtol: check.rtol }));
      });
    }
    if (check.check === 'same' || check.check === 'equal') {
      it(`passes SciPy's check (${check.check === 'equal' ? 'exactly equal' : 'close'} across calls)`, () => {
        const first = run(c, 0);
        for (let i = 1; i < c.calls.length; i++) {
          if (check.check === 'equal') expect(valuesOf(run(c, i))).toEqual(valuesOf(first));
          else expect(run(c, i)).toAllClose(first, { rtol: SCIPY_RTOL });
        }
      });
    }
    if (typeof c.same_as === 'string') {
      it(`passes SciPy's check (close to ${c.same_as})`, () => {
        expect(run(c, 0)).toAllClose(run(byId.get(c.same_as as string)!, 0), { rtol: SCIPY_RTOL });
      });
    }
  });

  describe('test_consistency', () => {
    const normals = new RandomState(0).fill(1e6, 'standardNormal');
    it.each(extra.test_consistency.map((t) => [t.method, t] as const))('%s converges to the normal entropy', (_m, t) => {
      const res = differential_entropy(normals.subarray(0, t.n), { method: t.method });
      expect(res).toAllClose(t.expected, { rtol: t.rtol }); // SciPy's check: rtol 0.005
      // Our inputs differ from numpy's in the last bit of ~3% of values (Math.log), and our logs
      // and sums round differently: 1e-10 covers that on a mean of 10^6 logs.
      expect(res).toAllClose(t.scipy, { rtol: 1e-10 });
    });
  });

  describe('test_rmse_std', () => {
    const samples = {
      norm: new RandomState(0).fill(500000, 'standardNormal'),
      expon: new RandomState(0).fill(500000, 'standardExponential'),
    };
    it.each(extra.test_rmse_std.map((t) => [`${t.dist}-${t.method}`, t] as const))('%s has SciPy\'s RMSE and spread', (_k, t) => {
      const x = NDArray.fromData(samples[t.dist], [10000, 50]);
      const res = (differential_entropy(x, { window_length: 7, method: t.method, axis: -1 }) as NDArray).toFloat64Array();
      let sq = 0;
      let sum = 0;
      for (const v of res) {
        sq += (v - t.true_entropy) ** 2;
        sum += v;
      }
      const mean = sum / res.length;
      let dev = 0;
      for (const v of res) dev += (v - mean) ** 2;
      const rmse = Math.sqrt(sq / res.length);
      const std = Math.sqrt(dev / res.length);
      // SciPy's checks: atol 0.005 on the RMSE and 0.002 on the standard deviation.
      expect(Math.abs(rmse - t.expected_rmse)).toBeLessThanOrEqual(t.rmse_atol + SCIPY_RTOL * t.expected_rmse);
      expect(Math.abs(std - t.expected_std)).toBeLessThanOrEqual(t.std_atol + SCIPY_RTOL * t.expected_std);
      // And the values SciPy itself gets on the same inputs (to an ulp of the inputs).
      expect(rmse).toAllClose(t.scipy_rmse, { rtol: 1e-10 });
      expect(std).toAllClose(t.scipy_std, { rtol: 1e-10 });
    });
  });
});
