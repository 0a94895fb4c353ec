/**
 * The TypeScript path's logarithm (lib/math/log.ts) against 60-digit values from mpmath
 * (fixtures/wasm/log.json: the exponent range, subnormals, near 1, and the special values);
 * `scripts/measure-log.py N` measures it on N random inputs the same way.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { log, log1p } from '../../lib/math/log';

type Enc = number | string;
const dec = (v: Enc): number => (typeof v === 'number' ? v : v === '-0' ? -0 : Number(v));
const fx = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'wasm', 'log.json'), 'utf8')) as {
  points: Enc[][];
  special: Enc[][];
};

/** The gap from |v| to the next larger double. */
function ulpOf(v: number): number {
  const a = Math.abs(v);
  if (a < 2 ** -1022) return 2 ** -1074;
  return 2 ** (Math.floor(Math.log2(a)) - 52) * (2 ** Math.floor(Math.log2(a)) > a ? 0.5 : 1);
}

/** Worst error in ulps of f(x_i) against hi_i + lo_i over the points that pass `keep`. */
function worstUlps(f: (x: number) => number, keep: (x: number) => boolean): { worst: number; count: number } {
  let worst = 0;
  let count = 0;
  for (const [xe, he, le] of fx.points) {
    const x = dec(xe);
    if (!keep(x)) continue;
    const hi = dec(he);
    const lo = dec(le);
    worst = Math.max(worst, Math.abs(f(x) - hi - lo) / ulpOf(hi));
    count++;
  }
  return { worst, count };
}

describe('log', () => {
  it('is within 0.6 ulp of the exact logarithm across the exponent range and at subnormals', () => {
    const { worst, count } = worstUlps(log, () => true);
    expect(count).toBeGreaterThan(20000);
    expect(worst).toBeLessThanOrEqual(0.6);
  });

  it('gives -inf at 0 and -0, NaN below 0 and at NaN, inf at inf', () => {
    for (const [x, v] of fx.special) expect(log(dec(x))).toBe(dec(v));
  });
});

describe('log1p', () => {
  it('is within 0.6 ulp of log(1 + d) where d = x - 1 is exact (1/2 <= x <= 2)', () => {
    const { worst, count } = worstUlps((x) => log1p(x - 1), (x) => x >= 0.5 && x <= 2);
    expect(count).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(0.6);
  });

  it('is exact at 0 and -0 and gives -inf at -1, NaN below', () => {
    expect(Object.is(log1p(0), 0)).toBe(true);
    expect(Object.is(log1p(-0), -0)).toBe(true);
    expect(log1p(-1)).toBe(-Infinity);
    expect(log1p(-2)).toBeNaN();
    expect(log1p(Infinity)).toBe(Infinity);
  });
});
