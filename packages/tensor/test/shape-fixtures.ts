/** Reading test/fixtures/shape.json (written by tools/fixtures/gen_shape.py from NumPy). */
import { loadFixture } from './helpers/encoded-array';

export { decode, decodeScalar, expectArray, flat, viewShape, type Enc } from './helpers/encoded-array';
export const fixtures = loadFixture('shape');
