/**
 * Every reduction of lib/reductions run by the engine across the layout matrix (contiguous,
 * reversed, stepped, transposed, broadcast stride-0, tiled columns, gathered float32 blocks,
 * omit, long runs, 0-length, length-1), each slice checked against a naive float64 reference
 * computed from the logical values. Tolerance rtol 1e-10, atol 1e-13: the naive sums carry an
 * error of up to n eps (n <= 5000) that the engine's pairwise sums do not.
 */
import '../../helpers/allclose';
import { NDArray } from '../../../lib/ndarray/ndarray';
import { BLOCK, TILE } from '../../../lib/ndarray/reduce/kernel';
import { acquireContext, releaseContext } from '../../../lib/ndarray/reduce/context';
import { reduceSlices, reduceVector } from '../../../lib/ndarray/reduce/reduce';
import type { Reduction } from '../../../lib/ndarray/reduce/reduction';
import { CROSS } from '../../../lib/reductions/cross';
import { JENSEN_SHANNON, type JensenShannonParams } from '../../../lib/reductions/jensen-shannon';
import { LOGIT_ENTROPY } from '../../../lib/reductions/logits';
import { NAN_COUNT } from '../../../lib/reductions/nan-count';
import { RELATIVE } from '../../../lib/reductions/relative';
import { SHANNON } from '../../../lib/reductions/shannon';
import { TOTAL } from '../../../lib/ndarray/reduce/total';
import { RandomState } from '../../helpers/random-state';

const TOL = { rtol: 1e-10, atol: 1e-13 };

/** A naive float64 reference: the value of one slice from its (paired) values. */
type Naive = (p: number[], q: number[]) => number;

const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
const xlogx = (x: number) => (x === 0 ? 0 : x * Math.log(x));

const NAIVE: Record<string, Naive> = {
  shannon: (p) => {
    const s = sum(p);
    return -sum(p.map((x) => xlogx(x / s)));
  },
  relative: (p, q) => {
    const sp = sum(p);
    const sq = sum(q);
    return sum(p.map((x, i) => (x / sp === 0 ? 0 : (x / sp) * Math.log(x / sp / (q[i] / sq)))));
  },
  cross: (p, q) => {
    const sp = sum(p);
    const sq = sum(q);
    return -sum(p.map((x, i) => (x / sp === 0 ? 0 : (x / sp) * Math.log(q[i] / sq))));
  },
  jensenShannon: (p, q) => {
    const sp = sum(p);
    const sq = sum(q);
    const d = sum(p.map((x, i) => {
      const a = x / sp;
      const b = q[i] / sq;
      const m = (a + b) / 2;
      return (a === 0 ? 0 : a * Math.log(a / m)) + (b === 0 ? 0 : b * Math.log(b / m));
    }));
    return Math.sqrt(d / 2);
  },
  nanCount: (p) => p.filter((x) => x !== x).length,
  total: (p) => sum(p),
  logits: (p) => {
    if (p.length === 0) return NaN; // no distribution
    const m = Math.max(...p);
    const e = p.map((z) => Math.exp(z - m));
    const s = sum(e);
    return -sum(e.map((x) => xlogx(x / s)));
  },
};

interface Case {
  name: string;
  reduction: Reduction<string, string, unknown>;
  naive: Naive;
  params?: unknown;
  /** Values of p and q: positive (with zeros), or logits of either sign. */
  logits?: boolean;
  /** NaN count keeps NaN in the data; the others see NaN only under omit. */
  nans?: boolean;
}

const JS_PARAMS: JensenShannonParams = { stretchP: 1, stretchQ: 1, logBase: null };
const CASES: Case[] = [
  { name: 'shannon', reduction: SHANNON as Reduction<string, string, unknown>, naive: NAIVE.shannon },
  { name: 'relative', reduction: RELATIVE as Reduction<string, string, unknown>, naive: NAIVE.relative },
  { name: 'cross', reduction: CROSS as Reduction<string, string, unknown>, naive: NAIVE.cross },
  { name: 'jensen-shannon', reduction: JENSEN_SHANNON as Reduction<string, string, unknown>, naive: NAIVE.jensenShannon, params: JS_PARAMS },
  { name: 'NaN count', reduction: NAN_COUNT as Reduction<string, string, unknown>, naive: NAIVE.nanCount, nans: true },
  { name: 'total', reduction: TOTAL as Reduction<string, string, unknown>, naive: NAIVE.total },
  { name: 'entropy of logits', reduction: LOGIT_ENTROPY as Reduction<string, string, unknown>, naive: NAIVE.logits, logits: true },
];

/** How the logical values of an operand are laid out in memory. */
type Layout = 'contiguous' | 'reversed' | 'stepped' | 'transposed' | 'broadcast' | 'float32';
const LAYOUTS: Layout[] = ['contiguous', 'reversed', 'stepped', 'transposed', 'broadcast', 'float32'];

/** C-order strides of `shape` in units of `step`. */
function cStridesOf(shape: number[], step: number): number[] {
  const s = new Array<number>(shape.length);
  let span = step;
  for (let d = shape.length - 1; d >= 0; d--) {
    s[d] = span;
    span *= Math.max(shape[d], 1);
  }
  return s;
}

/** Writes `values` (C order of `shape`) at `offset + sum(index * strides)` of `out`. */
function place(values: Float64Array, shape: number[], strides: number[], offset: number, out: Float64Array | Float32Array): void {
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < values.length; c++) {
    let o = offset;
    for (let d = 0; d < shape.length; d++) o += index[d] * strides[d];
    out[o] = values[c];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
}

