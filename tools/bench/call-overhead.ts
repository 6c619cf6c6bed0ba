/**
 * Call-overhead benchmark: the median time of one call of a compiled scalar add
 * (two 0-d float64 inputs), with the reference evaluator's time for the same
 * graph, and a breakdown of where a compiled call's time goes.
 *
 *   pnpm bench:call              (from the repository root: builds the packages first)
 *   CALLS=20000 pnpm bench:call  (calls per timed batch)
 */
import { evaluate, type Apply, type StorageCell } from '@proj/graph';
import * as pt from '@proj/tensor';
import { compile } from '@proj/backend-js';

/**
 * Median over `batches` rounds of the mean time (seconds) of one call in a batch
 * of `calls`, for each function. The functions alternate batch by batch, so a
 * slow spell of the machine (other processes) hits all of them alike.
 */
function medians(fns: readonly (() => void)[], calls: number, batches = 31): number[] {
  for (const fn of fns) for (let i = 0; i < calls; i++) fn(); // warm-up: let V8 optimise
  const times: number[][] = fns.map(() => []);
  for (let b = 0; b < batches; b++) {
    fns.forEach((fn, k) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) fn();
      times[k]!.push(Number(process.hrtime.bigint() - t0) / 1e9 / calls);
    });
  }
  return times.map((t) => t.sort((p, q) => p - q)[t.length >> 1]!);
}

function us(s: number): string {
  return `${(s * 1e6).toFixed(3)} µs`;
}

function main(): void {
  const calls = Number(process.env.CALLS ?? 20000);
  const x = pt.dscalar('x');
  const y = pt.dscalar('y');
  const z = x.add(y);
  const f = compile([x, y], z);
  const a = pt.toNDArray(1.5, 'float64');
  const b = pt.toNDArray(2.25, 'float64');
  if (pt.toNested(f(a, b) as pt.NDArray) !== 3.75) throw new Error('compiled add computed the wrong value');

  const node = f.maker.schedule[0] as Apply;
  const type = x.type;
  const out: StorageCell[] = [[undefined]];
  const cases: [string, () => void][] = [
    ['compiled f(a, b) (positional)', () => f(a, b)],
    ['compiled f({ x: a, y: b }) (named)', () => f({ x: a, y: b })],
    ['reference evaluate([z], givens)', () => evaluate([z], [[x, a], [y, b]])],
    ['  part: Elemwise add perform (the reference kernel)', () => node.op.perform(node, [a, b], out)],
    ['  part: 2 x TensorType.filter (full argument conversion)', () => { type.filter(a, { strict: false }); type.filter(b, { strict: false }); }],
    ['  part: VM run (fast thunk + release) with cells filled', () => { const vm = f.maker.vm; vm.inputCells[0]![0] = a; vm.inputCells[1]![0] = b; vm.run(); vm.clear(); }],
    ['  part: the output ndarray alone (fromRaw, 0-d float64)', () => pt.fromRaw('float64', new Float64Array(1), [])],
  ];
  const times = medians(cases.map(([, fn]) => fn), calls);
  const rows: [string, number][] = cases.map(([what], k) => [what, times[k]!]);
  console.log(`Call overhead of a compiled scalar add (0-d float64 + 0-d float64), median of 31 alternating batches of ${calls} calls; Node ${process.version}`);
  console.log('| what | time per call |');
  console.log('|---|---:|');
  for (const [what, t] of rows) console.log(`| ${what} | ${us(t)} |`);
  const [compiled, , reference] = rows;
  console.log(`\ncompiled: ${us(compiled![1])} per call (target < 1.5 µs); reference evaluator: ${us(reference![1])} (${(reference![1] / compiled![1]).toFixed(1)}x slower)`);
}

main();
