import * as fs from 'fs';
import * as path from 'path';
import { entrColumnsFast, entrRowsFast, entrSumFast, relEntrMapFast, relEntrSumFast, FAST_CHUNK, FAST_MAX_COLUMNS, fastKernels, logMapFast } from '../../lib/wasm/entropy-fast';
import { KERNELS_FMA_WASM_BASE64 } from '../../lib/wasm/kernels-bytes';
import { entrScalar, relEntrScalar } from '../../lib/math/convex-analysis';
import { ddLog } from './dd-log';
import { withoutWasm } from '../helpers/without-wasm';
import { DBL_MIN, rng, SPECIAL, spread, ulpDiff, ulpOf } from '../helpers/ulps';

// The table log of lib/wasm/kernels.wat (log_fast_map) against correctly rounded values, and
// the one-pass entropy kernel (entr_sum_fast). Runs on the plain SIMD build, and on the FMA
// build under `node --experimental-wasm-relaxed-simd` (npm test runs this file both ways).
//
// The reference is ddLog (spec/wasm/dd-log.ts), a double-double logarithm good to ~100 bits,
// itself checked here against mpmath's values in fixtures/wasm/log.json. A result y of the
// kernel is off by |(y - hi) - lo| / ulp(hi) ulps for the exact log x = hi + lo; the bound
// asserted is the (1 ulp); the largest error measured is printed in the failure
// message if it is exceeded (0.5001 ulp when written, on both builds).

const available = fastKernels.available;
const onlyWithWasm = available ? it : it.skip;

/** A seeded xorshift128 generator of 32-bit words. */
function words(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed, b = 0x243f6a88, c = 0xb7e15162 ^ (seed * 7919), d = 0x12345678;
  return () => {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ t ^ (t >>> 8)) >>> 0;
    return d;
  };
}

/** n doubles from `draw` (given a uniform u in (0, 1) and the word source). */
function sample(n: number, seed: number, draw: (u: number, w: () => number) => number): Float64Array {
  const w = words(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw(((w() >>> 5) * 2 ** 26 + (w() >>> 6) + 0.5) * 2 ** -53, w);
  return out;
}

const bitsBuf = new Float64Array(1);
const bitsWords = new Uint32Array(bitsBuf.buffer);
const M = 1_000_000;
const RANGES: [string, (u: number, w: () => number) => number][] = [
  ['every positive finite bit pattern, subnormals included (uniform in the bits)', (_u, w) => {
    do {
      bitsWords[0] = w();
      bitsWords[1] = w() & 0x7fffffff;
    } while (!(bitsBuf[0] > 0 && bitsBuf[0] < Infinity));
    return bitsBuf[0];
  }],
  ['(0, 1), uniform', (u) => u],
  ['[0.875, 1.125], uniform', (u) => 0.875 + 0.25 * u],
  ['[0.5, 2), uniform', (u) => 0.5 + 1.5 * u],
  ['probability-like: u 2^-k, k uniform in 0..30 (entries of rows up to 10^9 long)', (u, w) => u * 2 ** -(w() % 31)],
];

/** The largest error of logMapFast over xs, in ulps, with the input where it occurs. */
function worstError(xs: Float64Array): { ulps: number; x: number } {
  const y = new Float64Array(xs.length);
  expect(logMapFast(xs, y)).toBe(true);
  let ulps = 0, at = NaN;
  for (let i = 0; i < xs.length; i++) {
    const [hi, lo] = ddLog(xs[i]);
    const e = Math.abs((y[i] - hi) - lo) / ulpOf(hi);
    if (!(e <= ulps)) {
      ulps = e;
      at = xs[i];
    }
  }
  return { ulps, x: at };
}

interface LogFixture { points: (number | string)[][] }

describe('ddLog, the reference', () => {
  it('agrees with mpmath (fixtures/wasm/log.json) to 2^-95 relative at every point', () => {
    const fx = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'wasm', 'log.json'), 'utf8'),
    ) as LogFixture;
    let worst = 0;
    for (const [x, hi, lo] of fx.points as number[][]) {
      const [h, l] = ddLog(x);
      worst = Math.max(worst, Math.abs((h - hi) + (l - lo)) / Math.max(Math.abs(hi), 2 ** -1022));
    }
    expect(fx.points.length).toBeGreaterThan(20000);
    expect(worst).toBeLessThanOrEqual(2 ** -95);
  });
});