/** `values` (C order of `shape`) as an NDArray in `layout` (the buffer's other entries are NaN). */
function view(values: Float64Array, shape: number[], layout: Layout): NDArray {
  const n = values.length;
  switch (layout) {
    case 'contiguous':
      return NDArray.fromData(values.slice(), shape);
    case 'float32':
      return NDArray.fromData(Float32Array.from(values), shape);
    case 'stepped': {
      const buf = new Float64Array(2 * n + 3).fill(NaN);
      const strides = cStridesOf(shape, 2);
      place(values, shape, strides, 3, buf);
      return new NDArray(buf, shape, strides, 3);
    }
    case 'reversed': {
      const buf = new Float64Array(n + 1).fill(NaN);
      const strides = cStridesOf(shape, 1).map((s) => -s);
      const offset = shape.reduce((o, len, d) => o + Math.max(len - 1, 0) * -strides[d], 0) + 1;
      place(values, shape, strides, offset, buf);
      return new NDArray(buf, shape, strides, offset);
    }
    case 'transposed': {
      const buf = new Float64Array(n);
      const strides = cStridesOf([...shape].reverse(), 1).reverse();
      place(values, shape, strides, 0, buf);
      return new NDArray(buf, shape, strides, 0);
    }
    case 'broadcast':
      // Callers pass values that repeat along axis 0: read row 0 with stride 0.
      return new NDArray(values.slice(0, n / shape[0]), shape, [0, ...cStridesOf(shape.slice(1), 1)], 0);
  }
}

/** The values, C order, drawn for a case (float32-representable, so every layout holds them exactly). */
function draw(rs: RandomState, shape: number[], c: Case, nanRate: number, repeatRows: boolean): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const row = repeatRows && shape[0] > 0 ? n / shape[0] : n;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (repeatRows && i >= row) {
      out[i] = out[i % row];
      continue;
    }
    const u = rs.randomSample();
    let v = c.logits ? (u - 0.5) * 20 : u < 0.05 ? 0 : u;
    if (rs.randomSample() < nanRate) v = NaN;
    out[i] = Math.fround(v);
  }
  return out;
}

/** The naive value of every slice (C order of the kept axes), dropping NaN pairs under omit. */
function reference(p: Float64Array, q: Float64Array, shape: number[], axes: number[], c: Case, omit: boolean): number[] {
  const kept = shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const nKept = kept.reduce((a, d) => a * shape[d], 1);
  const slices: { p: number[]; q: number[] }[] = Array.from({ length: nKept }, () => ({ p: [], q: [] }));
  const index = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < p.length; i++) {
    let o = 0;
    for (const d of kept) o = o * shape[d] + index[d];
    if (!(omit && (p[i] !== p[i] || q[i] !== q[i]))) {
      slices[o].p.push(p[i]);
      slices[o].q.push(q[i]);
    }
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return slices.map((s) => c.naive(s.p, s.q));
}

const SHAPES: { shape: number[]; axes: number[][] }[] = [
  { shape: [0], axes: [[0]] },
  { shape: [1], axes: [[0]] },
  { shape: [7], axes: [[0]] },
  { shape: [BLOCK + 3], axes: [[0]] },
  { shape: [5000], axes: [[0]] },
  { shape: [3, 0], axes: [[0], [1]] },
  { shape: [2 * TILE + 5, 9], axes: [[0], [1], [0, 1]] },
  { shape: [40, 2 * TILE + 1], axes: [[0], [1]] },
  { shape: [300, 3], axes: [[0]] },
  { shape: [3, 4, 70], axes: [[0, 2], [1], [2]] },
];

describe('the engine on every reduction', () => {
  const rs = new RandomState(20261202);
  for (const c of CASES) {
    describe(c.name, () => {
      for (const { shape, axes: axesList } of SHAPES) {
        for (const axes of axesList) {
          for (const layout of LAYOUTS) {
            if (layout === 'broadcast' && shape.length < 2) continue;
            for (const omit of [false, true]) {
              it(`matches the naive sums on shape [${shape}] axes [${axes}] (${layout}${omit ? ', omit' : ''})`, () => {
                const nanRate = omit || c.nans ? 0.1 : 0;
                const p = draw(rs, shape, c, nanRate, layout === 'broadcast');
                const q = c.reduction.samples === 2 ? draw(rs, shape, c, nanRate, false) : p;
                const a = view(p, shape, layout);
                const b = q === p ? a : view(q, shape, layout === 'broadcast' ? 'contiguous' : layout);
                const { values } = reduceSlices(a, b, axes, omit, c.reduction, c.params);
                expect(Array.from(values)).toAllClose(reference(p, q, shape, axes, c, omit), TOL);
              });
            }
          }
        }
      }
      it('gives the same value for a whole vector (reduceVector) as for its one slice', () => {
        for (const n of [1, 8, BLOCK, BLOCK + 1, 5000]) {
          const p = draw(rs, [n], c, c.nans ? 0.1 : 0, false);
          const q = c.reduction.samples === 2 ? draw(rs, [n], c, 0, false) : p;
          const ctx = acquireContext();
          try {
            const v = reduceVector(ctx, p, q, n, false, c.reduction, c.params);
            const { values } = reduceSlices(NDArray.fromData(p), NDArray.fromData(q), [0], false, c.reduction, c.params);
            expect(v).toBe(values[0]);
          } finally {
            releaseContext(ctx);
          }
        }
      });
    });
  }
});
