/**
 * Every threaded function gives, on two threads, bit for bit what it gives on one, on every
 * layout: contiguous, strided (negative steps too), transposed, broadcast, shared memory, other
 * dtypes, NaN under each policy. Sizes are above the thresholds and the axis lengths are not
 * multiples of the engine's tile (32) or of the wasm chunk (4096), so partial tiles and chunks
 * fall inside the pieces.
 */
import { closeThreads, cross_entropy, entr, entropy, jensenshannon, kl_div, NDArray, rel_entr, setThreads, xlog1py, xlogy } from '../../lib/index';
import { expectSameOnTwoThreads, sample, sharedArray } from './helpers';

// Above the thresholds: reductions 2^18 elements, elementwise calls 2^19.
const R = 512;
const C = 545;
const X = NDArray.fromData(sample(R * C, 1), [R, C]);
const Y = NDArray.fromData(sample(R * C, 2), [R, C]);
const XN = NDArray.fromData(sample(R * C, 3, true), [R, C]);
const YN = NDArray.fromData(sample(R * C, 4, true), [R, C]);
const wide = sample(1100 * 1200, 5);
/** A strided view with a negative step: rows 599..0 of every other column of a 1200 x 1100 buffer. */
const STRIDED = new NDArray(wide, [600, 500], [-1100, 2], 599 * 1100 + 7);
/** The same, large enough for the elementwise threshold. */
const STRIDED_LONG = new NDArray(wide, [1150, 480], [-1100, 2], 1149 * 1100 + 7);
const CUBE = NDArray.fromData(sample(8 * 200 * 170, 6), [8, 200, 170]);
/** 4097 short columns: walked in wide tiles of 1024, which must not leave the last one alone. */
const SHORT_COLUMNS = NDArray.fromData(sample(64 * 4097, 9), [64, 4097]);
const ROW = NDArray.fromData(sample(C, 7), [1, C]);
const COLUMN = NDArray.fromData(sample(R, 8), [R, 1]);

afterAll(() => closeThreads());

describe('entropy on two threads', () => {
  it.each([
    ['rows of a C-order matrix (axis 1)', () => entropy(X, { axis: 1 })],
    ['columns of a C-order matrix (axis 0: tiles of interleaved slices)', () => entropy(X, { axis: 0 })],
    ['rows of a transposed view', () => entropy(X.transpose(), { axis: 1 })],
    ['columns of a transposed view', () => entropy(X.transpose(), { axis: 0 })],
    ['4097 short columns (wide tiles)', () => entropy(SHORT_COLUMNS, { axis: 0 })],
    ['a strided view with a negative step, axis 1', () => entropy(STRIDED, { axis: 1 })],
    ['a strided view with a negative step, axis 0', () => entropy(STRIDED, { axis: 0 })],
    ['two of three axes', () => entropy(CUBE, { axis: [0, 2] })],
    ['the middle axis, keepdims', () => entropy(CUBE, { axis: 1, keepdims: true })],
    ['the last axis of a 3-d array, base 2', () => entropy(CUBE, { axis: -1, base: 2 })],
    ['float32 data', () => entropy(NDArray.fromData(Float32Array.from(X.toFloat64Array()), [R, C]), { axis: 1 })],
    ['int32 counts, axis 0', () => entropy(NDArray.fromData(Int32Array.from(X.toFloat64Array(), (v) => Math.floor(v * 100)), [R, C]), { axis: 0 })],
    ['data in a SharedArrayBuffer (used in place)', () => entropy(sharedArray(X.toFloat64Array(), [R, C]), { axis: 1 })],
    ['NaN propagated', () => entropy(XN, { axis: 1 })],
    ['NaN omitted', () => entropy(XN, { axis: 1, nan_policy: 'omit' })],
    ['NaN omitted, axis 0', () => entropy(XN, { axis: 0, nan_policy: 'omit' })],
  ])('%s', (_, call) => expectSameOnTwoThreads(call));

  it.each([
    ['the same shape', () => entropy(X, Y, { axis: 1 })],
    ['the same shape, axis 0', () => entropy(X, Y, { axis: 0 })],
    ['qk a broadcast row', () => entropy(X, ROW, { axis: 1 })],
    ['qk a broadcast column, axis 0', () => entropy(X, COLUMN, { axis: 0 })],
    ['pk and qk views of one buffer', () => entropy(new NDArray(wide, [600, 500], [1100, 1], 0), new NDArray(wide, [600, 500], [1100, 1], 550), { axis: 1 })],
    ['pk plain and qk shared', () => entropy(X, sharedArray(Y.toFloat64Array(), [R, C]), { axis: 1 })],
    ['NaN omitted in pairs', () => entropy(XN, YN, { axis: 1, nan_policy: 'omit' })],
    ['a transposed pk against a plain qk', () => entropy(X.transpose(), Y.transpose(), { axis: 1 })],
  ])('with qk: %s', (_, call) => expectSameOnTwoThreads(call));
});

