import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { entrMapWasm, logMapWasm, relEntrMapWasm, wasm, WASM_CHUNK } from '../../lib/wasm/kernels';
import { entrScalar, relEntrScalar } from '../../lib/math/convex-analysis';
import { withoutWasm } from '../helpers/without-wasm';

// Tolerances, and why:
// - entr per term, 4 ulps of the larger magnitude: the kernel's log is within 1 ulp (the fixture
//   test below) and entrScalar's Math.log within about 1; the products add half an ulp each
//   (the largest difference seen is 2 ulps).
// - rel_entr per term, 5 ulps: the kernel computes log(x/y) as k ln2 + 2 atanh(s) with
//   s = (mx - my)/(mx + my) and is within 2.2 ulps of the exact value (the mpmath fixture test
//   at the end); SciPy's definition, as relEntrScalar computes it, within 2.1 on the same
//   pairs. Differences of 4 ulps occur.
// The sums (lib/wasm/entropy-fast.ts) are checked in spec/wasm/entropy-fast.spec.ts.

const EPS = 2 ** -52;
const DBL_MIN = 2.2250738585072014e-308;

function ulpOf(x: number): number {
  const a = Math.abs(x);
  if (a < DBL_MIN) return 2 ** -1074;
  return 2 ** (Math.floor(Math.log2(a)) - 52);
}

/** |got - want| in ulps of the larger of the two; 0 for identical values (incl. inf, NaN). */
function ulpDiff(got: number, want: number): number {
  if (Object.is(got, want) || (got !== got && want !== want)) return 0;
  if (!Number.isFinite(got) || !Number.isFinite(want)) return Infinity;
  return Math.abs(got - want) / Math.max(ulpOf(got), ulpOf(want));
}

/** A seeded xorshift generator of doubles in (0, 1]. */
function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  const next = (): number => {
    a ^= a << 13;
    a >>>= 0;
    a ^= a >>> 17;
    a ^= a << 5;
    a >>>= 0;
    return a;
  };
  return () => ((next() >>> 11) * 2 ** 32 + next() + 1) * 2 ** -53;
}

/** Positive doubles spread log-uniformly over [2^lo, 2^hi). */
function spread(n: number, lo: number, hi: number, seed: number): Float64Array {
  const u = rng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 ** (lo + (hi - lo) * u()) * (1 + u());
  return out;
}

const SPECIAL = [
  0, -0, 1, -1, 0.5, 2, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1e-310, DBL_MIN,
  DBL_MIN * 2, 2 ** -1021 * 1.5, 1.7976931348623157e308, 1e-300, 1e300, 1 + EPS, 1 - EPS / 2,
  Math.SQRT2, Math.SQRT1_2, 3,
];

