#!/usr/bin/env node
// The layer guard (DESIGN.md, "Packages (depend only downward)"). For every
// .ts/.js file under packages/*/{src,test} and tools/{src,test} it reports:
//   layer       an import of a @proj package above the importing one (tools may import all)
//   undeclared  an import of a @proj package missing from package.json dependencies
//               (devDependencies also count for test files)
//   deep        an import of `@proj/x/anything` (only the package root is public)
//   relative    a relative path that reaches into another package's directory
//   self        a package's source importing itself by name (a cycle through its index)
//   unknown     an import of a @proj name that is no package of this repository
// and, in each package.json, a declared @proj dependency on a higher layer.
// Imports are read from the syntax tree (TypeScript's parser), so examples in
// comments and strings never count.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/** The layers, bottom to top. A package may import only packages before it. */
const LAYERS = ['graph', 'tensor', 'sparse', 'gradient', 'rewrite', 'backend-js', 'backend-wasm'];
const SCOPE = '@proj/';
const TOOLS = 'tools';
const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
// Calls whose first string argument names a module, besides require().
const MODULE_CALLS = new Set(['require.resolve', 'jest.mock', 'jest.doMock', 'jest.unmock', 'jest.requireActual', 'jest.requireMock']);

/**
 * @typedef {object} Violation
 * @property {string} kind   layer | undeclared | deep | relative | self | unknown | not-layered
 * @property {string} file   path relative to the root
 * @property {number} line   1-based
 * @property {string} message
 */

/**
 * @typedef {object} Workspace
 * @property {string} dir    directory name: `graph`, ..., or `tools`
 * @property {string} abs    absolute directory
 * @property {string} name   package.json name
 * @property {number} rank   index in LAYERS; Infinity for tools (it may import all)
 * @property {any} manifest  the parsed package.json
 */

/** @param {string} root @returns {Workspace[]} */
function listWorkspaces(root) {
  /** @type {Workspace[]} */
  const out = [];
  const pkgsDir = path.join(root, 'packages');
  const dirs = fs.existsSync(pkgsDir) ? fs.readdirSync(pkgsDir).filter((d) => fs.existsSync(path.join(pkgsDir, d, 'package.json'))) : [];
  for (const d of dirs.sort()) {
    const abs = path.join(pkgsDir, d);
    const manifest = JSON.parse(fs.readFileSync(path.join(abs, 'package.json'), 'utf8'));
    const rank = LAYERS.indexOf(d);
    out.push({ dir: d, abs, name: manifest.name, rank: rank === -1 ? NaN : rank, manifest });
  }
  const toolsAbs = path.join(root, TOOLS);
  if (fs.existsSync(path.join(toolsAbs, 'package.json'))) {
    const manifest = JSON.parse(fs.readFileSync(path.join(toolsAbs, 'package.json'), 'utf8'));
    out.push({ dir: TOOLS, abs: toolsAbs, name: manifest.name, rank: Infinity, manifest });
  }
  return out;
}

/**
 * Every source file of a workspace under src/ and test/, skipping build output,
 * node_modules and (in tools) the fixture trees of the guards' own tests.
 * @param {Workspace} ws @returns {{abs: string, isTest: boolean}[]}
 */
function listSources(ws) {
  /** @type {{abs: string, isTest: boolean}[]} */
  const files = [];
  for (const sub of ['src', 'test']) {
    const start = path.join(ws.abs, sub);
    if (!fs.existsSync(start)) continue;
    const stack = [start];
    while (stack.length > 0) {
      const dir = /** @type {string} */ (stack.pop());
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const abs = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name === 'node_modules' || entry.name === 'dist') continue;
          if (ws.dir === TOOLS && abs === path.join(ws.abs, 'test', 'fixtures')) continue;
          stack.push(abs);
        } else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          files.push({ abs, isTest: sub === 'test' });
        }
      }
    }
  }
  return files.sort((a, b) => a.abs.localeCompare(b.abs));
}

/** @param {ts.Expression} e @returns {string} */
function calleeName(e) {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return `${calleeName(e.expression)}.${e.name.text}`;
  return '';
}

/**
 * The module specifiers of a file with their 1-based lines: static imports and
 * re-exports, `import x = require()`, require(), dynamic import(), import types
 * and jest's module calls.
 * @param {string} file @param {string} text @returns {{spec: string, line: number}[]}
 */