describe('cross_entropy on two threads', () => {
  it.each([
    ['rows', () => cross_entropy(X, Y, { axis: 1 })],
    ['columns', () => cross_entropy(X, Y, { axis: 0 })],
    ['a broadcast row qk', () => cross_entropy(X, ROW, { axis: 1 })],
    ['NaN omitted', () => cross_entropy(XN, YN, { axis: 0, nan_policy: 'omit' })],
  ])('%s', (_, call) => expectSameOnTwoThreads(call));
});

describe('jensenshannon on two threads', () => {
  it.each([
    ['rows', () => jensenshannon(X, Y, { axis: 1 })],
    ['columns, base 2', () => jensenshannon(X, Y, { axis: 0, base: 2 })],
    ['q a column repeated along the reduced axis', () => jensenshannon(X, COLUMN, { axis: 1 })],
    ['q 1-d against a 2-d p (normalised copy)', () => jensenshannon(X, ROW.reshape(C), { axis: 0 })],
    ['a transposed strided view', () => jensenshannon(STRIDED.transpose(), STRIDED.transpose(), { axis: 0 })],
  ])('%s', (_, call) => expectSameOnTwoThreads(call));
});

describe('elementwise functions on two threads', () => {
  const RE = 1024;
  const long = NDArray.fromData(sample(600001, 9), [600001]);
  const signed = NDArray.fromData(sample(RE * C, 10).map((v, i) => (i % 7 === 0 ? -v : i % 11 === 0 ? Infinity : v)), [RE, C]);
  const E = NDArray.fromData(sample(RE * C, 12), [RE, C]);
  const COLUMN_E = NDArray.fromData(sample(RE, 13), [RE, 1]);
  it.each([
    ['entr of one long row (split on wasm chunks)', () => entr(long)],
    ['entr of a matrix with negatives and infinities', () => entr(signed)],
    ['entr of a transposed view', () => entr(signed.transpose())],
    ['entr of float32 data', () => entr(Float32Array.from(long.toFloat64Array()))],
    ['entr of a strided view', () => entr(STRIDED_LONG)],
    ['entr of shared data', () => entr(sharedArray(signed.toFloat64Array(), [RE, C]))],
    ['rel_entr against a broadcast row', () => rel_entr(E, ROW)],
    ['rel_entr of views', () => rel_entr(signed.transpose(), E.transpose())],
    ['rel_entr of one long row', () => rel_entr(long, long.toFloat64Array().reverse())],
    ['kl_div', () => kl_div(signed, E)],
    ['xlogy against a broadcast column', () => xlogy(signed, COLUMN_E)],
    ['xlog1py', () => xlog1py(E, signed)],
  ])('%s', (_, call) => expectSameOnTwoThreads(call));

  it('writes into a plain `out` buffer', () => {
    expectSameOnTwoThreads(() => rel_entr(E, signed, { out: new Float64Array(RE * C) }));
  });

  it('writes into an `out` buffer in shared memory in place', () => {
    const out = new Float64Array(new SharedArrayBuffer(8 * RE * C));
    expectSameOnTwoThreads(() => entr(E, { out: NDArray.fromData(out, [RE, C]) }));
  });

  it('returns the `out` it was given, filled', () => {
    setThreads(2);
    const out = new Float64Array(RE * C);
    const r = entr(E, { out });
    expect(r.data).toBe(out);
    expect(out[12345]).toBe(entr(E.toFloat64Array()[12345]));
  });
});

describe('calls that stay on the calling thread', () => {
  it.each([
    ['an 8-element entropy', () => entropy([1, 2, 3, 4, 5, 6, 7, 8])],
    ['8-element pk and qk', () => entropy([1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1])],
    ['an 8-element entr', () => entr([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])],
    ['a matrix below the threshold', () => entropy(NDArray.fromData(sample(500 * 500, 11), [500, 500]), { axis: 1 })],
    ['an entr below the threshold', () => entr(X)],
    ['a large reduction to one value', () => entropy(X, { axis: null })],
    ['a large 1-d entropy (one slice)', () => entropy(X.toFloat64Array())],
  ])('%s', (_, call) => expectSameOnTwoThreads(call, false));

  it('never starts the pool for small calls', () => {
    closeThreads();
    setThreads(2);
    entropy([0.05, 0.1, 0.2, 0.05, 0.15, 0.25, 0.08, 0.12]);
    rel_entr([1, 2], [2, 1]);
    expect(require('../../lib/threads/pool').runningPool()).toBeNull();
  });
});
