/**
 * The accuracy harness's shared half: reads fixtures/exact/*.json (written by
 * fixtures/export_exact.py), rebuilds each case's inputs (inline doubles or a recipe), runs our
 * function on them and measures our error and SciPy's against the exact value.
 *
 * Used by spec/accuracy/accuracy.spec.ts and, transpiled on the fly, by
 * scripts/accuracy-table.js (which runs it against the built dist/). So it imports nothing from
 * lib/: the library is passed in as a plain object of functions.
 *
 * Error of a result r: |(r - exact) - exact_lo|, where `exact` is the double nearest to the
 * 50-digit value and `exact_lo` the double nearest to the remainder. An ulp is the spacing of
 * the doubles at |exact| (the gap from |exact| to the next larger double).
 */
import * as fs from 'fs';
import * as path from 'path';

/** A JSON value as the exporter writes it (non-finite numbers and -0 as strings). */
type Encoded = number | string | boolean | null | Encoded[] | { [k: string]: Encoded };

/** Input recipes; see the docstring of fixtures/export_exact.py. */
export type Recipe =
  | { recipe: 'xorshift32'; seed: number; n: number; kind: 'uniform53' | 'logspread' | 'product'; k?: number; zero_every?: number; shape?: [number, number] }
  | { recipe: 'runs'; runs: [number, number][] };

export type ExactFn = 'entropy' | 'kl' | 'cross_entropy' | 'jensenshannon';

/** One case of a fixtures/exact file, decoded. Values are arrays of slices (length 1 for 1-D). */
export interface ExactCase {
  file: string;
  name: string;
  family: string;
  group: string;
  fn: ExactFn;
  tags: string[];
  axis?: number;
  base?: number;
  pk: Encoded;
  qk?: Encoded;
  /** For a recipe input: values it must reproduce (see {@link digestMismatch}). */
  pkDigest?: Encoded;
  qkDigest?: Encoded;
  scipy: number[];
  exact: number[];
  exactLo: number[];
  exactStr: string[];
}

export interface ExactFile {
  file: string;
  description: string;
  versions: Record<string, string>;
  cases: ExactCase[];
}

/** The fixtures/exact folder of this repository. */
export const EXACT_DIR = path.join(__dirname, '..', '..', 'fixtures', 'exact');

/** Decodes one number of the fixture encoding. */
export function decodeNumber(x: Encoded): number {
  if (typeof x === 'number') return x;
  switch (x) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
  }
  throw new TypeError(`not an encoded number: ${JSON.stringify(x)}`);
}

function numbers(x: Encoded): number[] {
  return Array.isArray(x) ? x.map(decodeNumber) : [decodeNumber(x)];
}

/** Reads every fixtures/exact/*.json, files in name order, cases in file order. */
export function loadExactFiles(dir: string = EXACT_DIR): ExactFile[] {
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return names.map((file) => {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { description: string; versions: Record<string, string>; cases: Record<string, Encoded>[] };
    return {
      file,
      description: raw.description,
      versions: raw.versions,
      cases: raw.cases.map((c) => ({
        file,
        name: c.name as string,
        family: c.family as string,
        group: c.group as string,
        fn: c.fn as ExactFn,
        tags: (c.tags as string[] | undefined) ?? [],
        axis: c.axis as number | undefined,
        base: c.base as number | undefined,
        pk: c.pk,
        qk: c.qk,
        pkDigest: c.pk_digest,
        qkDigest: c.qk_digest,
        scipy: numbers(c.scipy),
        exact: numbers(c.exact),
        exactLo: numbers(c.exact_lo),
        exactStr: Array.isArray(c.exact_str) ? (c.exact_str as string[]) : [c.exact_str as string],
      })),
    };
  });
}

// ------------------------------------------------------------------ inputs

