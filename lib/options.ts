/** Validation of the options shared by the public functions of `stats` and `spatial`. */
import { ValueError } from './errors.js';
import { checkAxisType, type Axis } from './ndarray/axis.js';
import type { TypedArray } from './ndarray/create.js';
import { isScijsArray, NDArray } from './ndarray/ndarray.js';

/** How NaN inputs are treated: kept (`propagate`), dropped (`omit`) or rejected (`raise`). */
export type NanPolicy = 'propagate' | 'omit' | 'raise';

const POLICIES: readonly NanPolicy[] = ['propagate', 'raise', 'omit'];

/** Rejects option names the function does not know, the way Python rejects keywords. */
export function checkKeys(fn: string, options: object, known: readonly string[]): void {
  for (const key in options) {
    if (Object.prototype.hasOwnProperty.call(options, key) && !known.includes(key)) {
      throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'`);
    }
  }
}

/** `nan_policy` (or its alias `nanPolicy`), default `propagate`. */
export function nanPolicyOption(options: { nan_policy?: unknown; nanPolicy?: unknown }): NanPolicy {
  const { nan_policy: a, nanPolicy: b } = options;
  if (a !== undefined && b !== undefined && a !== b) {
    throw new TypeError('got both `nan_policy` and its alias `nanPolicy` with different values');
  }
  const policy = a ?? b ?? 'propagate';
  if (!POLICIES.includes(policy as NanPolicy)) {
    throw new ValueError(`nan_policy must be one of {'propagate', 'raise', 'omit'}; got ${JSON.stringify(policy)}`);
  }
  return policy as NanPolicy;
}

/**
 * `base`: null/undefined for e, else a number; SciPy's check is only `base <= 0` (NaN passes).
 * @throws {TypeError} for a non-number; {@link ValueError} for base <= 0.
 */
export function baseOption(base: unknown): number | null {
  if (base === undefined || base === null) return null;
  if (typeof base !== 'number') throw new TypeError(`\`base\` must be a number or \`null\`; got ${typeof base}`);
  if (base <= 0) throw new ValueError('`base` must be a positive number or `null`.');
  return base;
}

/** `keepdims`, default false. */
export function keepdimsOption(keepdims: unknown): boolean {
  if (keepdims === undefined) return false;
  if (typeof keepdims !== 'boolean') throw new TypeError(`\`keepdims\` must be a boolean; got ${String(keepdims)}`);
  return keepdims;
}

/** `axis`, with its default; type-checked (bounds are checked once shapes are known). */
export function axisOption(axis: unknown, fallback: Axis): Axis {
  if (axis === undefined) return fallback;
  checkAxisType(axis);
  return axis as Axis;
}

/** A scalar or 1-D input: with these, a reduction gives a number unless keepdims is set. */
export type Flat = number | boolean | readonly (number | boolean)[] | TypedArray;

/** Whether an argument is an options object rather than an array-like. */
export function isOptionsObject(x: unknown): x is object {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && !(x instanceof NDArray) && !isScijsArray(x);
}

/** The error `nan_policy: 'raise'` throws for an input holding NaN. */
export function nanPolicyError(): ValueError {
  return new ValueError('The input contains nan values');
}

/** Options of `entropy` (and `cross_entropy`). */
export interface EntropyOptions {
  /** Logarithm base; `null`/undefined for e (nats). Must be positive (NaN passes, as in SciPy). */
  base?: number | null;
  /** Axis or axes to reduce; `null` ravels each input; default 0. Negative counts from the end. */
  axis?: Axis;
  /** `propagate` (default), `omit` (drop NaN positions, paired across pk and qk) or `raise`. */
  nan_policy?: NanPolicy;
  /** Alias of `nan_policy`. */
  nanPolicy?: NanPolicy;
  /** Keep reduced axes as length 1, so the result broadcasts against the input. */
  keepdims?: boolean;
}

const ENTROPY_KEYS = ['base', 'axis', 'nan_policy', 'nanPolicy', 'keepdims'];

/** The checked options of `entropy` (and `cross_entropy`). */
export interface CheckedEntropyOptions {
  base: number | null;
  axis: Axis;
  policy: NanPolicy;
  keepdims: boolean;
}

/**
 * Validates the options of `fn` (unknown names, `base`, `axis`, `nan_policy`, `keepdims`) and
 * the presence of `pk`, before anything else (so `base` is checked before any short-circuit).
 */
export function checkEntropyOptions(fn: string, pk: unknown, options: unknown): CheckedEntropyOptions {
  if (!isOptionsObject(options)) throw new TypeError(`${fn}() options must be an object`);
  checkKeys(fn, options, ENTROPY_KEYS);
  const o = options as EntropyOptions;
  const checked = { base: baseOption(o.base), axis: axisOption(o.axis, 0), policy: nanPolicyOption(o), keepdims: keepdimsOption(o.keepdims) };
  if (pk === undefined || pk === null) throw new TypeError(`${fn}() missing required argument \`pk\``);
  return checked;
}
