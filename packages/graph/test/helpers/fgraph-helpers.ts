import {
  Apply,
  FunctionGraph,
  Variable,
  evaluate,
  type Client,
  type Feature,
} from '../../src';
import { exp, mul, neg, scalar } from './toy';

/** The values of fg's outputs, with the inputs given in order. */
export function run(fg: FunctionGraph, ...values: number[]): unknown[] {
  return evaluate(fg.outputs, new Map(fg.inputs.map((v, i) => [v, values[i]])));
}

/** A client, printed for comparisons: 'output:0' or 'Add#12:1'. */
export function clientKey(c: Client): string {
  return c.node === 'output' ? `output:${c.index}` : `${c.node.op}#${c.node.id}:${c.index}`;
}

export function keys(fg: FunctionGraph, v: Variable): string[] {
  return fg.getClients(v).map(clientKey).sort();
}

/** The node computing `v` (throws when `v` is a graph input). */
export function ownerOf(v: Variable): Apply {
  if (v.owner === null) throw new Error(`${v} has no owner`);
  return v.owner;
}

/** x, y and z = neg(exp(x) * y), built without a FunctionGraph. */
export function smallGraph() {
  const x = scalar('x');
  const y = scalar('y');
  const e = exp(x);
  const m = mul(e, y);
  const z = neg(m);
  return { x, y, e, m, z };
}


/** A feature that records every callback. */
export class Recorder implements Feature {
  readonly calls: string[] = [];
  readonly changes: { node: Apply | 'output'; index: number; oldVar: Variable; newVar: Variable; reason: string }[] = [];
  onAttach(fg: FunctionGraph): void {
    this.calls.push(`attach ${fg.outputs.length}`);
  }
  onDetach(): void {
    this.calls.push('detach');
  }
  onImport(_fg: FunctionGraph, node: Apply, reason: string): void {
    this.calls.push(`import ${node.op} ${reason}`);
  }
  onPrune(_fg: FunctionGraph, node: Apply, reason: string): void {
    this.calls.push(`prune ${node.op} ${reason}`);
  }
  onChangeInput(_fg: FunctionGraph, node: Apply | 'output', index: number, oldVar: Variable, newVar: Variable, reason: string): void {
    this.calls.push(`change ${node === 'output' ? 'output' : node.op} ${index} ${reason}`);
    this.changes.push({ node, index, oldVar, newVar, reason });
  }
}

