/**
 * Subtensor: basic indexing (integers and slices) as a view of the input
 * (PyTensor's Subtensor). As in PyTensor, the Op's props hold the pattern of
 * the index (idxList) and the node's inputs hold x and the symbolic scalars:
 * an entry known when the graph is built is a number in idxList, a symbolic
 * one is 'sym' there and the next scalar input of the node.
 */
import {
  Apply,
  ArgumentError,
  DtypeError,
  Op,
  TypeMismatchError,
  config,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { isDiscrete, isInteger } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { fromRaw, rawView, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { zerosLike } from '../basic/fill';
import { cast } from '../math/cast';
import { constantScalarInt } from '../shape/make-vector';
import { IndexError } from './errors';
import type { IndexEntry } from './index-entry';
import { IncSubtensor } from './inc-subtensor';
import { canonicalSlice, type Int } from './slice-length';

/** A bound in idxList: a number, null (the default), or 'sym' (the next scalar input). */
export type StaticBound = number | null | 'sym';

/** One entry of a Subtensor's idxList. */
export type IdxListEntry =
  | { readonly kind: 'int'; readonly value: number | 'sym' }
  | { readonly kind: 'slice'; readonly start: StaticBound; readonly stop: StaticBound; readonly step: StaticBound };

/** An idxList entry with its symbolic parts filled in (numbers at run time, scalars or numbers in graphs). */
export type ResolvedIdx<T> = { readonly kind: 'int'; readonly value: T } | { readonly kind: 'slice'; readonly start: T | null; readonly stop: T | null; readonly step: T | null };

function checkIdxList(op: string, idxList: readonly IdxListEntry[]): void {
  const ok = (b: unknown) => b === null || b === 'sym' || (typeof b === 'number' && Number.isInteger(b));
  idxList.forEach((e, i) => {
    const good = e.kind === 'int' ? e.value === 'sym' || Number.isInteger(e.value) : e.kind === 'slice' && ok(e.start) && ok(e.stop) && ok(e.step);
    if (!good) throw new ArgumentError({ op, argument: `idxList[${i}]`, expected: "an int entry or a slice entry (integers, null or 'sym')", given: JSON.stringify(e) });
    if (e.kind === 'slice' && e.step === 0) throw new ArgumentError({ op, argument: `idxList[${i}].step`, expected: 'a non-zero slice step', given: '0' });
  });
}

/** idxList as text, NumPy style: 1, 2:, ::-1; symbolic parts are named i, start, stop, step. */
export function formatIdxList(idxList: readonly IdxListEntry[]): string {
  const b = (v: StaticBound, name: string) => (v === null ? '' : v === 'sym' ? name : String(v));
  return idxList
    .map((e) => (e.kind === 'int' ? b(e.value, 'i') : `${b(e.start, 'start')}:${b(e.stop, 'stop')}${e.step === null ? '' : `:${b(e.step, 'step')}`}`))
    .join(', ');
}

/** The number of symbolic scalars an idxList takes. */
export function countSymbolic(idxList: readonly IdxListEntry[]): number {
  let n = 0;
  for (const e of idxList) for (const v of e.kind === 'int' ? [e.value] : [e.start, e.stop, e.step]) if (v === 'sym') n++;
  return n;
}

/** Fills the 'sym' parts of idxList with `values`, in order. */
export function resolveIdxList<T>(idxList: readonly IdxListEntry[], values: readonly T[]): ResolvedIdx<T | number>[] {
  let k = 0;
  const get = (v: StaticBound): T | number | null => (v === 'sym' ? values[k++]! : v);
  return idxList.map((e) => (e.kind === 'int' ? { kind: 'int', value: get(e.value)! } : { kind: 'slice', start: get(e.start), stop: get(e.stop), step: get(e.step) }));
}

/**
 * The idxList and the scalar inputs for basic index entries (int and slice
 * only). Symbolic scalars whose value is known now (constants, static
 * lengths) go into idxList as numbers.
 *
 * @example
 * subtensorIdxList([{ kind: 'int', value: i }]); // { idxList: [{ kind: 'int', value: 'sym' }], inputs: [i] }
 */
export function subtensorIdxList(entries: readonly IndexEntry[]): { idxList: IdxListEntry[]; inputs: TensorVariable[] } {
  const inputs: TensorVariable[] = [];
  const put = (v: number | TensorVariable | null): StaticBound => {
    if (v === null || typeof v === 'number') return v;
    const c = constantScalarInt(v);
    if (c !== undefined) return c;
    inputs.push(v);
    return 'sym';
  };
  const idxList = entries.map((e, i): IdxListEntry => {
    if (e.kind === 'int') return { kind: 'int', value: put(e.value) as number | 'sym' };
    if (e.kind === 'slice') return { kind: 'slice', start: put(e.start), stop: put(e.stop), step: put(e.step) };
    throw new ArgumentError({ op: 'Subtensor', argument: `index ${i}`, expected: 'an integer or a slice (basic indexing)', given: `a ${e.kind} entry` });
  });
  return { idxList, inputs };
}

/**
 * Checks x and the scalar inputs of an indexing node (Subtensor, IncSubtensor)
 * and returns the static shape of the indexed part of x. `first` is the input
 * position of the first scalar. An integer index known to be out of bounds is
 * an IndexError now.
 */
export function checkIndexInputs(op: string, idxList: readonly IdxListEntry[], x: Variable, scalars: readonly Variable[], first: number): (number | null)[] {
  if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
  if (idxList.length > x.ndim) throw IndexError.tooMany(op, x.ndim, idxList.length);
  const want = countSymbolic(idxList);
  if (scalars.length !== want) {
    throw new ArgumentError({ op, argument: 'inputs', expected: `${want} symbolic index scalars after x`, given: `${scalars.length}` });
  }
  scalars.forEach((s, i) => {
    if (!(s instanceof TensorVariable) || s.ndim !== 0) {
      throw new TypeMismatchError({ op, argument: first + i, expected: 'an integer scalar (0-d tensor)', given: `${s} of type ${s.type}` });
    }
    if (!isInteger(s.dtype)) throw new DtypeError({ op, argument: first + i, expected: 'an integer scalar', given: `${s} of dtype ${s.dtype}` });
  });
  const shape: (number | null)[] = [];
  x.type.shape.forEach((n, d) => {
    const e = idxList[d];
    if (e === undefined) shape.push(n);
    else if (e.kind === 'int') {
      if (n !== null && e.value !== 'sym' && (e.value >= n || e.value < -n)) throw IndexError.outOfBounds(op, e.value, d, n);
    } else {
      const known = n !== null && e.start !== 'sym' && e.stop !== 'sym' && e.step !== 'sym';
      shape.push(known ? (canonicalSlice(e.start as number | null, e.stop as number | null, e.step as number | null, n, op).length as number) : null);
    }
  });
  return shape;
}

/** The value of a 0-d integer array as a JS number. */
export function scalarValue(a: unknown): number {
  const v = rawView(a as NDArray);
  return Number(v.data[v.offset]!);
}

/**
 * The view of `a` selected by resolved basic entries: new shape, strides and
 * offset over the same raw data (negative steps, empty and clipped slices as
 * NumPy). An integer out of bounds is an IndexError naming `op`.
 *
 * @example
 * indexView('Subtensor', a, [{ kind: 'slice', start: null, stop: null, step: -1 }]); // a[::-1]
 */
export function indexView(op: string, a: NDArray, entries: readonly ResolvedIdx<number>[]): NDArray {
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = a.offset;
  a.shape.forEach((n, d) => {
    const e = entries[d];
    const s = a.strides[d]!;
    if (e === undefined) {
      shape.push(n);
      strides.push(s);
    } else if (e.kind === 'int') {
      const i = e.value < 0 ? e.value + n : e.value;
      if (i < 0 || i >= n) throw IndexError.outOfBounds(op, e.value, d, n);
      offset += i * s;
    } else {
      const c = canonicalSlice(e.start, e.stop, e.step, n, op) as { start: number; step: number; length: number };
      shape.push(c.length);
      strides.push(s * c.step);
      if (c.length > 0) offset += c.start * s;
    }
  });
  return fromRaw(a.dtype, rawView(a).data, shape, strides, shape.includes(0) ? a.offset : offset);
}

/**
 * Basic indexing of a tensor by integers and slices, returning a view of it
 * (PyTensor's Subtensor). Usually made by x.get(...) / getItem.
 *
 * @example
 * new Subtensor([{ kind: 'slice', start: 1, stop: null, step: null }]).call(x); // x[1:]
 */
export class Subtensor extends Op<{ idxList: readonly IdxListEntry[] }> {
  constructor(idxList: readonly IdxListEntry[]) {
    checkIdxList('Subtensor', idxList);
    super({ idxList: idxList.map((e) => ({ ...e })) });
  }

  get idxList(): readonly IdxListEntry[] {
    return this.props.idxList;
  }

  override get name(): string {
    return `Subtensor{${formatIdxList(this.idxList)}}`;
  }

  override toString(): string {
    return this.name;
  }

  override get viewMap(): Readonly<Record<number, readonly number[]>> {
    return { 0: [0] };
  }

  makeNode(x: Variable, ...scalars: Variable[]): Apply {
    const shape = checkIndexInputs(this.name, this.idxList, x, scalars, 1);
    return new Apply(this, [x, ...scalars], [new TensorType((x as TensorVariable).dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, [x, ...scalars]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = indexView(this.name, x as NDArray, resolveIdxList(this.idxList, scalars.map(scalarValue)));
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [xShape]: readonly ShapeTuple[]): ShapeTuple[] {
    const outStatic = (node.outputs[0]!.type as TensorType).shape;
    const entries = resolveIdxList(this.idxList, node.inputs.slice(1) as TensorVariable[]);
    const out: (number | Variable)[] = [];
    xShape!.forEach((n, d) => {
      const e = entries[d];
      if (e === undefined) out.push(n);
      else if (e.kind === 'slice') {
        const known = outStatic[out.length];
        out.push(known ?? (canonicalSlice(e.start, e.stop, e.step, n as Int, this.name).length as number | Variable));
      }
    });
    return [out];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i === 0]);
  }

  /** The gradient of x is the output gradient put back into zeros (an IncSubtensor). */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const rest = inputs.slice(1);
    // The gradient of x has x's dtype: a wider gz (float64 for a float32 x) is cast to it.
    const g = gz as TensorVariable;
    const gx = isDiscrete(x.dtype) ? zerosLike(x, config.floatX) : new IncSubtensor(this.idxList).call(zerosLike(x), g.dtype === x.dtype ? g : cast(g, x.dtype), ...rest);
    return [gx, ...rest.map(() => disconnectedType())];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, ...inputs.slice(1))];
  }
}

/**
 * x indexed by basic entries (integers and slices), as a Subtensor view.
 *
 * @example
 * subtensor(x, [{ kind: 'int', value: 0 }]); // x[0]
 */
export function subtensor(x: TensorVariable, entries: readonly IndexEntry[]): TensorVariable {
  const { idxList, inputs } = subtensorIdxList(entries);
  return new Subtensor(idxList).call(x, ...inputs) as TensorVariable;
}
