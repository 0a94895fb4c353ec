/**
 * The result types of the public functions' signatures: the result type follows the input's rank and the
 * options wherever TypeScript can know them, so a strict project needs no casts:
 *
 * - a reduction (`entropy`, `cross_entropy`, `jensenshannon`, `differential_entropy`) of a rank-R
 *   input along one axis (the default) is `number` for R = 1 and `NDArray<R - 1>` above;
 *   `axis: null` gives `number`; an axis tuple of known length L removes L axes; `keepdims: true`
 *   gives `NDArray<R>`;
 * - an elementwise function (`entr`, `rel_entr`, `kl_div`, `xlogy`, `xlog1py`) gives `number` for
 *   scalars, `NDArray<R>` (R the broadcast rank) when an operand is an array or `out` is given;
 * - `number | NDArray` remains only where the rank or the options are truly unknown (a scijs view,
 *   an `NDArray` of unknown rank, an options object typed as a whole, `keepdims: boolean`).
 *
 * Every option also accepts `undefined` (for `exactOptionalPropertyTypes`), and an options object
 * with a name the function does not know is a type error. Type-only: this file emits no code.
 */
import type { NDArray } from '../ndarray/ndarray.js';
import type { IsArrayRank, Max, RankOf, Sub } from './rank.js';

/**
 * Names in `O` that `T` does not have are typed `never`, so an unknown option is a type error;
 * an options object typed with an index signature (`Record<string, unknown>`) passes, and is
 * checked when the function runs.
 */
export type NoExtra<O, T> = string extends keyof O ? unknown : { [K in Exclude<keyof O, keyof T>]: never };

/** The rank of pk and qk broadcast together, qk possibly absent (`null` or `undefined`). */
export type PairRank<P, Q> = Q extends null | undefined ? RankOf<P> : Max<RankOf<P>, RankOf<Q>>;

type KeepdimsOf<O> = 'keepdims' extends keyof O ? O['keepdims' & keyof O] : undefined;
type AxisOf<O> = 'axis' extends keyof O ? O['axis' & keyof O] : undefined;
type OutOf<O> = 'out' extends keyof O ? O['out' & keyof O] : undefined;

/** An array of rank R with L axes reduced away: a number at rank 0. */
type Lowered<R extends number, L extends number> = number extends R ? number | NDArray : Sub<R, L> extends 0 ? number : NDArray<Sub<R, L>>;

/** The result of reducing a rank-R array along `axis` A without keepdims (A distributes). */
type Dropped<R extends number, A> = A extends null
  ? number
  : A extends number | undefined
    ? Lowered<R, 1>
    : A extends readonly unknown[]
      ? number extends A['length']
        ? number | NDArray
        : Lowered<R, A['length']>
      : number | NDArray;

/** The result type of a reduction of a rank-R input under options O. */
export type Reduced<R extends number, O> =
  | (true extends KeepdimsOf<O> ? NDArray<R> : never)
  | ([Exclude<KeepdimsOf<O>, true>] extends [never] ? never : Dropped<R, AxisOf<O>>);

/** The result of an elementwise function of operands of ranks RX and RY without `out`. */
type Fresh<RX extends number, RY extends number> = IsArrayRank<RX> extends true
  ? NDArray<Max<RX, RY>>
  : IsArrayRank<RY> extends true
    ? NDArray<Max<RX, RY>>
    : number extends RX | RY
      ? number | NDArray
      : number;

/** The result type of an elementwise function of operands of ranks RX and RY under options O. */
export type Mapped<RX extends number, RY extends number, O> =
  | ([Exclude<OutOf<O>, null | undefined>] extends [never] ? never : NDArray<Max<RX, RY>>)
  | ([Extract<OutOf<O>, null | undefined>] extends [never] ? never : Fresh<RX, RY>);
