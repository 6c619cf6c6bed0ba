import { ArgumentError, type Apply } from '@proj/graph';
import { FAST_COMPILE_QUERY, FAST_RUN_QUERY, RewriteDatabaseQuery, RewriteTrace } from '@proj/rewrite';
import * as pt from '@proj/tensor';
import { FAST_COMPILE, FAST_RUN, Mode, compile, getMode } from '../src';

const nested = (v: unknown) => pt.toNested(v as pt.NDArray);
const opNames = (schedule: readonly Apply[]) => schedule.map((n) => String(n.op));
const phases = (f: { maker: { compilePhases: readonly (readonly [string, number])[] } }) => f.maker.compilePhases.map(([p]) => p);

describe('modes: the rewrite pipeline', () => {
  const x = pt.dvector('x');

  it('FAST_RUN runs the fast_run phases and FAST_COMPILE only the fast_compile ones', () => {
    expect(FAST_RUN.query).toBe(FAST_RUN_QUERY);
    expect(FAST_COMPILE.query).toBe(FAST_COMPILE_QUERY);
    const run = compile([x], pt.log(x.add(1)));
    const fast = compile([x], pt.log(x.add(1)), { mode: 'FAST_COMPILE' });
    expect(phases(run)).toEqual(['clone', 'rewrite:merge1', 'rewrite:canonicalize', 'rewrite:stabilize', 'rewrite:specialize', 'rewrite:merge2', 'rewrite:fusion', 'rewrite:inplace', 'rewrite:merge3', 'link']);
    expect(phases(fast)).toEqual(['clone', 'rewrite:merge1', 'rewrite:canonicalize', 'rewrite:merge2', 'rewrite:merge3', 'link']);
    // Stabilization is a FAST_RUN phase: log(1 + x) -> log1p(x) there only.
    expect(opNames(run.maker.schedule).join(' ')).toMatch(/log1p/i);
    expect(opNames(fast.maker.schedule).join(' ')).not.toMatch(/log1p/i);
    const tiny = pt.toNDArray([1e-20], 'float64');
    expect(nested(run(tiny))).toEqual([1e-20]);
  });

  it('FAST_COMPILE still merges and folds constants', () => {
    const e1 = x.exp();
    const e2 = x.exp();
    const f = compile([x], e1.add(e2).add(pt.constant(2).mul(3)), { mode: FAST_COMPILE });
    expect(f.maker.schedule.filter((n) => String(n.op).match(/exp/i)).length).toBe(1);
    // 2 * 3 was folded: no mul node is left.
    expect(opNames(f.maker.schedule).join(' ')).not.toMatch(/mul/);
    expect(nested(f([0]))).toEqual([8]);
  });

  it('including, excluding and requiring return new Modes with a changed query', () => {
    const noStab = FAST_RUN.excluding('stabilize');
    expect(noStab).toBeInstanceOf(Mode);
    expect(noStab).not.toBe(FAST_RUN);
    expect(noStab.name).toBe("FAST_RUN.excluding('stabilize')");
    expect(noStab.query!.exclude).toEqual(['stabilize']);
    expect(FAST_RUN.query!.exclude).toEqual([]);
    const f = compile([x], pt.log(x.add(1)), { mode: noStab });
    expect(phases(f)).not.toContain('rewrite:stabilize');
    expect(opNames(f.maker.schedule).join(' ')).not.toMatch(/log1p/i);
    // A single rewrite can be switched off by name, and a phase switched on by name.
    expect(opNames(compile([x], pt.log(x.add(1)), { mode: FAST_RUN.excluding('log1pFromLog') }).maker.schedule).join(' ')).not.toMatch(/log1p/i);
    const withStab = FAST_COMPILE.including('stabilize');
    expect(phases(compile([x], pt.log(x.add(1)), { mode: withStab }))).toContain('rewrite:stabilize');
    expect(opNames(compile([x], pt.log(x.add(1)), { mode: withStab }).maker.schedule).join(' ')).toMatch(/log1p/i);
    // requiring: only entries with every required tag remain (here: no phase carries 'no-such-tag').
    expect(phases(compile([x], x.exp(), { mode: FAST_RUN.requiring('no-such-tag') }))).toEqual(['clone', 'link']);
    expect(() => FAST_RUN.excluding(3 as unknown as string)).toThrow(ArgumentError);
  });

  it('excluding fusion keeps one node per elementwise operation', () => {
    const y = pt.dvector('y');
    const expr = x.mul(y).exp().add(x.tanh());
    const fused = compile([x, y], expr);
    const unfused = compile([x, y], expr, { mode: FAST_RUN.excluding('fusion') });
    expect(unfused.maker.schedule.length).toBe(4);
    expect(fused.maker.schedule.length).toBeLessThan(unfused.maker.schedule.length);
    const a = pt.toNDArray([0.5, -1], 'float64');
    const b = pt.toNDArray([2, 3], 'float64');
    expect(nested(fused(a, b))).toEqual(nested(unfused(a, b)));
  });

  it('a Mode without a query runs no rewrites; a custom query runs what it selects', () => {
    const none = new Mode({ name: 'NONE' });
    const e = x.exp();
    const f = compile([x], e.add(x.exp()), { mode: none });
    expect(f.maker.schedule.length).toBe(3);
    const merged = compile([x], e.add(x.exp()), { mode: new Mode({ name: 'MERGE', query: new RewriteDatabaseQuery({ include: ['merge'] }) }) });
    expect(merged.maker.schedule.length).toBe(2);
    expect(() => new Mode({ name: 'BAD', query: {} as RewriteDatabaseQuery })).toThrow(ArgumentError);
    expect(() => getMode({ name: 'BAD', linker: {} as never })).toThrow(/Linker/);
  });

  it('records every firing in a trace passed as an option', () => {
    const trace = new RewriteTrace();
    compile([x], pt.log(x.add(1)).mul(1), { trace });
    expect(trace.events.map((ev) => ev.rewrite)).toContain('log1pFromLog');
    expect([...trace.phaseTimes.keys()]).toEqual(expect.arrayContaining(['canonicalize', 'stabilize']));
    expect(trace.toString()).toMatch(/log1p/);
  });

  it('prints the compile phases (rewrite phases included) with the profile', () => {
    const f = compile([x], pt.log(x.add(1)).sum(), { profile: true, name: 'p' });
    f([1, 2]);
    const text = f.profile!.toString();
    for (const p of ['clone', 'rewrite:canonicalize', 'rewrite:stabilize', 'rewrite:fusion', 'link']) expect(text).toContain(p);
    expect(f.profile!.compilePhases.every(([, t]) => t >= 0)).toBe(true);
  });
});
