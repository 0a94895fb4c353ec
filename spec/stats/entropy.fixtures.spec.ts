/**
 * Golden fixtures for `entropy` (fixtures/core/entropy.json, written by SciPy through
 * fixtures/export_core.py): every call is run on the inputs in their natural JS form, then on
 * strided scijs views of the same data, and the inputs are checked to be unchanged afterwards.
 * Tolerance: the default rtol 1e-12, no atol. Our sums are pairwise and SciPy's are sequential
 * along non-innermost axes, so results are not bit-identical; 1e-12 covers a few ulps. Where
 * SciPy itself is more than 1e-13 from the exact value (a probability near 1, cancelling KL terms:
 * see docs/differences-from-scipy.md) the fixture holds the exact value instead (the case's
 * `note` says so). Where SciPy returns an exact zero, an exact zero of the same sign is required.
 */
import '../helpers/allclose';
import { entropy } from '../../lib/stats/entropy';
import type { ArrayLike } from '../../lib/ndarray/create';
import {
  allCalls,
  buildInput,
  buildView,
  checkCall,
  entropyOptions,
  type FixtureCall,
  LAYOUTS,
  loadFixture,
  snapshot,
} from '../helpers/fixtures';

const file = loadFixture('core/entropy.json');
const calls = allCalls(file);
const TOL = { rtol: 1e-12 };

function callEntropy(args: ArrayLike[], call: FixtureCall, useAlias: boolean): unknown {
  const options = entropyOptions(call.kwargs, useAlias);
  return args.length === 2 ? entropy(args[0], args[1], options) : entropy(args[0], options);
}

describe('entropy', () => {
  it('has fixtures from SciPy with their versions recorded', () => {
    expect(file.scipy).toMatch(/^\d+\.\d+/);
    expect(file.numpy).toMatch(/^\d+\.\d+/);
    expect(typeof file.seed).toBe('number');
    expect(calls.length).toBeGreaterThan(500);
  });

  describe('matches the golden fixtures', () => {
    it.each(calls)('%s', (_label, c, call, n) => {
      const args = c.args.map(buildInput);
      const before = args.map(snapshot);
      checkCall(() => callEntropy(args, call, n % 3 === 2), call, TOL);
      expect(args.map(snapshot)).toEqual(before);
    });
  });

  describe('matches the golden fixtures on strided scijs views of the same data', () => {
    const viewable = calls.filter(([, c]) => !c.args.some((a) => a.ragged));
    it.each(viewable)('%s', (_label, c, call, n) => {
      const built = c.args.map((a, i) => buildView(a, LAYOUTS[(n + i) % LAYOUTS.length]));
      const before = built.map((b) => snapshot(b.buffer));
      checkCall(() => callEntropy(built.map((b) => b.view), call, false), call, TOL);
      expect(built.map((b) => snapshot(b.buffer))).toEqual(before);
    });
  });
});
