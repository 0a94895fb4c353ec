/**
 * The library functions behind each command, with one signature: the first input, the second
 * (or none), and the options the command line gave. Only the package's public exports are used.
 */
import { cross_entropy, differential_entropy, entropy, jensenshannon, type NDArray } from '../index.js';
import { type Args, type Command } from './args.js';

/** The options a command passes on. */
export interface ReduceOptions {
  axis?: number | number[] | null;
  base?: number;
  nanPolicy?: 'propagate' | 'omit' | 'raise';
  keepdims: boolean;
  method?: Args['method'];
  windowLength?: number;
}

/** A command's computation. */
export type Reducer = (p: NDArray, q: NDArray | undefined, options: ReduceOptions) => number | NDArray;

const common = (o: ReduceOptions) => ({
  ...(o.axis !== undefined && { axis: o.axis }),
  ...(o.base !== undefined && { base: o.base }),
  keepdims: o.keepdims,
});
const policy = (o: ReduceOptions) => (o.nanPolicy !== undefined ? { nan_policy: o.nanPolicy } : {});

export const REDUCERS: Record<Command, Reducer> = {
  entropy: (p, q, o) => entropy(p, q ?? null, { ...common(o), ...policy(o) }),
  cross_entropy: (p, q, o) => cross_entropy(p, q!, { ...common(o), ...policy(o) }),
  differential_entropy: (p, _q, o) =>
    differential_entropy(p, {
      ...common(o),
      ...policy(o),
      ...(o.method !== undefined && { method: o.method }),
      ...(o.windowLength !== undefined && { window_length: o.windowLength }),
    }),
  jensenshannon: (p, q, o) => jensenshannon(p, q!, common(o)),
};

/** Which commands take a second input, and how it is given. */
export const SECOND: Record<Command, 'none' | 'qk' | 'positional' | 'required-qk'> = {
  entropy: 'qk',
  cross_entropy: 'required-qk',
  differential_entropy: 'none',
  jensenshannon: 'positional',
};
