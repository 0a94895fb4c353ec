import * as fs from 'node:fs';
import * as path from 'node:path';
import '../helpers/allclose';
import { InputError } from '../../lib/cli/errors';
import { npyHeader, parseDescr, parseHeader, readNpy, writeNpy } from '../../lib/cli/npy';
import { hasNumpy, itWithNumpy, python, tempDir } from './helpers';

jest.setTimeout(60_000); // python3 and large inputs can be slow on a loaded machine

/** A .npy file built by hand: a header dict and raw data bytes. */
function npy(dict: string, data: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const prefix = version === 1 ? 10 : 12;
  const len = Math.ceil((prefix + dict.length + 1) / 64) * 64 - prefix;
  const header = dict.padEnd(len - 1, ' ') + '\n';
  const out = new Uint8Array(prefix + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  if (version !== 1) new DataView(out.buffer).setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  out.set(data, prefix + header.length);
  return out;
}

describe('readNpy', () => {
  it('reads a little-endian float64 C-order matrix', () => {
    const data = new Uint8Array(new Float64Array([1, 2, 3, 4, 5, 6]).buffer);
    const a = readNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", data), 'a.npy');
    expect(a.shape).toEqual([2, 3]);
    expect(a.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('reads Fortran order as a view with column-major strides', () => {
    const data = new Uint8Array(new Float64Array([1, 4, 2, 5, 3, 6]).buffer);
    const a = readNpy(npy("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", data), 'f.npy');
    expect(a.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('reads big-endian integers, 0-d arrays and format version 2.0', () => {
    const be = new Uint8Array([0, 1, 0xff, 0xfe]);
    expect(readNpy(npy("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", be), 'b.npy').toArray()).toEqual([1, -2]);
    const scalar = new Uint8Array(new Float64Array([2.5]).buffer);
    expect(readNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", scalar), 's.npy').toArray()).toBe(2.5);
    expect(readNpy(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", new Uint8Array([1, 2, 3]), 2), 'v2.npy').toArray()).toEqual([1, 2, 3]);
  });

  it('reads int64 and uint64 as float64 and bool as 0 and 1', () => {
    const i8 = new Uint8Array(new BigInt64Array([-3n, 2n ** 40n]).buffer);
    expect(readNpy(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", i8), 'i8.npy').toArray()).toEqual([-3, 2 ** 40]);
    const u8 = new Uint8Array(new BigUint64Array([2n ** 63n]).buffer);
    expect(readNpy(npy("{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", u8), 'u8.npy').toArray()).toEqual([2 ** 63]);
    const b = readNpy(npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", new Uint8Array([1, 0, 1])), 'b.npy');
    expect(b.dtype).toBe('bool');
    expect(b.toArray()).toEqual([1, 0, 1]);
  });

  it.each([
    ['no magic string', new TextEncoder().encode('1,2,3\n'), /x.npy: not a .npy file/],
    ['a truncated header', npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }").slice(0, 40), /x.npy: truncated .npy header/],
    ['truncated data', npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(12)), /x.npy: truncated .npy data: shape \(2,\) of float64 needs 16 bytes, found 12/],
    ['trailing bytes', npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(12)), /x.npy: corrupt .npy data/],
    ['a header that is no dict', npy('hello'), /x.npy: corrupt .npy header \(not a dict literal\)/],
    ['a shape that is no tuple of integers', npy("{'descr': '<f8', 'fortran_order': False, 'shape': (a,), }"), /x.npy: corrupt .npy header/],
    ['complex numbers', npy("{'descr': '<c16', 'fortran_order': False, 'shape': (0,), }"), /x.npy: unsupported dtype '<c16'/],
    ['float16', npy("{'descr': '<f2', 'fortran_order': False, 'shape': (0,), }"), /unsupported dtype '<f2'/],
    ['a structured dtype', npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (0,), }"), /unsupported dtype: a structured array/],
    ['an unknown version', Uint8Array.of(0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 9, 0, 0, 0, 0, 0), /unsupported .npy format version 9.0/],
  ])('rejects %s with a message naming the file', (_what, bytes, message) => {
    expect(() => readNpy(bytes, 'x.npy')).toThrow(InputError);
    expect(() => readNpy(bytes, 'x.npy')).toThrow(message);
  });

  it('names every supported dtype as numpy does', () => {
    expect(['<f8', '<f4', '|i1', '<i2', '>i4', '<i8', '|u1', '<u2', '<u4', '>u8', '|b1', '?'].map((d) => parseDescr(d, 'x').name)).toEqual([
      'float64', 'float32', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool', 'bool',
    ]);
  });

  describe('on files written by numpy.save', () => {
    const dir = hasNumpy ? tempDir() : '';
    const dtypes = ['float64', 'float32', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool'];
    itWithNumpy('reads every dtype in both byte orders, C and Fortran order, 0-d to 4-d', () => {
      python(
        `
import numpy as np, json
cases = []
for dt in ${JSON.stringify(dtypes)}:
    for order in '<>':
        for shape in [(), (5,), (2, 3), (2, 3, 4), (2, 1, 3, 2)]:
            for fortran in (False, True):
                a = (np.arange(int(np.prod(shape))) % 7).reshape(shape).astype(np.dtype(dt).newbyteorder(order) if dt != 'bool' else dt)
                a = np.asfortranarray(a) if fortran else np.ascontiguousarray(a)
                name = f"{dt}-{'le' if order == '<' else 'be'}-{len(shape)}d-{'F' if fortran else 'C'}.npy"
                np.save(name, a)
                cases.append([name, list(a.shape), a.astype(float).ravel().tolist()])
json.dump(cases, open('cases.json', 'w'))
`,
        dir,
      );
      const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8')) as [string, number[], number[]][];
      expect(cases.length).toBe(dtypes.length * 2 * 5 * 2);
      for (const [name, shape, values] of cases) {
        const a = readNpy(fs.readFileSync(path.join(dir, name)), name);
        expect([name, a.shape]).toEqual([name, shape]);
        expect([name, Array.from(a.toFloat64Array())]).toEqual([name, values]);
      }
    });
  });
});

describe('writeNpy', () => {
  it('writes a header padded to a multiple of 64 bytes that readNpy reads back', () => {
    for (const shape of [[], [3], [2, 3], [1, 2, 2]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Float64Array.from({ length: n }, (_, i) => i / 3);
      const bytes = writeNpy(values, shape);
      expect(npyHeader(shape).length % 64).toBe(0);
      expect(parseHeader(bytes, 'w').shape).toEqual(shape);
      expect(Array.from(readNpy(bytes, 'w').toFloat64Array())).toEqual(Array.from(values));
    }
  });

  const dir = hasNumpy ? tempDir() : '';
  itWithNumpy('writes files numpy.load reads with the right shape and dtype', () => {
    const shapes = [[], [0], [4], [2, 3], [2, 1, 3]];
    shapes.forEach((shape, k) => {
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Float64Array.from({ length: n }, (_, i) => (i === 1 ? NaN : i === 2 ? -Infinity : i * 0.1));
      fs.writeFileSync(path.join(dir, `w${k}.npy`), writeNpy(values, shape));
    });
    const out = python(
      `
import numpy as np, json
print(json.dumps([[list(a.shape), str(a.dtype), a.flags.c_contiguous, [repr(x) for x in a.ravel().tolist()]] for a in (np.load(f'w{k}.npy') for k in range(${shapes.length}))]))
`,
      dir,
    );
    const got = JSON.parse(out) as [number[], string, boolean, string[]][];
    expect(got.map((g) => g[0])).toEqual(shapes);
    expect(got.every((g) => g[1] === 'float64' && g[2])).toBe(true);
    expect(got[3][3]).toEqual(['0.0', 'nan', '-inf', '0.30000000000000004', '0.4', '0.5']);
  });
});
