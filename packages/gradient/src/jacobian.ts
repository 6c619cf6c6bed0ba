/**
 * jacobian and hessian (PyTensor's pytensor.gradient.jacobian / hessian).
 *
 * How the Jacobian is built: the graph of ONE row is made once, with a
 * symbolic row index i: row_i = grad(sum(expression * e_i), wrt), where e_i
 * is the one-hot vector eye(n, 1, -i) (n = expression.shape[0], known at run
 * time only). A JacobianRows node evaluates that row graph for i = 0..n-1 and
 * stacks the rows, as PyTensor's Scan over arange(n) does. Everything in the
 * row graph that does not depend on i (the forward pass, say) is computed once,
 * outside, and enters the node as an input; only the backward pass runs per row.
 * Our Ops have no batch dimension, so the rows cannot be computed as one
 * batched reverse pass with an identity seed.
 */
import { checkOptions, optionKeys, ArgumentError, TypeMismatchError, Variable, describeThing, ioToposort } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad, type DisconnectedInputs } from './grad';
import { gradDtype, ndimOf, variableList } from './grad-util';
import { JacobianRows, type InnerCompile } from './jacobian-rows';

/** Options of jacobian and hessian. */
export interface JacobianOptions {
  /** Expressions not to backpropagate through. */
  considerConstant?: readonly Variable[];
  /** A `wrt` element the expression does not depend on: 'raise' (default), 'warn' or 'ignore' (zeros). */
  disconnectedInputs?: DisconnectedInputs;
  /** Compiles the row graph once (e.g. backend-js's compile); default: the reference evaluator for each row. */
  compile?: InnerCompile;
}

const JACOBIAN_KEYS = optionKeys<JacobianOptions>({ considerConstant: true, disconnectedInputs: true, compile: true });

/**
 * The Jacobian of a vector `expression` with respect to `wrt` (one variable
 * or a list): for each `wrt` element w, a tensor of shape
 * (expression.shape[0], ...w.shape) whose row i is the gradient of
 * expression[i]. A scalar expression gives its gradient (grad).
 *
 * @example
 * const J = jacobian(pt.exp(x).mul(2), x); // diag(2 exp(x))
 * const [Ja, Jb] = jacobian(y, [a, b]);
 */
export function jacobian(expression: Variable, wrt: Variable, options?: JacobianOptions): pt.TensorVariable;
export function jacobian(expression: Variable, wrt: readonly Variable[], options?: JacobianOptions): pt.TensorVariable[];
export function jacobian(expression: Variable, wrt: Variable | readonly Variable[], options: JacobianOptions = {}): pt.TensorVariable | pt.TensorVariable[] {
  checkOptions('jacobian', options, JACOBIAN_KEYS);
  const fn = 'jacobian';
  if (!(expression instanceof pt.TensorVariable)) {
    throw new TypeMismatchError({ op: fn, argument: 'expression', expected: 'a tensor (a vector or a scalar)', given: describeThing(expression) });
  }
  const wrtList = variableList(fn, 'wrt', wrt);
  wrtList.forEach((w, k) => {
    if (!(w instanceof pt.TensorVariable)) throw new TypeMismatchError({ op: fn, argument: `wrt[${k}]`, expected: 'a tensor', given: describeThing(w) });
  });
  const { considerConstant, disconnectedInputs } = options;
  if (expression.ndim === 0) {
    const g = grad(expression, wrtList as pt.TensorVariable[], { considerConstant, disconnectedInputs });
    return Array.isArray(wrt) ? g : g[0]!;
  }
  if (expression.ndim !== 1) {
    throw new ArgumentError({ op: fn, argument: 'expression', expected: 'a vector (1 dimension) or a scalar; flatten it first', given: `${expression} of type ${expression.type}` });
  }
  const n = pt.shapeI(expression, 0);
  const index = new pt.TensorType('int64', []).makeVariable('i');
  // e_i: column i of the identity, as eye(n, 1, -i) (a column with its 1 in row i).
  const onehot = pt.dimshuffle(pt.eye(n, 1, pt.neg(index), gradDtype(expression)), [0]);
  const rows = grad(pt.sum(pt.mul(expression, onehot)), wrtList as pt.TensorVariable[], { considerConstant, disconnectedInputs, addNames: false });
  const invariants = invariantInputs(index, rows);
  const op = new JacobianRows(index, invariants, rows, { compile: options.compile });
  const lengths = wrtList.flatMap((w) => pt.shapeTuple(w as pt.TensorVariable).map((s) => (typeof s === 'number' ? pt.int64Scalar(s) : s)));
  const outs = op.callAll(n, ...lengths, ...invariants) as pt.TensorVariable[];
  return Array.isArray(wrt) ? outs : outs[0]!;
}

/**
 * The inputs of the row graph: the variables that do not depend on the row
 * index but feed nodes that do (and rows that do not depend on it at all).
 * Constants stay inside.
 */
function invariantInputs(index: Variable, rows: readonly Variable[]): Variable[] {
  const varies = new Set<Variable>([index]);
  const found: Variable[] = [];
  const seen = new Set<Variable>();
  const take = (v: Variable) => {
    if (!varies.has(v) && !v.isConstant() && !seen.has(v)) {
      seen.add(v);
      found.push(v);
    }
  };
  for (const node of ioToposort([], rows)) {
    if (!node.inputs.some((x) => varies.has(x))) continue;
    for (const o of node.outputs) varies.add(o);
    node.inputs.forEach(take);
  }
  rows.forEach(take);
  return found;
}

/**
 * The Hessian of a scalar `cost` with respect to a vector (or each vector of a
 * list): jacobian(grad(cost, w), w). A list gives one Hessian per element
 * (the diagonal blocks, as PyTensor).
 *
 * @example
 * const H = hessian(pt.sum(pt.exp(x)), x); // diag(exp(x))
 */
export function hessian(cost: Variable, wrt: Variable, options?: JacobianOptions): pt.TensorVariable;
export function hessian(cost: Variable, wrt: readonly Variable[], options?: JacobianOptions): pt.TensorVariable[];
export function hessian(cost: Variable, wrt: Variable | readonly Variable[], options: JacobianOptions = {}): pt.TensorVariable | pt.TensorVariable[] {
  checkOptions('hessian', options, JACOBIAN_KEYS);
  const fn = 'hessian';
  if (!(cost instanceof Variable) || ndimOf(cost) !== 0) {
    throw new TypeMismatchError({ op: fn, argument: 'cost', expected: 'a scalar (0 dimensions)', given: cost instanceof Variable ? `${cost} of type ${cost.type}` : describeThing(cost) });
  }
  const wrtList = variableList(fn, 'wrt', wrt);
  const hs = wrtList.map((w, k) => {
    if (!(w instanceof pt.TensorVariable) || w.ndim !== 1) {
      throw new TypeMismatchError({ op: fn, argument: Array.isArray(wrt) ? `wrt[${k}]` : 'wrt', expected: 'a vector (1 dimension)', given: w instanceof Variable ? `${w} of type ${w.type}` : describeThing(w) });
    }
    const g = grad(cost, w, { considerConstant: options.considerConstant, disconnectedInputs: options.disconnectedInputs });
    // w may be disconnected from its gradient even when connected to the cost (a linear cost): not an error.
    return jacobian(g, w, { considerConstant: options.considerConstant, disconnectedInputs: 'ignore', compile: options.compile });
  });
  return Array.isArray(wrt) ? hs : hs[0]!;
}
