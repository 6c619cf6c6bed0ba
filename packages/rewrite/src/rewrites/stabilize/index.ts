/** The stabilize family, in the order the equilibrium tries them. */
import type { NodeRewriter } from '../../node-rewriter';
import { expm1FromExp } from './expm1';
import { log1mexpFromExpm1, log1mexpFromLog } from './log1mexp';
import { log1pFromLog } from './log1p';
import { logSumExp } from './logsumexp';
import { logOneMinusSigmoid, logSigmoid, oneMinusSigmoid } from './sigmoid';

export const stabilizeRewrites: readonly NodeRewriter[] = [
  log1pFromLog,
  expm1FromExp,
  logSigmoid,
  logOneMinusSigmoid,
  oneMinusSigmoid,
  log1mexpFromLog,
  log1mexpFromExpm1,
  logSumExp,
];
