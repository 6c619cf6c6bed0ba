import { ArgumentError, DtypeError, InconsistencyError, NodeError, ShapeError, TypeMismatchError, debugprint, type FunctionGraph } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '@proj/sparse';
import { FAST_COMPILE, FAST_RUN, In, Mode, Out, compile, function as pyfunction, getMode } from '../src';

const nested = (v: unknown) => pt.toNested(v as pt.NDArray);
const arr = (x: unknown, dtype: pt.Dtype = 'float64') => pt.toNDArray(x, dtype);

describe('compile: calling conventions', () => {
  const x = pt.dscalar('x');
  const y = pt.dscalar('y');
  const f = compile([x, y], x.sub(y));

  it('takes positional arguments', () => {
    expect(nested(f(5, 3))).toBe(2);
  });

  it('takes named arguments', () => {
    expect(nested(f({ y: 3, x: 5 }))).toBe(2);
    expect(nested(f(5, { y: 3 }))).toBe(2);
  });

  it('returns one value for one output and an array for an array of outputs', () => {
    const g = compile([x, y], [x.add(y), x.mul(y)]);
    const out = g(2, 3) as unknown[];
    expect(out.map(nested)).toEqual([5, 6]);
    const h = compile([x], [x.add(1)]);
    expect((h(1) as unknown[]).length).toBe(1);
  });

  it('is also exported as `function`', () => {
    expect(pyfunction).toBe(compile);
  });

  it('accepts the mode names, Mode objects and plain mode specs', () => {
    expect(getMode('FAST_COMPILE')).toBe(FAST_COMPILE);
    expect(getMode(undefined)).toBe(FAST_RUN);
    expect(() => getMode('NOPE' as 'FAST_RUN')).toThrow(ArgumentError);
    const seen: number[] = [];
    const spec = { name: 'TEST', rewriter: (fg: FunctionGraph) => void seen.push(fg.applyNodes.size) };
    const g = compile([x, y], x.add(y), { mode: spec });
    expect(seen).toEqual([1]);
    expect(g.maker.mode).toBeInstanceOf(Mode);
    expect(g.maker.mode.name).toBe('TEST');
    const mode = new Mode(spec);
    expect(compile([x, y], x.add(y), { mode }).maker.mode).toBe(mode);
    expect(nested(compile([x, y], x.add(y), { mode: 'FAST_COMPILE' })(1, 2))).toBe(3);
  });

  it('exposes the fgraph for debugprint and the maker info', () => {
    const g = compile([x, y], x.add(y).mul(2), { name: 'g', mode: 'FAST_COMPILE' });
    expect(debugprint(g.fgraph)).toMatch(/Mul|mul/);
    expect(g.maker.schedule.length).toBe(2);
    expect(g.inputNames).toEqual(['x', 'y']);
    expect(g.name).toBe('g');
  });
});

describe('compile: In and Out', () => {
  const x = pt.dscalar('x');
  const y = pt.dscalar('y');

  it('uses default values and In names', () => {
    const f = compile([x, In(y, { value: 10, name: 'b' })], x.add(y));
    expect(nested(f(1))).toBe(11);
    expect(nested(f(1, 2))).toBe(3);
    expect(nested(f({ x: 1, b: 5 }))).toBe(6);
  });

  it('keeps a stateful input with value and update', () => {
    const f = compile([x, In(y, { value: 0, update: y.add(x) })], y);
    expect(nested(f(1))).toBe(0);
    expect(nested(f(2))).toBe(1);
    expect(nested(f(0))).toBe(3);
  });

  it('allowDowncast lets a float64 value into a float32 input', () => {
    const z = pt.fscalar('z');
    expect(() => compile([z], z.mul(2))(arr(0.1))).toThrow(DtypeError);
    expect(() => compile([z], z.mul(2))(0.1)).toThrow(/input 0 \('z'\)/);
    expect(nested(compile([In(z, { allowDowncast: true })], z.mul(2))(arr(0.5)))).toBe(1);
    expect(nested(compile([In(z, { allowDowncast: true })], z.mul(2))(0.1))).toBeCloseTo(0.2, 6);
  });

  it('Out borrow returns the internal value without a copy', () => {
    const v = pt.dvector('v');
    const a = arr([1, 2]);
    const f = compile([v], Out(v, { borrow: true }));
    expect(f(a)).toBe(a);
    const g = compile([v], v);
    const out = g(a) as pt.NDArray;
    expect(out).not.toBe(a);
    expect(out.data).not.toBe(a.data);
    expect(nested(out)).toEqual([1, 2]);
  });
});

