import {
  checkOptions,
  optionKeys,
  ArgumentError,
  FunctionGraph,
  InconsistencyError,
  TypeMismatchError,
  Variable,
  cloneReplace,
  describeThing,
  type Apply,
  type Replacements,
  type Type,
} from '@proj/graph';
import { DestroyHandler, type RewriteTrace } from '@proj/rewrite';
import { TensorType } from '@proj/tensor';
import { InputSpec, OutputSpec } from './io';
import type { Linker, LinkerInstance } from './linker';
import { getMode, type Mode, type ModeLike } from './mode';
import { ProfileStats } from './profile';
import { rewriteForMode } from './rewrite-phases';
import { VM } from './vm';

/** A shared variable as compile() sees it: an owner-less Variable with a value cell. */
type SharedLike = Variable & { readonly container: { value: unknown } };

/** Pairs [shared variable, new value expression], as an array or a Map. */
export type Updates = readonly (readonly [Variable, Variable])[] | ReadonlyMap<Variable, Variable>;

/** Options of compile(). */
export interface CompileOptions {
  /** [shared variable, expression] pairs written to the shared variables after each successful call. */
  updates?: Updates;
  /** [variable, replacement] pairs substituted in the graph before compiling. */
  givens?: Replacements;
  /** 'FAST_RUN' (default), 'FAST_COMPILE' or a Mode object (see Mode). */
  mode?: ModeLike;
  /** A backend linker whose thunks the VM prefers over the JS ones (default: the mode's linker, if any). */
  linker?: Linker;
  /** Record every rewrite that fires (and the time per phase) here; print it with `trace.toString()`. */
  trace?: RewriteTrace;
  /** A name for messages and the profile. */
  name?: string;
  /** What to do with an explicit input no output depends on (default 'raise'). */
  onUnusedInput?: 'raise' | 'warn' | 'ignore';
  /** Time every node and Op class; read `f.profile`. */
  profile?: boolean;
  /**
   * Allow in-place Ops (destroyMap) in the graph as given; they may only
   * overwrite `mutable` inputs or values nothing reads afterwards. (The in-place
   * Ops FAST_RUN introduces need no permission: a DestroyHandler guards them.)
   */
  acceptInplace?: boolean;
}

/** What compile() built, for debugging (PyTensor's `f.maker`). */
export interface FunctionMaker {
  readonly inputs: readonly InputSpec[];
  readonly outputs: readonly OutputSpec[];
  readonly mode: Mode;
  /** The nodes in the order the VM runs them. */
  readonly schedule: readonly Apply[];
  /** [shared variable, index of its update in fgraph.outputs]. */
  readonly updates: readonly (readonly [Variable, number])[];
  readonly vm: VM;
  /** The backend linker's instance for this function, when one was given. */
  readonly linker: LinkerInstance | undefined;
  /** Seconds per compile phase, in order: clone, each rewrite phase, link. */
  readonly compilePhases: readonly (readonly [string, number])[];
}

/** A compiled function: call it with positional or named arguments. */
export interface CompiledFunction {
  (...args: unknown[]): unknown;
  /** The compiled graph: its outputs are the function's outputs, then the update expressions. */
  readonly fgraph: FunctionGraph;
  readonly maker: FunctionMaker;
  readonly profile: ProfileStats | undefined;
  /** The names of the explicit inputs, in order (undefined for unnamed ones). */
  readonly inputNames: readonly (string | undefined)[];
}

type InputArg = Variable | InputSpec;
type OutputArg = Variable | OutputSpec;

