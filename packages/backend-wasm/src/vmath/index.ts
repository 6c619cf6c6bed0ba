export { VecMath, VEC_FN_IMPL, defaultHostMath, hostMathImports, type HostMath, type VecFn } from './library';
