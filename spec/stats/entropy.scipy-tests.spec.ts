/**
 * SciPy's own `TestEntropy` (scipy/stats/tests/test_entropy.py), from
 * fixtures/core/scipy-tests.json: each case is checked against SciPy's actual value (rtol 1e-12,
 * the suite default) and against the test's own expectation with the test's own check and
 * tolerance (`xp_assert_close` uses rtol 4*sqrt(eps) = 5.96e-8; some literals have 8 digits).
 */
import '../helpers/allclose';
import { entropy } from '../../lib/stats/entropy';
import { NDArray } from '../../lib/ndarray/ndarray';
import {
  buildInput,
  checkCall,
  decode,
  type Encoded,
  entropyOptions,
  type FixtureCase,
  loadFixture,
} from '../helpers/fixtures';

const file = loadFixture('core/scipy-tests.json');
const byId = new Map(file.cases.map((c) => [c.id, c]));

function run(c: FixtureCase): unknown {
  const args = c.args.map(buildInput);
  const options = entropyOptions(c.calls[0].kwargs);
  return args.length === 2 ? entropy(args[0], args[1], options) : entropy(args[0], options);
}

interface ScipyCheck {
  check: 'equal' | 'greater' | 'abs_diff_less' | 'close';
  expected: Encoded | Encoded[];
  tol?: number;
  rtol?: number;
}

function decodeExpected(e: Encoded | Encoded[]): number | number[] {
  return Array.isArray(e) ? e.map(decode) : decode(e);
}

describe('entropy', () => {
  describe("passes SciPy's TestEntropy", () => {
    it.each(file.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
      checkCall(() => run(c), c.calls[0]);
      const scipy = c.scipy as ScipyCheck | undefined;
      if (scipy !== undefined) {
        const actual = run(c) as number | NDArray;
        const expected = decodeExpected(scipy.expected);
        switch (scipy.check) {
          case 'equal':
            expect(actual).toBe(expected);
            break;
          case 'greater':
            expect(actual).toBeGreaterThan(expected as number);
            break;
          case 'abs_diff_less':
            expect(Math.abs((actual as number) - (expected as number))).toBeLessThan(scipy.tol as number);
            break;
          case 'close':
            // The test's literals have 8 significant digits; its rtol is 5.96e-8.
            expect(actual).toAllClose(expected, { rtol: scipy.rtol });
            break;
        }
      }
      if (typeof c.same_as === 'string') {
        const other = byId.get(c.same_as) as FixtureCase;
        expect(run(c)).toAllClose(run(other));
      }
      if (Array.isArray(c.rows_equal)) {
        const rows = run(c) as NDArray;
        (c.rows_equal as string[]).forEach((id, i) => {
          // test_entropy_broadcasting uses xp_assert_equal: exact.
          expect(rows.get(i)).toBe(run(byId.get(id) as FixtureCase));
        });
      }
    });
  });

  it('gives S / S2 = log 2 for the two bases of test_entropy_base', () => {
    const S = run(byId.get('test_entropy_base: S') as FixtureCase) as number;
    const S2 = run(byId.get('test_entropy_base: S2') as FixtureCase) as number;
    expect(Math.abs(S / S2 - Math.log(2))).toBeLessThan(1e-5);
  });
});
