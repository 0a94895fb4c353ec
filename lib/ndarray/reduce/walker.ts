/**
 * Runs a {@link Reduction} on the slices of one or two operands, a group of slices at a time.
 *
 * Each pass sums its kernel over blocks of at most `BLOCK` contiguous float64 values, and the
 * block sums are combined pairwise ({@link Cascade}; a `max` kernel's block results by a plain
 * maximum). A block is handed to the kernel in place when it is contiguous float64; otherwise it
 * is gathered into a scratch buffer. A tile of k interleaved single-run slices is processed
 * together, each block gathered as a tile, row by row, so memory is read in order. Under `omit`,
 * the gather drops every position where either operand is NaN (paired).
 */
import type { NumericData } from '../strided.js';
import type { Axes } from './axes.js';
import { lowOfOne, totalOfOne } from '../../math/pairwise.js';
import { gather, gatherPairs, gatherTile } from './gather.js';
import { BLOCK, TILE, TILE_BLOCK } from './kernel.js';
import { type CompiledPass, constantsAt, type Reduction, type SliceStates, whenAt } from './reduction.js';
import type { Scratch } from './scratch.js';

const EMPTY = new Float64Array(0);

/** Walks one group of `k` slices (k > 1 only for single-run slices without omit). */
export class Walker {
  private dataA: NumericData = EMPTY;
  private dataB: NumericData = EMPTY;
  private sameAB = true;
  private directA = false;
  private directB = false;
  private runLen = 0;
  private runA = 0;
  private runB = 0;
  /** The reduced axes other than the run's: their count, lengths and steps. */
  private nUpper = 0;
  private upperShape: readonly number[] = [];
  private upperA: readonly number[] = [];
  private upperB: readonly number[] = [];
  private nRuns = 1;
  private readonly index = new Int32Array(64);
  private omit = false;
  private passes: readonly CompiledPass[] = [];
  private reduction: Reduction<string, string, unknown> | null = null;
  private states: SliceStates | null = null;
  /** Step between neighbouring slices of a tile, in a and b. */
  private tileA = 0;
  private tileB = 0;
  /** The low part and auxiliary sum of the last `pass1` result. */
  private low = 0;
  private aux = 0;

  constructor(private readonly scratch: Scratch) {}

  /** Points the walker at new operands and a reduction's slice states (no allocation). */
  configure(dataA: NumericData, dataB: NumericData, inner: Axes, omit: boolean, states: SliceStates, params: unknown, tileA: number, tileB: number): void {
    this.dataA = dataA;
    this.dataB = dataB;
    const k = inner.shape.length - 1;
    this.runLen = inner.shape[k];
    this.runA = inner.a[k];
    this.runB = inner.b[k];
    this.nUpper = k;
    this.upperShape = inner.shape;
    this.upperA = inner.a;
    this.upperB = inner.b;
    let sameAB = dataA === dataB;
    let nRuns = 1;
    for (let d = 0; d <= k; d++) {
      if (inner.a[d] !== inner.b[d]) sameAB = false;
      if (d < k) nRuns *= inner.shape[d];
    }
    this.sameAB = sameAB;
    this.nRuns = nRuns;
    this.omit = omit;
    this.reduction = states.reduction;
    this.passes = states.reduction.passes;
    this.states = states;
    if (params !== undefined) states.setParams(params);
    this.tileA = tileA;
    this.tileB = tileB;
    this.directA = !omit && dataA instanceof Float64Array && this.runA === 1;
    this.directB = !omit && dataB instanceof Float64Array && this.runB === 1;
  }

  /** Forgets the operands (so the context does not keep the caller's data alive). */
  clear(): void {
    this.dataA = this.dataB = EMPTY;
    if (this.states !== null) this.states.setParams(undefined);
    this.states = null;
  }

  /**
   * Runs the reduction on `k` slices starting at (oa, ob); slice j's value goes to out[o + j*os].
   * The per-slice steps are separate functions ({@link prepare}, {@link collect},
   * {@link finishTile}) so that the compiler inlines the declaration's small functions into each
   * (one function would run out of its inlining budget, and then call them once per slice).
   */
  run(oa: number, ob: number, k: number, out: Float64Array, o: number, os: number): void {
    if (k === 1) {
      out[o] = this.runOne(oa, ob);
      return;
    }
    const states = this.states as SliceStates;
    const passes = this.passes;
    if (k > TILE) states.ensure(k);
    for (let j = 0; j < k; j++) states.clear(j);
    for (let p = 0; p < passes.length; p++) {
      if (!this.prepare(p, k)) continue;
      const pass = passes[p];
      if (k > TILE && this.wholeTile(oa, ob, k, pass)) {
        // A wide tile the pass's `columns` kernel read at once, whole rows in memory order.
        this.collectWhole(p, k);
        continue;
      }
      for (let j0 = 0; j0 < k; j0 += TILE) {
        // a wide tile TILE slices at a time: slice j0 + j at tile position j
        const kk = k - j0 < TILE ? k - j0 : TILE;
        this.collect(p, j0, kk, this.passTile(oa + j0 * this.tileA, ob + j0 * this.tileB, kk, pass, j0 / TILE));
      }
    }
    this.finishTile(k, out, o, os);
  }

