/**
 * The engine's generic kernels ({@link Kernel}): sums, maxima and counts that many reductions
 * use. Each block function is a hand-written loop over a contiguous float64 block, starting from
 * +0.0 (not ndarray-ops: the engine has already made the block contiguous, see docs/design.md).
 * Kernels of one reduction alone live in its file under lib/reductions/.
 */
import { pairwiseSum } from '../../math/pairwise.js';
import { sumColumnsFast } from '../../wasm/column-sums.js';
import { BLOCK, type BlockFn, defineKernel, KernelReport } from './kernel.js';

/**
 * Sum, compensated: returns the rounded sum and reports its rounding error as `low` (TwoSum on
 * four accumulators), so normalising sums are good to about eps^2; reports the sum of squares as
 * `aux` (how concentrated the distribution is).
 */
/** The block function of {@link SUM}. */
const sumBlock: BlockFn = (a, ao, _b, _bo, n, _c0, _c1, _c2, _c3, out) => {
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
    out.aux = q0 + q1;
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
    // Renormalise: the result is the double nearest the sum, `low` the rest.
    const r = s + c;
    out.low = c - (r - s);
    return r;
  };

/** What {@link SUM}'s `rows` reads back from its block function (used synchronously only). */
const rowsReport = new KernelReport();

export const SUM = defineKernel({
  name: 'sum',
  operands: 1,
  constants: [],
  combine: 'sum',
  block: sumBlock,
  rows: (a, start, stride, step, n, k, sums, aux, lows) => {
    if (stride === 1) {
      // Short adjacent rows: each sums as the block function sums it (the same bits as a slice
      // walked alone).
      for (let j = 0; j < k; j++) {
        rowsReport.low = rowsReport.aux = 0;
        sums[j] = sumBlock(a, start + j * step, a, 0, n, 0, 0, 0, 0, rowsReport);
        lows[j] = rowsReport.low;
        aux[j] = rowsReport.aux;
      }
      return;
    }
    // Two slices at a time, in registers, over 32 rows at a time (few enough pages for the
    // TLB when rows are far apart); sums, compensations and squares carried in the arrays.
    sums.fill(0, 0, k);
    lows.fill(0, 0, k);
    aux.fill(0, 0, k);
    for (let r0 = 0; r0 < n; r0 += 32) {
      const m = n - r0 < 32 ? n - r0 : 32;
      const first = start + r0 * stride;
      let j = 0;
      for (; j + 2 <= k; j += 2) {
        let s0 = sums[j], c0 = lows[j], q0 = aux[j], s1 = sums[j + 1], c1 = lows[j + 1], q1 = aux[j + 1];
        for (let i = 0, p = first + j * step; i < m; i++, p += stride) {
          const x0 = a[p];
          const x1 = a[p + step];
          const t0 = s0 + x0;
          const t1 = s1 + x1;
          const b0 = t0 - s0;
          const b1 = t1 - s1;
          c0 += (s0 - (t0 - b0)) + (x0 - b0);
          c1 += (s1 - (t1 - b1)) + (x1 - b1);
          s0 = t0;
          s1 = t1;
          q0 += x0 * x0;
          q1 += x1 * x1;
        }
        sums[j] = s0;
        lows[j] = c0;
        aux[j] = q0;
        sums[j + 1] = s1;
        lows[j + 1] = c1;
        aux[j + 1] = q1;
      }
      if (j < k) {
        let s0 = sums[j], c0 = lows[j], q0 = aux[j];
        for (let i = 0, p = first + j * step; i < m; i++, p += stride) {
          const x0 = a[p];
          const t0 = s0 + x0;
          const b0 = t0 - s0;
          c0 += (s0 - (t0 - b0)) + (x0 - b0);
          s0 = t0;
          q0 += x0 * x0;
        }
        sums[j] = s0;
        lows[j] = c0;
        aux[j] = q0;
      }
    }
    for (let j = 0; j < k; j++) finishSum(sums[j], lows[j], aux[j], j, sums, aux, lows);
  },
  // Columns (interleaved slices, read as whole rows): the same TwoSum per element, by WebAssembly.
  columns: (a, start, stride, step, n, k, _c, sums, _scratch, lows, aux) => {
    if (stride === 1 || !(a instanceof Float64Array) || !sumColumnsFast(a, start, stride, step, n, k, sums, lows, aux)) return false;
    for (let j = 0; j < k; j++) finishSum(sums[j], lows[j], aux[j], j, sums, aux, lows);
    return true;
  },
});

