import * as path from 'node:path';
import {
  ArgumentError,
  ConfigError,
  DtypeError,
  InconsistencyError,
  MethodNotDefinedError,
  MissingInputError,
  NodeError,
  ProjError,
  ShapeError,
  TestValueError,
  TypeMismatchError,
  addTagTrace,
  config,
  formatTrace,
  userStackFrames,
  type Variable,
} from '../src';
import { Add, Scale, scalar } from './helpers/toy';

const srcDir = path.resolve(__dirname, '..', 'src');

describe('error classes', () => {
  test('every error is a ProjError and an Error, named after its class', () => {
    const errors: [Error, string][] = [
      [new ProjError('m'), 'ProjError'],
      [new InconsistencyError('m'), 'InconsistencyError'],
      [new MissingInputError('m'), 'MissingInputError'],
      [new MethodNotDefinedError('m'), 'MethodNotDefinedError'],
      [new ConfigError('m'), 'ConfigError'],
      [new TestValueError('m'), 'TestValueError'],
      [new NodeError('m', null, null), 'NodeError'],
      [new ArgumentError({ op: 'f', expected: 'e', given: 'g' }), 'ArgumentError'],
      [new ShapeError({ op: 'f', expected: 'e', given: 'g' }), 'ShapeError'],
      [new DtypeError({ op: 'f', expected: 'e', given: 'g' }), 'DtypeError'],
      [new TypeMismatchError({ op: 'f', expected: 'e', given: 'g' }), 'TypeMismatchError'],
    ];
    for (const [e, name] of errors) {
      expect(e).toBeInstanceOf(Error);
      expect(e).toBeInstanceOf(ProjError);
      expect(e.name).toBe(name);
      expect(String(e)).toMatch(new RegExp(`^${name}: `));
    }
  });

  test('ShapeError, DtypeError and TypeMismatchError are ArgumentErrors, and distinct', () => {
    const shape = new ShapeError({ op: 'f', expected: 'e', given: 'g' });
    expect(shape).toBeInstanceOf(ArgumentError);
    expect(shape).not.toBeInstanceOf(DtypeError);
    expect(new DtypeError({ op: 'f', expected: 'e', given: 'g' })).toBeInstanceOf(ArgumentError);
    expect(new TypeMismatchError({ op: 'f', expected: 'e', given: 'g' })).not.toBeInstanceOf(ShapeError);
  });

  test('ArgumentError message: the Op, the input position, expected, given', () => {
    const e = new ArgumentError({ op: 'Elemwise{add}', argument: 1, expected: 'a float tensor', given: 'int8 matrix' });
    expect(e.message).toBe('Elemwise{add}: input 1 expected a float tensor, got int8 matrix');
    expect([e.op, e.argument, e.expected, e.given]).toEqual(['Elemwise{add}', 1, 'a float tensor', 'int8 matrix']);
  });

  test('ArgumentError message with a named argument, or none', () => {
    expect(new ArgumentError({ op: 'pt.reshape', argument: 'shape', expected: 'ints', given: '"a"' }).message).toBe(
      "pt.reshape: argument 'shape' expected ints, got \"a\"",
    );
    expect(new ArgumentError({ op: 'f', expected: 'x', given: 'y' }).message).toBe('f: expected x, got y');
    expect(new ArgumentError({ op: 'f', argument: 0, expected: 'x', given: 'y' }).message).toBe('f: input 0 expected x, got y');
  });

  test('MissingInputError carries the variable, NodeError the node and the cause', () => {
    const x = scalar('x');
    expect(new MissingInputError('m', x).variable).toBe(x);
    expect(new MissingInputError('m').variable).toBeUndefined();
    const cause = new Error('inner');
    const node = { fake: true };
    const e = new NodeError('outer', node, cause);
    expect(e.node).toBe(node);
    expect(e.cause).toBe(cause);
    expect(e.message).toBe('outer');
  });
});

