import { NodeError, type Apply, type Thunk } from '@proj/graph';
import * as pt from '@proj/tensor';
import { FAST_COMPILE, FAST_RUN, Out, compile, type Linker, type LinkerInstance } from '../src';

const nested = (v: unknown) => pt.toNested(v as pt.NDArray);
const arr = (x: unknown) => pt.toNDArray(x, 'float64');

/** A recording linker: runs the Elemwise nodes itself (through the generic thunk), copies what it exports. */
function recordingLinker() {
  const log = { instantiated: 0, ran: [] as string[], exported: 0, afterCalls: 0, scheduleLength: 0 };
  const linker: Linker = {
    name: 'recording',
    instantiate(fgraph, schedule): LinkerInstance {
      log.instantiated++;
      log.scheduleLength = schedule.length;
      expect(schedule.every((n) => fgraph.applyNodes.has(n))).toBe(true);
      return {
        makeThunk(node: Apply, generic: Thunk): Thunk | undefined {
          if (!(node.op instanceof pt.Elemwise)) return undefined;
          const thunk = () => {
            log.ran.push(node.op.toString());
            generic();
          };
          return Object.assign(thunk, { node, inputs: generic.inputs, outputs: generic.outputs });
        },
        exportValue(value: unknown): unknown {
          log.exported++;
          return pt.copyArray(value as pt.NDArray);
        },
        afterCall(): void {
          log.afterCalls++;
        },
      };
    },
  };
  return { linker, log };
}

describe('compile: backend linkers', () => {
  const x = pt.dvector('x');
  const y = pt.dvector('y');

  it('asks the linker for thunks before the JS ones, exports outputs and update values, calls afterCall', () => {
    const { linker, log } = recordingLinker();
    const acc = pt.shared(arr([0, 0]), 'acc');
    const f = compile([x, y], [x.add(y).mul(2), x.sum()], { linker, mode: FAST_COMPILE, updates: [[acc, acc.add(x)]] });
    expect(log.instantiated).toBe(1);
    expect(log.scheduleLength).toBe(f.maker.schedule.length);
    expect(f.maker.linker).toBeDefined();
    expect(f.maker.vm.linkedThunks).toBe(f.maker.schedule.filter((n) => n.op instanceof pt.Elemwise).length);
    const [s, t] = f(arr([1, 2]), arr([3, 4])) as pt.NDArray[];
    expect(nested(s)).toEqual([8, 12]);
    expect(nested(t)).toBe(3);
    expect(nested(acc.getValue())).toEqual([1, 2]);
    expect(log.ran.length).toBe(f.maker.vm.linkedThunks);
    expect(log.exported).toBe(3); // two outputs and one update value
    expect(log.afterCalls).toBe(1);
  });

  it('calls afterCall after a failing call too, and the shared values stay unchanged', () => {
    const { linker, log } = recordingLinker();
    const acc = pt.shared(arr([5, 5]), 'acc');
    const f = compile([x, y], x.add(y), { linker, updates: [[acc, acc.add(x)]] });
    expect(() => f(arr([1, 2]), arr([1, 2, 3]))).toThrow(NodeError);
    expect(log.afterCalls).toBe(1);
    expect(nested(acc.getValue())).toEqual([5, 5]);
    expect(nested(f(arr([1, 1]), arr([0, 0])))).toEqual([1, 1]);
    expect(log.afterCalls).toBe(2);
  });

  it('takes the linker from the mode, and the option wins over the mode', () => {
    const a = recordingLinker();
    const b = recordingLinker();
    const mode = FAST_RUN.withLinker(a.linker);
    expect(mode.name).toBe('FAST_RUN[recording]');
    expect(mode.query).toBe(FAST_RUN.query);
    compile([x], x.exp(), { mode });
    expect(a.log.instantiated).toBe(1);
    compile([x], x.exp(), { mode, linker: b.linker });
    expect(a.log.instantiated).toBe(1);
    expect(b.log.instantiated).toBe(1);
  });

  it('still never hands out an exported value that aliases an input', () => {
    const passThrough: Linker = { name: 'id', instantiate: () => ({ makeThunk: () => undefined, exportValue: (v) => v }) };
    const a = arr([1, 2]);
    const out = compile([x], x, { linker: passThrough })(a) as pt.NDArray;
    expect(out.data).not.toBe(a.data);
    expect(compile([x], Out(x, { borrow: true }), { linker: passThrough })(a)).toBe(a);
  });
});
