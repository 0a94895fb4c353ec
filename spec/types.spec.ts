/**
 * The public types, checked by compiling this file (`npm test` type-checks specs): each
 * assignment below must compile, and each `@ts-expect-error` line must not.
 */
import { entropy, entr, rel_entr, kl_div, xlogy, xlog1py, asarray, NDArray } from '../lib/index';

describe('the public types', () => {
  it('type 1-D plain arrays and typed arrays without axis or keepdims as number', () => {
    const h: number = entropy([1, 2, 3]);
    const kl: number = entropy([1, 2, 3], [3, 2, 1]);
    const hb: number = entropy(new Float64Array([1, 2]), { base: 2 });
    const hn: number = entropy([1, 2, 3], { axis: null });
    const hq: number = entropy(Float32Array.of(1, 2), null, { nan_policy: 'omit' });
    expect([h, kl, hb, hn, hq].every((x) => typeof x === 'number')).toBe(true);
  });

  it('type keepdims results as NDArray and n-d results as number | NDArray', () => {
    const k: NDArray = entropy([1, 2, 3], { keepdims: true });
    const m: number | NDArray = entropy([[1, 2], [3, 4]], { axis: 1 });
    // @ts-expect-error a 2-D input may give an array
    const bad: number = entropy([[1, 2], [3, 4]]);
    expect(k).toBeInstanceOf(NDArray);
    expect(m).toBeInstanceOf(NDArray);
    expect(bad).toBeInstanceOf(NDArray);
  });

  it('type the special functions: numbers in, number out; arrays in, NDArray out', () => {
    const a: number = entr(0.5) + rel_entr(1, 2) + kl_div(1, 2) + xlogy(2, 3) + xlog1py(2, 3);
    const b: NDArray = rel_entr([1, 2], 2);
    const c: NDArray = entr(new Float64Array([0.5]));
    expect(typeof a).toBe('number');
    expect(b.shape).toEqual([2]);
    expect(c.shape).toEqual([1]);
  });

  it('reject options that do not exist and values of the wrong kind', () => {
    // @ts-expect-error no such option
    expect(() => entropy([1, 2], { bass: 2 })).toThrow(TypeError);
    // @ts-expect-error nan_policy is one of three strings
    expect(() => entropy([1, 2], { nan_policy: 'ignore' })).toThrow('nan_policy must be one of');
    expect(asarray([1]).dtype).toBe('float64');
  });
});
