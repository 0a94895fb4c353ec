/**
 * Ranks (numbers of dimensions) at the type level, so that a result's type can follow its input's:
 * `number[][]` is rank 2, a typed array rank 1, a number rank 0, an `NDArray<N>` rank `N`. A rank
 * the compiler cannot know (a scijs view, an `NDArray` of unknown rank, ragged or very deep
 * nesting) is the type `number`. Type-only: this file emits no code.
 */
import type { NDArray } from '../ndarray/ndarray.js';

/** Ranks are tracked exactly up to 8; deeper arrays have the unknown rank `number`. */
type Previous = [never, 0, 1, 2, 3, 4, 5, 6, 7];
type Next = [1, 2, 3, 4, 5, 6, 7, 8, number];
/** A tuple of length N, for rank arithmetic without recursion. */
type Tuples = [[], [0], [0, 0], [0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]];
type Tuple<N extends number> = N extends keyof Tuples & number ? Tuples[N] : number[];

/** `N - 1` for a known rank `N >= 1`; `number` when `N` is unknown. */
export type Dec<N extends number> = number extends N ? number : N extends keyof Previous & number ? Previous[N] : number;

/** `N + 1` for a known rank; `number` when `N` is unknown or too deep. */
export type Inc<N extends number> = number extends N ? number : N extends keyof Next & number ? Next[N] : number;

/** `N - L` for known ranks (at least 0); `number` when either is unknown. */
export type Sub<N extends number, L extends number> = number extends N | L
  ? number
  : Tuple<N> extends [...Tuple<L>, ...infer Rest]
    ? Rest['length']
    : 0;

/** The larger of two ranks (the rank two arrays broadcast to); `number` when either is unknown. */
export type Max<A extends number, B extends number> = number extends A | B ? number : Tuple<A> extends [...Tuple<B>, ...unknown[]] ? A : B;

/** Whether a rank is known to be at least 1 (the result is then an array, never a number). */
export type IsArrayRank<N extends number> = number extends N ? false : N extends 0 ? false : true;

/**
 * Nested JS arrays of numbers of rank `N` (`number` for rank 0), as `toArray()` returns them;
 * {@link NestedNumbers} when the rank is unknown.
 */
export type Nested<N extends number> = NestedByRank[N];

/** Nested arrays of numbers of any depth (a plain number for a 0-d array). */
export type NestedNumbers = number | NestedNumbers[];

/** {@link Nested} as a table (an indexed access keeps `NDArray<N>` covariant in `N`). */
export interface NestedByRank {
  [rank: number]: NestedNumbers;
  0: number;
  1: number[];
  2: number[][];
  3: number[][][];
  4: number[][][][];
  5: number[][][][][];
  6: number[][][][][][];
  7: number[][][][][][][];
  8: number[][][][][][][][];
}

/**
 * The type of `length` by rank: `undefined` for a 0-d array, a number from rank 1 on, either when
 * the rank is unknown.
 */
export interface LengthByRank {
  [rank: number]: number | undefined;
  0: undefined;
  1: number;
  2: number;
  3: number;
  4: number;
  5: number;
  6: number;
  7: number;
  8: number;
}

/**
 * What iterating over (or `at` on) the first axis of a rank-`N` array gives: numbers for 1-D,
 * `NDArray<N - 1>` row views otherwise.
 */
export type Item<N extends number> = ItemByRank[N];

/** {@link Item} as a table. */
export interface ItemByRank {
  [rank: number]: number | NDArray;
  0: never;
  1: number;
  2: NDArray<1>;
  3: NDArray<2>;
  4: NDArray<3>;
  5: NDArray<4>;
  6: NDArray<5>;
  7: NDArray<6>;
  8: NDArray<7>;
}

/** The rank of an array-like argument, from its type; `number` when it cannot be known. */
export type RankOf<P> = [P] extends [number | boolean]
  ? 0
  : [P] extends [{ readonly ndim: infer N extends number; readonly strides: readonly number[] }]
    ? N
    : [P] extends [ArrayBufferView & { readonly length: number }]
      ? 1
      : [P] extends [readonly (infer E)[]]
        ? [E] extends [number | boolean]
          ? 1
          : Inc<RankOf<E>>
        : number;
