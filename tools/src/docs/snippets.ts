/**
 * Tested code blocks of the documentation. A block fenced as ```` ```ts test ````
 * in docs/*.md or a package README is a self-contained TypeScript program;
 * tools/test/docs-readme.test.ts runs each one. Inside a block, a line
 *
 *     expression; // => expected
 *
 * asserts that the expression equals `expected` (a JS expression: a literal, or
 * math such as `Math.exp(1)`), and
 *
 *     expression; // throws ShapeError
 *
 * asserts that it throws that error class. So the examples read like a REPL
 * session and cannot drift from the code.
 */
import * as ts from 'typescript';

/** One tested block: where it is and its source. */
export interface Snippet {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

/**
 * The ```` ```ts test ```` blocks of a markdown text.
 *
 * @example
 * extractSnippets('a.md', '```ts test\nconst a = 1;\n```\n')[0].code; // 'const a = 1;'
 */
export function extractSnippets(file: string, markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts\s+test\s*$/.test(lines[i])) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: unclosed code block`);
    out.push({ file, line: start + 1, code: body.join('\n') });
  }
  return out;
}

const CHECK = /^(\s*)(.+?);\s*\/\/ => (.+)$/;
const THROWS = /^(\s*)(.+?);\s*\/\/ throws (\w+)\s*$/;

/**
 * The block with its `// =>` and `// throws` lines turned into calls of
 * `__check(() => actual, expected, line)` and `__throws(() => actual, 'Name', line)`,
 * transpiled to CommonJS JavaScript.
 *
 * @example
 * compileSnippet({ file: 'a.md', line: 1, code: 'Math.sqrt(4); // => 2' }); // '... __check(() => (Math.sqrt(4)), (2), 2) ...'
 */
export function compileSnippet(s: Snippet): string {
  const code = s.code
    .split('\n')
    .map((l, k) => {
      const at = s.line + 1 + k;
      const t = l.match(THROWS);
      if (t) return `${t[1]}__throws(() => (${t[2]}), ${JSON.stringify(t[3])}, ${at});`;
      const m = l.match(CHECK);
      if (m) return `${m[1]}__check(() => (${m[2]}), (${m[3]}), ${at});`;
      return l;
    })
    .join('\n');
  const out = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: `${s.file}:${s.line}.ts`,
    reportDiagnostics: true,
  });
  const errors = out.diagnostics?.filter((d) => d.category === ts.DiagnosticCategory.Error) ?? [];
  if (errors.length > 0) {
    throw new Error(`${s.file}:${s.line}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`);
  }
  return out.outputText;
}

/**
 * Type-checks snippets as TypeScript modules against the packages' sources (the
 * `paths` of tsconfig.dev.json at `root`). Returns one message per error, naming the
 * markdown file and line. Unused locals are allowed: examples show values they do
 * not use again.
 *
 * @example
 * typeCheckSnippets('/work/main', [{ file: 'a.md', line: 1, code: "const n: number = 'x';" }]);
 * // ["a.md:2: Type 'string' is not assignable to type 'number'."]
 */
export function typeCheckSnippets(root: string, snippets: readonly Snippet[]): string[] {
  const configPath = `${root}/tsconfig.dev.json`;
  const read = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false, types: ['node'] };
  const files = new Map<string, Snippet>(snippets.map((s, k) => [`${root}/.snippets/snippet-${k}.ts`, s]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => {
    const s = files.get(name);
    return s ? ts.createSourceFile(name, s.code, lang) : getSourceFile(name, lang, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const out: string[] = [];
  for (const [name, s] of files) {
    for (const d of ts.getPreEmitDiagnostics(program, program.getSourceFile(name))) {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      out.push(`${s.file}:${s.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return out;
}