describe('logMapFast (the table log of the kernels)', () => {
  it('is in use with WebAssembly SIMD, as the FMA build exactly when relaxed SIMD validates', () => {
    expect(available).toBe(process.env.SCIPY_ENTROPY_NO_WASM !== '1');
    if (!available) return;
    const fma = WebAssembly.validate(Buffer.from(KERNELS_FMA_WASM_BASE64, 'base64'));
    expect(fastKernels.fma).toBe(fma);
  });

  for (const [name, draw] of RANGES) {
    onlyWithWasm(`is within 1 ulp of log x on 10^6 inputs: ${name}`, () => {
      const { ulps, x } = worstError(sample(M, name.length * 7919, draw));
      if (!(ulps <= 1)) throw new Error(`error ${ulps} ulp at x = ${x}`);
    });
  }

  onlyWithWasm('is within 1 ulp at the extremes, at powers of two and their neighbours, and near 1', () => {
    const xs: number[] = [5e-324, 1e-323, DBL_MIN, DBL_MIN * (1 - 2 ** -52), 1.7976931348623157e308, 1, 2, 0.5, Math.E];
    for (let k = -1074; k < 1024; k++) {
      const x = 2 ** k;
      xs.push(x, x * (1 + 2 ** -52), x * (1 - 2 ** -53));
    }
    for (let k = 1; k <= 52; k++) xs.push(1 + 2 ** -k, 1 - 2 ** -(k + 1), 1 + 3 * 2 ** -k, 1 - 3 * 2 ** -(k + 2));
    const { ulps, x } = worstError(Float64Array.from(xs.filter((v) => v > 0 && v < Infinity)));
    if (!(ulps <= 1)) throw new Error(`error ${ulps} ulp at x = ${x}`);
  });

  onlyWithWasm('gives -inf at +-0, NaN below 0 and for NaN, inf at inf, 0 at 1', () => {
    const x = Float64Array.of(0, -0, -1, -5e-324, -Infinity, NaN, Infinity, 1);
    const y = new Float64Array(x.length);
    logMapFast(x, y);
    expect(Array.from(y)).toEqual([-Infinity, -Infinity, NaN, NaN, NaN, NaN, Infinity, 0]);
  });
});

/**
 * Neumaier-compensated sum of term(i), i < n, and the sum of |terms| (a plain sum when a term is
 * infinite or NaN).
 */
function compensated(n: number, term: (i: number) => number): { sum: number; abs: number } {
  let s = 0, c = 0, abs = 0, plain = 0;
  for (let i = 0; i < n; i++) {
    const t = term(i);
    plain += t;
    abs += Math.abs(t);
    const u = s + t;
    c += Math.abs(s) >= Math.abs(t) ? (s - u) + t : (t - u) + s;
    s = u;
  }
  return { sum: Number.isFinite(plain) ? s + c : plain, abs };
}

/** The compensated sum of entrScalar(a[ao + i] * scale), i < n. */
function reference(a: ArrayLike<number>, ao: number, n: number, scale: number): { sum: number; abs: number } {
  return compensated(n, (i) => entrScalar(a[ao + i] * scale));
}

