import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dot, Elemwise, Gemm, Gemv } from '@proj/tensor';
import { StructuredDot } from '@proj/sparse';
import { coverageMarkdown, wasmKernels, withCoverage } from '../src';

const README = path.join(__dirname, '..', 'README.md');

describe('the coverage table', () => {
  it('covers Elemwise, the dense and the sparse products', () => {
    for (const cls of [Elemwise, Dot, Gemm, Gemv, StructuredDot]) expect(wasmKernels.has(cls)).toBe(true);
    const md = coverageMarkdown(wasmKernels);
    for (const op of ['Elemwise{exp}', 'Elemwise{tanh}', 'Elemwise{true_div}', '| Dot |', '| Gemm |', 'StructuredDot']) expect(md).toContain(op);
  });

  it('is the one in README.md (UPDATE_README=1 rewrites it)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const fresh = withCoverage(readme, wasmKernels);
    if (process.env.UPDATE_README === '1') fs.writeFileSync(README, fresh);
    else expect(readme).toBe(fresh);
  });
});