describe('compile: aliasing', () => {
  const v = pt.dvector('v');

  it('never modifies the caller arrays and never returns them or their views', () => {
    const a = arr([1, 2, 3]);
    const f = compile([v], [v, v.dimshuffle(0, 'x'), v.get(pt.slice(null, null, -1)), v.mul(2)]);
    const outs = f(a) as pt.NDArray[];
    for (const o of outs) expect((o.data as Float64Array).buffer).not.toBe((a.data as Float64Array).buffer);
    (outs[0]!.data as Float64Array)[0] = 100;
    expect(nested(a)).toEqual([1, 2, 3]);
    expect(nested(outs[2])).toEqual([3, 2, 1]);
  });

  it('does not return the same buffer twice', () => {
    const w = v.mul(2);
    const [p, q] = compile([v], [w, w])(arr([1])) as pt.NDArray[];
    expect(p!.data).not.toBe(q!.data);
  });

  it('copies constants and shared values it returns', () => {
    const s = pt.shared(arr([1, 2]), 's');
    const f = compile([], s);
    const out = f() as pt.NDArray;
    (out.data as Float64Array)[0] = 9;
    expect(nested(s.getValue())).toEqual([1, 2]);
  });
});

describe('compile: givens and updates', () => {
  const x = pt.dscalar('x');
  const y = pt.dscalar('y');

  it('substitutes givens', () => {
    const z = pt.dscalar('z');
    const f = compile([x, z], x.add(y), { givens: [[y, z.mul(10)]] });
    expect(nested(f(1, 2))).toBe(21);
  });

  it('reads shared variables at each call and writes updates after the call', () => {
    const acc = pt.shared(0, { name: 'acc', dtype: 'float64' });
    const f = compile([x], acc.add(x), { updates: [[acc, acc.add(x)]] });
    expect(nested(f(1))).toBe(1);
    expect(nested(f(2))).toBe(3);
    expect(nested(acc.getValue())).toBe(3);
    acc.setValue(10);
    expect(nested(f(1))).toBe(11);
  });

  it('accepts updates as a Map and checks their types', () => {
    const s = pt.shared(arr([1, 2]), 's');
    const f = compile([], [], { updates: new Map([[s, s.mul(2)]]) });
    f();
    expect(nested(s.getValue())).toEqual([2, 4]);
    expect(() => compile([x], [], { updates: [[s, x]] })).toThrow(TypeMismatchError);
    const i = pt.shared(arr([1], 'int64'), 'i');
    expect(() => compile([], [], { updates: [[i, i.mul(0.5)]] })).toThrow(TypeMismatchError);
    expect(() => compile([x], x, { updates: [[x, x]] })).toThrow(ArgumentError);
  });

  it('leaves every shared variable unchanged when a call fails', () => {
    const a = pt.shared(0, { name: 'a', dtype: 'float64' });
    const b = pt.shared(arr([1, 2]), 'b');
    const v = pt.dvector('v');
    const f = compile([v], a, { updates: [[a, a.add(1)], [b, b.add(v)]] });
    f(arr([1, 1]));
    expect(nested(a.getValue())).toBe(1);
    expect(() => f(arr([1, 2, 3]))).toThrow(NodeError);
    expect(nested(a.getValue())).toBe(1);
    expect(nested(b.getValue())).toEqual([2, 3]);
  });

  it('does not let an update alias the caller array', () => {
    const s = pt.shared(arr([0, 0]), 's');
    const v = pt.dvector('v');
    const a = arr([1, 2]);
    compile([v], [], { updates: [[s, v]] })(a);
    (a.data as Float64Array)[0] = 7;
    expect(nested(s.getValue())).toEqual([1, 2]);
  });
});

