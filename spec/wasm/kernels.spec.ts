import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { entrMapWasm, logMapWasm, wasm, WASM_CHUNK } from '../../lib/wasm/kernels';
import { entrScalar } from '../../lib/math/convex-analysis';
import { withoutWasm } from '../helpers/without-wasm';
import { SPECIAL, spread, ulpDiff, ulpOf } from '../helpers/ulps';

// Tolerances, and why:
// - entr per term, 4 ulps of the larger magnitude: the kernel's log is within 1 ulp (the fixture
//   test below) and entrScalar's Math.log within about 1; the products add half an ulp each
//   (the largest difference seen is 2 ulps).
// The sums and the rel_entr map (lib/wasm/entropy-fast.ts) are checked in
// spec/wasm/entropy-fast.spec.ts.

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

describe('the TypeScript fallback (SCIPY_ENTROPY_NO_WASM=1)', () => {
  it('is used when switched off, and gives the same results', () => {
    const k = withoutWasm(() => require('../../lib/wasm/kernels') as typeof import('../../lib/wasm/kernels'));
    expect(k.wasm.available).toBe(false);
    const out = new Float64Array(3);
    k.entrMapWasm(Float64Array.of(0.5, 0, -1), 0, out, 0, 3);
    expect(Array.from(out)).toEqual([entrScalar(0.5), 0, -Infinity]);
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
