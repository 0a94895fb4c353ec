/** Validation of the options shared by the public functions of `stats` and `spatial`. */
import { describeValue, ValueError } from './errors.js';
import { checkAxisType, type Axis } from './ndarray/axis.js';
import { isStridedArray } from './ndarray/create.js';
import { isScijsArray } from './ndarray/ndarray.js';

/** How NaN inputs are treated: kept (`propagate`), dropped (`omit`) or rejected (`raise`). */
export type NanPolicy = 'propagate' | 'omit' | 'raise';

const POLICIES: readonly NanPolicy[] = ['propagate', 'raise', 'omit'];

/** Whether a value is a plain object: made by `{...}` or `Object.create(null)`. */
export function isPlainObject(x: unknown): x is object {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * The options object of `fn`, validated and copied once: only a plain object is options, only its
 * own enumerable properties are read (a polluted `Object.prototype` changes nothing, a getter runs
 * once), and a name not in `known` is refused the way Python refuses an unexpected keyword.
 * `undefined` is no options.
 * @throws {TypeError} `fn() options must be a plain object ...`, or
 *   `fn() got an unexpected keyword argument 'foo'`.
 */
export function readOptions(fn: string, options: unknown, known: readonly string[]): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (options === undefined) return out;
  if (!isPlainObject(options)) throw new TypeError(`${fn}() options must be a plain object; got ${describeValue(options)}`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new TypeError(`${fn}() got an unexpected keyword argument '${key}'`);
    out[key] = (options as Record<string, unknown>)[key];
  }
  return out;
}

/** `nan_policy` (or its alias `nanPolicy`), default `propagate`. */
export function nanPolicyOption(options: { nan_policy?: unknown; nanPolicy?: unknown }): NanPolicy {
  const { nan_policy: a, nanPolicy: b } = options;
  if (a !== undefined && b !== undefined && a !== b) {
    throw new TypeError('got both `nan_policy` and its alias `nanPolicy` with different values');
  }
  const policy = a ?? b ?? 'propagate';
  if (!POLICIES.includes(policy as NanPolicy)) {
    throw new ValueError(`nan_policy must be one of {'propagate', 'raise', 'omit'}; got ${describeValue(policy)}`);
  }
  return policy as NanPolicy;
}

/**
 * `base`: null/undefined for e, else a number; SciPy's check is only `base <= 0` (NaN passes).
 * @throws {TypeError} for a non-number; {@link ValueError} for base <= 0.
 */
export function baseOption(base: unknown): number | null {
  if (base === undefined || base === null) return null;
  if (typeof base !== 'number') throw new TypeError(`\`base\` must be a number or \`null\`; got ${describeValue(base)}`);
  if (base <= 0) throw new ValueError('`base` must be a positive number or `null`.');
  return base;
}

/** `keepdims`, default false. */
export function keepdimsOption(keepdims: unknown): boolean {
  if (keepdims === undefined) return false;
  if (typeof keepdims !== 'boolean') throw new TypeError(`\`keepdims\` must be a boolean; got ${describeValue(keepdims)}`);
  return keepdims;
}

/** `axis`, with its default; type-checked (bounds are checked once shapes are known). */
export function axisOption(axis: unknown, fallback: Axis): Axis {
  if (axis === undefined) return fallback;
  checkAxisType(axis);
  return axis as Axis;
}

/**
 * Whether the argument after pk is the options object rather than qk: only a plain object that is
 * not a view (`{ data, shape, strides, offset }`) is; anything else (an ArrayBuffer, a Map, an
 * NDArray, a class instance) is qk, converted or refused as an array.
 */
export function isOptionsObject(x: unknown): x is object {
  return isPlainObject(x) && !isStridedArray(x) && !isScijsArray(x);
}

/** The error `nan_policy: 'raise'` throws for an input holding NaN. */
export function nanPolicyError(): ValueError {
  return new ValueError('The input contains nan values');
}

/** Options of `entropy` (and `cross_entropy`). */
export interface EntropyOptions {
  /** Logarithm base; `null`/undefined for e (nats). Must be positive (NaN passes, as in SciPy). */
  base?: number | null | undefined;
  /**
   * Axis or axes to reduce; `null` (or `[]`, as SciPy 1.17) ravels each input; default 0.
   * Negative counts from the end.
   */
  axis?: Axis | undefined;
  /** `propagate` (default), `omit` (drop NaN positions, paired across pk and qk) or `raise`. */
  nan_policy?: NanPolicy | undefined;
  /** Alias of `nan_policy`. */
  nanPolicy?: NanPolicy | undefined;
  /** Keep reduced axes as length 1, so the result broadcasts against the input. */
  keepdims?: boolean | undefined;
}

const ENTROPY_KEYS = ['base', 'axis', 'nan_policy', 'nanPolicy', 'keepdims'];

/** An empty options object a public function may pass for "none given" (never read). */
export const NO_OPTIONS: EntropyOptions = Object.freeze({});

/** The checked options of `entropy` (and `cross_entropy`). */
export interface CheckedEntropyOptions {
  base: number | null;
  axis: Axis;
  policy: NanPolicy;
  keepdims: boolean;
}

/** The checked options when none are given (shared and frozen: callers only read them). */
const DEFAULT_ENTROPY_OPTIONS: CheckedEntropyOptions = Object.freeze({ base: null, axis: 0, policy: 'propagate', keepdims: false });

/**
 * Validates the options of `fn` (unknown names, `base`, `axis`, `nan_policy`, `keepdims`) and
 * the presence of `pk`, before anything else (so `base` is checked before any short-circuit).
 */
export function checkEntropyOptions(fn: string, pk: unknown, options: unknown): CheckedEntropyOptions {
  if (options === undefined || options === NO_OPTIONS) {
    // The common call: nothing to read, nothing to allocate.
    if (pk === undefined || pk === null) throw new TypeError(`${fn}() missing required argument \`pk\``);
    return DEFAULT_ENTROPY_OPTIONS;
  }
  const o = readOptions(fn, options, ENTROPY_KEYS);
  const axis = axisOption(o.axis, 0);
  const checked = { base: baseOption(o.base), axis: Array.isArray(axis) && axis.length === 0 ? null : axis, policy: nanPolicyOption(o), keepdims: keepdimsOption(o.keepdims) };
  if (pk === undefined || pk === null) throw new TypeError(`${fn}() missing required argument \`pk\``);
  return checked;
}
