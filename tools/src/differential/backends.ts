/** The backends every differential run compares with the reference evaluator. */
import { wasmLinker } from '@proj/backend-wasm';
import { jsBackend, type Backend } from './compare';

/**
 * backend-js in FAST_COMPILE and FAST_RUN, and the WASM linker in FAST_RUN.
 *
 * @example
 * differentialCheck(differentialBackends(), { runs: 100 });
 */
export function differentialBackends(): Backend[] {
  return [jsBackend('FAST_COMPILE'), jsBackend('FAST_RUN'), jsBackend('FAST_RUN', { linker: wasmLinker }, 'backend-wasm FAST_RUN')];
}
