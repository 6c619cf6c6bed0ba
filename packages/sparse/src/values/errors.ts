/**
 * The error raised for a malformed sparse structure (indptr, indices, data,
 * shape that do not fit together) or a malformed Matrix Market text.
 */
import { ArgumentError } from '@proj/graph';

/**
 * A sparse structure that is not valid. The message names the function and the
 * exact problem, e.g. `csrMatrix: indptr must be non-decreasing: indptr[3] = 5 > indptr[4] = 4`.
 *
 * @example
 * try { csrMatrix({ data: [1], indices: [7], indptr: [0, 1], shape: [1, 5] }); }
 * catch (e) { e instanceof SparseFormatError; } // true
 */
export class SparseFormatError extends ArgumentError {
  /** The problem alone, without the function name. */
  readonly problem: string;
  constructor(op: string, problem: string, argument?: string) {
    super({ op, argument, expected: 'a valid sparse structure', given: problem });
    this.problem = problem;
    this.message = `${op}: ${problem}`;
  }
}
