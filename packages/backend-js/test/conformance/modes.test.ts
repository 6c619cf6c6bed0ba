import { compile, conformanceCases, gradientCases, runConformance, runConformanceCase, sparseCases, tensorCases, type CompileFn } from '../../src';

const inMode =
  (mode: 'FAST_RUN' | 'FAST_COMPILE'): CompileFn =>
  (inputs, outputs) =>
    compile(inputs, outputs, { mode, onUnusedInput: 'ignore' }) as (...args: unknown[]) => unknown;

const table = conformanceCases.map((c) => [`${c.family}: ${c.name}`, c] as const);

describe.each(['FAST_RUN', 'FAST_COMPILE'] as const)('conformance: compile() in %s against the reference evaluator', (mode) => {
  const compileFn = inMode(mode);
  it.each(table)('%s', (_label, c) => {
    const r = runConformanceCase(compileFn, c);
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
  });
});

describe('the conformance table', () => {
  it('covers the tensor Op families, the sparse Ops and gradient graphs', () => {
    expect(new Set(conformanceCases.map((c) => c.family))).toEqual(new Set(['elemwise', 'special', 'reduction', 'shape', 'join', 'indexing', 'dot', 'extra', 'sparse', 'gradient']));
    expect(tensorCases.length).toBeGreaterThanOrEqual(50);
    expect(sparseCases.length).toBeGreaterThanOrEqual(10);
    expect(gradientCases.length).toBeGreaterThanOrEqual(5);
    expect(new Set(conformanceCases.map((c) => c.name)).size).toBe(conformanceCases.length);
  });

  it('reports a backend that computes something else', () => {
    const wrong: CompileFn = (inputs, outputs) => {
      const f = inMode('FAST_COMPILE')(inputs, outputs);
      return (...args) => (f(...args) as unknown[]).map(() => 0);
    };
    const results = runConformance(wrong, { filter: (c) => c.name === 'add' || c.name === 'structuredDot csr @ dense', trials: 1 });
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/output 0/);
    }
  });

  it('reports a backend that overwrites its inputs', () => {
    const clobber: CompileFn = (inputs, outputs) => {
      const f = inMode('FAST_COMPILE')(inputs, outputs);
      return (...args) => {
        const out = f(...args);
        ((args[0] as { data: Float64Array }).data)[0] = 12345;
        return out;
      };
    };
    const [r] = runConformance(clobber, { filter: (c) => c.name === 'add', trials: 1 });
    expect(r!.ok).toBe(false);
    expect(r!.message).toMatch(/input 0 was modified/);
  });
});