/** Marsaglia's 32-bit xorshift (13, 17, 5), as in the exporter. */
function xorshift32(seed: number): () => number {
  let s = seed >>> 0;
  if (s === 0) throw new RangeError('xorshift32 seed must be nonzero');
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

const TWO32 = 4294967296;
const TWO_M53 = 2 ** -53;

function uniform53(next: () => number): number {
  const a = next();
  const b = next();
  return ((a >>> 11) * TWO32 + b + 1) * TWO_M53; // exact: the integer is at most 2^53
}

/** The values a recipe describes, bit for bit as fixtures/export_exact.py makes them. */
export function runRecipe(r: Recipe): Float64Array {
  if (r.recipe === 'runs') {
    const n = r.runs.reduce((s, [, c]) => s + c, 0);
    const out = new Float64Array(n);
    let i = 0;
    for (const [v, c] of r.runs) {
      out.fill(decodeNumber(v), i, i + c);
      i += c;
    }
    return out;
  }
  const next = xorshift32(r.seed);
  const out = new Float64Array(r.n);
  const z = r.zero_every;
  for (let i = 0; i < r.n; i++) {
    let x: number;
    if (r.kind === 'uniform53') {
      x = uniform53(next);
    } else if (r.kind === 'logspread') {
      const u = uniform53(next);
      x = u * 2 ** -(next() % 48);
    } else if (r.kind === 'product') {
      x = uniform53(next);
      for (let j = 1; j < (r.k ?? 1); j++) x = x * uniform53(next);
    } else {
      throw new TypeError(`unknown recipe kind ${String((r as { kind: unknown }).kind)}`);
    }
    if (z !== undefined && next() % z === 0) x = 0;
    out[i] = x;
  }
  return out;
}

/** A case input as an array our functions accept: a Float64Array (1-D) or nested rows (2-D). */
export type Input = Float64Array | number[][];

/** Rebuilds one input (pk or qk) of a case. */
export function buildInput(x: Encoded): Input {
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
    const r = x as unknown as Recipe;
    const flat = runRecipe(r);
    if (r.recipe === 'xorshift32' && r.shape) {
      const [rows, cols] = r.shape;
      const out: number[][] = [];
      for (let i = 0; i < rows; i++) out.push(Array.from(flat.subarray(i * cols, (i + 1) * cols)));
      return out;
    }
    return flat;
  }
  if (!Array.isArray(x)) throw new TypeError('a case input must be an array or a recipe');
  if (x.length > 0 && Array.isArray(x[0])) return (x as Encoded[][]).map((row) => row.map(decodeNumber));
  return Float64Array.from((x as Encoded[]).map(decodeNumber));
}

/**
 * Why a rebuilt input differs from what the exporter made (null if it does not): compares the
 * first three values, the middle one (index n >> 1), the last and the left-to-right float64 sum,
 * all bit for bit.
 */
export function digestMismatch(input: Input, digest: Encoded): string | null {
  const flat = input instanceof Float64Array ? Array.from(input) : input.flat();
  const d = digest as { first: Encoded[]; middle: Encoded; last: Encoded; sequential_sum: Encoded };
  let sum = 0;
  for (const v of flat) sum += v;
  const checks: [string, number, number][] = [
    ...d.first.map((v, i): [string, number, number] => [`value ${i}`, flat[i], decodeNumber(v)]),
    [`value ${flat.length >> 1}`, flat[flat.length >> 1], decodeNumber(d.middle)],
    [`value ${flat.length - 1}`, flat[flat.length - 1], decodeNumber(d.last)],
    ['sequential sum', sum, decodeNumber(d.sequential_sum)],
  ];
  for (const [what, got, want] of checks) if (!Object.is(got, want)) return `${what}: rebuilt ${got}, exporter ${want}`;
  return null;
}

// ------------------------------------------------------------------ running our functions

/** The root exports this harness calls, looked up by name (some may not exist yet). */
export type Library = Record<string, unknown>;

/** The exported function behind each fixture `fn`. */
export const EXPORT_OF: Record<ExactFn, string> = {
  entropy: 'entropy',
  kl: 'entropy',
  cross_entropy: 'cross_entropy',
  jensenshannon: 'jensenshannon',
};

/** Thrown when the library lacks the function a case needs. */
export class MissingExport extends Error {
  constructor(readonly exportName: string) {
    super(`\`${exportName}\` is not exported from lib/index yet`);
    this.name = 'MissingExport';
  }
}

function toValues(r: unknown): number[] {
  if (typeof r === 'number') return [r];
  const nd = r as { toFloat64Array?: () => Float64Array } | null;
  if (nd && typeof nd.toFloat64Array === 'function') return Array.from(nd.toFloat64Array());
  throw new TypeError(`unexpected result ${String(r)}`);
}

