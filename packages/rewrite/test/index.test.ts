import { packageName } from '../src';

describe('@proj/rewrite placeholder', () => {
  it('names its package', () => {
    expect(packageName).toBe('@proj/rewrite');
  });
});
