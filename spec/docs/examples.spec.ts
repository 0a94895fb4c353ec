/**
 * The numbers in the docs are the library's numbers: every TypeScript code block of README.md and
 * docs/*.md, and every `@example` of the TSDoc comments in lib/, is run, and each line
 * `expression; // => value` is checked to the last digit (`Object.is` on every number, so 0 and
 * -0 differ). `NDArray [...]` means an NDArray whose `toArray()` is that; a trailing
 * parenthesised remark after the value is ignored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ndarray from 'ndarray';
import ts from 'typescript';
import * as library from '../../lib/index';
import { NDArray } from '../../lib/ndarray/ndarray';

const root = path.join(__dirname, '..', '..');

/** Every source file of the library (the command line's are not an API). */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return rel === 'lib/cli' ? [] : sources(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}
const TSDOC_FILES = sources('lib');

interface Block {
  where: string;
  code: string;
  scope: Record<string, unknown>;
}

function markdownBlocks(file: string): Block[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out: Block[] = [];
  const fence = /^```(ts|js|typescript|javascript)\n([\s\S]*?)^```/gm;
  for (let m = fence.exec(text); m !== null; m = fence.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ where: `${file}:${line}`, code: m[2], scope: {} });
  }
  return out;
}

function tsdocBlocks(file: string): Block[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out: Block[] = [];
  const example = /@example\n((?:\s*\*(?!\/)(?! @).*\n)+)/g;
  // The module's own exports are in scope too (examples may show internal helpers).
  const own = require(path.join(root, file.replace(/\.ts$/, ''))) as Record<string, unknown>;
  for (let m = example.exec(text); m !== null; m = example.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length + 1;
    const code = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    out.push({ where: `${file}:${line}`, code, scope: own });
  }
  return out;
}

/** The expected value of a `// =>` comment, parsed as a JS expression. */
function expected(text: string): { ndarray: boolean; value: unknown } {
  let t = text.trim();
  for (;;) {
    const ndarrayPrefix = t.startsWith('NDArray [');
    try {
      const value = new Function(`return (${ndarrayPrefix ? t.slice('NDArray '.length) : t});`)() as unknown;
      return { ndarray: ndarrayPrefix, value };
    } catch (e) {
      const remark = t.lastIndexOf(' (');
      if (remark < 0) throw new Error(`cannot read the value "${text}": ${(e as Error).message}`);
      t = t.slice(0, remark).trim();
    }
  }
}

/** Equal to the last digit: same structure, numbers equal by Object.is. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  return a === b;
}

function show(x: unknown): string {
  if (x instanceof NDArray) return `NDArray ${show(x.toArray())}`;
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (Array.isArray(x)) return `[${x.map(show).join(', ')}]`;
  return typeof x === 'string' ? JSON.stringify(x) : String(x);
}

interface Check {
  line: number;
  source: string;
  actual: unknown;
  want: string;
}

/** Runs a block with its `// =>` lines turned into checks; returns what each check saw. */
function run(block: Block): Check[] {
  const checks: Check[] = [];
  const lines = block.code.split('\n').map((line, i) => {
    if (/^\s*import\s/.test(line) || /\brequire\(/.test(line)) return '';
    const m = /^(.*?);?\s*\/\/ => (.*)$/.exec(line);
    if (m === null) return line;
    return `__check(${i}, ${JSON.stringify(m[1].trim())}, () => (${m[1]}), ${JSON.stringify(m[2])});`;
  });
  const js = ts.transpileModule(lines.join('\n'), { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None } }).outputText;
  const scope: Record<string, unknown> = { ...library, ...block.scope, ndarray };
  scope.__check = (line: number, source: string, f: () => unknown, want: string) => checks.push({ line, source, actual: f(), want });
  new Function(...Object.keys(scope), js)(...Object.values(scope));
  return checks;
}

const blocks: Block[] = [
  ...['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].flatMap(markdownBlocks),
  ...TSDOC_FILES.flatMap(tsdocBlocks),
];

describe('the examples in the docs', () => {
  it('are found (README, docs/guide.md and TSDoc)', () => {
    expect(blocks.some((b) => b.where.startsWith('README.md'))).toBe(true);
    expect(blocks.some((b) => b.where.startsWith('docs/guide.md'))).toBe(true);
    expect(blocks.some((b) => b.where.startsWith('lib/'))).toBe(true);
  });

  it.each(blocks.map((b) => [b.where, b] as const))('%s runs and gives the values it shows', (_where, block) => {
    const wrong: string[] = [];
    for (const c of run(block)) {
      const { ndarray: isArray, value } = expected(c.want);
      const actual = isArray && c.actual instanceof NDArray ? c.actual.toArray() : c.actual;
      const ok = isArray ? c.actual instanceof NDArray && same(actual, value) : !(c.actual instanceof NDArray) && same(actual, value);
      if (!ok) wrong.push(`line ${c.line + 1}: ${c.source} gives ${show(c.actual)}, the docs say ${c.want}`);
    }
    expect(wrong).toEqual([]);
  });
});
