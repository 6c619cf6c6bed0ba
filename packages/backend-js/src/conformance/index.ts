export { conformanceCases, type CaseInput, type ConformanceCase } from './cases';
export { compareValues, runConformance, runConformanceCase, seededRandom, type CompileFn, type ConformanceOptions, type ConformanceResult } from './runner';