describe('wasm', () => {
  it('is available in Node 20 unless switched off', () => {
    expect(wasm.available).toBe(process.env.SCIPY_ENTROPY_NO_WASM !== '1');
  });

  it('runs the module that lib/wasm/kernels.wat assembles to (kernels-bytes.ts is up to date)', () => {
    const script = path.resolve(__dirname, '..', '..', 'scripts', 'build-wasm.js');
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('entrMapWasm', () => {
  it('agrees with entrScalar to 4 ulps on 200k values across the exponent range', () => {
    const x = spread(200000, -1074, 1023, 1);
    const got = new Float64Array(x.length);
    entrMapWasm(x, 0, got, 0, x.length);
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, ulpDiff(got[i], entrScalar(x[i])));
    expect(worst).toBeLessThanOrEqual(4);
  });

  it('gives exactly entrScalar on 0, -0, negatives, infinities, NaN and subnormals', () => {
    const x = Float64Array.from(SPECIAL);
    const got = new Float64Array(x.length);
    entrMapWasm(x, 0, got, 0, x.length);
    for (let i = 0; i < x.length; i++) {
      const want = entrScalar(x[i]);
      if (!Number.isFinite(want) || want === 0) expect([x[i], got[i]]).toEqual([x[i], want]);
      else expect(ulpDiff(got[i], want)).toBeLessThanOrEqual(4);
    }
    expect(Object.is(got[0], 0) && Object.is(got[1], 0) && Object.is(got[2], -0)).toBe(true);
  });

  it('handles an odd length, an offset, a chunk boundary and n = 0', () => {
    const x = spread(2 * WASM_CHUNK + 7, -30, 5, 2);
    const got = new Float64Array(x.length + 3).fill(42);
    entrMapWasm(x, 3, got, 1, x.length - 3);
    expect(got[0]).toBe(42);
    expect(got[got.length - 1]).toBe(42);
    for (let i = 0; i < x.length - 3; i++) {
      expect(ulpDiff(got[1 + i], entrScalar(x[3 + i]))).toBeLessThanOrEqual(4);
    }
    entrMapWasm(x, 0, got, 0, 0);
    expect(got[0]).toBe(42);
  });

  it('works in place', () => {
    const x = Float64Array.of(0.25, 0.5, 0, 4, -1);
    const want = Array.from(x, entrScalar);
    entrMapWasm(x, 0, x, 0, x.length);
    x.forEach((v, i) => expect(ulpDiff(v, want[i])).toBeLessThanOrEqual(4));
  });
});

describe('relEntrMapWasm', () => {
  function check(a: Float64Array, b: Float64Array, bstride: 0 | 1): number {
    const got = new Float64Array(a.length);
    relEntrMapWasm(a, 0, b, 0, bstride, got, 0, a.length);
    let worst = 0;
    for (let i = 0; i < a.length; i++) {
      const want = relEntrScalar(a[i], b[bstride * i]);
      const d = ulpDiff(got[i], want);
      if (!(d <= 5)) throw new Error(`rel_entr(${a[i]}, ${b[bstride * i]}): got ${got[i]}, want ${want}`);
      worst = Math.max(worst, d);
    }
    return worst;
  }

  it('agrees with relEntrScalar to 5 ulps on 200k random pairs across magnitudes', () => {
    expect(check(spread(200000, -1074, 1023, 3), spread(200000, -1074, 1023, 4), 1)).toBeLessThanOrEqual(5);
  });

  it('agrees on pairs with x close to y (the log1p branch, both sides of each cut)', () => {
    const n = 100000;
    const u = rng(5);
    const y = spread(n, -1000, 1000, 6);
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = u();
      // ratios: 1 +- 2^-(0..52), and near 0.5, sqrt(1/2), sqrt(2), 2
      const ratio = i % 3 === 0 ? 1 + (r - 0.5) * 2 ** -Math.floor(u() * 53)
        : [0.5, Math.SQRT1_2, Math.SQRT2, 2][i % 4] * (1 + (r - 0.5) * 2 ** -Math.floor(u() * 50));
      x[i] = y[i] * ratio;
    }
    expect(check(x, y, 1)).toBeLessThanOrEqual(5);
  });

  it('gives relEntrScalar on every pair of special values, and ratios that over- or underflow', () => {
    const v = Float64Array.from(SPECIAL);
    const a = new Float64Array(v.length * v.length);
    const b = new Float64Array(v.length * v.length);
    for (let i = 0; i < v.length; i++) {
      for (let j = 0; j < v.length; j++) {
        a[i * v.length + j] = v[i];
        b[i * v.length + j] = v[j];
      }
    }
    expect(check(a, b, 1)).toBeLessThanOrEqual(5);
  });

  it('broadcasts b[bo] with bstride 0', () => {
    const a = spread(5001, -20, 3, 7);
    for (const y of [0.3, 1e-300, 0, -1, NaN, Infinity]) expect(check(a, Float64Array.of(y), 0)).toBeLessThanOrEqual(5);
  });
});

describe('the TypeScript fallback (SCIPY_ENTROPY_NO_WASM=1)', () => {
  it('is used when switched off, and gives the same results', () => {
    const k = withoutWasm(() => require('../../lib/wasm/kernels') as typeof import('../../lib/wasm/kernels'));
    expect(k.wasm.available).toBe(false);
    const out = new Float64Array(3);
    k.entrMapWasm(Float64Array.of(0.5, 0, -1), 0, out, 0, 3);
    expect(Array.from(out)).toEqual([entrScalar(0.5), 0, -Infinity]);
    k.relEntrMapWasm(Float64Array.of(1, 0, 1), 0, Float64Array.of(2), 0, 0, out, 0, 3);
    expect(Array.from(out)).toEqual([relEntrScalar(1, 2), 0, relEntrScalar(1, 2)]);
    expect(k.logMapWasm(out, out)).toBe(false);
  });
});

describe('the kernels\' logarithm', () => {
  type Enc = number | string;
  const dec = (v: Enc): number => (typeof v === 'number' ? v : v === '-0' ? -0 : Number(v));
  const file = path.resolve(__dirname, '..', '..', 'fixtures', 'wasm', 'log.json');
  const fx = JSON.parse(fs.readFileSync(file, 'utf8')) as { points: Enc[][]; special: Enc[][] };

  (wasm.available ? it : it.skip)('is within 1 ulp of mpmath on the fixture points', () => {
    const x = Float64Array.from(fx.points, (p) => dec(p[0]));
    const got = new Float64Array(x.length);
    expect(logMapWasm(x, got)).toBe(true);
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      const hi = dec(fx.points[i][1]);
      const lo = dec(fx.points[i][2]);
      const err = Math.abs((got[i] - hi) - lo) / ulpOf(hi);
      worst = Math.max(worst, err);
    }
    expect(x.length).toBeGreaterThan(20000);
    expect(worst).toBeLessThanOrEqual(1);
  });

  (wasm.available ? it : it.skip)('gives -inf at 0 and -0, NaN below 0, inf at inf, NaN at NaN', () => {
    const x = Float64Array.from(fx.special, (p) => dec(p[0]));
    const got = new Float64Array(x.length);
    logMapWasm(x, got);
    expect(Array.from(got)).toEqual(fx.special.map((p) => dec(p[1])));
  });
});

describe('the kernels\' rel_entr against exact values', () => {
  type Enc = number | string;
  const dec = (v: Enc): number => (typeof v === 'number' ? v : v === '-0' ? -0 : Number(v));
  const file = path.resolve(__dirname, '..', '..', 'fixtures', 'wasm', 'rel_entr.json');
  const fx = JSON.parse(fs.readFileSync(file, 'utf8')) as { pairs: Enc[][] };

  it('is within 2.5 ulps of mpmath on x ~ y, ratios across (0.5, 2), the cuts, far and extreme ratios', () => {
    const x = Float64Array.from(fx.pairs, (p) => dec(p[0]));
    const y = Float64Array.from(fx.pairs, (p) => dec(p[1]));
    const got = new Float64Array(x.length);
    relEntrMapWasm(x, 0, y, 0, 1, got, 0, x.length);
    // measured: 2.18 ulps (relEntrScalar, SciPy's definition with Math.log/log1p: 2.08)
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      const hi = dec(fx.pairs[i][2]);
      const lo = dec(fx.pairs[i][3]);
      if (hi === 0) continue;
      worst = Math.max(worst, Math.abs((got[i] - hi) - lo) / ulpOf(hi));
    }
    expect(x.length).toBeGreaterThan(5000);
    expect(worst).toBeLessThanOrEqual(2.5);
  });
});
