import {
  NodeError,
  SharedVariable,
  TestValueError,
  TypeMismatchError,
  computeTestValue,
  config,
  getTestValue,
  getTestValues,
  hasTestValue,
  missingTestMessage,
  type ConfigFlags,
} from '../src';
import { Add, DivMod, Failing, Neg, constant, num, scalar } from './helpers/toy';

type Mode = ConfigFlags['computeTestValue'];

let warn: jest.SpyInstance;
beforeEach(() => {
  warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
});
afterEach(() => {
  warn.mockRestore();
});

function withTestValue(name: string, value: number) {
  const v = scalar(name);
  v.tag.testValue = value;
  return v;
}

describe('computeTestValue through op.call', () => {
  test.each<Mode>(['raise', 'warn', 'ignore'])('mode %s: outputs get test values computed from the inputs', (mode) => {
    const x = withTestValue('x', 3);
    const y = withTestValue('y', 4);
    const z = config.changeFlags({ computeTestValue: mode }, () => new Neg().call(new Add().call(x, y)));
    expect(z.tag.testValue).toBe(-7);
    expect(z.owner!.inputs[0]!.tag.testValue).toBe(7);
    expect(warn).not.toHaveBeenCalled();
  });

  test('mode off (the default): nothing is computed', () => {
    const x = withTestValue('x', 3);
    const z = config.changeFlags({ computeTestValue: 'off' }, () => new Neg().call(x));
    expect(z.tag.testValue).toBeUndefined();
    expect(config.computeTestValue).toBe('off');
    expect(new Neg().call(x).tag.testValue).toBeUndefined();
  });

  test('multi-output nodes get every test value; constants and shared variables have theirs', () => {
    const w = new SharedVariable(num, 2, { name: 'w' });
    const [q, r] = config.changeFlags({ computeTestValue: 'raise' }, () => new DivMod().callAll(constant(7), w));
    expect([q!.tag.testValue, r!.tag.testValue]).toEqual([3, 1]);
  });

  test('mode raise: a missing input test value is a TestValueError naming the Op and the input', () => {
    const x = withTestValue('x', 1);
    const y = scalar('y');
    let err: unknown;
    config.changeFlags({ computeTestValue: 'raise' }, () => {
      try {
        new Add().call(x, y);
      } catch (e) {
        err = e;
      }
    });
    expect(err).toBeInstanceOf(TestValueError);
    expect((err as Error).message).toBe("Add: input 1 (y) has no test value, so the node's test value cannot be computed");
  });

  test('mode warn: a missing input test value emits a process warning and the node is built', () => {
    const y = scalar('y');
    const z = config.changeFlags({ computeTestValue: 'warn' }, () => new Neg().call(y));
    expect(z.owner!.op).toBeInstanceOf(Neg);
    expect(z.tag.testValue).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith("Neg: input 0 (y) has no test value, so the node's test value cannot be computed", {
      code: 'PROJ_TEST_VALUE',
    });
  });

  test('mode ignore: a missing input test value is silently skipped', () => {
    const z = config.changeFlags({ computeTestValue: 'ignore' }, () => new Neg().call(scalar('y')));
    expect(z.tag.testValue).toBeUndefined();
    expect(warn).not.toHaveBeenCalled();
  });

  test('a perform that fails on the test values is a NodeError at build time', () => {
    const x = withTestValue('x', 1);
    let err: unknown;
    config.changeFlags({ computeTestValue: 'warn' }, () => {
      try {
        new Failing().call(x);
      } catch (e) {
        err = e;
      }
    });
    expect(err).toBeInstanceOf(NodeError);
    expect((err as Error).message).toBe('Failing: computing the test value failed: Failing.perform always fails');
  });

  test('an input test value that is not of the input Type is rejected', () => {
    const x = scalar('x');
    x.tag.testValue = 'three';
    expect(() => config.changeFlags({ computeTestValue: 'raise' }, () => new Neg().call(x))).toThrow(TypeMismatchError);
  });

  test('computeTestValue can be called directly on a node', () => {
    const node = new Add().makeNode(withTestValue('a', 1), withTestValue('b', 2));
    computeTestValue(node);
    expect(node.outputs[0]!.tag.testValue).toBe(3);
  });
});

describe('getTestValue and hasTestValue', () => {
  test('from tag.testValue, a constant or a shared variable', () => {
    expect(getTestValue(withTestValue('x', 5))).toBe(5);
    expect(getTestValue(constant(2))).toBe(2);
    expect(getTestValue(new SharedVariable(num, 8))).toBe(8);
    expect(hasTestValue(withTestValue('x', 0))).toBe(true);
    expect(hasTestValue(constant(2))).toBe(true);
    expect(hasTestValue(scalar('x'))).toBe(false);
  });

  test('a missing test value is a TestValueError', () => {
    expect(() => getTestValue(scalar('x'))).toThrow(TestValueError);
    expect(() => getTestValue(scalar('x'))).toThrow('x has no test value (set x.tag.testValue)');
  });

  test('tag.testValue wins over the stored value', () => {
    const c = constant(2);
    c.tag.testValue = 9;
    expect(getTestValue(c)).toBe(9);
  });
});

describe('getTestValues', () => {
  test('mode off: an empty list, whatever the variables', () => {
    expect(config.changeFlags({ computeTestValue: 'off' }, () => getTestValues(withTestValue('x', 1)))).toEqual([]);
  });

  test('all present: one list holding every value', () => {
    const x = withTestValue('x', 1);
    const y = withTestValue('y', 2);
    const got = config.changeFlags({ computeTestValue: 'warn' }, () => getTestValues(x, y, constant(3)));
    expect(got).toEqual([[1, 2, 3]]);
    // The intended loop runs once with the values.
    const seen: unknown[][] = [];
    for (const vals of got) seen.push(vals);
    expect(seen).toEqual([[1, 2, 3]]);
  });

  test('one missing: warn warns and returns []', () => {
    const got = config.changeFlags({ computeTestValue: 'warn' }, () => getTestValues(withTestValue('x', 1), scalar('y')));
    expect(got).toEqual([]);
    expect(warn).toHaveBeenCalledWith('Argument y has no test value', { code: 'PROJ_TEST_VALUE' });
  });

  test('one missing: ignore returns [] silently, raise throws', () => {
    expect(config.changeFlags({ computeTestValue: 'ignore' }, () => getTestValues(scalar('y')))).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
    expect(() => config.changeFlags({ computeTestValue: 'raise' }, () => getTestValues(scalar('y')))).toThrow(
      new TestValueError('Argument y has no test value'),
    );
  });
});

describe('missingTestMessage', () => {
  test.each<[Mode, 'nothing' | 'warning' | 'error']>([
    ['off', 'nothing'],
    ['ignore', 'nothing'],
    ['warn', 'warning'],
    ['raise', 'error'],
  ])('mode %s: %s', (mode, outcome) => {
    const run = () => config.changeFlags({ computeTestValue: mode }, () => missingTestMessage('the message'));
    if (outcome === 'error') {
      expect(run).toThrow(TestValueError);
      expect(run).toThrow('the message');
    } else {
      expect(run()).toBeUndefined();
    }
    if (outcome === 'warning') expect(warn).toHaveBeenCalledWith('the message', { code: 'PROJ_TEST_VALUE' });
    else expect(warn).not.toHaveBeenCalled();
  });
});
