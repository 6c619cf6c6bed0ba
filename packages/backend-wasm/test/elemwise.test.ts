import { compile } from '@proj/backend-js';
import * as pt from '@proj/tensor';
import { wasmLinker, type WasmLinkerInstance } from '../src';
import { checkAgainstReference, randomArray } from './helpers/check';

describe('Elemwise in WASM (compile with wasmLinker vs the reference evaluator)', () => {
  it('runs + - * / neg, sqr, abs, maximum/minimum exactly, and does it in WASM', () => {
    const x = pt.dmatrix('x');
    const y = pt.dmatrix('y');
    const outs = [x.add(y), x.sub(y), x.mul(y), x.div(y), x.neg(), pt.sqr(x), x.abs(), pt.maximum(x, y), pt.minimum(x, y)];
    const inst = checkAgainstReference([x, y], outs, [randomArray('float64', [5, 7], 1), randomArray('float64', [5, 7], 2)]);
    expect(inst.wasmNodes.map((n) => n.op.name).sort()).toEqual(outs.map((o) => o.owner!.op.name).sort());
  });

  it('transcendentals agree to a few ulp', () => {
    const x = pt.dvector('x');
    const outs = [x.exp(), pt.log(x.abs()), pt.log1p(x.abs()), pt.expm1(x), x.tanh(), x.sigmoid(), pt.softplus(x), pt.sin(x), pt.cos(x), pt.erf(x), x.abs().pow(1.5)];
    const inst = checkAgainstReference([x], outs, [randomArray('float64', [101], 3, -30, 30)], 1e-15);
    expect(inst.wasmNodes.length).toBe(inst.link.stepOf.size);
  });

  it('broadcasts, reads strided and offset views, and handles 0-d and size-0 arrays', () => {
    const a = pt.dmatrix('a');
    const b = pt.dvector('b');
    const s = pt.dscalar('s');
    const outs = [a.add(b), a.T.mul(a.T), a.get('::2').exp().mul(s), a.get(':', '::-1').sub(b.get('::-1')), s.mul(s).add(1)];
    checkAgainstReference([a, b, s], outs, [randomArray('float64', [6, 5], 4), randomArray('float64', [5], 5), pt.toNDArray(1.5, 'float64')], 1e-15);
    checkAgainstReference([a, b, s], outs, [randomArray('float64', [0, 5], 4), randomArray('float64', [5], 5), pt.toNDArray(2, 'float64')]);
  });

  it('float32 in and out, int32 inputs promoting to float64, comparisons to bool, switch', () => {
    const x = pt.fvector('x');
    const y = pt.fvector('y');
    const i = pt.ivector('i');
    const d = pt.dvector('d');
    const outs = [x.mul(y).add(x), x.exp(), x.gt(y), pt.switch(x.lt(y), x, y), i.add(d), d.le(i), pt.isnan(d.div(d))];
    checkAgainstReference([x, y, i, d], outs, [randomArray('float32', [9], 6), randomArray('float32', [9], 7), randomArray('int32', [9], 8, -4, 4), randomArray('float64', [9], 9, -2, 2)], 1e-7);
  });

  it('runs Composites and fuses what is left of elementwise chains (broadcasting, float32 steps, shared leaves)', () => {
    const a = pt.dmatrix('a');
    const b = pt.dvector('b');
    const f = pt.fvector('f');
    const chain = a.mul(b).exp().add(b.tanh()).sub(a.pow(2)).div(a.abs().add(1));
    const f32 = f.mul(f).add(f.exp()).sigmoid();
    const inst = checkAgainstReference([a, b, f], [chain, f32, chain.mul(2)], [randomArray('float64', [4, 6], 21), randomArray('float64', [6], 22), randomArray('float32', [7], 23)], 1e-14);
    // Every Elemwise node (the rewriter's Composites included) ran in WASM, inside one loop or as its root.
    const elemwise = [...inst.link.stepOf.keys()].filter((n) => n.op instanceof pt.Elemwise);
    const inWasm = new Set([...inst.wasmNodes, ...inst.fusedNodes]);
    expect(elemwise.filter((n) => !inWasm.has(n)).map((n) => n.op.name)).toEqual([]);
    expect(inst.wasmNodes.some((n) => n.op instanceof pt.Elemwise && n.op.scalarOp instanceof pt.Composite)).toBe(true);
  });

  it('keeps WASM memory flat over 100,000 calls', () => {
    const x = pt.dvector('x');
    const y = pt.dvector('y');
    const f = compile([x, y], x.mul(y).exp().add(x), { linker: wasmLinker });
    const inst = f.maker.linker as WasmLinkerInstance;
    const a = randomArray('float64', [16], 10);
    const b = randomArray('float64', [16], 11);
    for (let k = 0; k < 10; k++) f(a, b);
    const size = inst.link.arena.memory.buffer.byteLength;
    const peak = inst.link.arena.peak;
    for (let k = 0; k < 100000; k++) f(a, b);
    expect(inst.link.arena.memory.buffer.byteLength).toBe(size);
    expect(inst.link.arena.peak).toBe(peak);
    expect(inst.link.arena.inUse).toBe(0);
  });
});
