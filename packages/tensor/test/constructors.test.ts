import { ArgumentError, DtypeError, ShapeError, TypeMismatchError, config } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import { TensorVariable } from '../src/variable/tensor-variable';
import * as ctors from '../src/type/constructors';
import * as typed from '../src/type/constructors-typed';
import * as plural from '../src/type/constructors-plural';

const KINDS: [string, (number | null)[]][] = [
  ['scalar', []],
  ['vector', [null]],
  ['row', [1, null]],
  ['col', [null, 1]],
  ['matrix', [null, null]],
  ['tensor3', [null, null, null]],
  ['tensor4', [null, null, null, null]],
  ['tensor5', new Array(5).fill(null)],
  ['tensor6', new Array(6).fill(null)],
  ['tensor7', new Array(7).fill(null)],
];
const LETTERS: [string, string][] = [
  ['b', 'int8'], ['w', 'int16'], ['i', 'int32'], ['l', 'int64'],
  ['f', 'float32'], ['d', 'float64'], ['c', 'complex64'], ['z', 'complex128'],
];

type Ctor = (...args: unknown[]) => TensorVariable;
const generic = ctors as unknown as Record<string, Ctor>;
const typedTable = typed as unknown as Record<string, Ctor & { type: TensorType }>;
const pluralTable = plural as unknown as Record<string, (...args: unknown[]) => TensorVariable[]>;
const pluralOf = (kind: string) => (kind === 'matrix' ? 'matrices' : `${kind}s`);

describe('constructors with an optional dtype', () => {
  it.each(KINDS)('%s: floatX by default, the static shape of its kind', (kind, shape) => {
    const x = generic[kind]!('x');
    expect(x).toBeInstanceOf(TensorVariable);
    expect(x.name).toBe('x');
    expect(x.dtype).toBe('float64');
    expect(x.type.shape).toEqual(shape);
    expect(generic[kind]!().name).toBeUndefined();
    expect(config.changeFlags({ floatX: 'float32' }, () => generic[kind]!().dtype)).toBe('float32');
    expect(generic[kind]!('y', { dtype: 'int16' }).dtype).toBe('int16');
    expect(generic[kind]!('y', 'uint8').dtype).toBe('uint8');
    const o = generic[kind]!({ name: 'o', dtype: 'complex64' });
    expect([o.name, o.dtype]).toEqual(['o', 'complex64']);
  });

  it('take a static shape of the right length', () => {
    expect(ctors.matrix('m', { shape: [2, null] }).type.shape).toEqual([2, null]);
    expect(ctors.vector({ shape: [3], dtype: 'int64' }).type.shape).toEqual([3]);
    expect(ctors.row('r', { shape: [1, 4] }).type.shape).toEqual([1, 4]);
    expect(() => ctors.matrix('m', { shape: [2] })).toThrow(ShapeError);
    expect(() => ctors.matrix('m', { shape: [2] })).toThrow(/2 entries/);
    expect(() => ctors.row('r', { shape: [2, 3] })).toThrow(/length 1 in dimension 0/);
    expect(() => ctors.col('c', { shape: [3, 3] })).toThrow(/length 1 in dimension 1/);
  });

  it('refuse bad names and dtypes', () => {
    expect(() => ctors.scalar('x', 'float16' as never)).toThrow(DtypeError);
    expect(() => ctors.scalar(3 as never)).toThrow(TypeMismatchError);
    expect(() => ctors.scalar('x', { name: 'y' } as never)).toThrow(ArgumentError);
  });

  it('tensor(): any number of dimensions from the shape', () => {
    const x = ctors.tensor({ dtype: 'int32', shape: [], name: 'myvar' });
    expect([x.name, x.dtype, x.ndim]).toEqual(['myvar', 'int32', 0]);
    const y = ctors.tensor('y', { shape: new Array(8).fill(null) });
    expect([y.dtype, y.ndim]).toEqual(['float64', 8]);
    expect(ctors.tensor({ shape: [2, null, 1] }).broadcastable).toEqual([false, false, true]);
    expect(() => ctors.tensor({} as never)).toThrow(/a static shape/);
    expect(() => ctors.tensor('float32', { shape: [] })).toThrow(/looks like a dtype/);
  });

  it('make the same Type as an equal TensorType (the reference example)', () => {
    const myDmatrix = new TensorType('float64', [null, null]);
    expect(myDmatrix.equals(typed.dmatrix.type)).toBe(true);
    expect(ctors.scalar('myvar', { dtype: 'int32' }).type.equals(typed.iscalar('myvar').type)).toBe(true);
  });
});

