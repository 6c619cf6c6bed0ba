/**
 * @proj/sparse: SciPy-like CSR/CSC sparse values (and, as they land, SparseType
 * and the sparse Ops of pytensor.sparse).
 *
 * @example
 * import * as sp from '@proj/sparse';
 * const a = sp.csrMatrix([[0, 1.5], [2, 0]]);
 * a.tocsc().transpose().toarray();
 * sp.mmread(sp.mmwrite(a));
 */
export * from './values';
export * from './type/sparse-type';
export * from './type/sparse-variable';
export * from './type/constructors';
export * from './type/as-sparse';
export { DenseFromSparse, SparseFromDense, SparseSampleDense, denseFromSparse, csrFromDense, cscFromDense } from './ops/convert';
export { CSM, CSMProperties, CSMGrad, CSR, CSC, csm, csr, csc, csmProperties, csmData, csmIndices, csmIndptr, csmShape } from './ops/csm';
export { Transpose, Neg, EnsureSortedIndices, Remove0, transpose, neg, ensureSortedIndices, remove0, clean, spOnesLike, spZerosLike } from './ops/structure';
export { Cast, cast, bcast, wcast, icast, lcast, fcast, dcast, ccast, zcast } from './ops/cast';
export { HStack, VStack, SparseBlockDiagonal, hstack, vstack, blockDiag, type StackOptions } from './ops/stack';
export { SquareDiagonal, Diag, ConstructSparseFromList, squareDiagonal, diag, constructSparseFromList } from './ops/diag';
export { AddSS, AddSD, AddSSData, MulSS, MulSD, MulSV, StructuredAddSV, add, sub, mul, addSSData, structuredAddSV, mulSV } from './ops/arith';
export { ComparisonSS, ComparisonSD, EqualSS, NotEqualSS, GreaterThanSS, GreaterEqualSS, LessThanSS, LessEqualSS, EqualSD, NotEqualSD, GreaterThanSD, GreaterEqualSD, LessThanSD, LessEqualSD, eq, neq, gt, ge, lt, le, type CompareKind } from './ops/compare';
export { SparseScale, colScale, rowScale } from './ops/scale';
export { StructuredElemwise, structuredSigmoid, structuredExp, structuredLog, structuredPow, structuredMinimum, structuredMaximum, structuredAdd } from './ops/structured';
export { STRUCTURED_FNS, type StructuredFnName } from './ops/structured-kernel';
export { sin, tan, arcsin, arctan, sinh, arcsinh, tanh, arctanh, rad2deg, deg2rad, rint, ceil, floor, trunc, sign, log1p, expm1, sqr, sqrt, abs } from './ops/unary';
export { StructuredDot, StructuredDotGradCSR, StructuredDotGradCSC, structuredDot, structuredDotGrad, sparseDenseValue, denseSparseValue, sparseSparseValue } from './ops/structured-dot';
export { Dot, TrueDot, dot, trueDot, sparseDotDense, denseDotSparse } from './ops/dot';
export { SamplingDot, samplingDot } from './ops/sampling-dot';
export { Usmm, usmm } from './ops/usmm';
export { SpSum, spSum, type SpSumAxis } from './ops/sp-sum';
export { GetItemScalar, getItemScalar } from './ops/get-item-scalar';
export { GetItem2d, getItem2d, type GetItem2dBound, type SliceLike } from './ops/get-item-2d';
export { GetItemList, GetItemListGrad, getItemList, getItemListGrad } from './ops/get-item-list';
export { GetItem2Lists, GetItem2ListsGrad, getItem2Lists, getItem2ListsGrad } from './ops/get-item-2lists';
export { getItem, type SparseIndexArg } from './ops/get-item';
export { SparseGradAdvancedSubtensor1, sparseGrad } from './ops/get-item-sparse-grad';
export { RandomGeneratorType, randomGeneratorType, randomGenerator, asRandomGenerator, nextRng, type RngLike } from './ops/random-generator';
export { Poisson, Binomial, Multinomial, poisson, binomial, multinomial, csrFbinomial, cscFbinomial, csrDbinomial, cscDbinomial, type RandomOptions as RandomOpOptions } from './ops/random';
export { SparseSharedVariable, shared, type SparseSharedOptions, type SparseSharedConstructorOptions } from './type/shared';
export { sparseRandomInputs, type SparseRandomInputsOptions } from './testing/sparse-random-inputs';
export { StructuredDotCSR, StructuredDotCSC } from './ops/structured-dot-csx';