/** Our values for a case, one per slice (in the order of the fixture's values). */
export function ours(lib: Library, c: ExactCase, inputs?: { pk: Input; qk?: Input }): number[] {
  const name = EXPORT_OF[c.fn];
  const f = lib[name];
  if (typeof f !== 'function') throw new MissingExport(name);
  const { pk, qk } = inputs ?? { pk: buildInput(c.pk), qk: c.qk === undefined ? undefined : buildInput(c.qk) };
  const options: Record<string, number> = {};
  if (c.axis !== undefined) options.axis = c.axis;
  if (c.base !== undefined) options.base = c.base;
  const result: unknown = c.fn === 'entropy' ? f(pk, options) : f(pk, qk, options);
  return toValues(result);
}

// ------------------------------------------------------------------ errors

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** The gap from |x| to the next larger double (the ulp of x here); NaN for NaN and infinity. */
export function ulp(x: number): number {
  const a = Math.abs(x);
  if (!Number.isFinite(a)) return NaN;
  F64[0] = a;
  U64[0] += 1n;
  return F64[0] - a;
}

/** |r - exact|, from the double-double (hi, lo); NaN if r is NaN or infinite when exact is not. */
export function absError(r: number, hi: number, lo: number): number {
  if (Number.isNaN(r)) return NaN;
  if (!Number.isFinite(hi)) return r === hi ? 0 : NaN;
  if (!Number.isFinite(r)) return Infinity;
  return Math.abs(r - hi - lo);
}

/** One measured value (one slice of a case). */
export interface Measure {
  index: number;
  ours: number;
  scipy: number;
  exact: number;
  exactStr: string;
  ulp: number;
  oursErr: number;
  scipyErr: number;
  oursUlps: number;
  scipyUlps: number;
  oursRel: number;
  scipyRel: number;
  /** max(SciPy's error, 4 ulp); SciPy's error counts as infinite when SciPy gives NaN. */
  bound: number;
}

/** Our error and SciPy's on each value of a case, given our values. */
export function measure(c: ExactCase, values: number[]): Measure[] {
  if (values.length !== c.exact.length) throw new RangeError(`${c.name}: ${values.length} values, expected ${c.exact.length}`);
  return values.map((v, i) => {
    const hi = c.exact[i];
    const lo = c.exactLo[i];
    const u = ulp(hi);
    const oursErr = absError(v, hi, lo);
    let scipyErr = absError(c.scipy[i], hi, lo);
    if (Number.isNaN(scipyErr)) scipyErr = Infinity;
    return {
      index: i,
      ours: v,
      scipy: c.scipy[i],
      exact: hi,
      exactStr: c.exactStr[i],
      ulp: u,
      oursErr,
      scipyErr,
      oursUlps: oursErr / u,
      scipyUlps: scipyErr / u,
      oursRel: oursErr / Math.abs(hi),
      scipyRel: scipyErr / Math.abs(hi),
      bound: Math.max(scipyErr, 4 * u),
    };
  });
}

/** Whether a measured value meets the general bound (a NaN error never does). */
export function withinBound(m: Measure): boolean {
  return m.oursErr <= m.bound;
}

/** The smallest positive normal double. */
export const MIN_NORMAL = 2 ** -1022;

/** A short number for messages and tables. */
export function fmt(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? String(Number(x.toPrecision(digits))) : x.toExponential(digits - 1);
}

/** A one-line account of a measured value: case, ours, exact, SciPy, errors in ulps and relative. */
export function explain(c: ExactCase, m: Measure): string {
  const where = c.exact.length > 1 ? ` [slice ${m.index}]` : '';
  return (
    `${c.file} "${c.name}"${where}: ours ${m.ours}, exact ${m.exactStr} (~${m.exact}), scipy ${m.scipy}; ` +
    `our error ${fmt(m.oursUlps)} ulp (rel ${fmt(m.oursRel)}), scipy's ${fmt(m.scipyUlps)} ulp (rel ${fmt(m.scipyRel)}); ` +
    `bound max(scipy, 4 ulp) = ${fmt(m.bound / m.ulp)} ulp`
  );
}
