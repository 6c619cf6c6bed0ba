/** Every section of the bad-input catalogue, in the order of the layers. */
import { COMPILE_ROWS } from './compile-rows';
import { GRADIENT_ROWS, GRAPH_ROWS } from './graph-rows';
import type { BadInputSection } from './row';
import { REWRITE_ROWS } from './rewrite-rows';
import { SPARSE_ROWS } from './sparse-rows';
import { TENSOR_ROWS } from './tensor-rows';

export { isAccepted, type AcceptedRow, type BadInputRow, type BadInputSection, type ErrorClass, type RefusedRow, type Watched } from './row';

/** The catalogue: one section per package. */
export const BAD_INPUT_CATALOGUE: readonly BadInputSection[] = [GRAPH_ROWS, TENSOR_ROWS, SPARSE_ROWS, GRADIENT_ROWS, REWRITE_ROWS, COMPILE_ROWS];
