import type { Variable } from '@proj/graph';
import type * as pt from '@proj/tensor';

/** The random dense value an input of a conformance case gets. */
export interface DenseInput {
  readonly kind?: 'dense';
  readonly dtype: pt.Dtype;
  /** The runtime shape of the random value. */
  readonly shape: readonly number[];
  /** The static shape of the input's Type (default: every length unknown). */
  readonly typeShape?: readonly (number | null)[];
  /** Value range: [lo, hi) (default [-2, 2) for floats, [-5, 5] for integers). */
  readonly range?: readonly [number, number];
}

/** A random sparse matrix input (its Variable is a SparseVariable of that format). */
export interface SparseInput {
  readonly kind: 'sparse';
  readonly format: 'csr' | 'csc';
  readonly dtype: 'float64' | 'float32';
  readonly shape: readonly [number, number];
  /** Fraction of stored entries (default 0.4). */
  readonly density?: number;
}

/** What one input of a case gets. */
export type CaseInput = DenseInput | SparseInput;

/** The groups of the conformance table. */
export type CaseFamily = 'elemwise' | 'special' | 'reduction' | 'shape' | 'join' | 'indexing' | 'dot' | 'extra' | 'sparse' | 'gradient';

/**
 * One graph of the conformance table. `graph` receives one Variable per entry
 * of `inputs` (a TensorVariable for dense inputs, a SparseVariable for sparse
 * ones); its parameter list is `never[]` so that cases can declare the exact
 * Variable types they take.
 */
export interface ConformanceCase {
  readonly name: string;
  readonly family: CaseFamily;
  readonly inputs: readonly CaseInput[];
  readonly graph: (...xs: never[]) => Variable | readonly Variable[];
}

/** A case whose inputs are all dense (its graph gets TensorVariables). */
export interface DenseCase extends ConformanceCase {
  readonly inputs: readonly DenseInput[];
  readonly graph: (...xs: pt.TensorVariable[]) => Variable | readonly Variable[];
}
