/**
 * Python's `ValueError`: an argument has the right type but an unacceptable value.
 *
 * `name` is set so callers can test `err.name === 'ValueError'`; `instanceof` can fail when the
 * ESM and CommonJS builds of this package are both loaded.
 */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * numpy's `AxisError`: an axis argument is out of bounds or repeated. A subclass of
 * {@link ValueError}, as in numpy.
 */
export class AxisError extends ValueError {
  constructor(message: string) {
    super(message);
    this.name = 'AxisError';
  }
}

/** Python's `IndexError`: an index is out of bounds (thrown by `NDArray.get`). */
export class IndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * A worker thread of the pool (see `setThreads`) failed during a call: it threw, exited or was
 * terminated. The call produced no result; the next call starts a new pool.
 */
export class ThreadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThreadError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/**
 * A value named for an error message without running its code: strings quoted (cut at 40
 * characters), bigints as `1n`, symbols as `Symbol(a)`, objects by their constructor's name
 * (`Map`, `Array`, `an object with a null prototype`), never through `JSON.stringify` (which
 * throws on bigints and cycles) or a user's `toString`.
 */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return 'a function';
  if (v === null) return 'null';
  if (typeof v === 'object') {
    try {
      const proto: unknown = Object.getPrototypeOf(v);
      if (proto === null) return 'an object with a null prototype';
      const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
      return typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : 'object';
    } catch {
      return 'object';
    }
  }
  return String(v);
}
