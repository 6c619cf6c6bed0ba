import * as fs from 'node:fs';
import { NodeError } from '@proj/graph';
import { WalkingGraphRewriter, nodeRewriter } from '@proj/rewrite';
import * as pt from '@proj/tensor';
import { FAST_RUN, Mode, compile, type ModeLike } from '../src';

/** The 1-based line of this file holding `marker`. */
function lineOf(marker: string): number {
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  return lines.findIndex((l) => l.includes(marker) && !l.includes('lineOf(')) + 1;
}

/** The model is built here, far from where it is compiled and called. */
function buildModel(a: pt.TensorVariable, b: pt.TensorVariable): pt.TensorVariable {
  return a.add(b).exp().mul(2).sum(); // MODEL-LINE
}

function failure(mode: ModeLike): string {
  const a = pt.dvector('a');
  const b = pt.dvector('b');
  const f = compile([a, b], buildModel(a, b), { mode });
  let err: unknown;
  try {
    f([1, 2], [1, 2, 3]);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(NodeError);
  return (err as Error).message;
}

/** Replaces every add(x, y) by a new add(y, x) node, made here in the rewrite (not where the model was built). */
const swapAdd = nodeRewriter({
  name: 'swapAdd',
  tracks: [pt.Elemwise],
  apply: (_fg, node) => (String(node.op).includes('add') && node.inputs.length === 2 ? [pt.add(node.inputs[1] as pt.TensorVariable, node.inputs[0] as pt.TensorVariable)] : undefined), // SWAP-LINE
});

describe('a failing node of a compiled function', () => {
  const modelLine = lineOf('MODEL-LINE');

  it.each(['FAST_RUN', 'FAST_COMPILE'] as const)('in %s: names the node, its inputs types, shapes and dtypes, and the user line', (mode) => {
    const msg = failure(mode);
    expect(msg).toMatch(/Error computing node/);
    // The failing node is the add, or (FAST_RUN) the fused loop that contains it.
    expect(msg).toMatch(/Error computing node .*(add|\+)/i);
    expect(msg).toMatch(/dtype=float64, shape=\(2,\)/);
    expect(msg).toMatch(/dtype=float64, shape=\(3,\)/);
    expect(msg).toMatch(/TensorType\(float64, shape=\(\?,\)\)/);
    expect(msg).toContain(`node-error.test.ts:${modelLine}:`);
  });

  it('keeps the user line when a rewrite replaced the failing node by a new one', () => {
    let fired = 0;
    const mode = new Mode({
      name: 'SWAP',
      // Without fusion, so that the add node is still there to be replaced.
      query: FAST_RUN.excluding('fusion').query,
      rewriter: (fg) => {
        const walk = new WalkingGraphRewriter(swapAdd, { ignoreNewTrees: true });
        fired += walk.rewrite(fg).fired;
      },
    });
    const msg = failure(mode);
    expect(fired).toBeGreaterThan(0);
    // The new node's own creation site (inside swapAdd) is not what the user wants to see.
    expect(msg).toContain(`node-error.test.ts:${modelLine}:`);
    expect(msg).not.toContain(`node-error.test.ts:${lineOf('SWAP-LINE')}:`);
  });
});