describe('compile: unused inputs and argument errors', () => {
  const x = pt.dscalar('x');
  const y = pt.dscalar('y');

  it('raises, warns or ignores an unused input', () => {
    expect(() => compile([x, y], x.mul(2))).toThrow(/not|no output/);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    expect(nested(compile([x, y], x.mul(2), { onUnusedInput: 'warn' })(1, 2))).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(nested(compile([x, y], x.mul(2), { onUnusedInput: 'ignore' })(1, 2))).toBe(2);
  });

  it('rejects a wrong number of arguments, unknown names and missing inputs', () => {
    const f = compile([x, y], x.add(y));
    expect(() => f(1, 2, 3)).toThrow(ArgumentError);
    expect(() => f(1, 2, 3)).toThrow(/at most 2/);
    expect(() => f(1)).toThrow(/input 1 \(y/);
    expect(() => f({ x: 1, q: 2 })).toThrow(/'q'/);
    expect(() => f({ q: 2 })).toThrow(/argument 'q' expected the name of an input \('x', 'y'\)/);
    expect(() => f(1, { x: 2 })).toThrow(/both by position and by name/);
  });

  it('names the input when a value has the wrong dtype or ndim', () => {
    const v = pt.ivector('v');
    const f = compile([x, v], v.mul(x));
    expect(() => f(1, [1.5, 2])).toThrow(DtypeError);
    expect(() => f(1, [1.5, 2])).toThrow(/input 1 \('v'\)/);
    expect(() => f(1, [[1, 2]])).toThrow(ShapeError);
    expect(() => f(1, [[1, 2]])).toThrow(/input 1 \('v'\).*dimensions/);
  });

  it('rejects shared variables, constants and duplicates as explicit inputs', () => {
    const s = pt.shared(1.5, 's');
    expect(() => compile([s], s.mul(2))).toThrow(ArgumentError);
    expect(() => compile([x, x], x.mul(2))).toThrow(/distinct/);
  });

  it('rejects in-place Ops unless acceptInplace, and then only on mutable inputs or private values', () => {
    const z = pt.dmatrix('z');
    const a = pt.dmatrix('a');
    const b = pt.dmatrix('b');
    const out = pt.gemmInplace(z, 1, a, b, 1);
    expect(() => compile([z, a, b], out)).toThrow(InconsistencyError);
    expect(() => compile([z, a, b], out, { acceptInplace: true })).toThrow(/mutable/);
    const zv = arr([[1, 0], [0, 1]]);
    const f = compile([In(z, { mutable: true }), a, b], out, { acceptInplace: true });
    const r = f(zv, [[1, 2], [3, 4]], [[1, 0], [0, 1]]);
    expect(nested(r)).toEqual([[2, 2], [3, 5]]);
    // An intermediate value only the in-place node reads may be overwritten.
    const g = compile([z, a, b], pt.gemmInplace(z.mul(1), 1, a, b, 1), { acceptInplace: true });
    const zw = arr([[1, 0], [0, 1]]);
    expect(nested(g(zw, [[1, 2], [3, 4]], [[1, 0], [0, 1]]))).toEqual([[2, 2], [3, 5]]);
    expect(nested(zw)).toEqual([[1, 0], [0, 1]]);
  });
});

describe('compile: a failing node', () => {
  it('throws a NodeError naming the node, the input types and shapes and the user line', () => {
    const a = pt.dvector('a');
    const b = pt.dvector('b');
    const f = compile([a, b], a.add(b).exp(), { mode: 'FAST_COMPILE' }); // the failing node is created on this line
    let err: unknown;
    try {
      f([1, 2], [1, 2, 3]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NodeError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/Error computing node .*add/i);
    expect(msg).toMatch(/input 0: a of type TensorType\(float64, shape=\(\?,\)\), value ndarray\(dtype=float64, shape=\(2,\)\)/);
    expect(msg).toMatch(/shape=\(3,\)/);
    expect(msg).toMatch(/compile\.test\.ts/);
    // The function still works afterwards.
    expect(nested(f([0], [0]))).toEqual([1]);
  });
});

describe('compile: profile', () => {
  it('counts calls and time per node and Op class and prints a table', () => {
    const x = pt.dvector('x');
    const f = compile([x], x.mul(2).exp().sum(), { profile: true, name: 'prof', mode: 'FAST_COMPILE' });
    f([1, 2]);
    f([3, 4]);
    const p = f.profile!;
    expect(p.calls).toBe(2);
    expect(p.nodes.length).toBe(f.maker.schedule.length);
    expect(p.nodes.length).toBeGreaterThanOrEqual(3);
    for (const n of p.nodes) expect(n.calls).toBe(2);
    expect(p.byOpClass().map((e) => e.op).sort()).toEqual(expect.arrayContaining(['Elemwise']));
    const text = p.toString();
    expect(text).toMatch(/Function profile: prof/);
    expect(text).toMatch(/Compile phases/);
    expect(text).toMatch(/clone/);
    expect(text).toMatch(/Ops \(by class\)/);
    expect(text).toMatch(/Elemwise/);
    expect(compile([x], x.mul(2)).profile).toBeUndefined();
  });
});

describe('compile: complex scalars', () => {
  it('takes a {re, im} object as a positional value', () => {
    const z = pt.zscalar('z');
    const f = compile([z], z.mul(2));
    expect(nested(f({ re: 1, im: -2 }))).toEqual([2, -4]);
  });
});

describe('compile: sparse values', () => {
  it('passes sparse matrices through as values, copied when they alias an input', () => {
    const s = sp.csrMatrix('s');
    const a = sp.csrMatrix([[0, 1.5], [2, 0]]);
    const out = compile([s], s)(a) as sp.CSRMatrix;
    expect(out.format).toBe('csr');
    expect(out.data).not.toBe(a.data);
    expect(pt.toNested(out.toarray() as pt.NDArray)).toEqual([[0, 1.5], [2, 0]]);
    expect(() => compile([s], s)('nope')).toThrow(/input 0 \('s'\)/);
  });
});

describe.each(['FAST_RUN', 'FAST_COMPILE'] as const)('compile in %s: updates, givens and aliasing', (mode) => {
  const v = pt.dvector('v');

  it('applies all updates from the values before the call (a swap is atomic)', () => {
    const a = pt.shared(arr([1, 2]), 'a');
    const b = pt.shared(arr([3, 4]), 'b');
    const f = compile([], [], { mode, updates: [[a, b], [b, a]] });
    f();
    expect(nested(a.getValue())).toEqual([3, 4]);
    expect(nested(b.getValue())).toEqual([1, 2]);
    f();
    expect(nested(a.getValue())).toEqual([1, 2]);
  });

  it('returns outputs computed from the shared values before the update', () => {
    const w = pt.shared(arr([1, 1]), 'w');
    const f = compile([v], [w.mul(v).sum(), w], { mode, updates: [[w, w.sub(v.mul(0.5))]] });
    const [s, old] = f(arr([2, 4])) as pt.NDArray[];
    expect(nested(s)).toBe(6);
    expect(nested(old)).toEqual([1, 1]);
    expect(nested(w.getValue())).toEqual([0, -1]);
    // The returned old value is a copy, not the shared variable's new or old buffer.
    (old!.data as Float64Array)[0] = 99;
    expect(nested(w.getValue())).toEqual([0, -1]);
  });

  it('substitutes givens that replace a shared variable and an intermediate', () => {
    const s = pt.shared(arr([10, 20]), 's');
    const u = v.mul(3);
    const f = compile([v], u.add(s), { mode, givens: [[s, v.add(1)]] });
    expect(nested(f(arr([1, 2])))).toEqual([5, 9]);
    const g = compile([v], u.add(1), { mode, givens: [[u, v.neg()]] });
    expect(nested(g(arr([1, 2])))).toEqual([0, -1]);
  });

  it('In(borrow) keeps the caller array as the default value without a copy; otherwise it is copied', () => {
    const d = arr([1, 2]);
    const borrowed = compile([In(v, { value: d, borrow: true })], v.sum(), { mode });
    const copied = compile([In(v, { value: d })], v.sum(), { mode });
    (d.data as Float64Array)[0] = 5;
    expect(nested(borrowed())).toBe(7);
    expect(nested(copied())).toBe(3);
  });

  it('returns fresh outputs on every call (a caller may keep and change them)', () => {
    const f = compile([v], v.mul(2).exp(), { mode });
    const p = f(arr([0, 0])) as pt.NDArray;
    const q = f(arr([0, 0])) as pt.NDArray;
    expect(p.data).not.toBe(q.data);
    (p.data as Float64Array)[0] = 7;
    expect(nested(q)).toEqual([1, 1]);
  });

  it('never changes the caller arrays, even for outputs that are views of them', () => {
    const a = arr([[1, 2], [3, 4]]);
    const m = pt.dmatrix('m');
    const f = compile([m], [m.T, m.get(0), m.reshape([4]), m.add(0), m.mul(1)], { mode });
    const outs = f(a) as pt.NDArray[];
    for (const o of outs) {
      expect((o.data as Float64Array).buffer).not.toBe((a.data as Float64Array).buffer);
      (o.data as Float64Array).fill(-1);
    }
    expect(nested(a)).toEqual([[1, 2], [3, 4]]);
  });

  it('leaves the shared variables unchanged when a call fails midway, and works afterwards', () => {
    const w = pt.shared(arr([1, 2]), 'w');
    const n = pt.shared(0, { name: 'n', dtype: 'float64' });
    const f = compile([v], w.mul(v).sum(), { mode, updates: [[n, n.add(1)], [w, w.add(v).exp()]] });
    expect(() => f(arr([1, 2, 3]))).toThrow(NodeError);
    expect(nested(n.getValue())).toBe(0);
    expect(nested(w.getValue())).toEqual([1, 2]);
    expect(nested(f(arr([0, 0])))).toBe(0);
    expect(nested(n.getValue())).toBe(1);
  });
});
