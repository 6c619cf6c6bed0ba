export * from './dtype/dtypes';
export * from './value/ndarray';
