import { packageName } from '../src';

describe('@proj/gradient placeholder', () => {
  it('names its package', () => {
    expect(packageName).toBe('@proj/gradient');
  });
});