describe('entrSumFast (the one-pass entropy kernel)', () => {
  const x = sample(5 * FAST_CHUNK + 3, 11, (u, w) => u * 2 ** -(w() % 20));

  onlyWithWasm('agrees with the compensated sum of entrScalar to 1e-14 of the sum of |terms|, at every length to 1100', () => {
    for (let n = 0; n <= 1100; n++) {
      const { sum, abs } = reference(x, 5, n, 0.25);
      const got = entrSumFast(x, 5, n, 0.25);
      if (!(Math.abs(got - sum) <= 1e-14 * abs)) throw new Error(`n = ${n}: got ${got}, want ${sum}`);
    }
  });

  onlyWithWasm('agrees over several chunks, with an offset and a scale', () => {
    const n = 5 * FAST_CHUNK;
    const { sum, abs } = reference(x, 3, n, 1 / 777.7);
    expect(Math.abs(entrSumFast(x, 3, n, 1 / 777.7) - sum)).toBeLessThanOrEqual(1e-14 * abs);
  });

  onlyWithWasm('sums n equal values 1/n to within 1 ulp of the exact -n x log x', () => {
    for (const n of [2, 3, 10, 100, 1000, 10000, 100000, 1000000]) {
      const ones = new Float64Array(n).fill(1);
      const xn = 1 / n;
      // exact: -n x log(x) with x = fl(1/n), in double-double
      const [lh, ll] = ddLog(xn);
      const want = -(n * xn) * lh - (n * xn) * ll;
      const got = entrSumFast(ones, 0, n, xn);
      if (!(Math.abs(got - want) <= ulpOf(want))) throw new Error(`n = ${n}: got ${got}, want ${want}`);
    }
  });

  onlyWithWasm('lets zeros through the fast path and gets subnormals, -0, negatives, infinities and NaN right', () => {
    const base = sample(1500, 12, (u) => u);
    const cases: [number, number][] = [[700, 0], [3, -0], [1200, 1e-310], [900, 5e-324], [1499, -1e-3], [0, Infinity], [10, -Infinity], [600, NaN]];
    for (const [i, v] of cases) {
      const a = base.slice();
      a[i] = v;
      a[i + 1 < a.length ? i + 1 : i - 1] = 0; // and a zero in the same block
      const { sum, abs } = reference(a, 0, a.length, 1);
      const got = entrSumFast(a, 0, a.length, 1);
      if (Number.isFinite(sum)) expect(Math.abs(got - sum)).toBeLessThanOrEqual(1e-14 * abs);
      else expect(got).toBe(sum);
    }
    expect(Object.is(entrSumFast(Float64Array.of(1), 0, 1, 1), 0)).toBe(true);
    expect(Object.is(entrSumFast(Float64Array.of(0, -0, 1), 0, 3, 1), 0)).toBe(true);
  });
  onlyWithWasm('propagates NaN, and gives -inf for a negative or infinite element, over several chunks', () => {
    const a = sample(10000, 14, (u) => u);
    a[7777] = NaN;
    expect(entrSumFast(a, 0, a.length, 1)).toBeNaN();
    a[7777] = -1e-3;
    expect(entrSumFast(a, 0, a.length, 1)).toBe(-Infinity);
    a[7777] = Infinity;
    expect(entrSumFast(a, 0, a.length, 1)).toBe(-Infinity);
    a[7777] = 0;
    const { sum, abs } = reference(a, 0, a.length, 1);
    expect(Math.abs(entrSumFast(a, 0, a.length, 1) - sum)).toBeLessThanOrEqual(1e-14 * abs);
  });
});

