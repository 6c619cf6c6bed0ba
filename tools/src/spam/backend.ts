/**
 * --backend: the compile() options that select a backend.
 */
import type { CompileOptions } from '@proj/backend-js';
import { wasmLinker } from '@proj/backend-wasm';
import { ArgumentError } from '@proj/graph';

/** The backends the classifier can run on. */
export type BackendName = 'js' | 'wasm';

/**
 * The compile() options of `backend`: nothing extra for 'js' (the VM linker
 * with the JS kernels); the WASM linker for 'wasm' (its kernels run the nodes
 * it covers, the elementwise ones; the rest fall back to JS).
 *
 * @example
 * compile([x], y, { ...backendCompileOptions('wasm') });
 */
export function backendCompileOptions(backend: BackendName): CompileOptions {
  if (backend === 'js') return {};
  if (backend === 'wasm') return { linker: wasmLinker };
  throw new ArgumentError({ op: 'spam classifier', argument: '--backend', expected: "'js' or 'wasm'", given: JSON.stringify(backend) });
}
