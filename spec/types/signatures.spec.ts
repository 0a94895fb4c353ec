/**
 * The public signatures (result types from lib/types/signatures.ts), pinned by compiling this file under
 * strict and exactOptionalPropertyTypes (`npm test` runs `tsc -p tsconfig.types.json`): each
 * `Equal` must hold and each `@ts-expect-error` line must be an error. The same calls then run,
 * and their values are checked to be what the types say.
 */
import { cross_entropy, differential_entropy, entr, entropy, jensenshannon, kl_div, rel_entr, xlogy, asarray, NDArray, type EntropyOptions } from '../../lib/index';
import type { Nested, NestedNumbers, RankOf } from '../../lib/types/rank';
import ndarray from 'ndarray';

/** Exact type equality (not mere assignability). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const pin = <T extends true>(ok: T): T => ok;

const m = [[1, 2, 3], [4, 5, 6]];
const P = [0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12];
const Q = [0.3, 0.1, 0.2, 0.1, 0.1, 0.02, 0.08, 0.1];
const maybeBase: number | undefined = Math.random() < 2 ? 2 : undefined;

describe('the public signatures', () => {
  it('need no cast for the lines of issue 11', () => {
    const h: NDArray = entropy(m, { axis: 1 });
    const s: number = entropy(m, { axis: null });
    const e: number[][] = rel_entr(m, m).toArray();
    const kl: number = rel_entr(P, Q).toArray().reduce((t, v) => t + v, 0);
    const opts = { axis: 0, base: 2 };
    const widened: number = entropy(P, opts);
    const b: number = entropy([1, 2], { base: maybeBase });
    expect(h).toBeInstanceOf(NDArray);
    expect(h.shape).toEqual([2]);
    expect([s, kl, widened, b].map((x) => typeof x)).toEqual(['number', 'number', 'number', 'number']);
    expect(e).toHaveLength(2);
  });

  it('follow the input rank and the options in reductions', () => {
    const h1 = entropy(m, { axis: 1 });
    const h0 = entropy(m);
    const all = entropy(m, { axis: null });
    const kept = entropy(m, { axis: 1, keepdims: true });
    const both = entropy([[[1, 2], [3, 4]]], { axis: [0, 2] });
    const flat = entropy(new Float64Array([1, 2]));
    const kl = entropy(P, Q, { base: 2 });
    const klRows = entropy(m, [1, 1, 1], { axis: 1 });
    const noQ = entropy(m, null, { axis: -1 });
    pin<Equal<typeof h1, NDArray<1>>>(true);
    pin<Equal<typeof h0, NDArray<1>>>(true);
    pin<Equal<typeof all, number>>(true);
    pin<Equal<typeof kept, NDArray<2>>>(true);
    pin<Equal<typeof both, NDArray<1>>>(true);
    pin<Equal<typeof flat, number>>(true);
    pin<Equal<typeof kl, number>>(true);
    pin<Equal<typeof klRows, NDArray<1>>>(true);
    pin<Equal<typeof noQ, NDArray<1>>>(true);
    expect([h1, h0, kept, both, klRows, noQ].every((x) => x instanceof NDArray)).toBe(true);
    expect([all, flat, kl].every((x) => typeof x === 'number')).toBe(true);
    expect([h1.ndim, kept.ndim, both.ndim]).toEqual([1, 2, 1]);

    const ce = cross_entropy(m, m, { axis: 1 });
    const js = jensenshannon(P, Q, { base: 2 });
    const jsKept = jensenshannon(m, m, { keepdims: true });
    const de = differential_entropy([[1, 2, 3, 4, 5]], { axis: 1 });
    pin<Equal<typeof ce, NDArray<1>>>(true);
    pin<Equal<typeof js, number>>(true);
    pin<Equal<typeof jsKept, NDArray<2>>>(true);
    pin<Equal<typeof de, NDArray<1>>>(true);
    expect([ce, jsKept, de].every((x) => x instanceof NDArray)).toBe(true);
    expect(typeof js).toBe('number');
  });

  it('keep the union only where the rank or the options are unknown', () => {
    const view = ndarray(new Float64Array(6), [2, 3]);
    const unknownRank = entropy(view, { axis: 1 });
    const options: EntropyOptions = { axis: 1 };
    const unknownOptions = entropy(m, options);
    const maybeKeep = entropy(m, { keepdims: Math.random() < 2 });
    const someAxes = entropy(m, { axis: [0, 1] as number[] });
    pin<Equal<typeof unknownRank, number | NDArray>>(true);
    pin<Equal<typeof unknownOptions, number | NDArray | NDArray<1> | NDArray<2>>>(true);
    pin<Equal<typeof maybeKeep, NDArray<1> | NDArray<2>>>(true);
    pin<Equal<typeof someAxes, number | NDArray>>(true);
    // @ts-expect-error a scijs view's rank is unknown: the result may be an array
    const notSure: number = entropy(view, { axis: 1 });
    expect(notSure).toBeInstanceOf(NDArray);
  });

  it('type the elementwise functions by the broadcast rank, out= giving an NDArray', () => {
    const scalar = rel_entr(1, 2);
    const row = kl_div([1, 2], 2);
    const grid = xlogy([[1], [2]], [1, 2, 3]);
    const typed = entr(new Float64Array([0.5]));
    const out = entr(0.5, { out: new Float64Array(1) });
    const none = entr(0.5, { out: null });
    pin<Equal<typeof scalar, number>>(true);
    pin<Equal<typeof row, NDArray<1>>>(true);
    pin<Equal<typeof grid, NDArray<2>>>(true);
    pin<Equal<typeof typed, NDArray<1>>>(true);
    pin<Equal<typeof out, NDArray<0>>>(true);
    pin<Equal<typeof none, number>>(true);
    expect(typeof scalar).toBe('number');
    expect([row, grid, typed, out].every((x) => x instanceof NDArray)).toBe(true);
    expect(grid.shape).toEqual([2, 3]);
    expect(typeof none).toBe('number');
  });

  it('type toArray, iteration and at by rank', () => {
    const h = entropy([[[1, 2], [3, 4]]], { axis: 0 });
    const rows = [...h];
    const first = h.at(0);
    const values = [...entropy(m, { axis: 1 })];
    pin<Equal<ReturnType<typeof h.toArray>, number[][]>>(true);
    pin<Equal<typeof rows, NDArray<1>[]>>(true);
    pin<Equal<typeof first, NDArray<1> | undefined>>(true);
    pin<Equal<typeof values, number[]>>(true);
    pin<Equal<ReturnType<NDArray['toArray']>, NestedNumbers>>(true);
    pin<Equal<Nested<0>, number>>(true);
    pin<Equal<RankOf<readonly (readonly number[])[]>, 2>>(true);
    pin<Equal<RankOf<Float32Array[]>, 2>>(true);
    pin<Equal<RankOf<NDArray<3>>, 3>>(true);
    pin<Equal<RankOf<NDArray>, number>>(true);
    pin<Equal<RankOf<(number | number[])[]>, number>>(true);
    const f = NDArray.fromData(new Float64Array(6), [2, 3]);
    const r = f.reshape(3, 1, -1);
    const flat = NDArray.fromData(new Float64Array(6));
    pin<Equal<typeof f, NDArray<2>>>(true);
    pin<Equal<typeof r, NDArray<3>>>(true);
    pin<Equal<typeof flat, NDArray<1>>>(true);
    pin<Equal<ReturnType<typeof f.transpose>, NDArray<2>>>(true);
    pin<Equal<ReturnType<typeof f.broadcastTo<[4, 2, 3]>>, NDArray<3>>>(true);
    expect([f.ndim, r.ndim, flat.ndim, f.broadcastTo([4, 2, 3]).ndim]).toEqual([2, 3, 1, 3]);
    expect(rows[0]).toBeInstanceOf(NDArray);
    expect(values.every((v) => typeof v === 'number')).toBe(true);
    expect(asarray([1]).toArray()).toEqual([1]);
  });

  it('accept undefined for every option, and refuse unknown names and wrong values', () => {
    const all: number = entropy([1, 2], undefined, { base: undefined, axis: undefined, keepdims: undefined, nan_policy: undefined, nanPolicy: undefined });
    const js: number = jensenshannon([1, 0], [0, 1], { base: undefined, axis: undefined, keepdims: undefined });
    const de: number = differential_entropy([1, 2, 3, 4, 5, 6], { window_length: undefined, windowLength: undefined, method: undefined, base: undefined, nan_policy: undefined, nanPolicy: undefined });
    const r = entr([1], { out: undefined });
    expect([all, js, de].every((x) => typeof x === 'number')).toBe(true);
    expect(r).toBeInstanceOf(NDArray);
    // @ts-expect-error no such option, even beside a known one
    expect(() => entropy([1, 2], { axis: 0, bass: 2 })).toThrow(TypeError);
    // @ts-expect-error no such option
    expect(() => entropy([1, 2], { bass: 2 })).toThrow(TypeError);
    // @ts-expect-error nan_policy is one of three strings
    expect(() => entropy([1, 2], { nan_policy: 'ignore' })).toThrow('nan_policy must be one of');
    // @ts-expect-error the elementwise functions have only out
    expect(() => rel_entr([1], [2], { outt: new Float64Array(1) })).toThrow("rel_entr() got an unexpected keyword argument 'outt'");
  });
});