  /** Before pass p on a tile of k slices: which slices run it (`active`), and their constants; false when none does. */
  private prepare(p: number, k: number): boolean {
    const states = this.states as SliceStates;
    const { consts, active } = this.scratch;
    const pass = this.passes[p];
    const when = pass.when;
    const constants = pass.constants;
    if (when === undefined && constants === undefined) {
      // Unconditional, and the kernel takes no constants: every slice runs it, nothing to set.
      active.fill(1, 0, k);
      return true;
    }
    let any = false;
    for (let j = 0; j < k; j++) {
      const q = 4 * j;
      consts[q] = consts[q + 1] = consts[q + 2] = consts[q + 3] = 0;
      const view = states.views[j];
      const on = when === undefined || whenAt(p, when, view);
      active[j] = on ? 1 : 0;
      if (on && constants !== undefined) constantsAt(p, constants, view, states.constants[p][j]);
      any = any || on;
    }
    return any;
  }

  /**
   * After pass p on the narrow tile of k slices from slice j0 of the wide tile: each active
   * slice's result (`one`: sums in one piece, see {@link passTile}).
   */
  private collect(p: number, j0: number, k: number, one: boolean): void {
    const states = this.states as SliceStates;
    const { active, cascades, maxima, aux, sums, sumLows } = this.scratch;
    const max = this.passes[p].kernel.combine === 'max';
    for (let j = 0; j < k; j++) {
      if (active[j0 + j] === 0) continue;
      const r = states.results[j0 + j][p];
      if (max) {
        r.value = maxima[j];
      } else if (one) {
        r.value = totalOfOne(sums[j], sumLows[j]);
        r.low = lowOfOne(sums[j], sumLows[j]);
      } else {
        r.value = cascades[j].total();
        r.low = cascades[j].low();
      }
      r.aux = aux[j];
    }
  }

  /** After pass p on a wide tile of k slices that {@link wholeTile} read: each active slice's result. */
  private collectWhole(p: number, k: number): void {
    const states = this.states as SliceStates;
    const { active, bufB, columnLows, columnAux } = this.scratch;
    for (let j = 0; j < k; j++) {
      if (active[j] === 0) continue;
      const r = states.results[j][p];
      r.value = bufB[j];
      r.low = columnLows[j];
      r.aux = columnAux[j];
    }
  }

  /** The values of a tile's k slices from their results. */
  private finishTile(k: number, out: Float64Array, o: number, os: number): void {
    const states = this.states as SliceStates;
    const finish = (this.reduction as Reduction<string, string, unknown>).finish;
    for (let j = 0; j < k; j++) out[o + j * os] = finish(states.views[j]);
  }

  /** {@link run} on the one slice at (oa, ob): its value (no tile arrays, no activity flags). */
  private runOne(oa: number, ob: number): number {
    const states = this.states as SliceStates;
    const passes = this.passes;
    const consts = this.scratch.consts;
    const view = states.views[0];
    const results = states.results[0];
    states.clear(0);
    for (let p = 0; p < passes.length; p++) {
      const pass = passes[p];
      consts[0] = consts[1] = consts[2] = consts[3] = 0;
      if (pass.when !== undefined && !whenAt(p, pass.when, view)) continue;
      if (pass.constants !== undefined) constantsAt(p, pass.constants, view, states.constants[p][0]);
      const r = results[p];
      r.value = this.pass1(oa, ob, pass);
      r.low = this.low;
      r.aux = this.aux;
    }
    return (this.reduction as Reduction<string, string, unknown>).finish(view);
  }