function moduleReferences(file, text) {
  const kind = /\.(tsx|jsx)$/.test(file) ? ts.ScriptKind.TSX : /\.(js|mjs|cjs)$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  /** @type {{spec: string, line: number}[]} */
  const refs = [];
  /** @param {ts.Node | undefined} lit */
  const add = (lit) => {
    if (lit && ts.isStringLiteralLike(lit)) refs.push({ spec: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1 });
  };
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'import' : calleeName(node.expression);
      if (callee === 'require' || callee === 'import' || MODULE_CALLS.has(callee)) add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** @param {Workspace} ws @param {boolean} isTest @returns {Set<string>} */
function declaredDeps(ws, isTest) {
  const m = ws.manifest;
  const names = [m.dependencies, m.peerDependencies, m.optionalDependencies, isTest ? m.devDependencies : undefined].flatMap((d) => Object.keys(d ?? {}));
  return new Set(names);
}

/** @param {Workspace} ws */
function describe(ws) {
  return ws.dir === TOOLS ? `${ws.name} (tools)` : `${ws.name} (layer ${ws.rank + 1} of ${LAYERS.length})`;
}

/**
 * Checks the import rules on the repository at `root`.
 * @param {string} root the repository root (holding packages/ and tools/)
 * @returns {Violation[]} sorted by file and line; empty when the tree is clean
 */
function checkLayers(root) {
  root = path.resolve(root);
  const workspaces = listWorkspaces(root);
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  /** @type {Violation[]} */
  const violations = [];
  const rel = (/** @type {string} */ abs) => path.relative(root, abs).split(path.sep).join('/');

  for (const ws of workspaces) {
    const manifestFile = path.join(ws.abs, 'package.json');
    if (ws.dir !== TOOLS && Number.isNaN(ws.rank)) {
      violations.push({ kind: 'not-layered', file: rel(manifestFile), line: 1, message: `packages/${ws.dir} is not in the layer order (${LAYERS.join(' < ')}): add it to LAYERS in tools/check-layers.js` });
    }
    // A declared dependency on a higher layer is a violation even before any file imports it.
    const manifestText = fs.readFileSync(manifestFile, 'utf8');
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const dep of Object.keys(ws.manifest[field] ?? {})) {
        const target = byName.get(dep);
        if (!target || !(target.rank >= ws.rank) || target === ws) continue;
        const at = manifestText.indexOf(JSON.stringify(dep));
        const line = at === -1 ? 1 : manifestText.slice(0, at).split('\n').length;
        violations.push({ kind: 'layer', file: rel(manifestFile), line, message: `${field} of ${describe(ws)} lists ${describe(target)}, which is not below it` });
      }
    }

    for (const { abs, isTest } of listSources(ws)) {
      const file = rel(abs);
      const refs = moduleReferences(abs, fs.readFileSync(abs, 'utf8'));
      const declared = declaredDeps(ws, isTest);
      for (const { spec, line } of refs) {
        const at = { file, line };
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(abs), spec);
          const owner = workspaces.find((w) => w !== ws && (target === w.abs || target.startsWith(w.abs + path.sep)));
          if (owner) {
            violations.push({ kind: 'relative', ...at, message: `'${spec}' reaches into ${rel(owner.abs)}/: import '${owner.name}' (its public entry) instead` });
          }
          continue;
        }
        if (!spec.startsWith(SCOPE)) continue;
        const [, base, ...rest] = spec.split('/');
        const name = `${SCOPE}${base}`;
        const target = byName.get(name);
        if (rest.length > 0) {
          violations.push({ kind: 'deep', ...at, message: `'${spec}' is a deep import: import from '${name}' (only the package root is public)` });
        }
        if (!target) {
          violations.push({ kind: 'unknown', ...at, message: `'${name}' is not a package of this repository` });
          continue;
        }
        if (target === ws) {
          // Tests may use their own package's public name; sources would import their own index.
          if (!isTest) violations.push({ kind: 'self', ...at, message: `${ws.name} imports itself by name: use a relative import` });
          continue;
        }
        if (!(target.rank < ws.rank)) {
          violations.push({ kind: 'layer', ...at, message: `${describe(ws)} imports ${describe(target)}, which is not below it` });
        }
        if (!declared.has(name)) {
          const where = isTest ? 'dependencies or devDependencies' : 'dependencies';
          violations.push({ kind: 'undeclared', ...at, message: `imports ${name}, which ${rel(manifestFile)} does not list in ${where}` });
        }
      }
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.kind.localeCompare(b.kind));
}

/** @param {Violation[]} violations @returns {string} */
function formatViolations(violations) {
  return violations.map((v) => `${v.file}:${v.line}: [${v.kind}] ${v.message}`).join('\n');
}

module.exports = { checkLayers, formatViolations, LAYERS };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const violations = checkLayers(root);
  if (violations.length > 0) {
    console.error(`check-layers: ${violations.length} violation(s) of the layer rules (${LAYERS.join(' < ')}):`);
    console.error(formatViolations(violations));
    process.exit(1);
  }
  console.log(`check-layers: clean (${LAYERS.join(' < ')}; tools may import all)`);
}
