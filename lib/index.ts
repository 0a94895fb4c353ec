/** scipy-entropy: SciPy's information-theory functions for TypeScript. */
export * from './stats/index.js';
export * from './special/index.js';
export * from './spatial/index.js';
export { ValueError, AxisError, IndexError, ThreadError } from './errors.js';
export { setThreads, getThreads, closeThreads } from './threads/settings.js';
export { NDArray, type DType, type NestedNumbers, type NumericData, type ScijsArray } from './ndarray/ndarray.js';
export { asarray, type ArrayLike, type ArrayLikeNumbers, type NestedArray, type StridedArray, type TypedArray } from './ndarray/create.js';
export type { Axis } from './ndarray/axis.js';
export type { UfuncOptions } from './ndarray/elementwise.js';
export type { Item, ItemByRank, LengthByRank, Max, Nested, NestedByRank, RankOf } from './types/rank.js';
export type { Mapped, NoExtra, PairRank, Reduced } from './types/signatures.js';
