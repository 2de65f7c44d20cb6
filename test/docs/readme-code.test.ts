/**
 * Every TypeScript / JavaScript block in the READMEs compiles, so the docs cannot drift from the code.
 * - ```ts / ```typescript blocks are type-checked together (each as its own module) against the sources, with
 *   `chrysalis/<subpath>` mapped to the source index that package.json `exports` names.
 * - ```js / ```javascript blocks are syntax-checked by node (`.mjs` when they use `import`, else `.cjs`), and run when
 *   they are self-contained (only `node:` imports, no URLs).
 * A block that is deliberately not code (a signature summary, a fragment) is preceded by
 * `<!-- not-compiled: reason -->`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git', 'shared']);

interface Block {
  readonly id: string; // README path:line
  readonly dir: string; // the README's folder: relative imports in a block resolve from there
  readonly lang: 'ts' | 'js';
  readonly code: string;
  readonly skipReason: string | undefined;
}

function readmes(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) out.push(...readmes(join(dir, e.name)));
    } else if (e.name === 'README.md') out.push(join(dir, e.name));
  }
  return out;
}

function blocksOf(file: string): Block[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript|js|javascript)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] as string); i++) body.push(lines[i] as string);
    let prev = start - 1;
    while (prev >= 0 && (lines[prev] as string).trim() === '') prev--;
    const marker = prev >= 0 ? /^<!--\s*not-compiled:\s*(.+?)\s*-->$/.exec((lines[prev] as string).trim()) : null;
    out.push({
      id: `${relative(ROOT, file)}:${start + 1}`,
      dir: dirname(file),
      lang: open[1]?.startsWith('t') ? 'ts' : 'js',
      code: body.join('\n'),
      skipReason: marker?.[1],
    });
  }
  return out;
}

const blocks = readmes(ROOT).flatMap(blocksOf);
const tsBlocks = blocks.filter((b) => b.lang === 'ts' && b.skipReason === undefined);
const jsBlocks = blocks.filter((b) => b.lang === 'js' && b.skipReason === undefined);

/** `chrysalis/<sub>` -> the source index that package.json `exports` compiles to `dist/<dir>/index.js`. */
function chrysalisPaths(): Record<string, string[]> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string> };
  const paths: Record<string, string[]> = {};
  for (const [sub, target] of Object.entries(pkg.exports)) {
    if (!target.startsWith('./dist/')) continue;
    paths[`chrysalis/${sub.slice(2)}`] = [target.slice('./dist/'.length).replace(/\.js$/, '.ts')];
  }
  return paths;
}

function typeCheck(): Map<string, string[]> {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    // Snippets are ES modules (top-level await is fine in them); sources resolve as they do for a user's bundler.
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    baseUrl: ROOT,
    paths: chrysalisPaths(),
    noEmit: true,
    declaration: false,
    sourceMap: false,
    incremental: false,
    noUnusedLocals: false,
  };
  const virtual = new Map(tsBlocks.map((b, n) => [join(b.dir, `__readme_block_${n}.ts`), b]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError) => {
    const b = virtual.get(name);
    // `export {}` makes every block a module of its own, so names never collide between blocks.
    if (b) return ts.createSourceFile(name, `${b.code}\nexport {};\n`, lang, true);
    return getSourceFile(name, lang, onError);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const result = new Map<string, string[]>();
  for (const [name, b] of virtual) {
    const sf = program.getSourceFile(name);
    const diags = sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
    result.set(
      b.id,
      diags.map((d) => {
        const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `block line ${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return result;
}

describe('README code blocks', () => {
  test('the READMEs have code blocks and every skipped block says why', () => {
    expect(tsBlocks.length).toBeGreaterThan(0);
    for (const b of blocks) if (b.skipReason !== undefined) expect(b.skipReason.length).toBeGreaterThan(3);
  });

  describe('TypeScript blocks type-check against the sources', () => {
    let diagnostics: Map<string, string[]>;
    beforeAll(() => {
      diagnostics = typeCheck();
    }, 300_000);
    test.each(tsBlocks.map((b) => [b.id]))('%s', (id) => {
      expect(diagnostics.get(id)).toEqual([]);
    });
  });

  describe('JavaScript blocks are valid scripts', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'chrysalis-readme-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const cases: [string, Block][] = jsBlocks.map((b) => [b.id, b]);
    if (cases.length === 0) test('(no JavaScript blocks)', () => undefined);
    else
      test.each(cases)('%s', (_id, b) => {
        const esm = /^\s*import\s/m.test(b.code) || /^\s*export\s/m.test(b.code);
        const file = join(dir, `block.${esm ? 'mjs' : 'cjs'}`);
        writeFileSync(file, b.code);
        const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
        expect(check.stderr).toBe('');
        expect(check.status).toBe(0);
        const specifiers = [...b.code.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map(
          (m) => m[1],
        );
        const selfContained = specifiers.every((s) => s?.startsWith('node:')) && !b.code.includes('://');
        if (selfContained) {
          const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
          expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
        }
      });
  });
});
