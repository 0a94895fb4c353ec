/**
 * The library functions behind each command, with one signature: the first input, the second
 * (or none), and the options the command line gave.
 */
import { entropy, type NDArray } from '../index.js';
import { jensenshannon } from '../spatial/index.js';
import { type Command } from './args.js';

/** The options a command passes on. */
export interface ReduceOptions {
  axis?: number | number[] | null;
  base?: number;
  nanPolicy?: 'propagate' | 'omit' | 'raise';
  keepdims: boolean;
}

/** A command's computation. */
export type Reducer = (p: NDArray, q: NDArray | undefined, options: ReduceOptions) => number | NDArray;

export const REDUCERS: Record<Command, Reducer> = {
  entropy: (p, q, o) =>
    entropy(p, q ?? null, {
      ...(o.axis !== undefined && { axis: o.axis }),
      ...(o.base !== undefined && { base: o.base }),
      ...(o.nanPolicy !== undefined && { nan_policy: o.nanPolicy }),
      keepdims: o.keepdims,
    }),
  jensenshannon: (p, q, o) =>
    jensenshannon(p, q!, {
      ...(o.axis !== undefined && { axis: o.axis }),
      ...(o.base !== undefined && { base: o.base }),
      keepdims: o.keepdims,
    }),
};
