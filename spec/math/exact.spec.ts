/**
 * The error-free transformations of lib/math/exact.ts, checked in exact integer arithmetic: a
 * double is m 2^e with integers m, e, so products and sums of doubles are exact as BigInts.
 */
import { productError, splitHigh } from '../../lib/math/exact';
import { RandomState } from '../helpers/random-state';

/** x as the BigInt x * 2^shift (exact for doubles whose last bit is at least 2^-shift). */
function big(x: number, shift: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp !== 0) mant |= 1n << 52n;
  const e = (exp === 0 ? 1 : exp) - 1075 + shift;
  const v = e >= 0 ? mant << BigInt(e) : mant >> BigInt(-e);
  return bits >> 63n === 1n ? -v : v;
}

/** Doubles of both signs with exponents in [-lo, hi]. */
function doubles(rs: RandomState, n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, () => (rs.randomSample() < 0.5 ? -1 : 1) * (1 + rs.randomSample()) * 2 ** Math.floor(-lo + (lo + hi) * rs.randomSample()));
}

describe('productError', () => {
  it('is exactly a*b - fl(a*b) for factors whose partial products do not underflow', () => {
    const rs = new RandomState(1);
    const xs = doubles(rs, 4000, 400, 400);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const [a, b] = [xs[i], xs[i + 1]];
      const p = a * b;
      // Scale 2^1000 per factor: every double above 2^-900 is an integer multiple of 2^-1000.
      expect(big(a, 1000) * big(b, 1000)).toBe(big(p, 1000) * 2n ** 1000n + big(productError(a, b, p), 1000) * 2n ** 1000n);
    }
  });
});

describe('splitHigh', () => {
  it('splits x into a high half of at most 26 significant bits and an exact low half', () => {
    const rs = new RandomState(2);
    for (const x of doubles(rs, 2000, 900, 900)) {
      const h = splitHigh(x);
      const l = x - h;
      expect(big(h, 1100) + big(l, 1100)).toBe(big(x, 1100));
      const m = big(h, 1100);
      const bits = (m < 0n ? -m : m).toString(2).replace(/0+$/, '').length;
      expect(bits).toBeLessThanOrEqual(26);
    }
  });
});
