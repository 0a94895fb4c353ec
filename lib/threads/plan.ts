/**
 * How a call is cut into pieces and where each operand's memory comes from (pure functions; the
 * pool runs the plan). A piece is a range of indices along one axis (the first kept axis longer
 * than 1 for a reduction), so each worker runs the engine on a view of its range, with the same
 * strides and addresses, and gets bit for bit the values one thread gets for those slices.
 */
import type { NDArray, NumericData } from '../ndarray/ndarray.js';
import type { OperandPlan, SourcePlan } from './protocol.js';

/** Work (elements read) aimed at per piece: small enough to balance, large against a claim. */
export const PIECE_WORK = 1 << 17;

/** The most pieces per worker (more gives no better balance). */
const PIECES_PER_WORKER = 16;

/**
 * The bounds of the pieces along an axis of length `n` (piece p is `[b[p], b[p + 1])`):
 * every bound is a multiple of `granule` counted from 0, so blocks and tiles that the engine
 * counts from the first slice fall where they fall in one thread; a last piece shorter than
 * `minLast` joins the piece before it.
 */
export function pieceBounds(n: number, workPerIndex: number, workers: number, granule: number, minLast: number): number[] {
  let len = Math.max(1, Math.round(PIECE_WORK / Math.max(1, workPerIndex)));
  len = Math.max(len, Math.ceil(n / (workers * PIECES_PER_WORKER)));
  len = Math.min(len, Math.ceil(n / (2 * workers)));
  len = Math.max(granule, Math.ceil(len / granule) * granule);
  const bounds = [0];
  for (let s = len; s < n; s += len) bounds.push(s);
  if (bounds.length > 1 && n - bounds[bounds.length - 1] < minLast) bounds.pop();
  bounds.push(n);
  return bounds;
}

/** The range `[lo, hi)` of indices into the data that a view restricted to `[s, e)` along `axis` touches (empty: lo = hi). */
export function span(op: OperandPlan, axis: number, s: number, e: number): [number, number] {
  let lo = op.offset + s * op.strides[axis];
  let hi = lo;
  for (let d = 0; d < op.shape.length; d++) {
    const n = d === axis ? e - s : op.shape[d];
    if (n === 0) return [lo, lo];
    const step = op.strides[d] * (n - 1);
    if (step < 0) lo += step;
    else hi += step;
  }
  return [lo, hi + 1];
}

/** An operand's data and whether the main thread must copy it in or out. */
export interface SourceNeed {
  data: NumericData;
  input: boolean;
  output: boolean;
}

/** The bytes of a region of `n` elements of `data`'s type, rounded up to a cache line. */
function regionBytes(data: NumericData, n: number): number {
  return Math.ceil((n * data.BYTES_PER_ELEMENT) / 64) * 64;
}

/** Sources and the memory they need in the arena. */
export interface SourceLayout {
  sources: SourcePlan[];
  /** Bytes of the `whole` regions, from arena offset 0. */
  wholeBytes: number;
  /** Bytes of one ring slot (the `ring` regions). */
  slotBytes: number;
}

/**
 * Decides each source's mode: a caller's SharedArrayBuffer is used in place; otherwise a source
 * whose pieces touch disjoint ranges is staged piece by piece through the ring; one whose pieces
 * overlap (a broadcast operand, or a split along a small stride) is staged whole. Returns null
 * when a staged source would need an output copy it cannot make exactly (an output region
 * overlapping another piece's).
 */
export function layoutSources(needs: readonly SourceNeed[], operands: readonly OperandPlan[], axis: number, bounds: readonly number[]): SourceLayout | null {
  const sources: SourcePlan[] = [];
  let wholeBytes = 0;
  let slotBytes = 0;
  const pieces = bounds.length - 1;
  for (let k = 0; k < needs.length; k++) {
    const need = needs[k];
    const plan: SourcePlan = { mode: 'shared', ctor: need.data.constructor.name, byteOffset: 0, length: 0, lo: 0, input: need.input, output: need.output };
    sources.push(plan);
    if (need.data.buffer instanceof SharedArrayBuffer) {
      plan.data = need.data;
      continue;
    }
    const ops = operands.filter((o) => o.source === k);
    const los: number[] = [];
    const his: number[] = [];
    for (let p = 0; p < pieces; p++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const op of ops) {
        const [l, h] = span(op, axis, bounds[p], bounds[p + 1]);
        if (h > l) {
          lo = Math.min(lo, l);
          hi = Math.max(hi, h);
        }
      }
      if (!(hi > lo)) lo = hi = 0;
      los.push(lo);
      his.push(hi);
    }
    const order = [...los.keys()].filter((p) => his[p] > los[p]).sort((i, j) => los[i] - los[j]);
    let disjoint = true;
    for (let i = 1, end = -Infinity; i <= order.length; i++) {
      end = Math.max(end, his[order[i - 1]]);
      if (i < order.length && los[order[i]] < end) disjoint = false;
    }
    if (disjoint) {
      plan.mode = 'ring';
      plan.los = los;
      plan.his = his;
      plan.length = Math.max(...his.map((h, p) => h - los[p]));
      plan.byteOffset = slotBytes;
      slotBytes += regionBytes(need.data, plan.length);
    } else {
      if (need.output) return null;
      plan.mode = 'whole';
      plan.lo = Math.min(...los);
      plan.length = Math.max(...his) - plan.lo;
      plan.byteOffset = wholeBytes;
      wholeBytes += regionBytes(need.data, plan.length);
    }
  }
  return { sources, wholeBytes, slotBytes };
}

/** Source indices of the distinct buffers among `datas`. */
export function distinctSources(datas: readonly NumericData[]): { index: number[]; unique: NumericData[] } {
  const unique: NumericData[] = [];
  const index = datas.map((d) => {
    const k = unique.indexOf(d);
    if (k >= 0) return k;
    unique.push(d);
    return unique.length - 1;
  });
  return { index, unique };
}

/** An operand's plan: its view over source `source`. */
export function operandOf(x: NDArray, source: number): OperandPlan {
  return { source, shape: x.shape.slice(), strides: x.strides.slice(), offset: x.offset, dtype: x.dtype };
}
