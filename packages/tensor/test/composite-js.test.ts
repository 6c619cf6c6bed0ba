import * as pt from '../src';
import { JsBindings, TRUSTED_JS, castJs, compileScalarProgram, emitScalarProgram, type Dtype } from '../src';

const SPECIAL = [0, -0, 1, -1, 2.5, -2.5, 3, -7, 0.5, NaN, Infinity, -Infinity, 1e300, -1e-300, 255, 128, 2 ** 31, -(2 ** 31) - 1];

/** Every value tuple of `n` entries drawn from SPECIAL. */
function tuples(n: number): number[][] {
  let out: number[][] = [[]];
  for (let i = 0; i < n; i++) out = out.flatMap((t) => SPECIAL.map((v) => [...t, v]));
  return out;
}

describe('trusted js templates', () => {
  const ops = Object.values(pt).filter((o): o is pt.ScalarOp => o instanceof pt.ScalarOp && TRUSTED_JS.has(o.name));

  it('cover every trusted name', () => {
    expect(new Set(ops.map((o) => o.name))).toEqual(TRUSTED_JS);
  });

  it.each(ops.map((o) => [o.name, o] as const))('%s: the template computes what impl does, signed zeros and NaN included', (_name, op) => {
    const n = op.nin < 0 ? 2 : op.nin;
    const args = Array.from({ length: n }, (_, i) => `a${i}`);
    const f = new Function(...args, `return ${op.spec.js!(args)};`) as (...a: number[]) => unknown;
    for (const t of tuples(n)) {
      const want = Number(op.spec.impl(...t));
      const got = Number(f(...t));
      if (!Object.is(want, got)) throw new Error(`${op.name}(${t.join(', ')}): impl ${want}, template ${got}`);
    }
  });
});

describe('castJs', () => {
  const stores: [Dtype, new (n: number) => ArrayLike<number> & { [k: number]: number }][] = [
    ['float32', Float32Array], ['int32', Int32Array], ['uint32', Uint32Array], ['int16', Int16Array],
    ['int8', Int8Array], ['uint16', Uint16Array], ['uint8', Uint8Array], ['float64', Float64Array],
  ];
  it.each(stores)('%s rounds as a typed-array store does', (dtype, Ctor) => {
    const f = new Function('v', `return ${castJs('v', dtype)};`) as (v: number) => number;
    const store = new Ctor(1);
    for (const x of [...SPECIAL, 1.5, -1.5, 65535.7, -129.9, 2 ** 40 + 3, 0.1]) {
      store[0] = x;
      expect(Object.is(f(x), store[0])).toBe(true);
    }
  });
  it('makes bool values 0/1', () => {
    const f = new Function('v', `return ${castJs('v', 'bool')};`) as (v: unknown) => number;
    expect([2, 0, -0, NaN, true, false, -1].map(f)).toEqual([1, 0, 0, 0, 1, 0, 1]);
  });
});

describe('emitScalarProgram', () => {
  it('calls impl through a binding where the template is not trusted, and implInt for integer inputs', () => {
    const prog = {
      inputDtypes: ['int32', 'int32'] as Dtype[],
      nodes: [
        { op: pt.scalarMul, inputs: [{ kind: 'input', index: 0 }, { kind: 'input', index: 1 }] as const, dtype: 'int32' as Dtype },
        { op: pt.scalarIntDiv, inputs: [{ kind: 'node', index: 0 }, { kind: 'const', value: 3, dtype: 'int8' }] as const, dtype: 'int32' as Dtype },
      ],
      output: { kind: 'node', index: 1 } as const,
    };
    const b = new JsBindings();
    const { lines, result } = emitScalarProgram(prog, ['x', 'y'], b, 't');
    expect(b.values).toEqual([pt.scalarMul.spec.implInt, pt.scalarIntDiv.spec.impl]);
    expect(lines).toEqual(['const t0 = ($f0(x, y) | 0);', 'const t1 = ($f1(t0, 3) | 0);']);
    expect(result).toBe('t1');
    // 2^31-1 squared wraps to 1 in int32 (an exact imul, not a float product).
    expect(compileScalarProgram(prog)(2 ** 31 - 1, 2 ** 31 - 1)).toBe(0);
    expect(compileScalarProgram(prog)(-7, 1)).toBe(-3);
  });
});
