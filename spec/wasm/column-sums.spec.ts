import { sumColumnsFast } from '../../lib/wasm/column-sums';
import { fastKernels } from '../../lib/wasm/entropy-fast';

// sum_cols of lib/wasm/kernels.wat against the same TwoSum in TypeScript, column by column in
// row order: the two must agree bit for bit (sums, rounding errors and sums of squares).

const onlyWithWasm = fastKernels.available ? it : it.skip;

/** Column j of the n x k view, summed in row order with TwoSum: [s, err, squares]. */
function twoSum(data: Float64Array, start: number, rowStride: number, colStep: number, n: number, j: number): [number, number, number] {
  let s = 0, c = 0, q = 0;
  for (let i = 0; i < n; i++) {
    const x = data[start + i * rowStride + j * colStep];
    const t = s + x;
    const b = t - s;
    c += (s - (t - b)) + (x - b);
    s = t;
    q += x * x;
  }
  return [s, c, q];
}

function check(data: Float64Array, start: number, rowStride: number, colStep: number, n: number, k: number): void {
  const s = new Float64Array(k).fill(42), e = new Float64Array(k).fill(42), q = new Float64Array(k).fill(42);
  expect(sumColumnsFast(data, start, rowStride, colStep, n, k, s, e, q)).toBe(true);
  for (let j = 0; j < k; j++) {
    const want = twoSum(data, start, rowStride, colStep, n, j);
    if (!(Object.is(s[j], want[0]) && Object.is(e[j], want[1]) && Object.is(q[j], want[2]))) {
      throw new Error(`n = ${n}, k = ${k}, column ${j}: got ${[s[j], e[j], q[j]]}, want ${want}`);
    }
  }
}

describe('sumColumnsFast (compensated column sums in WebAssembly)', () => {
  let seed = 99;
  const data = Float64Array.from({ length: 400000 }, () => {
    seed = (seed * 16807) % 2147483647;
    return (seed / 2147483647) * 2 ** -(seed % 40);
  });

  onlyWithWasm('agrees bit for bit with TwoSum in row order, odd and even widths, short and tall blocks', () => {
    for (const [n, k] of [[1, 1], [3, 2], [7, 3], [100, 63], [100, 64], [5000, 8], [2, 4096], [70, 4095], [40000, 2]] as const) {
      check(data, 0, k, 1, n, k);
    }
  });

  onlyWithWasm('reads strided and offset views (a transposed matrix, every other column, a wide matrix)', () => {
    check(data, 5, 1, 700, 300, 400);
    check(data, 3, 900, 2, 200, 300);
    check(data, 11, 4100, 1, 90, 4096);
  });

  onlyWithWasm('gives zeros for no rows, and lets infinities and NaN through', () => {
    const s = new Float64Array(3).fill(42), e = new Float64Array(3).fill(42), q = new Float64Array(3).fill(42);
    expect(sumColumnsFast(data, 0, 3, 1, 0, 3, s, e, q)).toBe(true);
    expect([...s, ...e, ...q]).toEqual(new Array(9).fill(0));
    const m = data.slice(0, 300 * 5);
    [Infinity, -Infinity, NaN, 0, -0].forEach((v, j) => (m[17 * 5 + j] = v));
    check(m, 0, 5, 1, 300, 5);
    sumColumnsFast(m, 0, 5, 1, 300, 5, s, e, q);
    expect([s[0], s[1], s[2]]).toEqual([Infinity, -Infinity, NaN]);
  });

  it('declines blocks wider than 4096 columns (and does nothing without wasm)', () => {
    const out = new Float64Array(4097);
    expect(sumColumnsFast(data, 0, 0, 1, 1, 4097, out, out, out)).toBe(false);
    expect(sumColumnsFast(data, 0, 2, 1, 2, 2, out, out, out)).toBe(fastKernels.available);
  });
});
