import { InputError } from '../../lib/cli/errors';
import { readJson } from '../../lib/cli/json';
import { parseNumber, readText } from '../../lib/cli/text';

describe('readText', () => {
  it('reads a CSV table with a header into a 2-D array', () => {
    const { data, shape } = readText('a,b,c\n1,2,3\n4,5,6\n', 't.csv');
    expect(shape).toEqual([2, 3]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('detects tab, comma or whitespace delimiters, and takes a forced one', () => {
    expect(readText('1\t2\n3\t4', 't').shape).toEqual([2, 2]);
    expect(readText('  1   2  3\n4 5 6\n', 't').shape).toEqual([2, 3]);
    expect(Array.from(readText('1;2\n3;4\n', 't', { delimiter: ';' }).data)).toEqual([1, 2, 3, 4]);
  });

  it('skips blank and comment lines, a byte-order mark and CRLF line endings', () => {
    const { data, shape } = readText('\ufeff# counts\r\nx,y\r\n\r\n1,2\r\n# more\r\n3,4\r\n', 't');
    expect(shape).toEqual([2, 2]);
    expect(Array.from(data)).toEqual([1, 2, 3, 4]);
  });

  it('takes the first line as a header only when none of its fields is a number, unless told', () => {
    expect(readText('1990,1991\n5,6\n', 't').shape).toEqual([2, 2]);
    expect(readText('1990,1991\n5,6\n', 't', { header: true }).shape).toEqual([1, 2]);
    expect(() => readText('a,b\n1,2\n', 't', { header: false })).toThrow('t: line 1, column 1: field 1 is not a number: "a"');
  });

  it('reads quoted fields, exponents, nan and infinities in any case', () => {
    const { data } = readText('"1.5",-2e-3,.5,NaN,-Inf,infinity,"1"\n', 't');
    expect(Array.from(data)).toEqual([1.5, -2e-3, 0.5, NaN, -Infinity, Infinity, 1]);
    expect(parseNumber('0x10')).toBeUndefined();
    expect(parseNumber('1,5')).toBeUndefined();
  });

  it('reads an empty file as a 0x0 table', () => {
    expect(readText('', 'e').shape).toEqual([0, 0]);
    expect(readText('a,b\n', 'e').shape).toEqual([0, 0]);
  });

  it.each([
    ['a non-numeric cell', '1,2,3\n4,x,6\n', 'h.csv: line 2, column 3: field 2 is not a number: "x"'],
    ['an empty cell', '1,2,3\n4,,6\n', 'h.csv: line 2, column 3: empty field 2'],
    ['a short row', '1,2,3\n4,5\n', 'h.csv: line 2, column 4: ragged row: 2 fields, expected 3 (as on line 1)'],
    ['a long row', 'a,b\n1,2\n\n3,4,5\n', 'h.csv: line 4, column 5: ragged row: 3 fields, expected 2 (as on line 2)'],
    ['an unterminated quote', '1,"2\n', 'h.csv: line 1, column 3: unterminated quoted field'],
  ])('rejects %s naming the file, line and column', (_what, text, message) => {
    expect(() => readText(text, 'h.csv')).toThrow(InputError);
    expect(() => readText(text, 'h.csv')).toThrow(message);
  });
});

describe('readJson', () => {
  it('reads nested arrays, numbers, booleans and the stand-ins for NaN and infinities', () => {
    expect(readJson('[[1, 2], [3, 4], [5, 6]]', 'j')).toEqual({ data: Float64Array.from([1, 2, 3, 4, 5, 6]), shape: [3, 2] });
    expect(readJson(' 2.5 ', 'j')).toEqual({ data: Float64Array.of(2.5), shape: [] });
    expect(Array.from(readJson('[true, false, null, "NaN", "Infinity", "-Infinity", -1e2]', 'j').data)).toEqual([1, 0, NaN, NaN, Infinity, -Infinity, -100]);
  });

  it('gives empty lists their shape', () => {
    expect(readJson('[]', 'j').shape).toEqual([0]);
    expect(readJson('[[], []]', 'j').shape).toEqual([2, 0]);
  });

  it.each([
    ['a ragged row', '[[1, 2],\n [3]]', 'j.json: line 2, column 2: ragged array: the list at [1] has 1 elements, the first list at its depth has 2'],
    ['a number among lists', '[[1], 2]', 'j.json: line 1, column 7: ragged array: a number at [1], where the other numbers are nested 2 deep'],
    ['a list among numbers', '[1, [2]]', 'j.json: line 1, column 5: ragged array: a list at [1], where the other elements are numbers'],
    ['a string', '[1, "a"]', 'j.json: line 1, column 5: a string is not a number: "a"'],
    ['a missing bracket', '[1, 2', 'j.json: line 1, column 6: unexpected end of input (unclosed "[")'],
    ['trailing text', '[1] x', 'j.json: line 1, column 5: unexpected text after the array: "x"'],
    ['an empty file', '  ', 'j.json: input was empty'],
  ])('rejects %s naming the line and column', (_what, text, message) => {
    expect(() => readJson(text, 'j.json')).toThrow(message);
  });
});
