/**
 * Every TypeScript code block of README.md and docs/guide.md compiles as a user's file would, in
 * a strict project (strict, exactOptionalPropertyTypes, noUnusedLocals off since blocks show
 * calls): `scipy-entropy` and its subpaths resolve to lib/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.join(__dirname, '..', '..');
const DOCS = ['README.md', 'docs/guide.md'];

function blocks(file: string): Array<{ where: string; code: string }> {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const out: Array<{ where: string; code: string }> = [];
  const fence = /^```(ts|typescript)\n([\s\S]*?)^```/gm;
  for (let m = fence.exec(text); m !== null; m = fence.exec(text)) {
    out.push({ where: `${file}:${text.slice(0, m.index).split('\n').length}`, code: m[2] });
  }
  return out;
}

/** Import specifiers of the package, pointed at the sources. */
function resolvePackage(code: string): string {
  return code.replace(/(['"])scipy-entropy(\/(stats|special|spatial))?\1/g, (_m, q: string, sub: string | undefined) => {
    const target = path.join(root, 'lib', sub ?? '', 'index').split(path.sep).join('/');
    return `${q}${target}${q}`;
  });
}

describe('the code blocks of README.md and docs/guide.md', () => {
  const all = DOCS.flatMap(blocks);

  it('are found', () => {
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  it('compile under strict and exactOptionalPropertyTypes', () => {
    const options: ts.CompilerOptions = {
      strict: true,
      exactOptionalPropertyTypes: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2020,
      lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      esModuleInterop: true,
      skipLibCheck: true,
      types: [],
    };
    const files = new Map(all.map((b, i) => [path.join(root, 'spec', 'docs', `__block${i}.ts`), b]));
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language, ...rest) => {
      const block = files.get(path.resolve(name));
      if (block !== undefined) return ts.createSourceFile(name, `${resolvePackage(block.code)}\nexport {};\n`, language);
      return getSourceFile(name, language, ...rest);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => files.has(path.resolve(name)) || fileExists(name);
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const block = d.file ? files.get(path.resolve(d.file.fileName)) : undefined;
      const where = block && d.file && d.start !== undefined ? `${block.where} +${d.file.getLineAndCharacterOfPosition(d.start).line}` : d.file?.fileName ?? '';
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});
