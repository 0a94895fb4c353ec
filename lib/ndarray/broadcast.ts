/** numpy broadcasting: shapes are aligned from the right; length-1 axes stretch. */
import { ValueError } from '../errors.js';
import { formatShape } from './shape.js';

/**
 * The shape that arrays of the given shapes broadcast to, or `null` when they do not.
 */
export function tryBroadcastShapes(...shapes: ReadonlyArray<readonly number[]>): number[] | null {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    const lead = ndim - s.length;
    for (let d = 0; d < s.length; d++) {
      const m = s[d];
      const cur = out[lead + d];
      if (m === cur || m === 1) continue;
      if (cur === 1) out[lead + d] = m;
      else return null;
    }
  }
  return out;
}

/**
 * The broadcast shape, with numpy's ufunc error when there is none:
 * `operands could not be broadcast together with shapes (2,) (3,) `.
 * @throws {ValueError}
 */
export function broadcastShapes(...shapes: ReadonlyArray<readonly number[]>): number[] {
  const out = tryBroadcastShapes(...shapes);
  if (out === null) {
    throw new ValueError(`operands could not be broadcast together with shapes ${shapes.map(formatShape).join(' ')} `);
  }
  return out;
}
