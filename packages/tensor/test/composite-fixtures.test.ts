import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '@proj/graph';
import * as pt from '../src';
import { decode, decodeScalar, flat, type Enc } from './helpers/encoded-array';

type TV = pt.TensorVariable;

interface Case {
  name: string;
  expr: 'bench' | 'int_wrap' | 'int_divmod' | 'switch';
  inputs: Enc[];
  out: Enc;
  rtol: number;
}

const cases = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'composite.json'), 'utf8')) as Case[];

/** The expressions gen_composite.py evaluates with NumPy. */
const EXPRS: Record<Case['expr'], (...xs: TV[]) => TV> = {
  bench: (x, y, z) => pt.sub(pt.add(pt.mul(pt.exp(x!), y!), pt.tanh(z!)), pt.sqr(x!)),
  int_wrap: (a, b) => pt.add(pt.mul(a!, a!), b!),
  int_divmod: (i, j) => pt.add(pt.intDiv(pt.mul(i!, j!), j!), pt.mod(i!, 7)),
  switch: (x) => pt.switch(pt.gt(x!, 0), pt.mul(pt.log1p(x!), 2), pt.neg(pt.sqrt(pt.neg(x!)))),
};

describe('Composite against NumPy (tools/fixtures/gen_composite.py)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const values = c.inputs.map(decode);
    const inputs = values.map((v, i) => new pt.TensorType(v.dtype, v.shape.map((s) => (s === 1 ? 1 : null))).makeVariable(`x${i}`));
    const fused = new pt.Elemwise(pt.compositeFromGraph(inputs, EXPRS[c.expr](...inputs))).call(...inputs) as TV;
    const [got] = evaluate([fused], inputs.map((v, i) => [v, values[i]] as const)) as pt.NDArray[];
    expect(got!.dtype).toBe(c.out.dtype);
    expect(got!.shape).toEqual(c.out.shape);
    const want = c.out.data.map((v) => decodeScalar(v, c.out.dtype) as number);
    flat(got!).forEach((g, k) => {
      const w = want[k]!;
      if (Number.isNaN(w)) expect(g).toBeNaN();
      else if (c.rtol === 0) expect(g).toBe(w);
      else expect(Math.abs((g as number) - w)).toBeLessThanOrEqual(c.rtol * Math.max(1, Math.abs(w)));
    });
  });
});
