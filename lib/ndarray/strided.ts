/**
 * What the reduction engine sees of an array: a typed array and the address formula of a strided
 * view (element `[i0, i1, ...]` at `data[offset + i0*strides[0] + i1*strides[1] + ...]`). Types
 * only; `NDArray` (lib/ndarray/ndarray.ts) is one, and sits above the engine.
 */

/** The typed arrays an `NDArray` can hold. */
export type NumericData =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint8ClampedArray
  | Uint16Array
  | Uint32Array;

/** A strided view over `data`, in elements. */
export interface Strided {
  readonly data: NumericData;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}
