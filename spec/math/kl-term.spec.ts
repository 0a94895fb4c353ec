/**
 * The KL term of lib/math/kl-term.ts against 60-digit values (fixtures/math/kl-term.json,
 * written by fixtures/export_math.py): g(r) = r - log1p(r) to within 4 ulps on every branch, and
 * klRatioTerm, which forms r from exact products, to within 8 ulps of g at the exact ratio,
 * however close the ratio is to 1.
 */
import * as fs from 'fs';
import * as path from 'path';
import { splitHigh } from '../../lib/math/exact';
import { klRatioTerm, rMinusLog1p } from '../../lib/math/kl-term';

const data = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'fixtures', 'math', 'kl-term.json'), 'utf8')) as {
  g: [number, number][];
  ratio: [number, number, number, number, number][];
};

/** |a - e| in units of e's last place. */
function ulps(a: number, e: number): number {
  return Math.abs(a - e) / Math.max(Number.MIN_VALUE, 2 ** (Math.floor(Math.log2(Math.abs(e))) - 52));
}

describe('rMinusLog1p', () => {
  it('is within 4 ulps of r - log1p(r) on every branch (series, atanh series, direct)', () => {
    const worst = Math.max(...data.g.map(([r, e]) => ulps(rMinusLog1p(r), e)));
    expect(data.g.length).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(4);
  });

  it('is never negative', () => {
    for (const [r] of data.g) expect(rMinusLog1p(r)).toBeGreaterThanOrEqual(0);
  });
});

describe('klRatioTerm', () => {
  it('is within 8 ulps of g at the exact ratio (q sp) / (p sq), for ratios from 1 +- 2^-52 to far ones', () => {
    let worst = 0;
    for (const [p, q, sp, sq, e] of data.ratio) {
      const sph = splitHigh(sp);
      const sqh = splitHigh(sq);
      const got = klRatioTerm(p, q, sp, sq, sph, sp - sph, sqh, sq - sqh, 0, 0);
      worst = Math.max(worst, ulps(got, e));
    }
    expect(data.ratio.length).toBeGreaterThan(1000);
    expect(worst).toBeLessThanOrEqual(8);
  });

  it('is exactly 0 for equal distributions', () => {
    const s = 3.7;
    const h = splitHigh(s);
    expect(klRatioTerm(0.3, 0.3, s, s, h, s - h, h, s - h, 0, 0)).toBe(0);
  });
});
