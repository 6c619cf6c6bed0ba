/**
 * Composite: a scalar op whose body is a small scalar program over its inputs
 * (PyTensor's scalar Composite). Elementwise fusion turns a tree of Elemwise
 * nodes into one Elemwise over a Composite, so one loop computes it all.
 */
import { DisconnectedType, DtypeError, ArgumentError, type Variable } from '@proj/graph';
import { constant } from '../basic/as-tensor';
import { Elemwise } from '../elemwise/elemwise';
import { add } from '../math/arith';
import { TensorVariable } from '../variable/tensor-variable';
import { inlinesFully, compileScalarProgram, emitScalarProgram, isJsNumberDtype, literalJs, refDtype, JsBindings, type ScalarProgram, type ScalarRef } from './composite-js';
import { ScalarOp, type ScalarOpSpec } from './scalar-op';
import { gradZeros } from './zero-grad';

/** Infix spellings for printing (PyTensor prints Composite{exp(i0) * i1}). */
const INFIX: Readonly<Record<string, string>> = { add: '+', sub: '-', mul: '*', true_div: '/', lt: '<', gt: '>', le: '<=', ge: '>=', eq: '==', neq: '!=' };

function refText(program: ScalarProgram, r: ScalarRef, memo: string[]): string {
  if (r.kind === 'input') return `i${r.index}`;
  if (r.kind === 'const') return literalJs(r.value).replace(/^\((.*)\)$/, '$1');
  return memo[r.index]!;
}

/** Programs with more nodes print as Composite{...}, as in PyTensor (nested text of a shared DAG can grow exponentially). */
const MAX_PRINTED_NODES = 10;

/** The readable body: the program printed as nested expressions. */
function programText(program: ScalarProgram): string {
  if (program.nodes.length > MAX_PRINTED_NODES) return '...';
  const memo: string[] = [];
  program.nodes.forEach((n, k) => {
    const infix = INFIX[n.op.name];
    const operator = (infix !== undefined && n.inputs.length >= 2) || n.op.name === 'neg';
    const args = n.inputs.map((r) => {
      const t = refText(program, r, memo);
      // Parenthesise an operand of an operator that is itself an operator, so the text reads unambiguously.
      const inner = r.kind === 'node' ? program.nodes[r.index]! : undefined;
      const innerIsOperator = inner !== undefined && ((INFIX[inner.op.name] !== undefined && inner.inputs.length >= 2) || inner.op.name === 'neg');
      return operator && innerIsOperator ? `(${t})` : t;
    });
    memo[k] = n.op.name === 'neg' ? `-${args[0]}` : operator ? args.join(` ${infix} `) : `${n.op.name}(${args.join(', ')})`;
  });
  return refText(program, program.output, memo);
}

/** The identity of a program: every op, reference and dtype (printing alone drops dtypes). */
function programKey(program: ScalarProgram): string {
  const ref = (r: ScalarRef): string => (r.kind === 'input' ? `i${r.index}` : r.kind === 'const' ? `c${Object.is(r.value, -0) ? '-0' : r.value}:${r.dtype}` : `t${r.index}`);
  const body = program.nodes.map((n) => `${n.op.hash()}(${n.inputs.map(ref).join(',')}):${n.dtype}`).join(';');
  return `composite[${program.inputDtypes.join(',')}]{${body}}->${ref(program.output)}`;
}

/** Checks references point backwards, dtypes are JS numbers, and each node's dtype is its op's rule. */
function checkProgram(program: ScalarProgram): void {
  const where = 'Composite';
  if (program.inputDtypes.length === 0) throw new ArgumentError({ op: where, argument: 'inputDtypes', expected: 'at least one input', given: '0' });
  const checkRef = (r: ScalarRef, k: number, arg: string): void => {
    const ok = r.kind === 'input' ? r.index >= 0 && r.index < program.inputDtypes.length : r.kind === 'node' ? r.index >= 0 && r.index < k : Number.isFinite(r.value) || Number.isNaN(r.value) || Math.abs(r.value) === Infinity;
    if (!ok) throw new ArgumentError({ op: where, argument: arg, expected: 'a reference to an input, a constant or an earlier node', given: JSON.stringify(r) });
  };
  program.inputDtypes.forEach((d, i) => {
    if (!isJsNumberDtype(d)) throw new DtypeError({ op: where, argument: i, expected: 'a dtype held in JS numbers (not int64/uint64/complex)', given: d });
  });
  program.nodes.forEach((n, k) => {
    n.inputs.forEach((r, j) => checkRef(r, k, `nodes[${k}].inputs[${j}]`));
    const want = n.op.outputDtype(n.inputs.map((r) => refDtype(program, r)));
    if (want !== n.dtype || !isJsNumberDtype(want)) {
      throw new DtypeError({ op: where, argument: `nodes[${k}] (${n.op.name})`, expected: isJsNumberDtype(want) ? want : 'a dtype held in JS numbers', given: n.dtype });
    }
  });
  checkRef(program.output, program.nodes.length, 'output');
}

/** A deep copy that nobody can change (an Op's props are immutable values). */
function frozenCopy(program: ScalarProgram): ScalarProgram {
  const ref = (r: ScalarRef): ScalarRef => Object.freeze({ ...r });
  return Object.freeze({
    inputDtypes: Object.freeze([...program.inputDtypes]),
    nodes: Object.freeze(program.nodes.map((n) => Object.freeze({ op: n.op, inputs: Object.freeze(n.inputs.map(ref)), dtype: n.dtype }))),
    output: ref(program.output),
  });
}