describe('entrRowsFast (many short rows per call)', () => {
  const data = sample(100000, 17, (u, w) => u * 2 ** -(w() % 12));

  onlyWithWasm('gives entrSumFast of each row, for odd and even lengths, adjacent and strided rows', () => {
    for (const [len, rows, stride] of [[1, 3000, 1], [2, 100, 2], [3, 1500, 3], [7, 10, 9], [64, 1000, 64], [63, 50, 70], [2048, 5, 2048], [513, 9, 600]] as const) {
      const scales = Float64Array.from({ length: rows }, (_, i) => 1 / (1 + i));
      const out = new Float64Array(rows).fill(42);
      const copy = data.slice();
      expect(entrRowsFast(data, 11, stride, len, rows, scales, out)).toBe(true);
      expect(data).toEqual(copy);
      for (let i = 0; i < rows; i++) {
        const want = entrSumFast(data, 11 + i * stride, len, scales[i]);
        if (!Object.is(out[i], want)) throw new Error(`len ${len}, row ${i}: got ${out[i]}, want ${want}`);
      }
    }
  });

  onlyWithWasm('declines rows longer than half a chunk', () => {
    expect(entrRowsFast(data, 0, 3000, FAST_CHUNK / 2 + 1, 2, [1, 1], new Float64Array(2))).toBe(false);
  });
});

describe('entrColumnsFast (the column kernel, read in memory order)', () => {
  /** Column j of the n x k view: its compensated reference sum. */
  function column(data: Float64Array, start: number, rowStride: number, colStep: number, n: number, j: number, scale: number) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = data[start + i * rowStride + j * colStep];
    return reference(col, 0, n, scale);
  }

  function check(data: Float64Array, start: number, rowStride: number, colStep: number, n: number, k: number, tol: number): void {
    const scales = Float64Array.from({ length: k }, (_, j) => 1 / (1 + j));
    const out = new Float64Array(k).fill(42);
    expect(entrColumnsFast(data, start, rowStride, colStep, n, k, scales, out)).toBe(true);
    for (let j = 0; j < k; j++) {
      const { sum, abs } = column(data, start, rowStride, colStep, n, j, scales[j]);
      const ok = Number.isFinite(sum) ? Math.abs(out[j] - sum) <= tol * abs : Object.is(out[j], sum);
      if (!ok) throw new Error(`n = ${n}, k = ${k}, column ${j}: got ${out[j]}, want ${sum}`);
    }
  }

  const data = sample(300000, 13, (u, w) => u * 2 ** -(w() % 12));

  onlyWithWasm('agrees with compensated column sums for odd and even widths, short and tall blocks', () => {
    for (const [n, k] of [[1, 1], [3, 2], [7, 3], [100, 63], [100, 64], [65, 65], [5000, 8], [2, 4096], [70, 4096], [40000, 2]] as const) {
      check(data, 0, k, 1, n, k, 1e-15);
    }
  });

  onlyWithWasm('reads strided and offset views (a transposed matrix, every other column)', () => {
    check(data, 5, 1, 700, 300, 400, 1e-15); // columns of a transposed 400 x 700 view
    check(data, 3, 900, 2, 200, 300, 1e-15); // every other column of a 200 x 900 matrix
  });

  onlyWithWasm('reads an 11-column block of a 50-wide matrix at an offset, with a zero and a negative', () => {
    const m = data.slice(0, 37 * 50 + 3);
    m[3 + 50 * 3 + 2] = 0;
    m[3 + 50 * 5 + 4] = -1;
    check(m, 3, 50, 1, 37, 11, 1e-15);
  });

  onlyWithWasm('gives 0 for no rows and gets zeros, subnormals, negatives, infinities and NaN right per column', () => {
    const out = new Float64Array(3).fill(42);
    expect(entrColumnsFast(data, 0, 3, 1, 0, 3, Float64Array.of(1, 1, 1), out)).toBe(true);
    expect(Array.from(out)).toEqual([0, 0, 0]);
    const m = data.slice(0, 600 * 6);
    const specials = [0, -0, 1e-310, -1e-3, Infinity, NaN];
    specials.forEach((v, j) => {
      m[17 * 6 + j] = v;
      m[18 * 6 + j] = 0;
    });
    check(m, 0, 6, 1, 600, 6, 1e-15);
  });

  onlyWithWasm('sums uniform columns to within 1 ulp of the exact value', () => {
    const n = 100000;
    const ones = new Float64Array(2 * n).fill(1);
    const out = new Float64Array(2);
    entrColumnsFast(ones, 0, 2, 1, n, 2, Float64Array.of(1 / n, 1 / n), out);
    const [lh, ll] = ddLog(1 / n);
    const want = -(n * (1 / n)) * lh - (n * (1 / n)) * ll;
    expect(Math.abs(out[0] - want)).toBeLessThanOrEqual(ulpOf(want));
    expect(out[1]).toBe(out[0]);
  });

  it('declines blocks wider than FAST_MAX_COLUMNS', () => {
    expect(entrColumnsFast(data, 0, 0, 1, 1, FAST_MAX_COLUMNS + 1, new Float64Array(FAST_MAX_COLUMNS + 1), new Float64Array(FAST_MAX_COLUMNS + 1))).toBe(false);
  });
});

