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
