/**
 * Source text of generated Elemwise loops. One function per node and layout:
 * the scalar program is inlined into the loop body (see emitScalarProgram),
 * inputs are read straight from their typed arrays by offset and stride, the
 * result is stored into the output's typed array. No temporaries, no getters.
 */
import { JsBindings, emitScalarProgram, type ScalarProgram } from '@proj/tensor';

/**
 * How an input is read in the loop: 'c' contiguous with the output's shape
 * (flat index), 's' one element broadcast everywhere (read once, before the
 * loop), 'g' general (strides, 0 along broadcast dimensions).
 */
export type InputKind = 'c' | 's' | 'g';

/** A generated kernel with the values its source refers to. */
export interface KernelSource {
  readonly params: readonly string[];
  readonly body: string;
  readonly bindings: JsBindings;
}

/**
 * A flat loop for inputs that are all contiguous ('c') or single elements
 * ('s'). Parameters: OUT, oo (output offset), n, then A<i>, o<i> per input.
 *
 * @example
 * flatSource(program, ['c', 's']); // for (let k = 0; k < n; k++) { ... OUT[oo + k] = ...; }
 */
export function flatSource(program: ScalarProgram, kinds: readonly InputKind[]): KernelSource {
  const bindings = new JsBindings();
  const args = kinds.map((_, i) => `x${i}`);
  const { lines, result } = emitScalarProgram(program, args, bindings, 't', false);
  const params = ['OUT', 'oo', 'n', ...kinds.flatMap((_, i) => [`A${i}`, `o${i}`])];
  const hoisted = kinds.map((k, i) => (k === 's' ? `const x${i} = A${i}[o${i}];` : '')).filter((s) => s !== '');
  const reads = kinds.map((k, i) => (k === 'c' ? `const x${i} = A${i}[o${i} + k];` : '')).filter((s) => s !== '');
  const body = [...hoisted, 'for (let k = 0; k < n; k++) {', ...reads.map((s) => `  ${s}`), ...lines.map((s) => `  ${s}`), `  OUT[oo + k] = ${result};`, '}'].join('\n');
  return { params, body, bindings };
}

/**
 * Nested loops over `ndim` dimensions for strided or broadcast inputs; the
 * output is written in row-major order. Parameters: OUT, oo, A<i>, o<i> per
 * input, the lengths n0..n<ndim-1>, then the strides s<i>_<d> per input and
 * dimension (in raw elements; 0 along broadcast dimensions).
 *
 * @example
 * stridedSource(program, 2, 2); // two nested loops advancing one pointer per input
 */
export function stridedSource(program: ScalarProgram, nin: number, ndim: number): KernelSource {
  const bindings = new JsBindings();
  const ins = Array.from({ length: nin }, (_, i) => i);
  const dims = Array.from({ length: ndim }, (_, d) => d);
  const args = ins.map((i) => `x${i}`);
  const { lines, result } = emitScalarProgram(program, args, bindings, 't', false);
  const params = ['OUT', 'oo', ...ins.flatMap((i) => [`A${i}`, `o${i}`]), ...dims.map((d) => `n${d}`), ...ins.flatMap((i) => dims.map((d) => `s${i}_${d}`))];
  const out: string[] = ['let k = oo;'];
  // Pointer p<i>_<d> walks input i along dimension d, starting where the enclosing dimension's pointer is.
  dims.forEach((d) => {
    const pad = '  '.repeat(d);
    const init = ins.map((i) => `p${i}_${d} = ${d === 0 ? `o${i}` : `p${i}_${d - 1}`}`).join(', ');
    const step = ins.map((i) => `p${i}_${d} += s${i}_${d}`).join(', ');
    out.push(`${pad}for (let i${d} = 0${init ? `, ${init}` : ''}; i${d} < n${d}; i${d}++${step ? `, ${step}` : ''}) {`);
  });
  const pad = '  '.repeat(ndim);
  const last = ndim - 1;
  ins.forEach((i) => out.push(`${pad}const x${i} = A${i}[p${i}_${last}];`));
  lines.forEach((s) => out.push(`${pad}${s}`));
  out.push(`${pad}OUT[k++] = ${result};`);
  for (let d = ndim - 1; d >= 0; d--) out.push(`${'  '.repeat(d)}}`);
  return { params, body: out.join('\n'), bindings };
}

/**
 * Compiles a kernel source with new Function: the bindings (impl functions,
 * constructors) are closed over, so every node gets its own function and V8
 * its own type feedback for it.
 *
 * @example
 * const kernel = compileKernel(flatSource(program, ['c', 'c']));
 */
export function compileKernel(src: KernelSource): (...args: unknown[]) => void {
  const factory = new Function(...src.bindings.names, `return function elemwiseKernel(${src.params.join(', ')}) {\n${src.body}\n};`);
  return factory(...src.bindings.values) as (...args: unknown[]) => void;
}
