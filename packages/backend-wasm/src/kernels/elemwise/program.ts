/**
 * The scalar program of an elementwise node: steps over the node's inputs,
 * constants and earlier steps (an Elemwise node is a one-step program; a
 * Composite's inner graph is a longer one). The WASM generator compiles one
 * program into one fused loop.
 */
import type { Dtype } from '@proj/tensor';

/** An operand of a step: a node input, an earlier step, or a number. */
export type Ref = { readonly kind: 'in'; readonly index: number } | { readonly kind: 'step'; readonly index: number } | { readonly kind: 'const'; readonly value: number };

/** One scalar operation; `dtype` is its result's dtype (float32 results are rounded to float32). */
export interface Step {
  readonly op: string;
  readonly args: readonly Ref[];
  readonly dtype: Dtype;
}

/** A fused elementwise computation. */
export interface ScalarProgram {
  readonly nin: number;
  readonly steps: readonly Step[];
  readonly outputs: readonly Ref[];
}

/** A stable text key of a program (for kernel caches). */
export function programKey(p: ScalarProgram): string {
  const ref = (r: Ref): string => (r.kind === 'const' ? `#${Object.is(r.value, -0) ? '-0' : r.value}` : `${r.kind === 'in' ? 'i' : 's'}${r.index}`);
  return `${p.nin}|${p.steps.map((s) => `${s.op}:${s.dtype}(${s.args.map(ref).join(',')})`).join(';')}|${p.outputs.map(ref).join(',')}`;
}
