/**
 * The errors of the gradient driver (PyTensor's DisconnectedInputError,
 * NullTypeGradError and verify_grad's GradientError). Each message names the
 * variable or the argument at fault and says what to change.
 */
import { ProjError, type Variable } from '@proj/graph';

/**
 * A gradient was asked with respect to a variable that the cost does not
 * depend on (or depends on only through non-differentiable Ops), with
 * `disconnectedInputs: 'raise'`; Rop raises it for an output that does not
 * depend on `wrt` with `disconnectedOutputs: 'raise'`.
 *
 * @example
 * try { grad(pt.sum(x), y); } catch (e) { e instanceof DisconnectedInputError; e.variable === y; }
 */
export class DisconnectedInputError extends ProjError {
  /** The disconnected variable (a `wrt` element for grad, an output for Rop). */
  readonly variable: Variable | undefined;
  /** Its position in the list it was given in. */
  readonly position: number | undefined;

  constructor(message: string, variable?: Variable, position?: number) {
    super(message);
    this.variable = variable;
    this.position = position;
  }
}

/**
 * A requested gradient is undefined or not implemented (a NullType gradient
 * reached it) and `nullGradients` is 'raise'. `whyNull` is the NullType's
 * explanation (which Op, which input, why).
 *
 * @example
 * try { grad(cost, x); } catch (e) { if (e instanceof NullTypeGradError) console.log(e.whyNull); }
 */
export class NullTypeGradError extends ProjError {
  readonly whyNull: string;
  /** The variable whose gradient is null. */
  readonly variable: Variable | undefined;

  constructor(message: string, whyNull: string, variable?: Variable) {
    super(message);
    this.whyNull = whyNull;
    this.variable = variable;
  }
}

/** What a GradientError reports (PyTensor's GradientError arguments, in camelCase). */
export interface GradientErrorInfo {
  /** The index of the argument whose gradient is wrong (PyTensor's `arg`). */
  readonly argIndex: number;
  /** The position of the worst element in that argument (a flat index or an index tuple). */
  readonly errPos: number | readonly number[];
  /** The argument's shape. */
  readonly shape?: readonly number[];
  /** The numeric (val1) and the analytic (val2) value at that position, as PyTensor orders them. */
  readonly val1?: number;
  readonly val2?: number;
  readonly absErr: number;
  readonly relErr: number;
  readonly absTol: number;
  readonly relTol: number;
}

function fmt(v: number | undefined): string {
  return v === undefined ? '?' : Number.isFinite(v) ? v.toPrecision(6) : String(v);
}

/**
 * The analytic gradient and the numeric (finite-difference) one differ by more
 * than both tolerances (raised by verifyGrad).
 *
 * @example
 * throw new GradientError({ argIndex: 0, errPos: 3, absErr: 0.2, relErr: 0.1, absTol: 1e-4, relTol: 1e-4 });
 */
export class GradientError extends ProjError {
  readonly argIndex: number;
  readonly errPos: number | readonly number[];
  readonly shape: readonly number[] | undefined;
  readonly val1: number | undefined;
  readonly val2: number | undefined;
  readonly absErr: number;
  readonly relErr: number;
  readonly absTol: number;
  readonly relTol: number;

  constructor(info: GradientErrorInfo, detail?: string) {
    const pos = typeof info.errPos === 'number' ? String(info.errPos) : `[${info.errPos.join(', ')}]`;
    const shape = info.shape === undefined ? '' : ` with shape [${info.shape.join(', ')}]`;
    super(
      [
        'numeric gradient and analytic gradient exceed tolerance:',
        `  At position ${pos} of argument ${info.argIndex}${shape},`,
        `    val1 = ${fmt(info.val1)}, val2 = ${fmt(info.val2)}`,
        `    abs. error = ${fmt(info.absErr)}, abs. tolerance = ${fmt(info.absTol)}`,
        `    rel. error = ${fmt(info.relErr)}, rel. tolerance = ${fmt(info.relTol)}`,
        ...(detail ? [detail] : []),
      ].join('\n'),
    );
    this.argIndex = info.argIndex;
    this.errPos = info.errPos;
    this.shape = info.shape;
    this.val1 = info.val1;
    this.val2 = info.val2;
    this.absErr = info.absErr;
    this.relErr = info.relErr;
    this.absTol = info.absTol;
    this.relTol = info.relTol;
  }
}
