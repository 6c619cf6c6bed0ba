/**
 * Resolves a TypeScript name as written in docs/pytensor-names.md (`grad`,
 * `TensorVariable.flatten`, `new TensorType`) against the packages' exports, the
 * class prototypes and a few sample instances (for members that are instance
 * fields, such as `TensorType.dtype`). Used by the draft generator and by the test
 * that keeps the page honest.
 */
import * as graph from '@proj/graph';
import * as tensor from '@proj/tensor';
import * as sparse from '@proj/sparse';
import * as gradient from '@proj/gradient';
import * as rewrite from '@proj/rewrite';
import * as backendJs from '@proj/backend-js';
import * as backendWasm from '@proj/backend-wasm';

/** Each package's namespace, by npm name. */
export const PACKAGES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  '@proj/graph': graph,
  '@proj/tensor': tensor,
  '@proj/sparse': sparse,
  '@proj/gradient': gradient,
  '@proj/rewrite': rewrite,
  '@proj/backend-js': backendJs,
  '@proj/backend-wasm': backendWasm,
};

// Members that live on instances rather than prototypes need an instance to be seen.
const SAMPLES: Readonly<Record<string, () => object>> = {
  // Op.makeNode is abstract: every concrete Op has it.
  '@proj/graph:Op': () => tensor.dvector('x').exp().owner!.op,
  '@proj/tensor:TensorType': () => new tensor.TensorType('float64', [null]),
  '@proj/tensor:TensorVariable': () => tensor.dvector('x'),
  '@proj/tensor:TensorConstant': () => tensor.constant([1, 2]),
  '@proj/tensor:TensorSharedVariable': () => tensor.shared([1, 2]),
  '@proj/sparse:SparseVariable': () => sparse.csrMatrix('x'),
  '@proj/sparse:SparseType': () => sparse.csrMatrix('x').type,
  '@proj/graph:OpFromGraph': () => {
    const x = tensor.dscalar('x');
    return new graph.OpFromGraph([x], [x.mul(2)]);
  },
};

function isClass(v: unknown): v is abstract new (...args: never[]) => object {
  return typeof v === 'function' && v.prototype !== undefined;
}

/**
 * Whether `ts` names something real in package `pkg`: an export (`grad`), a class
 * construction (`new TensorType`), or a member of an exported class, found on its
 * prototype chain, as a static, or on a sample instance (`TensorVariable.flatten`).
 *
 * @example
 * tsNameExists('@proj/tensor', 'TensorVariable.flatten'); // true
 * tsNameExists('@proj/tensor', 'TensorVariable.noSuchMethod'); // false
 */
export function tsNameExists(pkg: string, ts: string): boolean {
  const ns = PACKAGES[pkg];
  if (!ns) return false;
  const name = ts.startsWith('new ') ? ts.slice(4) : ts;
  const dot = name.indexOf('.');
  if (dot < 0) return name in ns && (!ts.startsWith('new ') || isClass(ns[name]));
  const cls = ns[name.slice(0, dot)];
  const member = name.slice(dot + 1);
  if (!isClass(cls)) return false;
  if (member in cls.prototype || member in cls) return true;
  const sample = SAMPLES[`${pkg}:${name.slice(0, dot)}`];
  return sample !== undefined && member in sample();
}