describe('relEntrSumFast (rel_entr sums in two passes)', () => {
  const a = sample(3 * FAST_CHUNK + 9, 21, (u, w) => u * 2 ** -(w() % 30));
  const b = sample(3 * FAST_CHUNK + 9, 22, (u, w) => u * 2 ** -(w() % 30));

  /** The compensated sum of relEntrScalar terms, and of their absolute values. */
  function relReference(n: number, ao: number, bo: number, sa: number, sb: number): { sum: number; abs: number } {
    return compensated(n, (i) => relEntrScalar(a[ao + i] * sa, b[bo + i] * sb));
  }

  onlyWithWasm('agrees with compensated sums of relEntrScalar to 1e-13 of the sum of |terms|, lengths 0 to 1100 and several chunks', () => {
    const report = { aux: 0 };
    for (let n = 0; n <= 1100; n += n < 40 ? 1 : 37) {
      const { sum, abs } = relReference(n, 3, 5, 0.5, 2);
      const got = relEntrSumFast(a, 3, b, 5, n, 0.5, 2, report);
      if (!(Math.abs(got - sum) <= 1e-13 * abs)) throw new Error(`n = ${n}: got ${got}, want ${sum}`);
      if (!(Math.abs(report.aux - abs) <= 1e-13 * abs)) throw new Error(`n = ${n}: |terms| ${report.aux}, want ${abs}`);
    }
    const n = 3 * FAST_CHUNK;
    const { sum, abs } = relReference(n, 0, 9, 1, 1);
    expect(Math.abs(relEntrSumFast(a, 0, b, 9, n, 1, 1, report) - sum)).toBeLessThanOrEqual(1e-13 * abs);
  });

  onlyWithWasm('agrees with the compensated sum with zeros in a, offsets, scales, and n of 0, 1 and 9', () => {
    const x = a.slice();
    for (let i = 0; i < x.length; i += 17) x[i] = 0;
    const report = { aux: 0 };
    for (const [ao, bo, n] of [[0, 0, x.length - 9], [1, 0, x.length - 10], [0, 0, 1], [3, 2, 9], [0, 0, 0]]) {
      const { sum, abs } = compensated(n, (i) => relEntrScalar(x[ao + i] * 1.5, b[bo + i] * 0.75));
      expect(Math.abs(relEntrSumFast(x, ao, b, bo, n, 1.5, 0.75, report) - sum)).toBeLessThanOrEqual(1e-13 * abs);
    }
  });

  onlyWithWasm('agrees with the compensated sum of relEntrScalar with special values in a block (the slow path)', () => {
    const x = a.slice(0, 2000);
    const y = b.slice(0, 2000);
    const specials: [number, number][] = [
      [0, 0], [0, 1], [1, 0], [-1, 1], [1, -1], [NaN, 1], [1, NaN], [1, Infinity], [Infinity, 1], [1e-310, 1], [1, 1e-310],
      [0, Infinity], [1e-300, 1e300], [1e300, 1e-300],
    ];
    for (const [i, [u, v]] of specials.entries()) {
      const xs = x.slice();
      const ys = y.slice();
      xs[100 * i + 7] = u;
      ys[100 * i + 7] = v;
      const r1 = { aux: 0 };
      const got = relEntrSumFast(xs, 0, ys, 0, 2000, 1, 1, r1);
      const { sum: want, abs } = compensated(2000, (j) => relEntrScalar(xs[j], ys[j]));
      if (Number.isFinite(want)) {
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * abs);
        expect(Math.abs(r1.aux - abs)).toBeLessThanOrEqual(1e-13 * abs);
      } else expect(got).toBe(want);
    }
  });
});

