// Shared jest settings: ts-jest transpiles only (isolatedModules); `tsc --noEmit`
// (the typecheck task) catches type errors. @proj/* map to the sibling sources, so
// tests never need a build and always see the current code of their dependencies.
const path = require('node:path');

/** @param {string} dir the package directory */
module.exports = function preset(dir) {
  return {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    // test/fixtures holds data and small fixture trees (tools' guards test on
    // fake packages): never tests, and their package.json files are no modules.
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/fixtures/'],
    modulePathIgnorePatterns: ['<rootDir>/test/fixtures/.*/package\\.json$'],
    transform: {
      '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(dir, 'tsconfig.json') }],
    },
    moduleNameMapper: {
      '^@proj/([a-z-]+)$': path.join(__dirname, 'packages/$1/src'),
    },
    reporters: ['default', path.join(__dirname, 'tools/jest-summary-reporter.js')],
  };
};
