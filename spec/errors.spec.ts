import { AxisError, describeValue, IndexError, ThreadError, ValueError } from '../lib/errors';

describe('ValueError', () => {
  it('is an Error named ValueError, with its message', () => {
    const e = new ValueError('bad value');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(ValueError);
    expect(e.name).toBe('ValueError');
    expect(e.message).toBe('bad value');
    expect(String(e)).toBe('ValueError: bad value');
  });
});

describe('AxisError', () => {
  it('is a ValueError named AxisError, as numpy\'s', () => {
    const e = new AxisError('axis 2 is out of bounds for array of dimension 2');
    expect(e).toBeInstanceOf(ValueError);
    expect(e).toBeInstanceOf(AxisError);
    expect(e.name).toBe('AxisError');
  });
});

describe('IndexError', () => {
  it('is an Error named IndexError, not a ValueError', () => {
    const e = new IndexError('index 3 is out of bounds');
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(ValueError);
    expect(e.name).toBe('IndexError');
  });
});

describe('ThreadError', () => {
  it('is an Error named ThreadError, not a ValueError', () => {
    const e = new ThreadError('a worker thread stopped during the call');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(ThreadError);
    expect(e).not.toBeInstanceOf(ValueError);
    expect(e.name).toBe('ThreadError');
  });
});

describe('describeValue', () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  it.each([
    ['a string, quoted', 'abc', '"abc"'],
    ['a long string, cut', 'x'.repeat(50), `"${'x'.repeat(40)}..."`],
    ['a bigint', 1n, '1n'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['a function', () => 0, 'a function'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a cyclic object', cyclic, 'Object'],
    ['a null-prototype object', Object.create(null), 'an object with a null prototype'],
    ['a Map', new Map(), 'Map'],
    ['NaN', NaN, 'NaN'],
    ['a Proxy whose traps throw', new Proxy({}, { getPrototypeOf: () => { throw new Error('trap'); } }), 'object'],
  ])('names %s without running its code', (_what, v, text) => {
    expect(describeValue(v)).toBe(text);
  });
});
