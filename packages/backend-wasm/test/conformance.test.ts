import { compile, conformanceCases, runConformanceCase, type CompileFn } from '@proj/backend-js';
import { wasmLinker } from '../src';

const withWasm =
  (mode: 'FAST_RUN' | 'FAST_COMPILE'): CompileFn =>
  (inputs, outputs) =>
    compile(inputs, outputs, { mode, linker: wasmLinker, onUnusedInput: 'ignore' }) as (...args: unknown[]) => unknown;

const table = conformanceCases.map((c) => [`${c.family}: ${c.name}`, c] as const);

describe.each(['FAST_RUN', 'FAST_COMPILE'] as const)('the shared conformance suite with the WASM linker (%s)', (mode) => {
  const compileFn = withWasm(mode);
  it.each(table)('%s', (_label, c) => {
    const r = runConformanceCase(compileFn, c);
    expect(r.message).toBe('');
    expect(r.ok).toBe(true);
  });
});
