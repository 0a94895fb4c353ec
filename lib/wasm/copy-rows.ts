/**
 * The copy of a strided block's rows into WebAssembly memory that the column kernels read (rows
 * in memory order, each padded to an even width).
 */

/**
 * Copies rows i < m of the n x k view `data[first + i*rowStride + j*colStep]` to
 * `mem[at + i*k2 + j]`, with a zero in the pad column j = k when k2 = k + 1: one `set` when the
 * rows are adjacent and whole, a `set` of a `subarray` per row when they are contiguous, else
 * element by element.
 */
export function copyRows(
  mem: Float64Array, at: number, data: Float64Array, first: number, rowStride: number, colStep: number, m: number, k: number, k2: number,
): void {
  if (colStep === 1 && rowStride === k2) {
    mem.set(data.subarray(first, first + m * k2), at); // whole rows, one copy
    return;
  }
  for (let i = 0, row = first, o = at; i < m; i++, row += rowStride, o += k2) {
    if (colStep === 1 && k >= 16) mem.set(data.subarray(row, row + k), o);
    else for (let j = 0, q = row; j < k; j++, q += colStep) mem[o + j] = data[q];
    if (k2 > k) mem[o + k] = 0;
  }
}
