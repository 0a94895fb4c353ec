/**
 * A table-driven, division-free natural logarithm (and log1p), faster than `Math.log` and
 * accurate to within about 0.6 ulp (checked against 50-digit values in spec/math/log.spec.ts).
 *
 * x = 2^e * m with m in [1, 2); the top 7 bits of m pick c = 1 + (2i + 1)/256, so that
 * r = (m - c) / c lies in [-2^-8, 2^-8] (m - c is exact; one rounding in the product with the
 * tabulated 1/c). Then log x = e*ln2 + log c + log1p(r), where e*ln2_hi + (log c)_hi is exact
 * (both are multiples of 2^-32 below 2^10), the low parts carry the rest, and log1p(r) is a
 * degree-7 Taylor polynomial (truncation below 2^-67 relative). Arguments within 2^-5 of 1
 * (where log x is small and the table form would cancel), zero, negatives, subnormals,
 * infinities and NaN go to `Math.log`.
 */
import { LOGC_HI, LOGC_LO } from './log-table.js';

const f64 = new Float64Array(1);
const hiWord = new Int32Array(f64.buffer, new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 4 : 0, 1);

const LN2_HI = 6.93147180369123816490e-1; // multiple of 2^-32
const LN2_LO = 1.90821492927058770002e-10;

const C = new Float64Array(128);
const INVC = new Float64Array(128);
/** 2^-(e) for each biased exponent be = e + 1023, be in [1, 2046]. */
const POW2 = new Float64Array(2048);

for (let i = 0; i < 128; i++) {
  const c = 1 + (2 * i + 1) / 256;
  C[i] = c;
  INVC[i] = 1 / c;
}
for (let be = 1; be < 2047; be++) POW2[be] = 2 ** (1023 - be);

/** Natural logarithm, within about 0.6 ulp; special and near-1 arguments use `Math.log`. */
export function log(x: number): number {
  f64[0] = x;
  const hi = hiWord[0];
  if (hi < 0x00100000 || hi >= 0x7ff00000 || (x > 0.96875 && x < 1.03125)) return Math.log(x);
  const be = hi >>> 20;
  const i = (hi >>> 13) & 127;
  const m = x * POW2[be];
  const r = (m - C[i]) * INVC[i];
  const e = be - 1023;
  const r2 = r * r;
  const p = r2 * (-0.5 + r * (1 / 3 + r * (-0.25 + r * (0.2 + r * (-1 / 6 + r * (1 / 7))))));
  return e * LN2_HI + LOGC_HI[i] + (r + (e * LN2_LO + LOGC_LO[i] + p));
}

/**
 * log(1 + d), within about 0.6 ulp: the rounding of u = 1 + d is carried into r exactly, so the
 * result is the logarithm of the exact 1 + d. |d| < 2^-5 and special arguments use `Math.log1p`.
 */
export function log1p(d: number): number {
  const u = 1 + d;
  f64[0] = u;
  const hi = hiWord[0];
  if (hi < 0x00100000 || hi >= 0x7ff00000 || (d > -0.03125 && d < 0.03125)) return Math.log1p(d);
  const be = hi >>> 20;
  const i = (hi >>> 13) & 127;
  const scale = POW2[be];
  // (u - 1) - d is the rounding error of u (exact when |d| < 2^53); remove it from m - c.
  const r = ((u * scale - C[i]) - ((u - 1) - d) * scale) * INVC[i];
  const e = be - 1023;
  const r2 = r * r;
  const p = r2 * (-0.5 + r * (1 / 3 + r * (-0.25 + r * (0.2 + r * (-1 / 6 + r * (1 / 7))))));
  return e * LN2_HI + LOGC_HI[i] + (r + (e * LN2_LO + LOGC_LO[i] + p));
}
