import { packageName } from '../src';

describe('@proj/backend-js placeholder', () => {
  it('names its package', () => {
    expect(packageName).toBe('@proj/backend-js');
  });
});
