/**
 * The WASM kernel of an Elemwise node: its scalar op as a one-step program
 * (one-element constant inputs become literals), compiled at link time.
 */
import type { Apply, StorageCell, Variable } from '@proj/graph';
import { Composite, Elemwise, TensorType, isInteger, sizeOf, upcast, type NDArray, type ScalarRef } from '@proj/tensor';
import type { LinkState, NodeContext } from '../../linker/context';
import type { NodeKernel } from '../../linker/table';
import { fusedProgram, type PushStep } from './fusion';
import { ELEM_BYTES, type LaneDtype, type OutDtype } from './codegen';
import { ElemwiseRunner } from './driver';
import { LANE_OPS } from './ops';
import type { Ref } from './program';

const OUT_DTYPES: ReadonlySet<string> = new Set(['float64', 'float32', 'bool']);

/** Whether lanes of float64 compute this dtype's elements exactly as the reference kernels do. */
export function isLaneDtype(d: string): d is LaneDtype {
  return d in ELEM_BYTES;
}

/** The value of a one-element constant input, else undefined. */
export function literalOf(node: Apply, k: number): number | undefined {
  const v = node.inputs[k]!;
  if (!v.isConstant()) return undefined;
  const value = v.storedValue()?.value as NDArray | undefined;
  if (value === undefined || typeof value !== 'object' || !('shape' in value) || sizeOf(value.shape) !== 1) return undefined;
  const x = value.get(...value.shape.map(() => 0));
  return typeof x === 'boolean' ? Number(x) : typeof x === 'number' ? x : undefined;
}

/**
 * Whether an Elemwise node has a WASM version: a scalar op with lane code,
 * lane dtypes in, float64/float32/bool out, no integer-exact arithmetic.
 *
 * @example
 * elemwiseSupported(x.exp().owner!); // true for a float x
 */
export function elemwiseSupported(node: Apply): boolean {
  const op = node.op;
  if (!(op instanceof Elemwise) || node.outputs.length !== 1) return false;
  const scalar = op.scalarOp;
  if (scalar instanceof Composite ? !compositeSupported(scalar) : LANE_OPS[scalar.name] === undefined) return false;
  const types = node.inputs.map((v) => v.type);
  if (!types.every((t) => t instanceof TensorType && isLaneDtype(t.dtype))) return false;
  const outType = node.outputs[0]!.type;
  if (!(outType instanceof TensorType) || !OUT_DTYPES.has(outType.dtype)) return false;
  // Integer-only arithmetic (ops with an exact integer version on integer inputs) stays in JS.
  const dtypes = (types as TensorType[]).map((t) => t.dtype);
  const common = upcast(dtypes[0]!, ...dtypes.slice(1));
  return !(isInteger(common) && scalar.spec.implInt !== undefined);
}

const STEP_DTYPES: ReadonlySet<string> = OUT_DTYPES;

/** Whether every step of a Composite has lane code and a float or bool result (integer steps wrap; they stay in JS). */
function compositeSupported(c: Composite): boolean {
  const p = c.program;
  return p.nodes.every((n) => !(n.op instanceof Composite) && LANE_OPS[n.op.name] !== undefined && STEP_DTYPES.has(n.dtype)) && p.inputDtypes.every(isLaneDtype);
}

/**
 * A node's steps: its scalar op on `args`, or a Composite's program with its
 * inputs replaced by `args`.
 *
 * @example
 * const out = emitNodeSteps(node, args, push);
 */
export function emitNodeSteps(node: Apply, args: readonly Ref[], push: PushStep): Ref {
  const scalar = (node.op as Elemwise).scalarOp;
  const dtype = (node.outputs[0]!.type as TensorType).dtype;
  if (!(scalar instanceof Composite)) return push({ op: scalar.name, args, dtype });
  const prog = scalar.program;
  const refs: Ref[] = [];
  const map = (r: ScalarRef): Ref => (r.kind === 'input' ? args[r.index]! : r.kind === 'const' ? { kind: 'const', value: r.value } : refs[r.index]!);
  prog.nodes.forEach((n) => refs.push(push({ op: n.op.name, args: n.inputs.map(map), dtype: n.dtype })));
  return map(prog.output);
}

/**
 * The kernel of an Elemwise node, or undefined when its scalar op, dtypes or
 * in-place pattern have no WASM version (the node then runs in JS).
 *
 * @example
 * const run = elemwiseNodeKernel(node, link);
 */
export function elemwiseNodeKernel(node: Apply, link: LinkState): ((ctx: NodeContext) => void) | undefined {
  if (!elemwiseSupported(node)) return undefined;
  const { program, leaves } = fusedProgram(node, new Set(), literalOf, emitNodeSteps);
  if (leaves.length === 0) return undefined;
  const at = leaves.map((v) => node.inputs.indexOf(v));
  const inDtypes = leaves.map((v) => (v.type as TensorType).dtype as LaneDtype);
  const outDtype = (node.outputs[0]!.type as TensorType).dtype as OutDtype;
  const runner = new ElemwiseRunner(link.kernels, program, inDtypes, [outDtype]);
  const name = node.op.name;
  return (ctx) => {
    const ins = at.map((k) => ctx.input(k));
    const shape = runner.outShape(name, ins);
    runner.run(ins, [ctx.output(0, outDtype, shape).ptr], shape);
  };
}

/**
 * The kernel of a fusion root: the root and its absorbed producers as one
 * program over the leaves' cells (see planFusion).
 *
 * @example
 * const run = fusedElemwiseKernel(root, link, plan.absorbed, (v) => cells.get(v)!);
 */
export function fusedElemwiseKernel(root: Apply, link: LinkState, absorbed: ReadonlySet<Apply>, cellOf: (v: Variable) => StorageCell): NodeKernel {
  const { program, leaves } = fusedProgram(root, absorbed, literalOf, emitNodeSteps);
  if (leaves.length === 0) throw new Error(`backend-wasm: ${root.op.name} has only constant inputs`);
  const inDtypes = leaves.map((v) => (v.type as TensorType).dtype as LaneDtype);
  const outDtype = (root.outputs[0]!.type as TensorType).dtype as OutDtype;
  const runner = new ElemwiseRunner(link.kernels, program, inDtypes, [outDtype]);
  const cells = leaves.map(cellOf);
  const name = root.op.name;
  return (ctx) => {
    const ins = leaves.map((v, k) => link.resident(cells[k]!, v));
    const shape = runner.outShape(name, ins);
    runner.run(ins, [ctx.output(0, outDtype, shape).ptr], shape);
  };
}