  /** One pass over one slice (any number of runs): its sum (or maximum); sets `low` and `aux`. */
  private pass1(oa: number, ob: number, pass: CompiledPass): number {
    const scratch = this.scratch;
    const c = scratch.consts;
    const report = scratch.report;
    const kernel = pass.kernel;
    const block = kernel.block;
    const max = kernel.combine === 'max';
    const one = kernel.operands === 1;
    const q = pass.readsQ;
    const len = this.runLen;
    this.low = 0;
    this.aux = 0;
    if (len === 0) return max ? -Infinity : 0;
    const direct = one ? (q ? this.directB : this.directA) : this.directA && (this.directB || (this.sameAB && ob === oa));
    if (this.nRuns === 1 && (len <= BLOCK || kernel.long === true) && direct) {
      // One contiguous run the kernel takes whole: no gather, no cascade (the kernel's sum
      // starts from +0.0 too, and a `long` kernel sums pairwise by itself).
      report.low = report.aux = 0;
      let v: number;
      if (!one) v = block(this.dataA as Float64Array, oa, this.dataB as Float64Array, ob, len, c[0], c[1], c[2], c[3], report);
      else if (q) v = block(this.dataB as Float64Array, ob, this.dataB as Float64Array, ob, len, c[0], c[1], c[2], c[3], report);
      else v = block(this.dataA as Float64Array, oa, this.dataA as Float64Array, oa, len, c[0], c[1], c[2], c[3], report);
      this.low = report.low;
      this.aux = report.aux;
      return v;
    }
    const cascade = scratch.cascades[0];
    cascade.reset();
    let best = -Infinity;
    let aux = 0;
    const bufA = scratch.bufA;
    const bufB = scratch.bufB;
    const index = this.index;
    const nUpper = this.nUpper;
    for (let d = 0; d < nUpper; d++) index[d] = 0;
    for (let r = 0; r < this.nRuns; r++) {
      for (let i = 0; i < len; i += BLOCK) {
        const n = len - i < BLOCK ? len - i : BLOCK;
        const pa = oa + i * this.runA;
        const pb = ob + i * this.runB;
        report.low = report.aux = 0;
        let v: number;
        if (this.omit) {
          const m = gatherPairs(this.dataA, pa, this.runA, this.dataB, pb, this.runB, n, bufA, bufB);
          if (!one) v = block(bufA, 0, bufB, 0, m, c[0], c[1], c[2], c[3], report);
          else if (q) v = block(bufB, 0, bufB, 0, m, c[0], c[1], c[2], c[3], report);
          else v = block(bufA, 0, bufA, 0, m, c[0], c[1], c[2], c[3], report);
        } else if (one) {
          let arr: Float64Array = bufA;
          let ix = 0;
          if (q ? this.directB : this.directA) {
            arr = (q ? this.dataB : this.dataA) as Float64Array;
            ix = q ? pb : pa;
          } else if (q) {
            gather(this.dataB, pb, this.runB, n, bufA, 0);
          } else {
            gather(this.dataA, pa, this.runA, n, bufA, 0);
          }
          v = block(arr, ix, arr, ix, n, c[0], c[1], c[2], c[3], report);
        } else {
          let arrA: Float64Array = bufA;
          let ia = 0;
          if (this.directA) {
            arrA = this.dataA as Float64Array;
            ia = pa;
          } else {
            gather(this.dataA, pa, this.runA, n, bufA, 0);
          }
          let arrB: Float64Array = bufB;
          let ib = 0;
          if (this.sameAB && pb === pa) {
            arrB = arrA;
            ib = ia;
          } else if (this.directB) {
            arrB = this.dataB as Float64Array;
            ib = pb;
          } else {
            gather(this.dataB, pb, this.runB, n, bufB, 0);
          }
          v = block(arrA, ia, arrB, ib, n, c[0], c[1], c[2], c[3], report);
        }
        if (max) best = v > best || v !== v ? v : best;
        else cascade.add(v, report.low);
        aux += report.aux;
      }
      for (let d = nUpper - 1; d >= 0; d--) {
        oa += this.upperA[d];
        ob += this.upperB[d];
        if (++index[d] < this.upperShape[d]) break;
        index[d] = 0;
        oa -= this.upperA[d] * this.upperShape[d];
        ob -= this.upperB[d] * this.upperShape[d];
      }
    }
    this.aux = aux;
    if (max) return best;
    const total = cascade.total();
    this.low = cascade.low();
    return total;
  }

  /**
   * A pass over a wide tile of k single-run slices (k > TILE) by its `columns` kernel, whole
   * rows at once; the sums to `bufB`. False when the kernel has none or declines.
   */
  private wholeTile(oa: number, ob: number, k: number, pass: CompiledPass): boolean {
    const kernel = pass.kernel;
    const columns = kernel.columns;
    if (kernel.operands !== 1 || columns === undefined) return false;
    const q = pass.readsQ;
    const { consts, bufB, columns: colScratch, columnLows, columnAux } = this.scratch;
    columnLows.fill(0, 0, k);
    columnAux.fill(0, 0, k);
    return columns(q ? this.dataB : this.dataA, q ? ob : oa, q ? this.runB : this.runA, q ? this.tileB : this.tileA, this.runLen, k, consts, bufB, colScratch, columnLows, columnAux);
  }

