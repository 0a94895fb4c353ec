/**
 * The error check of the `rejects ...` tables: `run` throws an error named `name` whose message
 * starts with `message`; an AxisError is also an AxisError and a ValueError by class, and a
 * ValueError a ValueError.
 */
import { AxisError, ValueError } from '../../lib/errors';

export function expectThrows(run: () => unknown, name: string, message: string): void {
  let err: Error | undefined;
  try {
    run();
  } catch (e) {
    err = e as Error;
  }
  expect(err?.name).toBe(name);
  expect(err?.message.startsWith(message)).toBe(true);
  if (name === 'AxisError') expect(err).toBeInstanceOf(AxisError);
  if (name === 'AxisError' || name === 'ValueError') expect(err).toBeInstanceOf(ValueError);
}
