// A jest reporter that writes this package's counts to .jest-results.json (a turbo
// output, so a cached run restores it) and prints them; tools/test-summary.js adds
// the files of every package into the closing `N passed, N failed` line of the run.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(this.rootDir, '.jest-results.json'), JSON.stringify(counts) + '\n');
  }
}

module.exports = SummaryReporter;
