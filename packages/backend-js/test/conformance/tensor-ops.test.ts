import { compile, conformanceCases, runConformanceCase, runConformance, type CompileFn } from '../../src';

const compileFn: CompileFn = (inputs, outputs) => compile(inputs, outputs, { onUnusedInput: 'ignore' }) as (...args: unknown[]) => unknown;

describe('conformance: compile() against the reference evaluator', () => {
  it.each(conformanceCases.map((c) => [`${c.family}: ${c.name}`, c] as const))('%s', (_label, c) => {
    const r = runConformanceCase(compileFn, c);
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
  });

  it('covers every family', () => {
    expect(new Set(conformanceCases.map((c) => c.family))).toEqual(new Set(['elemwise', 'reduction', 'shape', 'indexing', 'dot']));
  });

  it('reports a backend that computes something else', () => {
    const wrong: CompileFn = (inputs, outputs) => {
      const f = compileFn(inputs, outputs);
      return (...args) => (f(...args) as unknown[]).map(() => 0);
    };
    const results = runConformance(wrong, { filter: (c) => c.name === 'add', trials: 1 });
    expect(results).toHaveLength(1);
    expect(results[0]!.ok).toBe(false);
    expect(results[0]!.message).toMatch(/output 0/);
  });
});
