/**
 * Golden fixtures for the `scipy.special` kernels (fixtures/core/special.json, written by SciPy
 * through fixtures/export_core.py): the value grids and extremes of the behaviour reference,
 * section 2.2, and random broadcasting batches, run on natural JS inputs and on strided scijs
 * views of the same data; inputs must be unchanged afterwards.
 * Tolerance: the default rtol 1e-12. SciPy uses glibc's log/log1p (and cephes log1p in
 * xlog1py), we use V8's Math.log/Math.log1p; they differ by about an ulp in ~0.1% of arguments
 * (reference section 6.3), far inside 1e-12.
 */
import '../helpers/allclose';
import { entr, kl_div, rel_entr, xlog1py, xlogy } from '../../lib/special';
import type { ArrayLike } from '../../lib/ndarray/create';
import { allCalls, buildInput, buildView, checkCall, LAYOUTS, loadFixture, snapshot } from '../helpers/fixtures';

const file = loadFixture('core/special.json');
const calls = allCalls(file);

const FUNCTIONS: Record<string, (...args: ArrayLike[]) => unknown> = {
  entr: (x) => entr(x),
  rel_entr: (x, y) => rel_entr(x, y),
  kl_div: (x, y) => kl_div(x, y),
  xlogy: (x, y) => xlogy(x, y),
  xlog1py: (x, y) => xlog1py(x, y),
};

describe.each(Object.keys(FUNCTIONS))('%s', (fn) => {
  const mine = calls.filter(([, c]) => c.fn === fn);

  it('has golden fixtures from SciPy', () => {
    expect(file.scipy).toMatch(/^\d+\.\d+/);
    expect(mine.length).toBeGreaterThan(20);
  });

  describe('matches the golden fixtures', () => {
    it.each(mine)('%s', (_label, c, call) => {
      const args = c.args.map(buildInput);
      const before = args.map(snapshot);
      checkCall(() => FUNCTIONS[c.fn](...args), call);
      expect(args.map(snapshot)).toEqual(before);
    });
  });

  describe('matches the golden fixtures on strided scijs views of the same data', () => {
    it.each(mine)('%s', (_label, c, call, n) => {
      const built = c.args.map((a, i) => buildView(a, LAYOUTS[(n + i) % LAYOUTS.length]));
      const before = built.map((b) => snapshot(b.buffer));
      checkCall(() => FUNCTIONS[c.fn](...built.map((b) => b.view)), call);
      expect(built.map((b) => snapshot(b.buffer))).toEqual(before);
    });
  });
});

it('covers every kernel in the special fixtures', () => {
  expect([...new Set(file.cases.map((c) => c.fn))].sort()).toEqual(Object.keys(FUNCTIONS).sort());
});
