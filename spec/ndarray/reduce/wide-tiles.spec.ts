/**
 * Columns walked in wide tiles (more than TILE interleaved slices, narrow tiles inside them, the
 * whole-tile `columns` kernels): each column's value agrees with the same column reduced alone,
 * for widths around TILE and WIDE_TILE and lengths around TILE_BLOCK, with dominant entries
 * (conditional passes active on some columns only) and zero columns.
 */
import { entropy } from '../../../lib/stats/entropy';
import { NDArray } from '../../../lib/ndarray/ndarray';
import { TILE, TILE_BLOCK, WIDE_TILE } from '../../../lib/ndarray/reduce/kernel';
import { sample } from '../../threads/helpers';

/** Column j of a C-order n x k matrix. */
function column(data: Float64Array, n: number, k: number, j: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => data[i * k + j]);
}

describe('wide tiles of columns', () => {
  const cases: [number, number][] = [
    [3, TILE + 1], [TILE_BLOCK + 1, 2 * TILE + 1], [2, WIDE_TILE - 1], [TILE_BLOCK, WIDE_TILE + 1], [3, 2 * WIDE_TILE + 1],
  ];
  it.each(cases)('%i x %i, axis 0: every column as reduced alone', (n, k) => {
    const p = sample(n * k, n + k);
    const q = sample(n * k, n + k + 1).map((v) => v + 0.5);
    for (let i = 0; i < n; i++) p[i * k + 7] = 0;
    const x = NDArray.fromData(p, [n, k]);
    const y = NDArray.fromData(q, [n, k]);
    const h = (entropy(x, { axis: 0 }) as NDArray).toFloat64Array();
    const d = (entropy(x, y, { axis: 0 }) as NDArray).toFloat64Array();
    const bad: string[] = [];
    for (let j = 0; j < k; j++) {
      const pj = column(p, n, k, j);
      const hj = entropy(pj) as number;
      const dj = entropy(pj, column(q, n, k, j)) as number;
      if (!(Object.is(h[j], hj) || Math.abs(h[j] - hj) <= 1e-13 * Math.abs(hj))) bad.push(`H[${j}] ${h[j]} ${hj}`);
      if (!(Object.is(d[j], dj) || Math.abs(d[j] - dj) <= 1e-12 * Math.abs(dj))) bad.push(`D[${j}] ${d[j]} ${dj}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
