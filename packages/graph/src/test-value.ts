import type { Apply, Variable } from './basic';
import { config } from './config';
import { NodeError, TestValueError } from './errors';
import type { StorageCell } from './op';

/**
 * Says that a test value is missing, the way config.computeTestValue asks:
 * nothing for 'off' and 'ignore', a warning for 'warn', a TestValueError for 'raise'.
 *
 * @example
 * missingTestMessage('x has no test value');
 */
export function missingTestMessage(msg: string): void {
  switch (config.computeTestValue) {
    case 'warn':
      process.emitWarning(msg, { code: 'PROJ_TEST_VALUE' });
      return;
    case 'raise':
      throw new TestValueError(msg);
    default:
      return;
  }
}

/** Whether `v` has a test value: its tag.testValue, or a constant's or shared variable's value. */
export function hasTestValue(v: Variable): boolean {
  return v.tag.testValue !== undefined || v.storedValue() !== undefined;
}

/**
 * The test value of `v`: `v.tag.testValue`, a Constant's data or a shared
 * variable's value. Throws a TestValueError when there is none.
 *
 * @example
 * x.tag.testValue = 3;
 * getTestValue(x); // 3
 */
export function getTestValue(v: Variable): unknown {
  if (v.tag.testValue !== undefined) return v.tag.testValue;
  const stored = v.storedValue();
  if (stored !== undefined) return stored.value;
  throw new TestValueError(`${v} has no test value (set ${v.name ?? 'it'}.tag.testValue)`);
}

/**
 * The test values of several variables (PyTensor's get_test_values): an empty
 * list when config.computeTestValue is 'off', or when one is missing (after
 * missingTestMessage); otherwise one list holding the values.
 *
 * @example
 * for (const [a, b] of getTestValues(x, y)) console.log(a, b);
 */
export function getTestValues(...vars: Variable[]): unknown[][] {
  if (config.computeTestValue === 'off') return [];
  const values: unknown[] = [];
  for (const v of vars) {
    if (!hasTestValue(v)) {
      missingTestMessage(`Argument ${v} has no test value`);
      return [];
    }
    values.push(getTestValue(v));
  }
  return [values];
}

/**
 * Computes the test values of `node`'s outputs from its inputs' test values with
 * perform, storing them in each output's tag.testValue. A missing input value
 * goes through missingTestMessage.
 */
export function computeTestValue(node: Apply): void {
  const values: unknown[] = [];
  for (let i = 0; i < node.inputs.length; i++) {
    const v = node.inputs[i]!;
    if (!hasTestValue(v)) {
      missingTestMessage(`${node.op}: input ${i} (${v}) has no test value, so the node's test value cannot be computed`);
      return;
    }
    values.push(v.type.filter(getTestValue(v)));
  }
  const storage: StorageCell[] = node.outputs.map(() => [undefined]);
  try {
    node.op.perform(node, values, storage);
  } catch (e) {
    throw new NodeError(`${node.op}: computing the test value failed: ${(e as Error).message}`, node, e);
  }
  node.outputs.forEach((out, i) => {
    try {
      out.tag.testValue = out.type.filter(storage[i]![0], { strict: false });
    } catch (e) {
      throw new NodeError(`${node.op}: the test value computed for output ${i} is not a value of ${out.type}: ${(e as Error).message}`, node, e);
    }
  });
}
