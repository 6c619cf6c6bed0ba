import { packageName } from '../src';

describe('@proj/backend-wasm placeholder', () => {
  it('names its package', () => {
    expect(packageName).toBe('@proj/backend-wasm');
  });
});
