import { axisOption, baseOption, checkKeys, keepdimsOption, nanPolicyOption } from '../lib/options';
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
    ['2', TypeError, '`base` must be a number or `null`; got string'],
    [true, TypeError, '`base` must be a number or `null`; got boolean'],
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

describe('checkKeys', () => {
  it('accepts known option names and rejects others the way Python rejects keywords', () => {
    expect(() => checkKeys('entropy', { base: 2 }, ['base', 'axis'])).not.toThrow();
    expect(() => checkKeys('entropy', { bsae: 2 }, ['base', 'axis'])).toThrow(TypeError);
    expect(() => checkKeys('entropy', { bsae: 2 }, ['base', 'axis'])).toThrow("entropy() got an unexpected keyword argument 'bsae'");
  });
});
