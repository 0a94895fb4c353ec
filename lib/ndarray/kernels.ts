/**
 * Block kernels for the reduction engine ({@link BlockKernel}): each sums its terms over a
 * contiguous float64 block with four accumulators, starting from +0.0. Hand-written loops, not
 * ndarray-ops: the engine has already made the block contiguous, and the terms need branches
 * that cwise kernels cannot express cheaply (see docs/design.md).
 */
import { entrScalar } from '../special/entr.js';
import { relEntrScalar } from '../special/rel-entr.js';
import { splitHigh } from '../math/exact.js';
import { klRatioTerm } from '../math/kl-term.js';
import { BLOCK, type BlockKernel } from './reduce.js';
import { SIDE } from './side.js';
import { entrColumnSumsWasm, entrSumWasm, relEntrAbsSum, relEntrSumWasm, wasm } from '../wasm/kernels.js';

/** Blocks shorter than this stay in TypeScript (copying into wasm memory would not pay). */
const WASM_MIN = 16;

/**
 * `long` kernels (see {@link BlockKernel}) split longer runs in halves, pairwise, down to leaves
 * of at most a block, as the engine would; the WebAssembly kernels sum in chunks combined
 * pairwise.
 */
const PAIRWISE_LEAF = BLOCK;

/** Where a pairwise split cuts n: half, rounded down to a multiple of 8. */
function half(n: number): number {
  return (n >> 1) & ~7;
}

/**
 * Sum of `a`, compensated: returns the rounded sum and writes its rounding error to `SIDE[0]`
 * (TwoSum on two interleaved accumulators), so normalising sums are good to about eps^2; reports
 * the sum of squares in `SIDE[1]` (how concentrated the distribution is).
 */
export const sumA: BlockKernel = (a, ao, _b, _bo, n) => {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0, q0 = 0, q1 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = a[ao + i];
    const x1 = a[ao + i + 1];
    const x2 = a[ao + i + 2];
    const x3 = a[ao + i + 3];
    const t0 = s0 + x0;
    const t1 = s1 + x1;
    const t2 = s2 + x2;
    const t3 = s3 + x3;
    const b0 = t0 - s0;
    const b1 = t1 - s1;
    const b2 = t2 - s2;
    const b3 = t3 - s3;
    c0 += (s0 - (t0 - b0)) + (x0 - b0);
    c1 += (s1 - (t1 - b1)) + (x1 - b1);
    c2 += (s2 - (t2 - b2)) + (x2 - b2);
    c3 += (s3 - (t3 - b3)) + (x3 - b3);
    s0 = t0;
    s1 = t1;
    s2 = t2;
    s3 = t3;
    q0 += x0 * x0 + x1 * x1;
    q1 += x2 * x2 + x3 * x3;
  }
  for (; i < n; i++) {
    const x0 = a[ao + i];
    const t0 = s0 + x0;
    const b0 = t0 - s0;
    c0 += (s0 - (t0 - b0)) + (x0 - b0);
    s0 = t0;
    q0 += x0 * x0;
  }
  SIDE[1] = q0 + q1;
  // (s0 + s1) + (s2 + s3) with the rounding error of each addition (TwoSum).
  const u = s0 + s1;
  let bp = u - s0;
  let c = (c0 + c1) + (c2 + c3) + ((s0 - (u - bp)) + (s1 - bp));
  const v = s2 + s3;
  bp = v - s2;
  c += (s2 - (v - bp)) + (s3 - bp);
  const s = u + v;
  bp = s - u;
  c += (u - (s - bp)) + (v - bp);
  if (!(Math.abs(s) < Infinity)) return s; // overflow, inf or NaN: no low part
  // Renormalise: the result is the double nearest the sum, SIDE[0] the rest.
  const r = s + c;
  SIDE[0] = c - (r - s);
  return r;
};

/**
 * Sum of `a` without compensation (four accumulators, about memory speed); reports the sum of
 * squares in `SIDE[1]`, as {@link sumA} does.
 */
export const sumPlainA: BlockKernel = (a, ao, b, bo, n) => {
  if (n > PAIRWISE_LEAF) {
    const h = half(n);
    const left = sumPlainA(a, ao, b, bo, h, 0, 0, 0, 0);
    const squares = SIDE[1];
    const right = sumPlainA(a, ao + h, b, bo + h, n - h, 0, 0, 0, 0);
    SIDE[1] += squares;
    return left + right;
  }
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = a[ao + i];
    const x1 = a[ao + i + 1];
    const x2 = a[ao + i + 2];
    const x3 = a[ao + i + 3];
    s0 += x0;
    s1 += x1;
    s2 += x2;
    s3 += x3;
    q0 += x0 * x0 + x1 * x1;
    q1 += x2 * x2 + x3 * x3;
  }
  for (; i < n; i++) {
    const x0 = a[ao + i];
    s0 += x0;
    q0 += x0 * x0;
  }
  SIDE[1] = q0 + q1;
  return (s0 + s1) + (s2 + s3);
};

sumPlainA.rows = (a, start, stride, step, n, k, sums, aux) => {
  sums.fill(0, 0, k);
  aux.fill(0, 0, k);
  for (let i = 0, row = start; i < n; i++, row += stride) {
    for (let j = 0, q = row; j < k; j++, q += step) {
      const x = a[q];
      sums[j] += x;
      aux[j] += x * x;
    }
  }
};