function isShared(v: Variable): v is SharedLike {
  return v.owner === null && !v.isConstant() && typeof (v as Partial<SharedLike>).container === 'object' && (v as SharedLike).container !== null;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** The buffer a value's numbers live in (its identity for alias checks), or undefined. */
function bufferOf(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return undefined;
  const d = (v as { data?: unknown }).data;
  if (typeof d !== 'object' || d === null) return undefined;
  return (d as { buffer?: unknown }).buffer ?? d;
}

function now(): number {
  return performance.now() / 1e3;
}

const COMPILE_KEYS = optionKeys<CompileOptions>({ updates: true, givens: true, mode: true, linker: true, trace: true, name: true, onUnusedInput: true, profile: true, acceptInplace: true });

/**
 * Compiles a graph into a callable (PyTensor's `pytensor.function`). The graph is
 * cloned into a FunctionGraph (givens substituted, shared variables becoming
 * implicit inputs read at each call), rewritten by the mode's rewriter, and run
 * by the VM linker. Outputs are new values: never the caller's arrays, never
 * each other, unless `Out(..., { borrow: true })`. Updates are written only
 * after every output and update of a call was computed, so a failing call leaves
 * the shared variables as they were.
 *
 * @example
 * const x = pt.dscalar('x'), y = pt.dscalar('y');
 * const f = compile([x, y], x.add(y));
 * f(1, 2);          // 0-d ndarray 3
 * f({ x: 1, y: 2 }); // the same
 * const acc = pt.shared(0, { name: 'acc', dtype: 'float64' });
 * const g = compile([x], acc, { updates: [[acc, acc.add(x)]] });
 */
export function compile(inputs: readonly InputArg[], outputs: OutputArg | readonly OutputArg[], options: CompileOptions = {}): CompiledFunction {
  checkOptions('compile', options, COMPILE_KEYS);
  const t0 = now();
  const fname = options.name ?? 'compiled function';
  const op = `compile(${fname})`;
  const mode = getMode(options.mode);
  const onUnused = options.onUnusedInput ?? 'raise';
  if (!['raise', 'warn', 'ignore'].includes(onUnused)) {
    throw new ArgumentError({ op, argument: 'onUnusedInput', expected: "'raise', 'warn' or 'ignore'", given: String(onUnused) });
  }
  if (!Array.isArray(inputs)) throw new ArgumentError({ op, argument: 'inputs', expected: 'an array of Variables or In(...)', given: describeThing(inputs) });

  const ins = inputs.map((x, i) => {
    const spec = x instanceof InputSpec ? x : x instanceof Variable ? new InputSpec(x) : undefined;
    if (spec === undefined) throw new ArgumentError({ op, argument: `inputs[${i}]`, expected: 'a Variable or In(...)', given: describeThing(x) });
    const v = spec.variable;
    if (v.isConstant() || isShared(v)) {
      throw new ArgumentError({ op, argument: `inputs[${i}]`, expected: 'a symbolic input (constants and shared variables supply their own values; use givens or updates)', given: `${v}` });
    }
    if (v.owner !== null) throw new ArgumentError({ op, argument: `inputs[${i}]`, expected: 'a Variable without an owner', given: `${v}, an output of ${v.owner.op}` });
    return spec;
  });
  ins.forEach((s, i) => {
    const j = ins.findIndex((o) => o.variable === s.variable);
    if (j !== i) throw new ArgumentError({ op, argument: `inputs[${i}]`, expected: 'distinct Variables', given: `${s.variable} again (also inputs[${j}])` });
  });
  const names = ins.map((s) => s.name);
  const single = !Array.isArray(outputs);
  const outs = (single ? [outputs as OutputArg] : (outputs as readonly OutputArg[])).map((o, i) => {
    if (o instanceof OutputSpec) return o;
    if (o instanceof Variable) return new OutputSpec(o);
    throw new ArgumentError({ op, argument: `outputs[${i}]`, expected: 'a Variable or Out(...)', given: describeThing(o) });
  });

  // Updates: of shared variables, then of stateful inputs (In with value and update).
  const updatePairs = checkUpdates(op, options.updates);
  const inUpdates = ins.flatMap((s, i) => (s.update ? [[i, s.variable.type.filterVariable(s.update, true)] as const] : []));
  let allOuts = [...outs.map((o) => o.variable), ...updatePairs.map(([, e]) => e), ...inUpdates.map(([, e]) => e)];
  if (options.givens !== undefined) allOuts = cloneReplace(allOuts, options.givens);

  const fgraph = new FunctionGraph(
    ins.map((s) => s.variable),
    allOuts,
    { clone: true },
  );
  const tClone = now();
  ins.forEach((s, i) => {
    if (onUnused === 'ignore' || fgraph.getClients(fgraph.inputs[i]!).length > 0) return;
    const msg = `${op}: input ${i} (${s.variable}) is not used to compute any output or update (onUnusedInput: 'raise'|'warn'|'ignore')`;
    if (onUnused === 'raise') throw new ArgumentError({ op, argument: `inputs[${i}]`, expected: 'an input the outputs depend on (or onUnusedInput: warn/ignore)', given: `${s.variable}, which no output uses` });
    console.warn(msg);
  });

  // User-written in-place Ops need permission; the DestroyHandler then guards them from the start.
  const userInplace = [...fgraph.applyNodes].filter(isInplace);
  if (userInplace.length > 0 && !options.acceptInplace) {
    throw new InconsistencyError(`${op}: the graph contains the in-place Op ${userInplace[0]!.op} (pass acceptInplace: true to allow it)`);
  }
  const destroyable = fgraph.inputs.slice(0, ins.length).filter((_, i) => ins[i]!.mutable);
  const rewritePhases = rewriteForMode(fgraph, mode, { destroyable, guardFromStart: userInplace.length > 0, trace: options.trace });
  const tRewrite = now();
  // A mode's own rewriter may have added in-place Ops without the guard: validate them now.
  if (!fgraph.features.some((f) => f instanceof DestroyHandler) && [...fgraph.applyNodes].some(isInplace)) {
    try {
      fgraph.attachFeature(new DestroyHandler({ destroyableInputs: destroyable }));
    } catch (e) {
      if (e instanceof InconsistencyError) e.message = `${op}: ${e.message} (declare In(v, { mutable: true }) for inputs that may be overwritten)`;
      throw e;
    }
  }
  // The DestroyHandler's orderings put each in-place node after the other readers of what it overwrites.
  const schedule = fgraph.toposort();
  const linker = options.linker ?? mode.linker;
  const linked = linker?.instantiate(fgraph, schedule);
  const vm = new VM(fgraph, schedule, linked);
  const tLink = now();
  const compilePhases: [string, number][] = [['clone', tClone - t0], ...rewritePhases.map(([p, t]) => [`rewrite:${p}`, t] as [string, number]), ['link', tLink - tRewrite]];

  const nIn = ins.length;
  const nOut = outs.length;
  const implicit = fgraph.inputs.slice(nIn).map((v) => {
    if (!isShared(v)) throw new InconsistencyError(`${op}: graph input ${v} is neither an explicit input nor a shared variable`);
    return v.container;
  });
  // Stateful inputs keep their value between calls in their own cell.
  const stores = ins.map((s, i) => {
    if (!s.hasValue) return undefined;
    const filtered = s.variable.type.filter(s.value, { strict: false, allowDowncast: s.allowDowncast });
    return { value: s.borrow || filtered !== s.value ? filtered : s.variable.type.copyValue(filtered) };
  });
  const constantBuffers = new Set<unknown>();
  for (const [v, c] of vm.storageMap) if (v.isConstant()) constantBuffers.add(bufferOf(c[0]));
  constantBuffers.delete(undefined);
  const outBorrow = outs.map((o) => o.borrow);
  const outTypes: Type[] = fgraph.outputs.map((v) => v.type);
  const nameIndex = new Map<string, number>();
  names.forEach((n, i) => {
    if (n !== undefined && !nameIndex.has(n)) nameIndex.set(n, i);
  });
  const updateTargets: { value: unknown }[] = [...updatePairs.map(([s]) => s.container), ...inUpdates.map(([i]) => stores[i]!)];
  const profile = options.profile ? new ProfileStats(fname, schedule) : undefined;
  if (profile) profile.compilePhases.push(...compilePhases);
  const inputCells = vm.inputCells;
  const outputCells = vm.outputCells;
  const argValues = new Array<unknown>(nIn);
  const accepts = ins.map((s) => acceptsAsIs(s.variable.type));

  const bind = (args: unknown[]): void => {
    let positional = args.length;
    let named: Record<string, unknown> | undefined;
    const last = args[args.length - 1];
    if (isPlainObject(last)) {
      const keys = Object.keys(last);
      const unknown = keys.filter((k) => !nameIndex.has(k));
      // A complex scalar {re, im} is a positional value unless inputs are named so.
      const complexValue = unknown.length > 0 && keys.length === 2 && 're' in last && 'im' in last;
      if (unknown.length === 0) {
        named = last;
        positional--;
      } else if (!complexValue) {
        throw new ArgumentError({ op: fname, argument: unknown[0]!, expected: `the name of an input (${[...nameIndex.keys()].map((k) => `'${k}'`).join(', ') || 'none'})`, given: `'${unknown[0]}'` });
      }
    }
    if (positional > nIn) {
      throw new ArgumentError({ op: fname, argument: 'arguments', expected: `at most ${nIn} positional argument(s) (${names.map((n, i) => n ?? `input ${i}`).join(', ')})`, given: `${positional}` });
    }
    for (let i = 0; i < nIn; i++) argValues[i] = i < positional ? args[i] : undefined;
    if (named !== undefined) {
      for (const k of Object.keys(named)) {
        const i = nameIndex.get(k)!;
        if (i < positional) throw new ArgumentError({ op: fname, argument: k, expected: 'each input given once', given: `'${k}' both by position and by name` });
        argValues[i] = named[k];
      }
    }
    for (let i = 0; i < nIn; i++) {
      const spec = ins[i]!;
      let value = argValues[i];
      argValues[i] = undefined;
      if (value === undefined) {
        const store = stores[i];
        if (store === undefined) {
          throw new ArgumentError({ op: fname, argument: spec.name ?? i, expected: `a value for input ${i} (${spec.variable} of type ${spec.variable.type})`, given: 'none (missing argument, and the input has no default)' });
        }
        inputCells[i]![0] = store.value;
        continue;
      }
      try {
        if (!accepts[i]!(value)) value = spec.variable.type.filter(value, { strict: false, allowDowncast: spec.allowDowncast });
      } catch (e) {
        if (e instanceof Error) e.message = `${fname}: input ${i}${spec.name !== undefined ? ` ('${spec.name}')` : ''}: ${e.message}`;
        throw e;
      }
      inputCells[i]![0] = value;
    }
    for (let j = 0; j < implicit.length; j++) inputCells[nIn + j]![0] = implicit[j]!.value;
  };

  // Outputs (and update values) must not share a buffer with an input, a
  // constant or one another, unless borrowed.
  const unalias = (results: unknown[]): void => {
    let seen: unknown[] | undefined;
    for (let k = 0; k < results.length; k++) {
      const b = bufferOf(results[k]);
      if (b === undefined) continue;
      if (k < nOut && outBorrow[k]) continue;
      let aliased = constantBuffers.has(b);
      for (let i = 0; !aliased && i < inputCells.length; i++) aliased = bufferOf(inputCells[i]![0]) === b;
      if (!aliased && seen !== undefined) aliased = seen.includes(b);
      if (aliased) results[k] = outTypes[k]!.copyValue(results[k]);
      (seen ??= []).push(bufferOf(results[k]));
    }
  };

  const exportValue = linked?.exportValue?.bind(linked);
  const afterCall = linked?.afterCall?.bind(linked);
  const call = (args: unknown[]): unknown => {
    try {
      bind(args);
      if (profile) vm.runProfiled(profile);
      else vm.run();
      const results = new Array<unknown>(outputCells.length);
      for (let k = 0; k < results.length; k++) results[k] = outputCells[k]![0];
      if (exportValue !== undefined) for (let k = 0; k < results.length; k++) results[k] = exportValue(results[k]);
      unalias(results);
      for (let u = 0; u < updateTargets.length; u++) updateTargets[u]!.value = results[nOut + u];
      if (single) return results[0];
      results.length = nOut;
      return results;
    } finally {
      vm.clear();
      afterCall?.();
    }
  };

  const f = function compiled(...args: unknown[]): unknown {
    if (profile === undefined) return call(args);
    const start = now();
    try {
      return call(args);
    } finally {
      profile.calls++;
      profile.callTime += now() - start;
    }
  };
  const maker: FunctionMaker = { inputs: ins, outputs: outs, mode, schedule, updates: updatePairs.map(([s], u) => [s, nOut + u] as const), vm, linker: linked, compilePhases };
  Object.defineProperty(f, 'name', { value: options.name ?? 'compiled' });
  return Object.assign(f, { fgraph, maker, profile, inputNames: names });
}

/** `function` is a reserved word; PyTensor users can still write `function(...)` under this alias. */
export { compile as function };

/**
 * A quick test for values the input's filter would return unchanged (a tensor
 * already of the input's dtype and shape): they skip the full conversion.
 */
function acceptsAsIs(type: Type): (v: unknown) => boolean {
  if (!(type instanceof TensorType)) return () => false;
  const { dtype, ndim } = type;
  const fixed = type.shape.some((s) => s !== null) ? type.shape : undefined;
  return (v) => {
    if (typeof v !== 'object' || v === null) return false;
    const a = v as { dtype?: unknown; shape?: unknown; strides?: unknown; offset?: unknown; get?: unknown };
    if (a.dtype !== dtype || typeof a.offset !== 'number' || typeof a.get !== 'function' || !('strides' in a)) return false;
    // stdlib's shape getter copies the array: read it once (and strides not at all).
    const shape = a.shape;
    if (!Array.isArray(shape) || shape.length !== ndim) return false;
    if (fixed !== undefined) for (let d = 0; d < ndim; d++) if (fixed[d] !== null && fixed[d] !== shape[d]) return false;
    return true;
  };
}

function checkUpdates(op: string, updates: Updates | undefined): [SharedLike, Variable][] {
  if (updates === undefined) return [];
  const pairs = updates instanceof Map ? [...updates.entries()] : [...(updates as readonly (readonly [Variable, Variable])[])];
  const seen = new Set<Variable>();
  return pairs.map((pair, i) => {
    const [s, e] = Array.isArray(pair) ? pair : [undefined, undefined];
    if (!(s instanceof Variable) || !isShared(s)) {
      throw new ArgumentError({ op, argument: `updates[${i}][0]`, expected: 'a shared variable', given: describeThing(s) });
    }
    if (!(e instanceof Variable)) throw new ArgumentError({ op, argument: `updates[${i}][1]`, expected: 'a Variable', given: describeThing(e) });
    if (seen.has(s)) throw new ArgumentError({ op, argument: `updates[${i}]`, expected: 'one update per shared variable', given: `a second update of ${s}` });
    seen.add(s);
    let converted: Variable;
    try {
      converted = s.type.filterVariable(e, true);
    } catch {
      throw new TypeMismatchError({ op, argument: `updates[${i}]`, expected: `an expression of type ${s.type} (the type of shared variable ${s})`, given: `${e} of type ${e.type}` });
    }
    return [s, converted];
  });
}

function isInplace(node: Apply): boolean {
  for (const k in node.op.destroyMap) if ((node.op.destroyMap[k] ?? []).length > 0) return true;
  return false;
}
