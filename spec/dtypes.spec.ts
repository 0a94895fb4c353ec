/**
 * SciPy's dtypes: float32 inputs give float32 results (computed in float64 and rounded once, so
 * the float32 result is the float64 result rounded), integer and bool inputs give float64, as
 * numpy's type rules say for each function. The float32 cases of the golden fixtures check the
 * values against SciPy; these check the rule on every function and layout.
 */
import { cross_entropy, differential_entropy, entr, entropy, jensenshannon, kl_div, NDArray, rel_entr, xlog1py, xlogy } from '../lib/index';

const f32 = (xs: number[]) => Float32Array.from(xs);
const P = [0.1, 0.2, 0.3, 0.4, 0.25, 0.35];
const Q = [0.3, 0.2, 0.1, 0.15, 0.05, 0.2];
const M32 = () => NDArray.fromData(f32(P), [2, 3]);
const N32 = () => NDArray.fromData(f32(Q), [2, 3]);
/** The same values, as float64 (what the float32 result must be the rounding of). */
const as64 = (x: NDArray) => NDArray.fromData(x.toFloat64Array(), x.shape.slice());

type Case = [string, (a: NDArray, b: NDArray) => number | NDArray];
const CASES: Case[] = [
  ['entropy', (a) => entropy(a, { axis: 1 })],
  ['entropy with qk', (a, b) => entropy(a, b, { axis: 1 })],
  ['entropy, keepdims', (a) => entropy(a, { axis: 0, keepdims: true })],
  ['entropy, all axes', (a) => entropy(a, { axis: null })],
  ['cross_entropy', (a, b) => cross_entropy(a, b, { axis: 1 })],
  ['jensenshannon', (a, b) => jensenshannon(a, b, { axis: 1 })],
  ['jensenshannon, all axes', (a, b) => jensenshannon(a, b, { axis: null })],
  ['differential_entropy', (a) => differential_entropy(a.reshape(1, 6), { axis: 1, window_length: 1 })],
  ['entr', (a) => entr(a)],
  ['rel_entr', (a, b) => rel_entr(a, b)],
  ['kl_div', (a, b) => kl_div(a, b)],
  ['xlogy', (a, b) => xlogy(a, b)],
  ['xlog1py with a number', (a) => xlog1py(a, 0.5)],
];

function values(r: number | NDArray): number[] {
  return typeof r === 'number' ? [r] : Array.from(r.toFloat64Array());
}

describe('result dtypes', () => {
  it.each(CASES)('%s of float32 input is float32: the float64 result rounded once', (_name, f) => {
    const r = f(M32(), N32());
    const wide = f(as64(M32()), as64(N32()));
    if (typeof r !== 'number') expect(r.dtype).toBe('float32');
    expect(values(r)).toEqual(values(wide).map(Math.fround));
  });

  it.each(CASES)('%s of float32 and float64 input is float64', (name, f) => {
    if (name === 'entr' || name.includes('number') || name === 'entropy' || name.startsWith('entropy,') || name.startsWith('differential')) return;
    const r = f(M32(), as64(N32()));
    if (typeof r !== 'number') expect(r.dtype).toBe('float64');
    expect(values(r)).toEqual(values(f(as64(M32()), as64(N32()))));
  });

  it.each([
    ['int16', new Int16Array([1, 2, 3, 4])],
    ['uint8', new Uint8Array([1, 2, 3, 4])],
    ['bool', [true, false, true, true]],
    ['nested numbers', [1, 2, 3, 4]],
  ])('gives float64 for %s input', (_what, x) => {
    expect((entropy(NDArray.fromData(Float64Array.from(x as ArrayLike<number>, Number), [2, 2]), { axis: 1 }) as NDArray).dtype).toBe('float64');
    expect((entr(x as never) as unknown as NDArray).dtype).toBe('float64');
    expect((rel_entr(x as never, 2) as unknown as NDArray).dtype).toBe('float64');
  });

  it('writes float32 results into a float32 out, and float64 results rounded into it', () => {
    const out = new Float32Array(6);
    const r = rel_entr(as64(M32()), as64(N32()), { out });
    expect(r.data).toBe(out);
    expect(Array.from(out)).toEqual(values(rel_entr(as64(M32()), as64(N32()))).map(Math.fround));
  });
});
