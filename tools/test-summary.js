#!/usr/bin/env node
// Adds the per-package jest counts (.jest-results.json, written by
// jest-summary-reporter.js) into one closing line for the whole run.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dirs = [path.join(root, 'tools')].concat(
  fs.readdirSync(path.join(root, 'packages')).map((d) => path.join(root, 'packages', d)),
);
const total = { passed: 0, failed: 0, skipped: 0 };
const missing = [];
for (const dir of dirs) {
  const file = path.join(dir, '.jest-results.json');
  if (!fs.existsSync(file)) {
    missing.push(path.relative(root, dir));
    continue;
  }
  const counts = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const k of Object.keys(total)) total[k] += counts[k];
}
// A package whose tests did not run (a failed typecheck, a crash) counts as one failure.
total.failed += missing.length;
if (missing.length > 0) console.log(`no test results from: ${missing.join(', ')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
