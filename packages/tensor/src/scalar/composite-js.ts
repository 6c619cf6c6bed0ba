/**
 * JS source for scalar programs (the body of a Composite, or one Elemwise's
 * scalar op): straight-line code, one local per program node, each rounded to
 * its node's dtype exactly as storing it in a typed array of that dtype would
 * (so the fused code equals the unfused graph, which stores every
 * intermediate). Used to compile Composite.impl and by backends that generate
 * loops.
 */
import { isBigInt, isComplex, isInteger, upcast, type Dtype } from '../dtype/dtypes';
import type { ScalarOp } from './scalar-op';

/** A reference to a value inside a scalar program: a program input, a constant or an earlier node. */
export type ScalarRef = { readonly kind: 'input'; readonly index: number } | { readonly kind: 'const'; readonly value: number; readonly dtype: Dtype } | { readonly kind: 'node'; readonly index: number };

/** One step of a scalar program: `op` applied to `inputs`, its result of `dtype`. */
export interface ScalarNode {
  readonly op: ScalarOp;
  readonly inputs: readonly ScalarRef[];
  readonly dtype: Dtype;
}

/** A straight-line scalar program over typed inputs (nodes in dependency order). */
export interface ScalarProgram {
  readonly inputDtypes: readonly Dtype[];
  readonly nodes: readonly ScalarNode[];
  readonly output: ScalarRef;
}

/**
 * Ops whose `js` template computes exactly what their `impl` does on numbers
 * (test/composite-js.test.ts checks this on a grid of special values). Others
 * (integer division, maximum/minimum whose signed zeros differ, casts, special
 * functions...) are called through their impl.
 */
export const TRUSTED_JS: ReadonlySet<string> = new Set([
  'add', 'sub', 'mul', 'true_div', 'neg', 'reciprocal', 'sqr', 'abs', 'sign',
  'lt', 'gt', 'le', 'ge', 'eq', 'neq', 'isnan', 'isinf', 'switch', 'clip', 'pow',
  'ceil', 'floor', 'trunc', 'sqrt', 'exp', 'exp2', 'log', 'log2', 'log10', 'log1p', 'expm1',
  'cos', 'sin', 'tan', 'arccos', 'arcsin', 'arctan', 'cosh', 'sinh', 'tanh',
  'arccosh', 'arcsinh', 'arctanh', 'deg2rad', 'rad2deg', 'arctan2', 'identity',
]);

/**
 * An expression giving `v` rounded to `dtype` as a typed-array store of that dtype does.
 *
 * @example
 * castJs('t0', 'int8'); // '((t0 << 24) >> 24)'
 */
export function castJs(v: string, dtype: Dtype): string {
  switch (dtype) {
    case 'float64':
      return `(+${v})`;
    case 'float32':
      return `Math.fround(${v})`;
    case 'int32':
      return `(${v} | 0)`;
    case 'uint32':
      return `(${v} >>> 0)`;
    case 'int16':
      return `((${v} << 16) >> 16)`;
    case 'int8':
      return `((${v} << 24) >> 24)`;
    case 'uint16':
      return `(${v} & 65535)`;
    case 'uint8':
      return `(${v} & 255)`;
    case 'bool':
      return `(${v} ? 1 : 0)`;
    default:
      throw new Error(`castJs: no number cast for ${dtype}`);
  }
}

/**
 * A JS literal of a number (full precision, signed zero kept).
 *
 * @example
 * literalJs(-0); // '(-0)'
 */
export function literalJs(value: number): string {
  if (Object.is(value, -0)) return '(-0)';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '(-Infinity)';
  return value < 0 ? `(${value})` : String(value);
}

/**
 * Whether the numeric JS kernels handle `dtype` (not int64/uint64, which need BigInt, nor complex).
 *
 * @example
 * isJsNumberDtype('int64'); // false
 */
export function isJsNumberDtype(dtype: Dtype): boolean {
  return !isBigInt(dtype) && !isComplex(dtype);
}

/**
 * Named values the generated source refers to (impl functions called by closure).
 *
 * @example
 * const b = new JsBindings();
 * b.bind(scalarIntDiv.spec.impl); // '$f0'
 */
export class JsBindings {
  readonly names: string[] = [];
  readonly values: unknown[] = [];

