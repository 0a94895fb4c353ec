/**
 * The public functions' signatures as types: the result type follows the input's rank and the
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
import type { Axis } from '../ndarray/axis.js';
import type { ArrayLike } from '../ndarray/create.js';
import type { NDArray, ScijsArray } from '../ndarray/ndarray.js';
import type { IsArrayRank, Max, RankOf, Sub } from './rank.js';

/** How NaN inputs are treated: kept (`propagate`), dropped (`omit`) or rejected (`raise`). */
export type NanPolicy = 'propagate' | 'omit' | 'raise';

/** The options every reduction has. */
export interface ReductionOptions {
  /** Axis or axes to reduce; `null` for all of them; default 0. Negative counts from the end. */
  axis?: Axis | undefined;
  /** Keep reduced axes as length 1, so the result broadcasts against the input. Default false. */
  keepdims?: boolean | undefined;
}

/** Options of `entropy` and `cross_entropy`. */
export interface EntropyOptions extends ReductionOptions {
  /** Logarithm base; `null`/undefined for e (nats). Must be positive (NaN passes, as in SciPy). */
  base?: number | null | undefined;
  /** `propagate` (default), `omit` (drop NaN positions, paired across pk and qk) or `raise`. */
  nan_policy?: NanPolicy | undefined;
  /** Alias of `nan_policy`. */
  nanPolicy?: NanPolicy | undefined;
}

/** Options of `jensenshannon`. */
export interface JensenShannonOptions extends ReductionOptions {
  /** Logarithm base; `null`/undefined for e. Not checked, as in SciPy. */
  base?: number | null | undefined;
}

/** The estimators of `differential_entropy` (names are case-insensitive). */
export type DifferentialEntropyMethod = 'auto' | 'vasicek' | 'van es' | 'ebrahimi' | 'correa';

/** Options of `differential_entropy`. */
export interface DifferentialEntropyOptions extends ReductionOptions {
  /** Window half-width m; `null`/undefined for `floor(sqrt(n) + 0.5)`. */
  window_length?: number | null | undefined;
  /** Alias of `window_length`. */
  windowLength?: number | null | undefined;
  /** Logarithm base; `null`/undefined for e. */
  base?: number | null | undefined;
  /** Estimator, default `auto`. */
  method?: DifferentialEntropyMethod | Capitalize<DifferentialEntropyMethod> | Uppercase<DifferentialEntropyMethod> | (string & {}) | undefined;
  /** `propagate` (default), `omit` or `raise`. */
  nan_policy?: NanPolicy | undefined;
  /** Alias of `nan_policy`. */
  nanPolicy?: NanPolicy | undefined;
}

/** Options of the elementwise functions. */
export interface UfuncOptions {
  /**
   * Where to write the result, as numpy's `out=`: a C-contiguous array of the broadcast shape,
   * which is returned; `null`/undefined for a new array.
   */
  out?: NDArray | ScijsArray | Float64Array | Float32Array | null | undefined;
}

/** Names in `O` that `T` does not have are typed `never`, so an unknown option is a type error. */
export type NoExtra<O, T> = { [K in Exclude<keyof O, keyof T>]: never };

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

/** `entropy(pk, options?)`, `entropy(pk, qk, options?)`. */
export interface EntropySignature {
  <P extends ArrayLike, const O extends EntropyOptions = {}>(pk: P, options?: O & NoExtra<O, EntropyOptions>): Reduced<RankOf<P>, O>;
  <P extends ArrayLike, const O extends EntropyOptions = {}>(pk: P, qk: null | undefined, options?: O & NoExtra<O, EntropyOptions>): Reduced<RankOf<P>, O>;
  <P extends ArrayLike, Q extends ArrayLike, const O extends EntropyOptions = {}>(pk: P, qk: Q, options?: O & NoExtra<O, EntropyOptions>): Reduced<Max<RankOf<P>, RankOf<Q>>, O>;
}

/** `cross_entropy(pk, qk, options?)`. */
export interface CrossEntropySignature {
  <P extends ArrayLike, Q extends ArrayLike, const O extends EntropyOptions = {}>(pk: P, qk: Q, options?: O & NoExtra<O, EntropyOptions>): Reduced<Max<RankOf<P>, RankOf<Q>>, O>;
}

/** `jensenshannon(p, q, options?)`. */
export interface JensenShannonSignature {
  <P extends ArrayLike, Q extends ArrayLike, const O extends JensenShannonOptions = {}>(p: P, q: Q, options?: O & NoExtra<O, JensenShannonOptions>): Reduced<Max<RankOf<P>, RankOf<Q>>, O>;
}

/** `differential_entropy(values, options?)`. */
export interface DifferentialEntropySignature {
  <V extends ArrayLike, const O extends DifferentialEntropyOptions = {}>(values: V, options?: O & NoExtra<O, DifferentialEntropyOptions>): Reduced<RankOf<V>, O>;
}

/** A one-argument elementwise function (`entr`). */
export interface UnaryUfuncSignature {
  <X extends ArrayLike, const O extends UfuncOptions = {}>(x: X, options?: O & NoExtra<O, UfuncOptions>): Mapped<RankOf<X>, 0, O>;
}

/** A two-argument elementwise function (`rel_entr`, `kl_div`, `xlogy`, `xlog1py`). */
export interface BinaryUfuncSignature {
  <X extends ArrayLike, Y extends ArrayLike, const O extends UfuncOptions = {}>(x: X, y: Y, options?: O & NoExtra<O, UfuncOptions>): Mapped<RankOf<X>, RankOf<Y>, O>;
}
