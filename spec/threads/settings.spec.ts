import { closeThreads, entropy, getThreads, NDArray, setThreads } from '../../lib/index';
import { ARENA_CAP } from '../../lib/threads/arena';
import { availableCores } from '../../lib/threads/node';
import { runningPool } from '../../lib/threads/pool';
import { expectThrows } from '../helpers/throws';
import { sample } from './helpers';

afterAll(() => closeThreads());

/** `getThreads()` of a fresh copy of the module, with SCIPY_ENTROPY_THREADS set to `value`. */
function threadsFromEnv(value: string | undefined): number {
  const saved = process.env.SCIPY_ENTROPY_THREADS;
  if (value === undefined) delete process.env.SCIPY_ENTROPY_THREADS;
  else process.env.SCIPY_ENTROPY_THREADS = value;
  try {
    let n = 0;
    jest.isolateModules(() => {
      n = (require('../../lib/threads/settings') as typeof import('../../lib/threads/settings')).getThreads();
    });
    return n;
  } finally {
    if (saved === undefined) delete process.env.SCIPY_ENTROPY_THREADS;
    else process.env.SCIPY_ENTROPY_THREADS = saved;
  }
}

describe('getThreads', () => {
  it('is 1 when nothing asks for threads', () => {
    expect(threadsFromEnv(undefined)).toBe(1);
    expect(threadsFromEnv('')).toBe(1);
  });

  it('reads SCIPY_ENTROPY_THREADS: a count, or 0 / auto for every core', () => {
    expect(threadsFromEnv('3')).toBe(3);
    expect(threadsFromEnv(' 2 ')).toBe(2);
    expect(threadsFromEnv('0')).toBe(availableCores());
    expect(threadsFromEnv('auto')).toBe(availableCores());
  });

  // (The module is a fresh copy, so its ValueError is another class: the name is what counts.)
  it.each(['two', '-1', '1.5', '257'])('rejects SCIPY_ENTROPY_THREADS=%s', (value) => {
    expect(() => threadsFromEnv(value)).toThrow(
      expect.objectContaining({ name: 'ValueError', message: `SCIPY_ENTROPY_THREADS must be a whole number from 0 to 256 or 'auto'; got "${value}"` }) as unknown as Error,
    );
  });
});

describe('setThreads', () => {
  it('sets the count getThreads reports', () => {
    setThreads(3);
    expect(getThreads()).toBe(3);
    setThreads('auto');
    expect(getThreads()).toBe(availableCores());
    setThreads(0);
    expect(getThreads()).toBe(availableCores());
    setThreads(1);
    expect(getThreads()).toBe(1);
  });

  it.each<[unknown, string, string]>([
    ['2', 'TypeError', `setThreads() takes a number or 'auto'; got "2"`],
    [null, 'TypeError', `setThreads() takes a number or 'auto'; got object`],
    [-1, 'ValueError', `setThreads() takes a whole number from 0 to 256 or 'auto'; got -1`],
    [1.5, 'ValueError', `setThreads() takes a whole number from 0 to 256 or 'auto'; got 1.5`],
    [257, 'ValueError', `setThreads() takes a whole number from 0 to 256 or 'auto'; got 257`],
    [NaN, 'ValueError', `setThreads() takes a whole number from 0 to 256 or 'auto'; got NaN`],
  ])('rejects %p', (n, name, message) => {
    expectThrows(() => setThreads(n as number), name, message);
  });

  it('starts the pool on the first large call and keeps its memory bounded', () => {
    closeThreads();
    setThreads(2);
    expect(runningPool()).toBeNull();
    entropy(NDArray.fromData(sample(512 * 512, 31), [512, 512]), { axis: 0 });
    const pool = runningPool();
    expect(pool?.size).toBe(2);
    expect(pool?.arena.bytes).toBeGreaterThan(0);
    expect(pool?.arena.bytes).toBeLessThanOrEqual(ARENA_CAP);
  });

  it('shuts the pool down, threads and memory, when set to 1', () => {
    setThreads(2);
    entropy(NDArray.fromData(sample(512 * 512, 31), [512, 512]), { axis: 1 });
    const pool = runningPool();
    expect(pool?.healthy).toBe(true);
    setThreads(1);
    expect(runningPool()).toBeNull();
    expect(pool?.healthy).toBe(false);
    expect(pool?.arena.bytes).toBe(0);
  });

  it('restarts the pool with the new size', () => {
    setThreads(2);
    const X = NDArray.fromData(sample(512 * 512, 31), [512, 512]);
    entropy(X, { axis: 1 });
    const two = runningPool();
    setThreads(3);
    entropy(X, { axis: 1 });
    expect(runningPool()).not.toBe(two);
    expect(runningPool()?.size).toBe(3);
  });
});

describe('without worker threads (browsers, Node < 20.16)', () => {
  /** Runs `f` with `process.getBuiltinModule` hidden, as in a runtime without it. */
  function withoutBuiltins<T>(f: () => T): T {
    const saved = process.getBuiltinModule;
    (process as { getBuiltinModule?: unknown }).getBuiltinModule = undefined;
    try {
      return f();
    } finally {
      process.getBuiltinModule = saved;
    }
  }

  it('rejects more than one thread with a ThreadError', () => {
    setThreads(1);
    expectThrows(() => withoutBuiltins(() => setThreads(2)), 'ThreadError', 'setThreads(2): worker threads need Node >= 20.16');
    expect(getThreads()).toBe(1);
  });

  it('ignores SCIPY_ENTROPY_THREADS', () => {
    expect(withoutBuiltins(() => threadsFromEnv('4'))).toBe(1);
  });
});

describe('closeThreads', () => {
  it('shuts the pool down but keeps the count', () => {
    setThreads(2);
    entropy(NDArray.fromData(sample(512 * 512, 31), [512, 512]), { axis: 1 });
    closeThreads();
    expect(runningPool()).toBeNull();
    expect(getThreads()).toBe(2);
  });
});
