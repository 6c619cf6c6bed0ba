import { Code, ModuleBuilder, Op, Simd, ValType, signedLeb128, unsignedLeb128 } from '../src/encoder';

describe('LEB128', () => {
  it('encodes unsigned values as in the spec examples', () => {
    expect(unsignedLeb128(624485, [])).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb128(0, [])).toEqual([0]);
    expect(unsignedLeb128(127, [])).toEqual([0x7f]);
    expect(unsignedLeb128(128, [])).toEqual([0x80, 0x01]);
  });
  it('encodes signed values, including i64 extremes', () => {
    expect(signedLeb128(-123456, [])).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb128(-1, [])).toEqual([0x7f]);
    expect(signedLeb128(63, [])).toEqual([0x3f]);
    expect(signedLeb128(64, [])).toEqual([0xc0, 0x00]);
    expect(signedLeb128(-(2n ** 63n), []).length).toBe(10);
  });
});

describe('ModuleBuilder', () => {
  it('builds a module that validates and adds two f64 numbers', () => {
    const m = new ModuleBuilder();
    m.func([ValType.f64, ValType.f64], [ValType.f64], 'add').get(0).get(1).op(Op.f64Add);
    expect(WebAssembly.validate(m.encode())).toBe(true);
    const { add } = m.instantiate() as unknown as { add(a: number, b: number): number };
    expect(add(1.5, 2.25)).toBe(3.75);
  });

  it('imports a memory, loops, and runs f64x2 SIMD over it', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const m = new ModuleBuilder();
    m.importMemory('env', 'memory', { initial: 1 });
    // scale(ptr, n): p[i] *= 3 for i < n (n even), two lanes at a time.
    const c: Code = m.func([ValType.i32, ValType.i32], [], 'scale');
    const end = c.local(ValType.i32);
    c.get(0).get(1).i32(3).op(Op.i32Shl).op(Op.i32Add).set(end);
    c.block().loop();
    c.get(0).get(end).op(Op.i32GeU).brIf(1);
    c.get(0).get(0).simdMem(Simd.v128Load, 4).f64x2(3).simd(Simd.f64x2Mul).simdMem(Simd.v128Store, 4);
    c.get(0).i32(16).op(Op.i32Add).set(0).br(0);
    c.end().end();
    expect(WebAssembly.validate(m.encode())).toBe(true);
    const { scale } = m.instantiate({ env: { memory } }) as unknown as { scale(p: number, n: number): void };
    const view = new Float64Array(memory.buffer, 64, 6);
    view.set([1, -2, 0.5, Infinity, NaN, -0]);
    scale(64, 6);
    expect(Array.from(view)).toEqual([3, -6, 1.5, Infinity, NaN, -0]);
  });

  it('calls an imported host function and uses i64 and lane instructions', () => {
    const m = new ModuleBuilder();
    const host = m.importFunc('env', 'twice', [ValType.f64], [ValType.f64]);
    const c = m.func([ValType.f64], [ValType.f64], 'f');
    // bits(1.0) + (k << 52) for k = 2 gives 4.0: the exponent trick of exp.
    c.get(0).simd(Simd.f64x2Splat).i64x2(0x3ff0000000000000n).i64x2(2n).i32(52).simd(Simd.i64x2Shl).simd(Simd.i64x2Add);
    c.simd(Simd.f64x2Mul).lane(Simd.f64x2ExtractLane, 1).call(host);
    const { f } = m.instantiate({ env: { twice: (x: number) => 2 * x } }) as unknown as { f(x: number): number };
    expect(f(1.25)).toBe(10);
  });

  it('rejects function imports after definitions', () => {
    const m = new ModuleBuilder();
    m.func([], [], 'a');
    expect(() => m.importFunc('env', 'b', [], [])).toThrow('import every function');
  });
});