describe('fully typed constructors', () => {
  const rows = KINDS.flatMap(([kind, shape]) => LETTERS.map(([l, dtype]) => [`${l}${kind}`, dtype, shape] as const));
  it.each(rows)('%s has dtype %s and its static shape', (name, dtype, shape) => {
    const make = typedTable[name]!;
    expect(make).toBeDefined();
    const x = make('x');
    expect(x.name).toBe('x');
    expect(x.dtype).toBe(dtype);
    expect(x.type.shape).toEqual(shape);
    expect(make.type.equals(x.type)).toBe(true);
    expect(make().name).toBeUndefined();
  });

  it.each([['ubscalar', 'uint8'], ['uwscalar', 'uint16'], ['uiscalar', 'uint32'], ['ulscalar', 'uint64']])('%s is a %s scalar', (name, dtype) => {
    expect(typedTable[name]!().dtype).toBe(dtype);
    expect(typedTable[name]!().ndim).toBe(0);
  });

  it('ignore floatX', () => {
    expect(config.changeFlags({ floatX: 'float32' }, () => typed.dvector().dtype)).toBe('float64');
  });
});

describe('plural constructors', () => {
  const rows = KINDS.flatMap(([kind, shape]) =>
    [['', null], ['f', 'float32'], ['d', 'float64'], ['i', 'int32'], ['l', 'int64']].map(([l, dtype]) => [`${l}${pluralOf(kind)}`, dtype ?? 'float64', shape] as const),
  );

  it.each(rows)('%s makes %s variables of their static shape', (name, dtype, shape) => {
    const make = pluralTable[name]!;
    expect(make).toBeDefined();
    const unnamed = make(3);
    expect(unnamed).toHaveLength(3);
    unnamed.forEach((v) => {
      expect(v.name).toBeUndefined();
      expect(v.dtype).toBe(dtype);
      expect(v.type.shape).toEqual(shape);
    });
    expect(new Set(unnamed).size).toBe(3);
    expect(make('x', 'y', 'z').map((v) => v.name)).toEqual(['x', 'y', 'z']);
  });

  it('split one string into names, as PyTensor does', () => {
    expect(plural.dmatrices('xyz').map((v) => v.name)).toEqual(['x', 'y', 'z']);
    expect(plural.scalars('abcd')).toHaveLength(4);
    expect(plural.dscalars('x').map((v) => v.name)).toEqual(['x']);
    expect(plural.dmatrices(0)).toEqual([]);
  });

  it('generic plurals take trailing options', () => {
    const [u, v] = plural.vectors('u', 'v', { dtype: 'int32' });
    expect([u!.dtype, v!.dtype, v!.name]).toEqual(['int32', 'int32', 'v']);
    expect(plural.matrices(2, { shape: [2, 2] }).map((m) => m.type.shape)).toEqual([[2, 2], [2, 2]]);
  });

  it('refuse bad arguments', () => {
    expect(() => plural.dmatrices()).toThrow(ArgumentError);
    expect(() => plural.dmatrices(2, 'x' as never)).toThrow(/nothing after a count/);
    expect(() => plural.dmatrices(-1)).toThrow(/non-negative integer count/);
    expect(() => plural.dmatrices('x', 3 as never)).toThrow(/a name/);
  });
});
