/**
 * JSON input: a number, or rectangular nested arrays of numbers. Booleans count as 0 and 1;
 * `null` and the strings `"NaN"`, `"Infinity"`, `"-Infinity"` stand for the values plain JSON
 * cannot hold. A small parser of its own, so that every error names a line and column; it keeps
 * an explicit stack (no recursion, so deep nesting cannot overflow the call stack), refuses more
 * than 64 levels (NumPy's limit on dimensions), and holds nothing but the numbers it read.
 */
import { at, InputError } from './errors.js';
import { Float64Builder } from './text.js';

/** NumPy's limit on the number of dimensions (NPY_MAXDIMS). */
export const MAX_DIMS = 64;

const SPECIAL: Record<string, number> = { NaN: NaN, nan: NaN, Infinity: Infinity, inf: Infinity, '-Infinity': -Infinity, '-inf': -Infinity };

/** Parses JSON text into C-order values and a shape. */
export function readJson(text: string, file: string): { data: Float64Array; shape: number[] } {
  let i = 0;
  const n = text.length;
  const out = new Float64Builder();

  const where = (k: number): [number, number] => {
    let line = 1;
    let last = -1;
    for (let j = 0; j < k && j < n; j++) {
      if (text.charCodeAt(j) === 10) {
        line++;
        last = j;
      }
    }
    return [line, k - last];
  };
  const fail = (k: number, message: string): never => {
    const [line, column] = where(k);
    throw at(file, line, column, message);
  };
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const scalar = (): number => {
    const start = i;
    const c = text[i];
    if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) fail(start, 'unterminated string');
      const s = text.slice(i + 1, end);
      if (!(s in SPECIAL)) fail(start, `a string is not a number: ${JSON.stringify(s.slice(0, 40))} (only "NaN", "Infinity", "-Infinity")`);
      i = end + 1;
      return SPECIAL[s];
    }
    for (const [word, value] of [['true', 1], ['false', 0], ['null', NaN]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const r = m.exec(text);
    if (r === null || r[0] === '' || r[0] === '-') {
      return fail(start, i >= n ? 'unexpected end of input' : `expected a number, found ${JSON.stringify(text.slice(i, i + 12))}`);
    }
    i += r[0].length;
    return Number(r[0]);
  };
  // An explicit stack instead of recursion: counts[d] is the number of elements read so far in
  // the open list at depth d, opens[d] where it starts. `leaf` is the depth of the numbers and
  // dims the length of the lists at each depth, both set by the first one seen.
  let leaf: number | undefined;
  const dims: number[] = [];
  const counts: number[] = [];
  const opens: number[] = [];
  const path = (): string => (counts.length === 0 ? 'the top level' : `[${counts.join('][')}]`);
  const close = (): void => {
    const depth = counts.length - 1;
    const count = counts.pop()!;
    const open = opens.pop()!;
    const where = counts.length === 0 ? 'the top level' : `[${counts.join('][')}]`;
    if (count === 0) {
      if (leaf === undefined) leaf = depth + 1;
      else if (leaf !== depth + 1) fail(open, `ragged array: an empty list at ${where}, where the other lists hold lists`);
    }
    if (dims[depth] === undefined) dims[depth] = count;
    else if (dims[depth] !== count) fail(open, `ragged array: the list at ${where} has ${count} elements, the first list at its depth has ${dims[depth]}`);
  };
  ws();
  if (i >= n) throw new InputError(`${file}: input was empty`);
  for (;;) {
    // A value at depth counts.length.
    ws();
    const depth = counts.length;
    if (text[i] === '[') {
      if (leaf !== undefined && depth >= leaf) fail(i, `ragged array: a list at ${path()}, where the other elements are numbers`);
      if (depth >= MAX_DIMS) fail(i, `more than ${MAX_DIMS} nested lists: NumPy arrays have at most ${MAX_DIMS} dimensions`);
      counts.push(0);
      opens.push(i);
      i++;
      ws();
      if (text[i] !== ']') continue;
      i++;
      close();
    } else {
      if (leaf === undefined) leaf = depth;
      else if (leaf !== depth) fail(i, `ragged array: a number at ${path()}, where the other numbers are nested ${leaf} deep`);
      out.push1(scalar());
    }
    // After a value: a comma (next element), or closing brackets.
    for (;;) {
      if (counts.length === 0) {
        ws();
        if (i < n) fail(i, `unexpected text after the array: ${JSON.stringify(text.slice(i, i + 12))}`);
        return { data: out.view().slice(), shape: dims.slice(0, leaf ?? 0) };
      }
      counts[counts.length - 1]++;
      ws();
      if (text[i] === ',') {
        i++;
        break;
      }
      if (text[i] === ']') {
        i++;
        close();
        continue;
      }
      fail(i, i >= n ? 'unexpected end of input (unclosed "[")' : `expected "," or "]", found ${JSON.stringify(text[i])}`);
    }
  }
}
