/**
 * IndexError: an index that does not fit the indexed tensor (NumPy's
 * IndexError). It is an ArgumentError, with NumPy's wording in the message.
 */
import { ArgumentError } from '@proj/graph';

/**
 * An index out of bounds, too many indices, or a malformed index. The message
 * follows NumPy: 'Subtensor: index 5 is out of bounds for axis 0 with size 3'.
 *
 * @example
 * throw IndexError.outOfBounds('Subtensor', 5, 0, 3);
 */
export class IndexError extends ArgumentError {
  /** For an index out of bounds: the index as given, its axis and that axis' length. */
  index?: number;
  axis?: number;
  size?: number;

  constructor(info: { op: string; argument?: number | string; expected: string; given: string }, message?: string) {
    super(info);
    if (message !== undefined) this.message = `${info.op}: ${message}`;
  }

  /** 'index i is out of bounds for axis a with size n'. */
  static outOfBounds(op: string, index: number, axis: number, size: number): IndexError {
    const e = new IndexError(
      { op, argument: `index of axis ${axis}`, expected: `an index in [${-size}, ${size})`, given: String(index) },
      `index ${index} is out of bounds for axis ${axis} with size ${size}`,
    );
    Object.assign(e, { index, axis, size });
    return e;
  }

  /** 'too many indices for array: array is n-dimensional, but k were indexed'. */
  static tooMany(op: string, ndim: number, indexed: number): IndexError {
    return new IndexError(
      { op, argument: 'index', expected: `at most ${ndim} indexed dimensions`, given: String(indexed) },
      `too many indices for array: array is ${ndim}-dimensional, but ${indexed} were indexed`,
    );
  }
}