  /** The name of `value` in the generated source (bound once). */
  bind(value: unknown, hint = 'f'): string {
    const k = this.values.indexOf(value);
    if (k >= 0) return this.names[k]!;
    const name = `$${hint}${this.names.length}`;
    this.names.push(name);
    this.values.push(value);
    return name;
  }
}

/**
 * The function a reference kernel would call for `op` on numbers of these
 * input dtypes: implInt when the op has one and the inputs are integers,
 * else impl (mirrors chooseMode of the reference elemwise kernel).
 */
function numberImpl(op: ScalarOp, inDtypes: readonly Dtype[]): { fn: (...a: number[]) => number; int: boolean } {
  const modeDtypes = op.spec.modeInputs ? op.spec.modeInputs.map((i) => inDtypes[i]!) : inDtypes;
  const common = modeDtypes.length > 0 ? upcast(modeDtypes[0]!, ...modeDtypes.slice(1)) : 'float64';
  if (isInteger(common) && op.spec.implInt) return { fn: op.spec.implInt, int: true };
  return { fn: op.spec.impl, int: false };
}

/**
 * Whether every node of `program` is emitted from its op's js template (none
 * calls an impl through a binding), so the program can be inlined anywhere.
 *
 * @example
 * inlinesFully(program); // false when it has an int_div or an integer mul
 */
export function inlinesFully(program: ScalarProgram): boolean {
  return program.nodes.every((n) => n.op.spec.js !== undefined && TRUSTED_JS.has(n.op.name) && !numberImpl(n.op, n.inputs.map((r) => refDtype(program, r))).int);
}

/**
 * The dtype a reference resolves to in `program`.
 *
 * @example
 * refDtype(program, { kind: 'input', index: 0 }); // program.inputDtypes[0]
 */
export function refDtype(program: ScalarProgram, r: ScalarRef): Dtype {
  if (r.kind === 'input') return program.inputDtypes[r.index]!;
  if (r.kind === 'const') return r.dtype;
  return program.nodes[r.index]!.dtype;
}

/**
 * Straight-line JS for `program` over the input expressions `args` (plain
 * identifiers): local declarations (`lines`) and the expression of the
 * result (`result`, rounded to its dtype unless `roundResult` is false, for
 * callers that store it into a typed array of that dtype anyway, which rounds
 * the same way; bool results are always made 0/1). Locals are named
 * `${prefix}0, ${prefix}1...`; impl functions go into `bindings`.
 *
 * @example
 * const b = new JsBindings();
 * emitScalarProgram(prog, ['x', 'y'], b, 't'); // { lines: ['const t0 = Math.fround(Math.exp(x));'], result: 't0' }
 */
export function emitScalarProgram(program: ScalarProgram, args: readonly string[], bindings: JsBindings, prefix: string, roundResult = true): { lines: string[]; result: string } {
  const lines: string[] = [];
  const exprOf = (r: ScalarRef): string => (r.kind === 'input' ? args[r.index]! : r.kind === 'const' ? literalJs(r.value) : `${prefix}${r.index}`);
  const last = program.output.kind === 'node' ? program.output.index : -1;
  program.nodes.forEach((node, k) => {
    const inDtypes = node.inputs.map((r) => refDtype(program, r));
    const argExprs = node.inputs.map(exprOf);
    const { fn, int } = numberImpl(node.op, inDtypes);
    const template = node.op.spec.js;
    const raw = !int && template !== undefined && TRUSTED_JS.has(node.op.name) ? template(argExprs) : `${bindings.bind(fn)}(${argExprs.join(', ')})`;
    const rounded = k === last && !roundResult && node.dtype !== 'bool' ? raw : castJs(raw, node.dtype);
    lines.push(`const ${prefix}${k} = ${rounded};`);
  });
  return { lines, result: exprOf(program.output) };
}

/**
 * Compiles `program` into a JS function of its inputs (numbers in, the
 * result rounded to its dtype out), with new Function.
 *
 * @example
 * compileScalarProgram(prog)(1, 2);
 */
export function compileScalarProgram(program: ScalarProgram): (...args: number[]) => number {
  const bindings = new JsBindings();
  const args = program.inputDtypes.map((_, i) => `i${i}`);
  const { lines, result } = emitScalarProgram(program, args, bindings, 't');
  const src = `return function composite(${args.join(', ')}) {\n  ${lines.join('\n  ')}\n  return ${result};\n};`;
  return new Function(...bindings.names, src)(...bindings.values) as (...args: number[]) => number;
}
