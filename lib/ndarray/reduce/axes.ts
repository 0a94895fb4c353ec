/**
 * How a reduction walks its operands: the kept (outer) axes and the reduced (inner) axes, each
 * with its lengths and its steps in both operands, the inner ones ordered and merged for memory
 * order.
 */

/** Lengths of some axes and their steps in operands a and b. */
export interface Axes {
  shape: number[];
  a: number[];
  b: number[];
}

/** Splits the axes of `shape` into kept (`outer`) and reduced (`inner`, simplified) ones. */
export function splitAxes(shape: readonly number[], sa: readonly number[], sb: readonly number[], reduce: readonly number[]): { outer: Axes; inner: Axes } {
  const outer: Axes = { shape: [], a: [], b: [] };
  const inner: Axes = { shape: [], a: [], b: [] };
  for (let d = 0; d < shape.length; d++) {
    const g = reduce.includes(d) ? inner : outer;
    g.shape.push(shape[d]);
    g.a.push(sa[d]);
    g.b.push(sb[d]);
  }
  return { outer, inner: simplifyInner(inner) };
}

/**
 * Orders the reduced axes so the last has the smallest step in memory (the order of terms within
 * a slice changes the result only by rounding), drops length-1 axes and merges neighbours that
 * form a single stride. At least one axis remains (length 1, or 0 for an empty slice).
 */
function simplifyInner(g: Axes): Axes {
  const idx = [...g.shape.keys()].filter((i) => g.shape[i] !== 1);
  idx.sort((i, j) => Math.abs(g.a[j]) - Math.abs(g.a[i]) || Math.abs(g.b[j]) - Math.abs(g.b[i]));
  const out: Axes = { shape: [], a: [], b: [] };
  for (const i of idx) {
    const k = out.shape.length - 1;
    if (k >= 0 && out.a[k] === g.a[i] * g.shape[i] && out.b[k] === g.b[i] * g.shape[i]) {
      out.shape[k] *= g.shape[i];
      out.a[k] = g.a[i];
      out.b[k] = g.b[i];
    } else {
      out.shape.push(g.shape[i]);
      out.a.push(g.a[i]);
      out.b.push(g.b[i]);
    }
  }
  if (out.shape.length === 0) {
    out.shape.push(g.shape.includes(0) ? 0 : 1);
    out.a.push(0);
    out.b.push(0);
  }
  return out;
}

/**
 * The kept axis to tile along: the one whose step is smallest, when it is smaller than the
 * slice's own (neighbouring slices are then closer in memory than neighbouring elements); -1
 * for none. Only single-run slices without omit are tiled. With `shortRows`, slices that are
 * one contiguous run of at most `shortRows` elements are tiled too, along the kept axis with the
 * smallest step (neighbouring rows), so that a kernel reading a tile at once takes many rows per
 * call.
 */
export function tileAxis(outer: Axes, inner: Axes, omit: boolean, shortRows = 0): number {
  let t = -1;
  if (!omit && inner.shape.length === 1 && inner.shape[0] > 1) {
    for (let d = 0; d < outer.shape.length; d++) {
      const s = Math.abs(outer.a[d]);
      if (outer.shape[d] > 1 && s !== 0 && s < Math.abs(inner.a[0]) && (t < 0 || s < Math.abs(outer.a[t]))) t = d;
    }
    if (t < 0 && inner.shape[0] <= shortRows && inner.a[0] === 1 && inner.b[0] === 1) {
      for (let d = 0; d < outer.shape.length; d++) {
        const s = Math.abs(outer.a[d]);
        if (outer.shape[d] > 1 && s !== 0 && (t < 0 || s < Math.abs(outer.a[t]))) t = d;
      }
    }
  }
  return t;
}
