export { conformanceCases, type CaseFamily, type CaseInput, type ConformanceCase, type DenseCase, type DenseInput, type SparseInput } from './cases';
export { tensorCases } from './cases-tensor';
export { sparseCases } from './cases-sparse';
export { gradientCases } from './cases-gradient';
export { compareValues, runConformance, runConformanceCase, seededRandom, type CompileFn, type ConformanceOptions, type ConformanceResult } from './runner';
