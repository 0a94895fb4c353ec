/**
 * A double-double natural logarithm: the reference of the 1-ulp check of the kernels' table log.
 * About 100 correct bits (checked against mpmath in entropy-fast.spec.ts), so the error of a
 * double result y is |(y - hi) - lo| to far better than a thousandth of an ulp.
 *
 * x = 2^k m, m in [sqrt(1/2), sqrt(2)]; c = 1 + j/256 nearest m; r = (m - c)/c as a
 * double-double (m - c is exact); log x = k ln2 + log c + log1p(r), with log1p(r) from its series
 * to r^15 (|r| <= 1/360, so the first term left out is below 2^-127 r), all in double-double.
 * ln 2, log c and 1/n come from fixtures/wasm/log-reference.json (mpmath).
 */
import * as fs from 'fs';
import * as path from 'path';

interface Reference {
  ln2: [number, number];
  j0: number;
  logc: [number, number][];
  inv: [number, number][];
}

const ref = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'wasm', 'log-reference.json'), 'utf8'),
) as Reference;

const SPLITTER = 134217729; // 2^27 + 1

/** Error-free product: returns a*b, writes the error to ERR[0] (Dekker). */
const ERR = new Float64Array(1);
function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  ERR[0] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

/** Error-free sum (Knuth): returns a+b, writes the error to ERR[0]. */
function twoSum(a: number, b: number): number {
  const s = a + b;
  const bb = s - a;
  ERR[0] = (a - (s - bb)) + (b - bb);
  return s;
}

/** A double-double value hi + lo, |lo| <= ulp(hi)/2. */
type DD = [number, number];

function add(a: DD, b: DD): DD {
  const s = twoSum(a[0], b[0]);
  let e = ERR[0];
  const t = twoSum(a[1], b[1]);
  e += ERR[0];
  let u = twoSum(s, t);
  e += ERR[0];
  const hi = u + e;
  u = e - (hi - u);
  return [hi, u];
}

function mul(a: DD, b: DD): DD {
  const p = twoProd(a[0], b[0]);
  const e = ERR[0] + (a[0] * b[1] + a[1] * b[0]);
  const hi = p + e;
  return [hi, e - (hi - p)];
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** log x as a double-double, for positive finite x (normal or subnormal). */
export function ddLog(x: number): DD {
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 2 ** 54;
    k = -54;
  }
  bits[0] = x;
  k += ((words[1] >>> 20) & 0x7ff) - 1023;
  words[1] = (words[1] & 0x800fffff) | 0x3ff00000; // m in [1, 2)
  let m = bits[0];
  if (m > Math.SQRT2) {
    m *= 0.5;
    k++;
  }
  const j = Math.round((m - 1) * 256);
  const c = 1 + j / 256;
  const d = m - c; // exact
  const q1 = d / c;
  const p = twoProd(q1, c);
  const q2 = ((d - p) - ERR[0]) / c;
  const r: DD = [q1 + q2, q2 - ((q1 + q2) - q1)];
  // log1p(r) = r (1 - r (1/2 - r (1/3 - ... r/15)))
  let s: DD = ref.inv[14];
  for (let n = 14; n >= 1; n--) {
    const t = mul(r, s);
    s = add(ref.inv[n - 1], [-t[0], -t[1]]);
  }
  let out = mul(r, s);
  out = add(out, ref.logc[j - ref.j0]);
  if (k !== 0) {
    const kh = twoProd(k, ref.ln2[0]);
    out = add(out, add([kh, ERR[0]], [k * ref.ln2[1], 0]));
  }
  return out;
}