/** Slice j's compensated sum s + c: the double nearest it to sums[j], the rest to lows[j]. */
function finishSum(s: number, c: number, q: number, j: number, sums: Float64Array, aux: Float64Array, lows: Float64Array): void {
  aux[j] = q;
  if (!(Math.abs(s) < Infinity)) {
    sums[j] = s; // infinite or NaN: no low part
    lows[j] = 0;
    return;
  }
  const r = s + c;
  lows[j] = c - (r - s);
  sums[j] = r;
}

/** The leaf of {@link SUM_PLAIN}: four accumulators, the sum of squares as `aux`. */
const sumPlainLeaf: BlockFn = (a, ao, _b, _bo, n, _c0, _c1, _c2, _c3, out) => {
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
  out.aux = q0 + q1;
  return (s0 + s1) + (s2 + s3);
};

/**
 * Sum without compensation (four accumulators, about memory speed; long runs split pairwise);
 * reports the sum of squares as `aux`, as {@link SUM} does.
 */
export const SUM_PLAIN = defineKernel({
  name: 'sum (plain)',
  operands: 1,
  constants: [],
  combine: 'sum',
  long: true,
  block: (a, ao, b, bo, n, c0, c1, c2, c3, out) =>
    n <= BLOCK ? sumPlainLeaf(a, ao, b, bo, n, c0, c1, c2, c3, out) : pairwiseSum(sumPlainLeaf, BLOCK, a, ao, b, bo, n, c0, c1, c2, c3, out),
  // Four slices at a time, each summed in row order in a local (the same sums as one slice at a
  // time, without a store per element).
  rows: (a, start, stride, step, n, k, sums, aux, lows) => {
    lows.fill(0, 0, k); // no compensation
    let j = 0;
    for (; j + 4 <= k; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
      for (let i = 0, q = start + j * step; i < n; i++, q += stride) {
        const x0 = a[q];
        const x1 = a[q + step];
        const x2 = a[q + 2 * step];
        const x3 = a[q + 3 * step];
        s0 += x0;
        s1 += x1;
        s2 += x2;
        s3 += x3;
        q0 += x0 * x0;
        q1 += x1 * x1;
        q2 += x2 * x2;
        q3 += x3 * x3;
      }
      sums[j] = s0;
      sums[j + 1] = s1;
      sums[j + 2] = s2;
      sums[j + 3] = s3;
      aux[j] = q0;
      aux[j + 1] = q1;
      aux[j + 2] = q2;
      aux[j + 3] = q3;
    }
    for (; j < k; j++) {
      let s0 = 0, q0 = 0;
      for (let i = 0, q = start + j * step; i < n; i++, q += stride) {
        const x = a[q];
        s0 += x;
        q0 += x * x;
      }
      sums[j] = s0;
      aux[j] = q0;
    }
  },
});

/** Largest value (NaN if any is NaN; -inf for an empty slice). */
export const MAX = defineKernel({
  name: 'max',
  operands: 1,
  constants: [],
  combine: 'max',
  block: (a, ao, _b, _bo, n) => {
    let m = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = a[ao + i];
      if (x > m || x !== x) m = x;
    }
    return m;
  },
});

/** Number of NaN values. */
export const COUNT_NAN = defineKernel({
  name: 'count NaN',
  operands: 1,
  constants: [],
  combine: 'sum',
  block: (a, ao, _b, _bo, n) => {
    let c = 0;
    for (let i = 0; i < n; i++) {
      const x = a[ao + i];
      if (x !== x) c++;
    }
    return c;
  },
});

/** Sum of the values below the constant `limit`. */
export const SUM_BELOW = defineKernel({
  name: 'sum below',
  operands: 1,
  constants: ['limit'],
  combine: 'sum',
  block: (a, ao, _b, _bo, n, limit) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const x = a[ao + i];
      if (x < limit) s += x;
    }
    return s;
  },
});

/** Sum of the values of the first sample where the second equals the constant `key`. */
export const SUM_WHERE_Q = defineKernel({
  name: 'sum where q equals',
  operands: 2,
  constants: ['key'],
  combine: 'sum',
  block: (a, ao, b, bo, n, key) => {
    let s = 0;
    for (let i = 0; i < n; i++) if (b[bo + i] === key) s += a[ao + i];
    return s;
  },
});