describe('relEntrMapFast (the elementwise rel_entr map, two passes per block)', () => {
  // Per term within 5 ulps of relEntrScalar (SciPy's definition with Math.log / Math.log1p):
  // the kernel computes log(x/y) as k ln2 + 2 atanh(s) with s = (mx - my)/(mx + my) and is
  // within 2.5 ulps of the exact value (the mpmath fixture test below); relEntrScalar within
  // 2.1 on the same pairs. Zeros, infinities and NaN come out as relEntrScalar's.
  function check(a: Float64Array, b: Float64Array, bstride: 0 | 1): number {
    const got = new Float64Array(a.length);
    expect(relEntrMapFast(a, 0, b, 0, bstride, got, 0, a.length)).toBe(true);
    let worst = 0;
    for (let i = 0; i < a.length; i++) {
      const want = relEntrScalar(a[i], b[bstride * i]);
      const d = ulpDiff(got[i], want);
      if (!(d <= 5)) throw new Error(`rel_entr(${a[i]}, ${b[bstride * i]}): got ${got[i]}, want ${want}`);
      worst = Math.max(worst, d);
    }
    return worst;
  }

  onlyWithWasm('agrees with relEntrScalar to 5 ulps on 200k random pairs across magnitudes', () => {
    expect(check(spread(200000, -1074, 1023, 3), spread(200000, -1074, 1023, 4), 1)).toBeLessThanOrEqual(5);
  });

  onlyWithWasm('agrees on pairs with x close to y (the log1p branch, both sides of each cut)', () => {
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

  onlyWithWasm('gives relEntrScalar on every pair of special values, and ratios that over- or underflow', () => {
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

  onlyWithWasm('broadcasts b[bo] with bstride 0', () => {
    const a = spread(5001, -20, 3, 7);
    for (const y of [0.3, 1e-300, 0, -1, NaN, Infinity]) expect(check(a, Float64Array.of(y), 0)).toBeLessThanOrEqual(5);
  });

  onlyWithWasm('handles offsets, odd lengths, chunk boundaries, n = 0 and dst = a, and writes nothing outside dst', () => {
    const a = spread(2 * FAST_CHUNK + 7, -30, 5, 8);
    const b = spread(2 * FAST_CHUNK + 7, -30, 5, 9);
    for (const bstride of [1, 0] as const) {
      for (const n of [a.length - 5, FAST_CHUNK, FAST_CHUNK + 1, 17, 1]) {
        const got = new Float64Array(n + 2).fill(42);
        expect(relEntrMapFast(a, 3, b, 5, bstride, got, 1, n)).toBe(true);
        expect([got[0], got[n + 1]]).toEqual([42, 42]);
        for (let i = 0; i < n; i++) {
          const want = relEntrScalar(a[3 + i], b[5 + bstride * i]);
          if (!(ulpDiff(got[1 + i], want) <= 5)) throw new Error(`n = ${n}, i = ${i}: got ${got[1 + i]}, want ${want}`);
        }
      }
    }
    const got = Float64Array.of(42);
    expect(relEntrMapFast(a, 0, b, 0, 1, got, 0, 0)).toBe(true);
    expect(got[0]).toBe(42);
    const x = a.slice(0, 1001);
    relEntrMapFast(x, 0, b, 0, 1, x, 0, x.length);
    x.forEach((v, i) => expect(ulpDiff(v, relEntrScalar(a[i], b[i]))).toBeLessThanOrEqual(5));
  });

  type Enc = number | string;
  const dec = (v: Enc): number => (typeof v === 'number' ? v : v === '-0' ? -0 : Number(v));
  onlyWithWasm('is within 2.5 ulps of mpmath on x ~ y, ratios across (0.5, 2), the cuts, far and extreme ratios', () => {
    const file = path.resolve(__dirname, '..', '..', 'fixtures', 'wasm', 'rel_entr.json');
    const fx = JSON.parse(fs.readFileSync(file, 'utf8')) as { pairs: Enc[][] };
    const x = Float64Array.from(fx.pairs, (p) => dec(p[0]));
    const y = Float64Array.from(fx.pairs, (p) => dec(p[1]));
    const got = new Float64Array(x.length);
    expect(relEntrMapFast(x, 0, y, 0, 1, got, 0, x.length)).toBe(true);
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      const hi = dec(fx.pairs[i][2]);
      const lo = dec(fx.pairs[i][3]);
      if (hi === 0) continue;
      worst = Math.max(worst, Math.abs((got[i] - hi) - lo) / ulpOf(hi));
    }
    expect(x.length).toBeGreaterThan(5000);
    if (!(worst <= 2.5)) throw new Error(`worst ${worst} ulps`);
  });
});

describe('the TypeScript loops of lib/wasm/entropy-fast.ts (SCIPY_ENTROPY_NO_WASM=1)', () => {
  it('are used when switched off, and give the compensated sums', () => {
    const k = withoutWasm(() => require('../../lib/wasm/entropy-fast') as typeof import('../../lib/wasm/entropy-fast'));
    expect(k.fastKernels.available).toBe(false);
    const x = sample(5001, 23, (u, w) => u * 2 ** -(w() % 20));
    const y = sample(5001, 24, (u, w) => u * 2 ** -(w() % 20));
    const r1 = reference(x, 0, x.length, 2);
    expect(Math.abs(k.entrSumFast(x, 0, x.length, 2) - r1.sum)).toBeLessThanOrEqual(1e-13 * r1.abs);
    const r2 = compensated(x.length, (i) => relEntrScalar(x[i], y[i]));
    const report = { aux: 0 };
    expect(Math.abs(k.relEntrSumFast(x, 0, y, 0, x.length, 1, 1, report) - r2.sum)).toBeLessThanOrEqual(1e-13 * r2.abs);
    expect(Math.abs(report.aux - r2.abs)).toBeLessThanOrEqual(1e-13 * r2.abs);
    expect(k.entrRowsFast(x, 0, 64, 64, 2, [1, 1], new Float64Array(2))).toBe(false);
    expect(k.entrColumnsFast(x, 0, 64, 1, 2, 64, new Float64Array(64), new Float64Array(64))).toBe(false);
    expect(k.logMapFast(x, new Float64Array(x.length))).toBe(false);
    const out = new Float64Array(3).fill(42);
    expect(k.relEntrMapFast(Float64Array.of(1, 0, 1), 0, Float64Array.of(2), 0, 0, out, 0, 3)).toBe(false);
    expect(Array.from(out)).toEqual([42, 42, 42]);
  });

  it('leave rel_entr to its TypeScript loop, with relEntrScalar\'s values (b walked and broadcast)', () => {
    const { REL_ENTR } = withoutWasm(() => require('../../lib/special/rel-entr') as typeof import('../../lib/special/rel-entr'));
    const x = Float64Array.from({ length: 40 }, (_, i) => [0, 1, 0.5, -1, NaN, Infinity, 1e-310, 3][i % 8]);
    const y = Float64Array.from({ length: 40 }, (_, i) => [2, 0, 1, 0.25, Infinity][i % 5]);
    const out = new Float64Array(40);
    for (const sb of [1, 0]) {
      REL_ENTR.row(out, 0, x, 0, 1, y, 0, sb, 40);
      expect(Array.from(out)).toEqual(Array.from(x, (v, i) => relEntrScalar(v, y[sb * i])));
    }
  });
});
