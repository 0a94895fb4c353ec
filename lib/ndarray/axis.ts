/** Axis normalisation, with the error wording of the numpy/SciPy function being mirrored. */
import { AxisError, describeValue, ValueError } from '../errors.js';

/** An `axis` option: one axis, several, or `null` for all of them (after ravelling). */
export type Axis = number | readonly number[] | null;

/** The wording of axis errors, which differs between numpy functions. */
export interface AxisMessages {
  /** Out of bounds, e.g. `source: axis 2 is out of bounds for array of dimension 2`. */
  outOfBounds(axis: number, ndim: number): string;
  /** A repeated axis, e.g. `repeated axis in \`source\` argument`. */
  repeated: string;
  /** Whether a repeated axis is an {@link AxisError} (numpy's functions raise a ValueError). */
  repeatedIsAxisError?: boolean;
}

/** `np.moveaxis` wording, as seen through `scipy.stats` functions with paired samples. */
export const MOVEAXIS_MESSAGES: AxisMessages = {
  outOfBounds: (axis, ndim) => `source: axis ${axis} is out of bounds for array of dimension ${ndim}`,
  repeated: 'repeated axis in `source` argument',
};

/** numpy reduction (`np.sum`) wording. */
export const REDUCTION_MESSAGES: AxisMessages = {
  outOfBounds: (axis, ndim) => `axis ${axis} is out of bounds for array of dimension ${ndim}`,
  repeated: "duplicate value in 'axis'",
};

/** SciPy's one-sample functions (`_broadcast_shapes` wording), e.g. `differential_entropy`. */
export const SAMPLE_MESSAGES: AxisMessages = {
  outOfBounds: (_axis, ndim) => `\`axis\` is out of bounds for array of dimension ${ndim}`,
  repeated: '`axis` must contain only distinct elements',
  repeatedIsAxisError: true,
};

/**
 * Checks the type of an `axis` option before any shape is known. Only numbers count: `1n`,
 * `'1'`, `true` and nested arrays (`[[0]]`) are refused, not read as integers.
 * @throws {TypeError} when it is not an integer, an array of integers, null or undefined; the
 *   message names the offending value by its type.
 */
export function checkAxisType(axis: unknown): asserts axis is Axis | undefined {
  if (axis === null || axis === undefined) return;
  const items: readonly unknown[] = Array.isArray(axis) ? axis : [axis];
  for (const a of items) {
    if (typeof a !== 'number' || Number.isNaN(a)) {
      throw new TypeError(`\`axis\` must be an integer, an array of integers, or null; got ${describeValue(a)}${items === axis ? ` in ${describeValue(axis)}` : ''}`);
    }
    if (!Number.isInteger(a)) throw new TypeError(`integer argument expected, got float (axis ${a})`);
  }
}

/**
 * Normalises an int or an array of ints against `ndim`: negatives count from the end; the result
 * is in the order given (not sorted).
 * @throws {AxisError} for an axis out of bounds; {@link ValueError} (or AxisError, as the
 *   messages say) for a repeated axis.
 */
export function normalizeAxes(axis: number | readonly number[], ndim: number, messages: AxisMessages): number[] {
  checkAxisType(axis);
  const items = typeof axis === 'number' ? [axis] : axis;
  const out: number[] = [];
  for (const a of items) {
    if (a < -ndim || a >= ndim) throw new AxisError(messages.outOfBounds(a, ndim));
    const b = a < 0 ? a + ndim : a;
    if (out.includes(b)) throw messages.repeatedIsAxisError === true ? new AxisError(messages.repeated) : new ValueError(messages.repeated);
    out.push(b);
  }
  return out;
}