/** What the Composite's spec holds besides a ScalarOpSpec. */
interface CompositeSpec extends ScalarOpSpec {
  readonly program: ScalarProgram;
  readonly key: string;
}

/**
 * A scalar op computing a scalar program (see ScalarProgram): printed like
 * PyTensor (Composite{exp(i0) * i1}), equal to another Composite with the same
 * program and dtypes, its impl compiled once to one JS function, its gradient
 * the reverse-mode gradient of the program. Its input dtypes are fixed.
 *
 * @example
 * const c = new Composite({
 *   inputDtypes: ['float64', 'float64'],
 *   nodes: [{ op: scalarExp, inputs: [{ kind: 'input', index: 0 }], dtype: 'float64' },
 *           { op: scalarMul, inputs: [{ kind: 'node', index: 0 }, { kind: 'input', index: 1 }], dtype: 'float64' }],
 *   output: { kind: 'node', index: 1 },
 * });
 * c.name; // 'Composite{exp(i0) * i1}'
 */
export class Composite extends ScalarOp {
  constructor(given: ScalarProgram) {
    checkProgram(given);
    const program = frozenCopy(given);
    const outDtype = refDtype(program, program.output);
    const inputDtypes = [...program.inputDtypes];
    let compiled: ((...args: number[]) => number) | undefined;
    const spec: CompositeSpec = {
      name: `Composite{${programText(program)}}`,
      nin: inputDtypes.length,
      program,
      key: programKey(program),
      outputDtype: (given, name) => {
        if (given.length !== inputDtypes.length || given.some((d, i) => d !== inputDtypes[i])) {
          throw new DtypeError({ op: `Elemwise{${name}}`, argument: 'inputs', expected: `dtypes (${inputDtypes.join(', ')})`, given: given.join(', ') });
        }
        return outDtype;
      },
      // Compiled on first use: fusion makes Composites that a backend may never interpret.
      get impl() {
        compiled ??= compileScalarProgram(program);
        return compiled;
      },
      grad: (inputs, _outputs, outputGrads) => compositeGrad(program, inputs, outputGrads[0]!),
      js: compositeTemplate(program),
    };
    super(spec);
  }

  /** The scalar program this op computes. */
  get program(): ScalarProgram {
    return (this.spec as CompositeSpec).program;
  }

  override hash(): string {
    return (this.spec as CompositeSpec).key;
  }

  override equals(other: unknown): boolean {
    return other instanceof Composite && other.hash() === this.hash();
  }
}

/**
 * The program inlined as one JS expression (an arrow applied to the argument
 * expressions), when every node has a trusted template: impl closures cannot
 * appear in a template. Otherwise none.
 */
function compositeTemplate(program: ScalarProgram): ((args: readonly string[]) => string) | undefined {
  if (!inlinesFully(program)) return undefined;
  let body: string | undefined;
  return (args) => {
    if (body === undefined) {
      const params = program.inputDtypes.map((_, i) => `$i${i}`);
      const { lines, result } = emitScalarProgram(program, params, new JsBindings(), '$t');
      body = `((${params.join(', ')}) => { ${lines.join(' ')} return ${result}; })`;
    }
    return `${body}(${args.join(', ')})`;
  };
}

/**
 * Reverse mode over the program: the program is rebuilt as Elemwise nodes on
 * the tensor inputs, and each node's Lop (the scalar op's grad, summed over
 * broadcast dimensions) sends its output gradient back to its inputs.
 */
function compositeGrad(program: ScalarProgram, inputs: readonly TensorVariable[], gz: TensorVariable): (Variable | undefined)[] {
  const value = (r: ScalarRef, built: TensorVariable[]): TensorVariable => (r.kind === 'input' ? inputs[r.index]! : r.kind === 'const' ? constant(r.value, { dtype: r.dtype }) : built[r.index]!);
  const built: TensorVariable[] = [];
  const nodeInputs: TensorVariable[][] = [];
  for (const n of program.nodes) {
    const args = n.inputs.map((r) => value(r, built));
    nodeInputs.push(args);
    built.push(new Elemwise(n.op).call(...args) as TensorVariable);
  }
  if (program.output.kind !== 'node') {
    return inputs.map((x, i) => (program.output.kind === 'input' && program.output.index === i ? gz : gradZeros(x)));
  }
  const nodeGrads: (Variable | undefined)[] = new Array(program.nodes.length);
  const inputGrads: (Variable | undefined)[] = new Array(inputs.length);
  const accumulate = (acc: Variable | undefined, g: Variable): Variable => {
    if (acc === undefined) return g;
    // A NullType gradient (not implemented) wins: the sum is not known.
    if (!(acc instanceof TensorVariable)) return acc;
    return g instanceof TensorVariable ? add(acc, g) : g;
  };
  nodeGrads[program.output.index] = gz;
  for (let k = program.nodes.length - 1; k >= 0; k--) {
    const g = nodeGrads[k];
    if (g === undefined) continue;
    const node = program.nodes[k]!;
    const out = built[k]!;
    const grads = out.owner!.op.Lop(out.owner!.inputs, [out], [g]);
    node.inputs.forEach((r, j) => {
      const gj = grads[j]!;
      if (r.kind === 'const' || gj.type instanceof DisconnectedType) return;
      if (r.kind === 'node') nodeGrads[r.index] = accumulate(nodeGrads[r.index], gj);
      else inputGrads[r.index] = accumulate(inputGrads[r.index], gj);
    });
  }
  return inputs.map((x, i) => inputGrads[i] ?? gradZeros(x));
}
