import { packageName } from '../src';

describe('@proj/sparse placeholder', () => {
  it('names its package', () => {
    expect(packageName).toBe('@proj/sparse');
  });
});
