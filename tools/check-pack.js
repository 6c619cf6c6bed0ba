#!/usr/bin/env node
// The packaging guard: what a user installs from npm must work outside this
// workspace. It builds every package (turbo build), packs each with `pnpm pack`,
// checks that the `workspace:` ranges of the packed package.json became real
// ranges (^0.1.0) and that `main`/`types` point at files inside the tarball, then
// installs the tarballs of a top package and its @proj dependencies with npm into
// an empty project in the OS temp dir (no workspace above it) and imports each
// package both with require() and from an ES module (static named imports).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { execFile } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const DEP_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];
// The package whose install must work, with its @proj dependencies. @proj/tensor
// stands for "a package with a dependency"; until it has sources, graph alone.
const DEFAULT_TARGETS = ['@proj/tensor'];
const FALLBACK_TARGET = '@proj/graph';
// Named exports that must be there, beyond "every CommonJS export is also an ESM export".
const REQUIRED_EXPORTS = {
  '@proj/graph': { FunctionGraph: 'function', Variable: 'function', Apply: 'function', Op: 'function', evaluate: 'function', debugprint: 'function' },
};

// The npm_* variables that an outer `npm run` or pnpm sets would mislead the inner
// npm (npm_config_local_prefix points at the workspace, pnpm's globalconfig is
// its own rc file): all are dropped except the ones that say how to reach the registry.
const KEEP_NPM_ENV = /^npm_config_(registry|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|cache|userconfig)$/i;

/**
 * Runs a command; resolves with its stdout, rejects with an error carrying its output.
 * @param {string} cmd @param {string[]} args @param {string} cwd
 * @returns {Promise<string>}
 */
function run(cmd, args, cwd) {
  const outer = Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || KEEP_NPM_ENV.test(k));
  const env = { ...Object.fromEntries(outer), TURBO_TELEMETRY_DISABLED: '1' };
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`\`${cmd} ${args.join(' ')}\` failed in ${cwd} (${err.code ?? err.signal}):\n${stdout}\n${stderr}`.trimEnd()));
      } else resolve(stdout);
    });
  });
}

/**
 * The files of a .tgz (ustar) as a Map from path (without the leading `package/`) to contents.
 * @param {string} file @returns {Map<string, Buffer>}
 */
