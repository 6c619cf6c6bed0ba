/**
 * @proj/backend-js: compile() (PyTensor's pytensor.function), its modes and the VM linker.
 *
 * @example
 * import { compile } from '@proj/backend-js';
 * const f = compile([x, y], x.add(y));
 * f(1, 2);
 */
export { compile, function, type CompileOptions, type CompiledFunction, type FunctionMaker, type Updates } from './compile';
export { In, InputSpec, Out, OutputSpec, type InOptions, type OutOptions } from './io';
export { FAST_COMPILE, FAST_RUN, MODES, Mode, getMode, type ModeLike, type ModeSpec, type RewriterContext } from './mode';
export { rewriteForMode, type RewriteContext } from './rewrite-phases';
export { ProfileStats, type NodeProfile } from './profile';
export { VM } from './vm';
export type { Linker, LinkerInstance } from './linker';
export * from './conformance';
export { jsThunks, specialiseThunk, type ThunkMaker } from './thunks';
export { elemwiseThunk } from './thunks/elemwise';
