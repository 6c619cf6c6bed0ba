/** Bad-input rows of @proj/rewrite (its public entry points). */
import { ArgumentError, FunctionGraph } from '@proj/graph';
import * as pt from '@proj/tensor';
import { FAST_RUN_QUERY, rewriteGraph } from '@proj/rewrite';
import type { BadInputSection } from './row';

/** @proj/rewrite rows. */
export const REWRITE_ROWS: BadInputSection = {
  pkg: '@proj/rewrite',
  rows: [
    {
      kind: 'unknown option',
      input: 'rewriteGraph(fg, FAST_RUN_QUERY, { tracer: t })',
      run: () => {
        const x = pt.vector('x');
        return rewriteGraph(new FunctionGraph([x], [x.mul(1)]), FAST_RUN_QUERY, { tracer: undefined } as never);
      },
      error: ArgumentError,
      message: /^rewriteGraph: argument 'options' expected one of the options trace, got 'tracer' \(did you mean 'trace'\?\)$/,
    },
  ],
};