function readTarball(file) {
  const buf = zlib.gunzipSync(fs.readFileSync(file));
  const files = new Map();
  let longName = '';
  for (let off = 0; off + 512 <= buf.length; ) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (/** @type {number} */ a, /** @type {number} */ b) => header.toString('utf8', a, b).replace(/\0.*$/s, '');
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const type = str(156, 157);
    const prefix = str(345, 500);
    let name = longName || (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = '';
    const body = buf.subarray(off + 512, off + 512 + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === '0' || type === '') files.set(name.replace(/^[^/]+\//, ''), Buffer.from(body));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * Where the temp project goes: $PROJ_PACK_TMPDIR if set, else a RAM disk
 * (/dev/shm) with room to spare, else os.tmpdir(). The install holds about
 * 450 MB in 55,000 files (@stdlib's namespace packages); on a disk mounted with
 * `discard` deleting them took 45-65 s, on the RAM disk 2 s.
 * @returns {string}
 */
function tempBase() {
  if (process.env.PROJ_PACK_TMPDIR) return process.env.PROJ_PACK_TMPDIR;
  const shm = '/dev/shm';
  try {
    fs.accessSync(shm, fs.constants.W_OK);
    const { bavail, bsize } = fs.statfsSync(shm);
    if (bavail * bsize > 2 * 1024 ** 3) return shm;
  } catch {
    // No RAM disk here: the OS temp directory will do.
  }
  return os.tmpdir();
}

/** @param {string} name @param {string} version */
function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

/**
 * @typedef {object} Packed
 * @property {string} name
 * @property {string} version
 * @property {string} dir       the package directory
 * @property {string} tarball   absolute path of the .tgz
 * @property {any} manifest     the package.json inside the tarball
 * @property {boolean} hasSources  whether src/index.ts exists and exports something (a placeholder counts)
 */

/**
 * Checks one tarball's manifest and files; returns the problems found.
 * @param {Packed} p @param {Map<string, string>} versions workspace name -> version
 * @param {Map<string, Buffer>} files @returns {string[]}
 */
function tarballProblems(p, versions, files) {
  const problems = [];
  const m = p.manifest;
  for (const field of DEP_FIELDS) {
    for (const [dep, range] of Object.entries(m[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${p.name}: ${field}.${dep} is still '${range}' in the packed package.json`);
      else if (versions.has(dep) && range !== `^${versions.get(dep)}`) {
        problems.push(`${p.name}: ${field}.${dep} is '${range}', expected '^${versions.get(dep)}'`);
      }
    }
  }
  for (const [what, rel] of [['main', m.main], ['types', m.types]]) {
    const file = String(rel ?? '').replace(/^\.\//, '');
    if (!file) problems.push(`${p.name}: package.json has no ${what}`);
    else if (!files.has(file)) problems.push(`${p.name}: ${what} '${rel}' is not in the tarball (files: ${[...files.keys()].sort().join(', ')})`);
  }
  if (!files.has('README.md')) problems.push(`${p.name}: README.md is not in the tarball`);
  return problems;
}

/**
 * @typedef {object} CheckPackOptions
 * @property {boolean} [build]    run `turbo run build` first (default true)
 * @property {string[]} [targets] packages to install, with the workspace packages they depend on
 *                                (default: tensor, or graph alone while tensor's src/index.ts is missing or exports nothing)
 * @property {boolean} [keep]     keep the temp directory; its path is in the report (default false)
 * @property {(line: string) => void} [log]  progress lines
 */

/**
 * The check. Rejects with an error listing every problem; resolves with a report.
 * @param {CheckPackOptions} [options]
 */
async function checkPack(options = {}) {
  const log = options.log ?? (() => {});
  const t0 = Date.now();
  const timings = /** @type {Record<string, number>} */ ({});
  const lap = (/** @type {string} */ k, /** @type {number} */ since) => (timings[k] = (Date.now() - since) / 1000);

  if (options.build ?? true) {
    const t = Date.now();
    await run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], ROOT);
    lap('build', t);
  }

  const tmp = fs.mkdtempSync(path.join(tempBase(), 'proj-check-pack-'));
  try {
    const tarDir = path.join(tmp, 'tarballs');
    fs.mkdirSync(tarDir);
    const pkgDirs = fs
      .readdirSync(path.join(ROOT, 'packages'))
      .map((d) => path.join(ROOT, 'packages', d))
      .filter((d) => fs.existsSync(path.join(d, 'package.json')));
    const versions = new Map();
    for (const dir of pkgDirs) {
      const m = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      versions.set(m.name, m.version);
    }

    let t = Date.now();
    /** @type {Packed[]} */
    const packed = await Promise.all(
      pkgDirs.map(async (dir) => {
        const m = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
        await run('pnpm', ['pack', '--pack-destination', tarDir], dir);
        const tarball = path.join(tarDir, tarballName(m.name, m.version));
        if (!fs.existsSync(tarball)) throw new Error(`pnpm pack in ${dir} made no ${path.basename(tarball)}`);
        const index = path.join(dir, 'src', 'index.ts');
        const hasSources = fs.existsSync(index) && /^\s*export\b/m.test(fs.readFileSync(index, 'utf8'));
        return { name: m.name, version: m.version, dir, tarball, manifest: null, hasSources };
      }),
    );
    lap('pack', t);

    const problems = [];
    for (const p of packed) {
      const files = readTarball(p.tarball);
      const manifestBuf = files.get('package.json');
      if (!manifestBuf) {
        problems.push(`${p.name}: no package.json in ${p.tarball}`);
        continue;
      }
      p.manifest = JSON.parse(manifestBuf.toString('utf8'));
      problems.push(...tarballProblems(p, versions, files));
    }
    if (problems.length > 0) throw new Error(`check-pack: the tarballs are not publishable:\n  ${problems.join('\n  ')}`);
    log(`packed ${packed.length} packages; workspace ranges replaced (${packed.map((p) => `${p.name}@${p.version}`).join(', ')})`);

    // The install: the targets that have sources, and their @proj closure.
    const byName = new Map(packed.map((p) => [p.name, p]));
    let targets = (options.targets ?? DEFAULT_TARGETS).filter((n) => byName.get(n)?.hasSources);
    if (targets.length === 0) targets = [FALLBACK_TARGET];
    const install = new Set();
    const visit = (/** @type {string} */ name) => {
      const p = byName.get(name);
      if (!p) throw new Error(`check-pack: ${name} is not a package of this repository`);
      if (install.has(name)) return;
      install.add(name);
      for (const field of DEP_FIELDS) for (const dep of Object.keys(p.manifest[field] ?? {})) if (byName.has(dep)) visit(dep);
    };
    targets.forEach(visit);
    const names = [...install].sort();

    const consumer = path.join(tmp, 'consumer');
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'proj-pack-consumer', version: '0.0.0', private: true }, null, 2) + '\n');
    t = Date.now();
    await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--prefer-offline', '--loglevel=error', ...names.map((n) => byName.get(n).tarball)], consumer);
    lap('npmInstall', t);
    log(`npm installed ${names.join(', ')} into ${consumer}`);

    // CommonJS: require each package; list its exports for the ESM side.
    fs.writeFileSync(
      path.join(consumer, 'check.cjs'),
      [
        `const names = ${JSON.stringify(names)};`,
        'const out = {};',
        'for (const n of names) {',
        '  const m = require(n);',
        "  if (!require.resolve(n).startsWith(__dirname)) throw new Error(n + ' resolved outside this project: ' + require.resolve(n));",
        '  out[n] = Object.fromEntries(Object.keys(m).map((k) => [k, typeof m[k]]));',
        '}',
        'console.log(JSON.stringify(out));',
      ].join('\n') + '\n',
    );
    const cjs = /** @type {Record<string, Record<string, string>>} */ (JSON.parse(await run(process.execPath, ['check.cjs'], consumer)));
    for (const [pkg, required] of Object.entries(REQUIRED_EXPORTS)) {
      if (!cjs[pkg]) continue;
      for (const [k, type] of Object.entries(required)) {
        if (cjs[pkg][k] !== type) problems.push(`require('${pkg}').${k} is ${cjs[pkg][k] ?? 'missing'}, expected a ${type}`);
      }
    }
    for (const n of names) {
      if (Object.keys(cjs[n]).length === 0) problems.push(`require('${n}') has no exports`);
    }

    // ESM: a static named import of every CommonJS export (a name Node cannot
    // detect fails at link time), and the same typeof on both sides.
    const esm = [];
    names.forEach((n, i) => {
      const keys = Object.keys(cjs[n]).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      esm.push(`import { ${keys.map((k) => `${k} as m${i}_${k}`).join(', ')} } from '${n}';`);
      esm.push(`check('${n}', { ${keys.map((k) => `${JSON.stringify(k)}: typeof m${i}_${k}`).join(', ')} });`);
    });
    fs.writeFileSync(
      path.join(consumer, 'check.mjs'),
      [
        `const expected = ${JSON.stringify(cjs)};`,
        'const bad = [];',
        'function check(pkg, got) {',
        '  for (const [k, t] of Object.entries(expected[pkg])) if (k !== "default" && got[k] !== t) bad.push(`${pkg}.${k}: ${got[k]} from ESM, ${t} from CommonJS`);',
        '}',
        ...esm,
        "if (bad.length) { console.error(bad.join('\\n')); process.exit(1); }",
        "console.log('ok');",
      ].join('\n') + '\n',
    );
    await run(process.execPath, ['check.mjs'], consumer);
    if (problems.length > 0) throw new Error(`check-pack: the installed packages do not import as expected:\n  ${problems.join('\n  ')}`);
    log(`require() and ESM named imports work for ${names.map((n) => `${n} (${Object.keys(cjs[n]).length} exports)`).join(', ')}`);

    return { packed: packed.map((p) => ({ name: p.name, version: p.version, dependencies: p.manifest.dependencies ?? {} })), installed: names, exports: cjs, timings, dir: options.keep ? tmp : undefined };
  } finally {
    const t = Date.now();
    if (!options.keep) fs.rmSync(tmp, { recursive: true, force: true });
    lap('cleanup', t);
    lap('total', t0);
  }
}

module.exports = { checkPack, readTarball };

/** Every publishable package, one install each (`--each`): each must install alone with only its @proj dependencies. */
async function checkEach(log) {
  const names = fs
    .readdirSync(path.join(ROOT, 'packages'))
    .map((d) => JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', d, 'package.json'), 'utf8')))
    .filter((m) => !m.private)
    .map((m) => m.name)
    .sort();
  const results = [];
  for (const name of names) {
    const report = await checkPack({ log: (line) => log(`${name}: ${line}`), targets: [name] });
    results.push(`${name}: installed alone with ${report.installed.filter((n) => n !== name).join(', ') || 'no other @proj package'} in ${report.timings.total.toFixed(1)} s`);
  }
  return results;
}

if (require.main === module) {
  const log = (line) => console.log(`check-pack: ${line}`);
  const job = process.argv.includes('--each')
    ? checkEach(log).then((lines) => lines.forEach((l) => log(l)))
    : checkPack({ log, keep: process.argv.includes('--keep') }).then((report) => {
        log(`ok in ${report.timings.total.toFixed(1)} s (${JSON.stringify(report.timings)})${report.dir ? `; kept ${report.dir}` : ''}`);
      });
  job.catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
