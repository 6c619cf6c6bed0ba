/** The backends every differential run compares with the reference evaluator. */
import { jsBackend, type Backend } from './compare';

/**
 * backend-js in FAST_COMPILE and FAST_RUN.
 *
 * @example
 * differentialCheck(differentialBackends(), { runs: 100 });
 */
export function differentialBackends(): Backend[] {
  return [jsBackend('FAST_COMPILE'), jsBackend('FAST_RUN')];
}
