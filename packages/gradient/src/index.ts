/**
 * @proj/gradient: the gradient driver (PyTensor's pytensor.gradient): grad,
 * Lop, Rop, jacobian, hessian, subgraphGrad and their errors. The per-Op
 * gradient rules live with the Ops (tensor, sparse); this package walks the graph.
 *
 * @example
 * import { grad, jacobian, hessian, Lop, Rop } from '@proj/gradient';
 * const gx = grad(pt.sum(pt.sqr(pt.tanh(x))), x);
 */
export { DisconnectedInputError, GradientError, NullTypeGradError, type GradientErrorInfo } from './errors';
export {
  grad,
  type DisconnectedInputs,
  type GradOf,
  type GradOptions,
  type KnownGrads,
  type ReturnDisconnected,
  type StrictGradOptions,
} from './grad';
export { Lop, Rop, type LopOptions, type RopOptions, type StrictRopOptions } from './lop-rop';
export { hessian, jacobian, type JacobianOptions } from './jacobian';
export { JacobianRows, type InnerCompile, type JacobianRowsOptions } from './jacobian-rows';
export { subgraphGrad, type SubgraphGradOptions } from './subgraph-grad';
export * from './verify-grad';
export * from './numeric-grad';
export * from './grad-ops';
