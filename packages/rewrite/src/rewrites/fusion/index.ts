/** Elementwise fusion into Composite: graph rewriters run in the fusion phase, in order. */
import type { GraphRewriter } from '../../graph-rewriter';
import { elemwiseFusion } from './elemwise-fusion';

export const fusionRewriters: readonly GraphRewriter[] = [elemwiseFusion];
