/**
 * Accuracy against exact values (issue 3): every case of fixtures/exact/*.json, written by
 * fixtures/export_exact.py with SciPy's result and the exact value (mpmath, 50+ digits, from the
 * exact input doubles). Our result must be
 *   - within max(SciPy's own error, 4 ulp of the exact value) everywhere;
 *   - within 2 ulp of the exact value on uniform and near-uniform rows (tag uniform, issue 12),
 *     where equal terms make every rounding of a sum go the same way;
 *   - within 1e-13 relative on the degenerate inputs with one probability near 1 (tag near_one),
 *     where SciPy loses 5-10 digits, when the exact value is a normal double;
 *   - within 1e-6 relative where pk is nearly equal to qk (q = p (1 + 1e-9 N(0,1)), tag
 *     near_equal), where SciPy's KL is off by more than 100% and its jensenshannon is off by more
 *     than 100% or NaN (asserted from the fixture, to document it).
 * Functions are looked up by name on lib/index, so that a function not exported yet makes its
 * tests fail with a clear message instead of failing the type-check of the whole suite.
 * `npm run accuracy` writes the same measurements as tables to docs/accuracy.md.
 */
import {
  buildInput,
  digestMismatch,
  EXPORT_OF,
  type ExactCase,
  explain,
  fmt,
  loadExactFiles,
  type Measure,
  measure,
  MIN_NORMAL,
  ours,
  ulp,
  withinBound,
} from '../helpers/exact';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('../../lib/index') as Record<string, unknown>;

const files = loadExactFiles();
const cases = files.flatMap((f) => f.cases);

/** Our values for a case, computed once (large inputs are rebuilt from recipes). */
const cache = new Map<ExactCase, Measure[] | Error>();
function measured(c: ExactCase): Measure[] {
  let m = cache.get(c);
  if (m === undefined) {
    try {
      m = measure(c, ours(lib, c));
    } catch (e) {
      m = e instanceof Error ? e : new Error(String(e));
    }
    cache.set(c, m);
  }
  if (m instanceof Error) throw m;
  return m;
}

/** Fails with every offending value explained (at most 5 of them). */
function assertAll(c: ExactCase, ms: Measure[], ok: (m: Measure) => boolean, what: string): void {
  const bad = ms.filter((m) => !ok(m));
  if (bad.length === 0) return;
  const shown = bad.slice(0, 5).map((m) => '  ' + explain(c, m));
  const more = bad.length > 5 ? [`  ... and ${bad.length - 5} more of ${ms.length} values`] : [];
  throw new Error([`${bad.length} of ${ms.length} values not ${what}:`, ...shown, ...more].join('\n'));
}

describe('the functions the accuracy harness measures', () => {
  const needed = [...new Set(cases.map((c) => EXPORT_OF[c.fn]))].sort();
  it.each(needed)('lib/index exports %s', (name) => {
    if (typeof lib[name] !== 'function') {
      throw new Error(`\`${name}\` is not exported from lib/index yet; its accuracy cases fail until it is`);
    }
  });
});