/** Sum of `b`. */
export const sumB: BlockKernel = (_a, _ao, b, bo, n) => sumA(b, bo, b, bo, n, 0, 0, 0, 0);

/** Number of NaN values in `a`. */
export const countNaN: BlockKernel = (a, ao, _b, _bo, n) => {
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = a[ao + i];
    if (x !== x) c++;
  }
  return c;
};

/** Sum of `entr(a * c0 * c1)` (WebAssembly SIMD when available and c0 = 1). */
export const entrTerms: BlockKernel = (a, ao, b, bo, n, c0, c1) => {
  if (c0 === 1 && n >= WASM_MIN && wasm.available) return entrSumWasm(a, ao, n, c1);
  if (n > PAIRWISE_LEAF) {
    const h = half(n);
    return entrTerms(a, ao, b, bo, h, c0, c1, 0, 0) + entrTerms(a, ao + h, b, bo + h, n - h, c0, c1, 0, 0);
  }
  let s0 = 0, s1 = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    s0 += entrScalar(a[ao + i] * c0 * c1);
    s1 += entrScalar(a[ao + i + 1] * c0 * c1);
  }
  if (i < n) s0 += entrScalar(a[ao + i] * c0 * c1);
  return s0 + s1;
};

/**
 * Sum of `rel_entr(a * c0 * c1, b * c2 * c3)` (WebAssembly SIMD when available and c0 = c2 =
 * 1); reports the sum of the terms' absolute values in `SIDE[1]` (how much the sum cancels).
 */
export const relEntrTerms: BlockKernel = (a, ao, b, bo, n, c0, c1, c2, c3) => {
  if (c0 === 1 && c2 === 1 && n >= WASM_MIN && wasm.available) {
    const s = relEntrSumWasm(a, ao, b, bo, n, c1, c3);
    SIDE[1] = relEntrAbsSum();
    return s;
  }
  if (n > PAIRWISE_LEAF) {
    const h = half(n);
    const left = relEntrTerms(a, ao, b, bo, h, c0, c1, c2, c3);
    const abs = SIDE[1];
    const right = relEntrTerms(a, ao + h, b, bo + h, n - h, c0, c1, c2, c3);
    SIDE[1] += abs;
    return left + right;
  }
  let s0 = 0, s1 = 0, m = 0;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const t0 = relEntrScalar(a[ao + i] * c0 * c1, b[bo + i] * c2 * c3);
    const t1 = relEntrScalar(a[ao + i + 1] * c0 * c1, b[bo + i + 1] * c2 * c3);
    s0 += t0;
    s1 += t1;
    m += Math.abs(t0) + Math.abs(t1);
  }
  if (i < n) {
    const t0 = relEntrScalar(a[ao + i] * c0 * c1, b[bo + i] * c2 * c3);
    s0 += t0;
    m += Math.abs(t0);
  }
  SIDE[1] = m;
  return s0 + s1;
};

/** Largest value of `b` (NaN if any is NaN; -inf for an empty block). */
export const maxB: BlockKernel = (_a, _ao, b, bo, n) => maxA(b, bo, b, bo, n, 0, 0, 0, 0);

/** Largest value of `a` (NaN if any is NaN; -inf for an empty block). */
export const maxA: BlockKernel = (a, ao, _b, _bo, n) => {
  let m = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = a[ao + i];
    if (x > m || x !== x) m = x;
  }
  return m;
};

/** Sum of the values of `a` below `c0`. */
export const sumBelowA: BlockKernel = (a, ao, _b, _bo, n, c0) => {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const x = a[ao + i];
    if (x < c0) s += x;
  }
  return s;
};

/**
 * Sum of kl_div(a / c2, b / c3), c2 and c3 the slice sums (rounded) and c0, c1 their relative
 * low parts: terms that add up to the relative entropy of normalised a and b (see
 * lib/math/kl-term.ts). Other inputs follow rel_entr's rules, with kl_div's `y` for x = 0 so
 * that the identity sum kl_div = sum rel_entr holds.
 */
export const klTerms: BlockKernel = (a, ao, b, bo, n, c0, c1, c2, c3) => {
  const sph = splitHigh(c2);
  const spl = c2 - sph;
  const sqh = splitHigh(c3);
  const sql = c3 - sqh;
  let s0 = 0, s1 = 0;
  for (let i = 0; i < n; i++) {
    const p = a[ao + i];
    const q = b[bo + i];
    let t: number;
    if (p > 0 && q > 0 && p < Infinity && q < Infinity) t = (p / c2) * klRatioTerm(p, q, c2, c3, sph, spl, sqh, sql, c0, c1);
    else t = klTermSpecial(p / c2, q / c3);
    if ((i & 1) === 0) s0 += t;
    else s1 += t;
  }
  return s0 + s1;
};

function klTermSpecial(x: number, y: number): number {
  if (x === 0 && y > 0) return y;
  return relEntrScalar(x, y);
}

sumPlainA.long = true;
entrTerms.long = true;
relEntrTerms.long = true;

const columnScales = new Float64Array(256);
/** Interleaved slices read in place, row by row, in WebAssembly, where every pre-factor is 1. */
entrTerms.columns = (a, start, stride, step, n, k, c, sums) => {
  if (!wasm.available) return false;
  for (let j = 0; j < k; j++) {
    if (c[4 * j] !== 1) return false;
    columnScales[j] = c[4 * j + 1];
  }
  return entrColumnSumsWasm(a, start, stride, step, n, k, columnScales, sums);
};
