import * as path from 'node:path';
import { checkLayers, formatViolations } from '../check-layers.js';

const fixture = (name: string): string => path.join(__dirname, 'fixtures', name);
const found = (name: string): string[] => checkLayers(fixture(name)).map((v) => `${v.kind} ${v.file}:${v.line}`);

describe('check-layers', () => {
  it('passes a tree that uses every allowed form (types, re-exports, require, import(), self-import in tests, devDependencies in tests, comments)', () => {
    expect(checkLayers(fixture('clean'))).toEqual([]);
  });

  it('reports an import of a higher layer, in the source and in package.json', () => {
    expect(found('layer')).toEqual(['layer packages/graph/package.json:4', 'layer packages/graph/src/upward.ts:3']);
  });

  it('reports an import not declared in package.json (devDependencies count for tests only)', () => {
    expect(found('undeclared')).toEqual(['undeclared packages/sparse/test/uses-graph.ts:1', 'undeclared packages/tensor/src/index.js:2']);
  });

  it('reports a deep import into another package', () => {
    expect(found('deep')).toEqual(['deep packages/tensor/src/index.ts:1']);
  });

  it("reports a relative path into another package's directory", () => {
    expect(found('relative')).toEqual(['relative packages/tensor/test/one.ts:2']);
  });

  it('formats each violation as file:line with its kind', () => {
    expect(formatViolations(checkLayers(fixture('deep')))).toMatch(/^packages\/tensor\/src\/index\.ts:1: \[deep\] '@proj\/graph\/src\/index' is a deep import/);
  });

  it('finds the real repository clean', () => {
    const violations = checkLayers(path.join(__dirname, '..', '..'));
    // Printing the list makes a failure say what to fix.
    expect(formatViolations(violations)).toBe('');
  });
});
