import ndarray from 'ndarray';
import { axisOption, baseOption, isOptionsObject, keepdimsOption, nanPolicyOption, readOptions } from '../lib/options';
import { NDArray } from '../lib/ndarray/ndarray';
import { ValueError } from '../lib/errors';

describe('baseOption', () => {
  it('passes null and undefined as null (natural log) and positive numbers as they are', () => {
    expect(baseOption(undefined)).toBeNull();
    expect(baseOption(null)).toBeNull();
    expect(baseOption(2)).toBe(2);
    expect(baseOption(Infinity)).toBe(Infinity);
  });

  it('lets NaN through, as SciPy (whose check is only base <= 0)', () => {
    expect(baseOption(NaN)).toBeNaN();
  });

  it.each([
    [0, ValueError, '`base` must be a positive number or `null`.'],
    [-0, ValueError, '`base` must be a positive number or `null`.'],
    [-2, ValueError, '`base` must be a positive number or `null`.'],
    [-Infinity, ValueError, '`base` must be a positive number or `null`.'],
    ['2', TypeError, '`base` must be a number or `null`; got "2"'],
    [true, TypeError, '`base` must be a number or `null`; got true'],
  ])('rejects base %j', (base, cls, message) => {
    expect(() => baseOption(base)).toThrow(cls);
    expect(() => baseOption(base)).toThrow(message);
  });
});

describe('nanPolicyOption', () => {
  it('defaults to propagate and reads nan_policy or its alias nanPolicy', () => {
    expect(nanPolicyOption({})).toBe('propagate');
    expect(nanPolicyOption({ nan_policy: 'omit' })).toBe('omit');
    expect(nanPolicyOption({ nanPolicy: 'raise' })).toBe('raise');
    expect(nanPolicyOption({ nan_policy: 'omit', nanPolicy: 'omit' })).toBe('omit');
  });

  it.each([
    [{ nan_policy: 'foo' }, ValueError, "nan_policy must be one of {'propagate', 'raise', 'omit'}"],
    [{ nan_policy: 'Omit' }, ValueError, 'nan_policy must be one of'],
    [{ nan_policy: 'omit', nanPolicy: 'raise' }, TypeError, 'got both `nan_policy` and its alias `nanPolicy` with different values'],
  ])('rejects %j', (options, cls, message) => {
    expect(() => nanPolicyOption(options)).toThrow(cls);
    expect(() => nanPolicyOption(options)).toThrow(message);
  });
});

describe('keepdimsOption', () => {
  it('defaults to false and accepts booleans', () => {
    expect(keepdimsOption(undefined)).toBe(false);
    expect(keepdimsOption(true)).toBe(true);
    expect(keepdimsOption(false)).toBe(false);
  });

  it.each([[1], ['true'], [null]])('rejects %j with a TypeError', (keepdims) => {
    expect(() => keepdimsOption(keepdims)).toThrow(TypeError);
    expect(() => keepdimsOption(keepdims)).toThrow('`keepdims` must be a boolean');
  });
});

describe('axisOption', () => {
  it('gives the fallback for undefined and passes integers, arrays and null', () => {
    expect(axisOption(undefined, 0)).toBe(0);
    expect(axisOption(undefined, null)).toBeNull();
    expect(axisOption(-1, 0)).toBe(-1);
    expect(axisOption([0, 2], 0)).toEqual([0, 2]);
    expect(axisOption(null, 0)).toBeNull();
  });

  it.each([
    [1.5, 'integer argument expected, got float'],
    ['1', '`axis` must be an integer, an array of integers, or null'],
  ])('rejects %j with a TypeError', (axis, message) => {
    expect(() => axisOption(axis, 0)).toThrow(TypeError);
    expect(() => axisOption(axis, 0)).toThrow(message);
  });
});

describe('readOptions', () => {
  it('copies the known own properties of a plain object, once', () => {
    let reads = 0;
    const options = { base: 2, get axis() { reads++; return 1; } };
    const o = readOptions('entropy', options, ['base', 'axis']);
    expect({ ...o }).toEqual({ base: 2, axis: 1 });
    expect(o.axis).toBe(1);
    expect(reads).toBe(1);
    expect({ ...readOptions('entropy', undefined, ['base']) }).toEqual({});
    expect(readOptions('entropy', Object.assign(Object.create(null) as object, { base: 3 }), ['base']).base).toBe(3);
  });

  it('rejects unknown names the way Python rejects keywords', () => {
    expect(() => readOptions('entropy', { bsae: 2 }, ['base', 'axis'])).toThrow(TypeError);
    expect(() => readOptions('entropy', { bsae: 2 }, ['base', 'axis'])).toThrow("entropy() got an unexpected keyword argument 'bsae'");
  });

  it('ignores inherited properties: a polluted Object.prototype changes nothing', () => {
    const proto = Object.prototype as { base?: unknown };
    proto.base = -1;
    try {
      expect(readOptions('entropy', {}, ['base']).base).toBeUndefined();
    } finally {
      delete proto.base;
    }
  });

  it.each([
    ['a Map', new Map([['base', 2]]), 'got Map'],
    ['an array', [2], 'got Array'],
    ['a string', 'base', 'got "base"'],
    ['a class instance', new (class Opts { base = 2; })(), 'got Opts'],
  ])('refuses %s as options with a TypeError', (_what, options, message) => {
    expect(() => readOptions('entropy', options, ['base'])).toThrow(`entropy() options must be a plain object; ${message}`);
  });
});

describe('isOptionsObject', () => {
  it('takes only plain objects that are not views as options', () => {
    expect(isOptionsObject({ base: 2 })).toBe(true);
    expect(isOptionsObject(Object.create(null))).toBe(true);
    for (const x of [new ArrayBuffer(8), new Map(), new Set(), new Error('e'), [1], new Float64Array(1), ndarray(new Float64Array(1)), NDArray.fromData(new Float64Array(1)), { data: [1], shape: [1], strides: [1], offset: 0 }, null, 1]) {
      expect(isOptionsObject(x)).toBe(false);
    }
  });
});