describe('tag.trace', () => {
  test('a node built through op.call records where the test built it', () => {
    const node = new Add().call(scalar('x'), scalar('y')).owner!;
    const trace = node.tag.trace!;
    expect(Array.isArray(trace)).toBe(true);
    expect(trace.length).toBeGreaterThan(0);
    expect(trace[0]).toContain(__filename);
    expect(trace[0]).toMatch(/^at .*trace-errors\.test\.ts:\d+:\d+\)?$/);
    for (const frame of trace) {
      expect(frame).not.toContain(srcDir + path.sep);
      expect(frame).not.toMatch(/node_modules[\\/](jest|@jest|ts-jest|expect)/);
    }
  });

  test('every recorded frame has a file location', () => {
    const trace = new Scale(2).call(scalar('x')).owner!.tag.trace!;
    for (const frame of trace) expect(frame).toMatch(/:\d+:\d+\)?$/);
  });

  test('frames from inside a user helper come innermost first', () => {
    function buildModel() {
      return new Scale(3).call(scalar('x'));
    }
    const trace = buildModel().owner!.tag.trace!;
    expect(trace[0]).toMatch(/^at buildModel \(/);
    expect(trace[0]).toContain(__filename);
    expect(trace[1]).toContain(__filename);
  });

  test('tracebackLimit bounds the number of frames', () => {
    function a() {
      return b();
    }
    function b() {
      return c();
    }
    function c() {
      return new Scale(3).call(scalar('x'));
    }
    const one = config.changeFlags({ tracebackLimit: 1 }, a).owner!.tag.trace!;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatch(/^at c \(/);
    const two = config.changeFlags({ tracebackLimit: 2 }, a).owner!.tag.trace!;
    expect(two.map((f) => f.split(' ')[1])).toEqual(['c', 'b']);
  });

  test('tracebackLimit = 0 records nothing', () => {
    const node = config.changeFlags({ tracebackLimit: 0 }, () => new Add().call(scalar('x'), scalar('y')).owner!);
    expect(node.tag.trace).toBeUndefined();
    expect(config.changeFlags({ tracebackLimit: 0 }, () => userStackFrames())).toEqual([]);
  });

  test('makeNode alone records nothing; addTagTrace does', () => {
    const node = new Add().makeNode(scalar('x'), scalar('y'));
    expect(node.tag.trace).toBeUndefined();
    expect(addTagTrace(node)).toBe(node);
    expect(node.tag.trace![0]).toContain(__filename);
    addTagTrace(node, 0);
    expect(node.tag.trace).toEqual([]);
  });

  test('userStackFrames takes an explicit limit', () => {
    expect(userStackFrames(0)).toEqual([]);
    expect(userStackFrames(-3)).toEqual([]);
    const frames = userStackFrames(1);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toContain(__filename);
  });

  test('formatTrace lists the frames under a heading, or says how to record them', () => {
    expect(formatTrace(['at f (/a.ts:1:2)', 'at g (/b.ts:3:4)'])).toBe('Created at:\n  at f (/a.ts:1:2)\n  at g (/b.ts:3:4)');
    expect(formatTrace(['at f (/a.ts:1:2)'], 'Node created at')).toBe('Node created at:\n  at f (/a.ts:1:2)');
    expect(formatTrace(undefined)).toBe('Created at: unknown (set config.tracebackLimit > 0 to record where nodes are created)');
    expect(formatTrace([])).toMatch(/^Created at: unknown/);
  });
});

describe('tag.trace stays lazy through clones', () => {
  test('a cloned node reports the same user line; setting its trace leaves the original alone', () => {
    const x = scalar('x');
    const node = (new Add().call(x, x) as Variable).owner!;
    const cp = node.clone();
    expect(cp.tag.trace).toEqual(node.tag.trace);
    expect(cp.tag.trace![0]).toContain('trace-errors.test.ts');
    cp.tag.trace = ['at elsewhere (/x.ts:1:1)'];
    expect(node.tag.trace![0]).toContain('trace-errors.test.ts');
    expect({ ...cp.tag }.trace).toEqual(['at elsewhere (/x.ts:1:1)']);
  });
});