describe('the exact fixtures', () => {
  it('hold cases for every function and every family', () => {
    const fns = new Set(cases.map((c) => c.fn));
    expect([...fns].sort()).toEqual(['cross_entropy', 'entropy', 'jensenshannon', 'kl']);
    expect(files.map((f) => f.file)).toEqual(['cross-entropy.json', 'degenerate.json', 'entropy.json', 'jensenshannon.json', 'kl.json']);
  });

  const recipes = cases.flatMap((c) => [
    ...(c.pkDigest === undefined ? [] : [[`${c.name} (pk)`, c.pk, c.pkDigest] as const]),
    ...(c.qkDigest === undefined ? [] : [[`${c.name} (qk)`, c.qk!, c.qkDigest] as const]),
  ]);
  it.each(recipes)('rebuild the recipe input of %s bit for bit', (_, recipe, digest) => {
    expect(digestMismatch(buildInput(recipe), digest)).toBeNull();
  });

  it('catch a recipe that rebuilds different values', () => {
    const c = recipes[0];
    const wrong = { ...(c[1] as Record<string, unknown>), seed: 12345 };
    expect(digestMismatch(buildInput(wrong as never), c[2])).toMatch(/rebuilt/);
  });

  it("reproduce SciPy's errors of the behaviour reference, section 6.2, exactly", () => {
    const byName = new Map(cases.map((c) => [c.name, c]));
    const table: [string, number, number][] = [
      ['H [1-1e-12] + 1000x[1e-15]', 3.5538776394910187e-11, 3.5538754273190064e-11],
      ['H [1-1e-12, 1e-12]', 2.8631021115928047e-11, 2.8630998994207924e-11],
      ['H [1.0] + 1000x[1e-15]', 3.5538776394875649e-11, 3.554019756308849e-11],
      ['H [1-1e-9] + 10^6x[1e-15] (recipe)', 3.5538776394410687e-8, 3.5538776366128754e-8],
      ['H [1e-300] + 5x[1e-310]', 1.201292545908873e-8, 1.2012925722753518e-8],
      ['KL [1-1e-12]+1000x[1e-15] || [1-2e-12]+1000x[2e-15]', 3.0685281944055469e-13, 3.068306977204319e-13],
    ];
    for (const [name, truth, scipy] of table) {
      const c = byName.get(name);
      expect(c).toBeDefined();
      // The reference prints the truth to 17 digits (within an ulp); SciPy's value is a double.
      expect(Math.abs(c!.exact[0] - truth)).toBeLessThanOrEqual(ulp(truth));
      expect(c!.scipy[0]).toBe(scipy);
    }
  });
});

for (const f of files) {
  describe(`${f.file} (${f.description}; SciPy ${f.versions.scipy})`, () => {
    it.each(f.cases.map((c) => [c.name, c] as const))('%s: within max(SciPy error, 4 ulp) of the exact value', (_, c) => {
      assertAll(c, measured(c), withinBound, 'within max(SciPy error, 4 ulp)');
    });
  });
}

describe('uniform and near-uniform rows (equal terms)', () => {
  const uniform = cases.filter((c) => c.tags.includes('uniform'));
  it('are in the fixtures', () => expect(uniform.length).toBeGreaterThanOrEqual(10));
  it.each(uniform.map((c) => [c.name, c] as const))('%s: within 2 ulp of the exact value', (_, c) => {
    assertAll(c, measured(c), (m) => m.oursUlps <= 2, 'within 2 ulp');
  });
});

describe('one probability near 1 (SciPy loses 5-10 digits)', () => {
  const near = cases.filter((c) => c.tags.includes('near_one'));
  it.each(near.map((c) => [c.name, c] as const))('%s: within 1e-13 relative of the exact value', (_, c) => {
    const ms = measured(c).filter((m) => Math.abs(m.exact) >= MIN_NORMAL);
    assertAll(c, ms, (m) => m.oursRel <= 1e-13, 'within 1e-13 relative');
  });
});

describe('pk nearly equal to qk: q = p (1 + 1e-9 N(0,1))', () => {
  const near = cases.filter((c) => c.tags.includes('near_equal'));
  for (const fn of ['kl', 'jensenshannon'] as const) {
    const trials = near.filter((c) => c.fn === fn);
    const rel = trials.map((c) => Math.abs(c.scipy[0] - c.exact[0]) / c.exact[0]);
    const nan = rel.filter((r) => Number.isNaN(r)).length;
    const finite = rel.filter((r) => !Number.isNaN(r));
    const label = fn === 'kl' ? "SciPy's KL (entropy(pk, qk))" : "SciPy's jensenshannon";
    it(`${label} is NaN or off by more than 100% on all ${trials.length} trials (${nan} NaN, the others off by ${fmt(Math.min(...finite))}x to ${fmt(Math.max(...finite))}x)`, () => {
      expect(trials.length).toBeGreaterThanOrEqual(20);
      for (const [i, c] of trials.entries()) {
        if (!(Number.isNaN(rel[i]) || rel[i] > 1)) throw new Error(`${c.name}: SciPy gives ${c.scipy[0]}, exact ${c.exactStr[0]}`);
      }
    });
    it.each(trials.map((c) => [c.name, c] as const))('%s: ours within 1e-6 relative of the exact value', (_, c) => {
      assertAll(c, measured(c), (m) => m.oursRel <= 1e-6, 'within 1e-6 relative');
    });
  }
});