  /**
   * One pass over a tile of k <= TILE single-run slices, the `t`-th narrow tile of its wide tile
   * (its constants and activity from slice t * TILE on): blocks are gathered (or read) row by
   * row. The scratch arrays are read into locals once per pass, not per block, so the per-block
   * loops below work on values the compiler holds in registers. Returns true when each slice's
   * sum came in one piece (short slices, or a kernel that read the whole tile): then it is in
   * `sums[j]`, `sumLows[j]` rather than in a cascade.
   */
  private passTile(oa: number, ob: number, k: number, pass: CompiledPass, t: number): boolean {
    const { bufA, bufB, cascades, maxima, aux, lows, report, columns: colScratch, columnLows, columnAux, sums, sumLows } = this.scratch;
    const c = this.scratch.constsFrom[t];
    const active = this.scratch.activeFrom[t];
    const len = this.runLen;
    const single = len <= TILE_BLOCK;
    for (let j = 0; j < k; j++) {
      if (!single) cascades[j].reset();
      maxima[j] = -Infinity;
      aux[j] = 0;
    }
    const kernel = pass.kernel;
    const block = kernel.block;
    const max = kernel.combine === 'max';
    const one = kernel.operands === 1;
    // The operand a one-operand kernel reads.
    const q = pass.readsQ;
    const data = one && q ? this.dataB : this.dataA;
    const run = one && q ? this.runB : this.runA;
    const step = one && q ? this.tileB : this.tileA;
    const rows = one && data instanceof Float64Array ? kernel.rows : undefined;
    const columns = one ? kernel.columns : undefined;
    const two = !one && (!this.sameAB || ob !== oa);
    const arrB = two ? bufB : bufA;
    if (columns !== undefined) {
      columnLows.fill(0, 0, k);
      columnAux.fill(0, 0, k);
      if (columns(data, q ? ob : oa, run, step, len, k, c, sums, colScratch, columnLows, columnAux)) {
        // The kernel read the whole tile at once, in memory order, whatever its length.
        for (let j = 0; j < k; j++) {
          sumLows[j] = columnLows[j];
          aux[j] = columnAux[j];
        }
        return true;
      }
    }
    for (let i = 0; i < len; i += TILE_BLOCK) {
      const n = len - i < TILE_BLOCK ? len - i : TILE_BLOCK;
      if (one) {
        const start = (q ? ob : oa) + i * run;
        if (rows !== undefined) {
          // The kernel sums whole rows of the tile in place: no gather.
          rows(data as Float64Array, start, run, step, n, k, bufA, bufB, lows);
          for (let j = 0; j < k; j++) {
            if (active[j] === 0) continue;
            if (single) {
              sums[j] = bufA[j];
              sumLows[j] = lows[j];
            } else {
              cascades[j].add(bufA[j], lows[j]);
            }
            aux[j] += bufB[j];
          }
          continue;
        }
        if (columns !== undefined && columns(data, start, run, step, n, k, c, bufB, colScratch, columnLows, columnAux)) {
          // (only kernels without low parts and auxiliary sums come here: those have `rows`)
          for (let j = 0; j < k; j++) {
            if (active[j] === 0) continue;
            if (single) {
              sums[j] = bufB[j];
              sumLows[j] = 0;
            } else {
              cascades[j].add(bufB[j], 0);
            }
          }
          continue;
        }
        gatherTile(data, start, run, step, n, k, bufA);
      } else {
        gatherTile(this.dataA, oa + i * this.runA, this.runA, this.tileA, n, k, bufA);
        if (two) gatherTile(this.dataB, ob + i * this.runB, this.runB, this.tileB, n, k, bufB);
      }
      // The block function on each active slice of the gathered tile.
      for (let j = 0; j < k; j++) {
        if (active[j] === 0) continue;
        const cq = 4 * j;
        const s = j * TILE_BLOCK;
        report.low = report.aux = 0;
        const v = block(bufA, s, arrB, s, n, c[cq], c[cq + 1], c[cq + 2], c[cq + 3], report);
        if (max) {
          maxima[j] = v > maxima[j] || v !== v ? v : maxima[j];
        } else if (single) {
          sums[j] = v;
          sumLows[j] = report.low;
        } else {
          cascades[j].add(v, report.low);
        }
        aux[j] += report.aux;
      }
    }
    return single;
  }
}
