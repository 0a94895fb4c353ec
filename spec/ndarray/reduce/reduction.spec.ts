import { defineKernel, type KernelDeclaration } from '../../../lib/ndarray/reduce/kernel';
import { COUNT_NAN, MAX, SUM, SUM_BELOW, SUM_WHERE_Q } from '../../../lib/ndarray/reduce/kernels';
import { defineReduction, MAX_PASSES, type ReductionDeclaration } from '../../../lib/ndarray/reduce/reduction';

type Decl = ReductionDeclaration<string, string, undefined>;
const finish = () => 0;

describe('defineReduction', () => {
  it('compiles a declaration: passes in order, operands resolved, constants by name', () => {
    const r = defineReduction<'total' | 'rest', 'big'>({
      name: 'example',
      samples: 2,
      flags: ['big'],
      passes: [
        { name: 'total', kernel: SUM, operand: 'q' },
        { name: 'rest', kernel: SUM_BELOW, operand: 'p', constants: (s, c) => void (c.limit = s.total.value) },
      ],
      finish: (s) => s.rest.value,
    });
    expect(r.passes.map((p) => [p.name, p.readsQ])).toEqual([['total', true], ['rest', false]]);
    expect(r.flagNames).toEqual(['big']);
  });

  it.each<[string, Partial<Decl>, string]>([
    ['no passes', { passes: [] }, '1 to 8 passes; got 0'],
    ['too many passes', { passes: Array.from({ length: MAX_PASSES + 1 }, (_, i) => ({ name: `p${i}`, kernel: SUM, operand: 'p' as const })) }, `1 to 8 passes; got ${MAX_PASSES + 1}`],
    ['a repeated pass name', { passes: [{ name: 'a', kernel: SUM, operand: 'p' }, { name: 'a', kernel: MAX, operand: 'p' }] }, 'pass 1 (`a`): its name is taken'],
    ['a reserved pass name', { passes: [{ name: 'flags', kernel: SUM, operand: 'p' }] }, 'pass 0 (`flags`): its name is taken'],
    ['a one-operand kernel without its operand', { passes: [{ name: 'a', kernel: SUM }] }, "pass 0 (`a`): kernel `sum` reads one operand; name it ('p' or 'q')"],
    ['a two-operand kernel with an operand', { samples: 2, passes: [{ name: 'a', kernel: SUM_WHERE_Q, operand: 'p', constants: () => undefined }] }, 'pass 0 (`a`): kernel `sum where q equals` reads both samples; it takes no operand'],
    ['q in a one-sample reduction', { passes: [{ name: 'a', kernel: SUM, operand: 'q' }] }, 'pass 0 (`a`): reads q, but the reduction has one sample'],
    ['a two-operand kernel in a one-sample reduction', { passes: [{ name: 'a', kernel: SUM_WHERE_Q, constants: () => undefined }] }, 'pass 0 (`a`): reads q, but the reduction has one sample'],
    ['constants missing', { passes: [{ name: 'a', kernel: SUM_BELOW, operand: 'p' }] }, 'pass 0 (`a`): kernel `sum below` takes constants [limit]; set them in `constants`'],
    ['constants for a kernel without any', { passes: [{ name: 'a', kernel: COUNT_NAN, operand: 'p', constants: () => undefined }] }, 'pass 0 (`a`): kernel `count NaN` takes no constants'],
    ['repeated flags', { flags: ['x', 'x'] }, 'repeated flag names [x, x]'],
    ['a bad sample count', { samples: 3 as 1 }, 'samples must be 1 or 2; got 3'],
  ])('throws a TypeError for %s', (_, change, message) => {
    const d: Decl = { name: 'bad', samples: 1, passes: [{ name: 'a', kernel: SUM, operand: 'p' }], finish, ...change };
    expect(() => defineReduction(d)).toThrow(TypeError);
    expect(() => defineReduction(d)).toThrow(`reduction \`bad\`: ${message}`);
  });
});

describe('defineKernel', () => {
  const block = () => 0;
  it('gives each constant a name that writes its place in the constants array', () => {
    const k = defineKernel({ name: 'k', operands: 1, constants: ['x', 'y'], combine: 'sum', block });
    const values = new Float64Array(8);
    const c = new k.Constants(values, 4);
    c.y = 3;
    expect(Array.from(values)).toEqual([0, 0, 0, 0, 0, 3, 0, 0]);
    expect(() => {
      (c as Record<string, number>).z = 1;
    }).toThrow(TypeError);
  });

  it.each<[string, Partial<KernelDeclaration<string>>, string]>([
    ['five constants', { constants: ['a', 'b', 'c', 'd', 'e'] }, 'at most 4 constants; got 5'],
    ['repeated constants', { constants: ['a', 'a'] }, 'repeated constant names [a, a]'],
    ['rows on a two-operand kernel', { operands: 2, rows: () => undefined }, '`rows` and `columns` need a one-operand kernel'],
    ['rows with constants', { constants: ['a'], rows: () => undefined }, '`rows` needs a kernel without constants'],
    ['a long max kernel', { combine: 'max', long: true }, 'a `max` kernel cannot be `long`'],
  ])('throws a TypeError for %s', (_, change, message) => {
    const d = { name: 'bad', operands: 1 as const, constants: [] as string[], combine: 'sum' as const, block, ...change };
    expect(() => defineKernel(d)).toThrow(`kernel \`bad\`: ${message}`);
  });
});
