/**
 * A worker that fails mid-call makes that call throw a ThreadError at once (no hang, no result),
 * and the next call gets a new, healthy pool with the right answer.
 */
import { closeThreads, entr, entropy, NDArray, setThreads } from '../../lib/index';
import { runningPool } from '../../lib/threads/pool';
import type { FaultInjection } from '../../lib/threads/protocol';
import { sample } from './helpers';

const R = 1024;
const C = 512;
const X = NDArray.fromData(sample(R * C, 21), [R, C]);
setThreads(1);
const expected = (entropy(X, { axis: 1 }) as NDArray).toFloat64Array();
const expectedEntr = (entr(X) as NDArray).toFloat64Array();

afterAll(() => closeThreads());

/** Starts a 2-thread pool and arms `fault` for its next call. */
function armed(fault: FaultInjection) {
  setThreads(2);
  entropy(X, { axis: 1 });
  const pool = runningPool();
  if (pool === null) throw new Error('the pool did not start');
  pool.fault = fault;
  return pool;
}

describe('a worker failing during a call', () => {
  it.each<[string, FaultInjection, RegExp]>([
    ['exits', { kind: 'exit', piece: 3 }, /^a worker thread stopped during the call \(worker \d exited \(code 70\)\)/],
    ['is terminated', { kind: 'terminate', piece: 3 }, /^a worker thread stopped during the call \(worker \d exited \(code 1\)\)/],
    ['throws', { kind: 'throw', piece: 3 }, /^a worker thread threw an error during the call \(Error: injected fault\)/],
  ])('that %s makes the call throw a ThreadError, and the next call works', (_, fault, message) => {
    const pool = armed(fault);
    let err: Error | undefined;
    try {
      entropy(X, { axis: 1 });
    } catch (e) {
      err = e as Error;
    }
    expect(err?.name).toBe('ThreadError');
    expect(err?.message).toMatch(message);
    expect(err?.message).toMatch(/no result was produced/);
    expect(pool.healthy).toBe(false);
    const again = (entropy(X, { axis: 1 }) as NDArray).toFloat64Array();
    expect(runningPool()).not.toBe(pool);
    expect(runningPool()?.healthy).toBe(true);
    expect(again).toEqual(expected);
  });

  it('makes an elementwise call into a plain `out` throw too, and the next call fills it right', () => {
    const pool = armed({ kind: 'exit', piece: 1 });
    const out = new Float64Array(R * C);
    expect(() => entr(X, { out })).toThrow(expect.objectContaining({ name: 'ThreadError' }) as unknown as Error);
    expect(pool.healthy).toBe(false);
    entr(X, { out });
    expect(out).toEqual(expectedEntr);
  });
});
