/**
 * Scalar descriptors of the conditional ops: switch(cond, ift, iff) (NumPy's
 * where; the output dtype is the upcast of the two branches) and
 * clip(x, min, max) (no complex, as PyTensor's Clip).
 */
import { DtypeError } from '@proj/graph';
import { isComplex, isDiscrete, upcast } from '../dtype/dtypes';
import { mul } from '../math/arith';
import { and_ } from '../math/bitwise';
import { ge, gt, le, lt } from '../math/compare';
import { switch_ } from '../math/condition';
import { ScalarOp, upcastRule, type Complex, type DtypeRule } from './scalar-op';
import { gradZeros } from './zero-grad';

const truthy = (c: Complex) => c.re !== 0 || c.im !== 0;

/** cond ? ift : iff, elementwise. */
export const scalarSwitch = new ScalarOp({
  name: 'switch',
  nin: 3,
  outputDtype: (inputs) => upcast(inputs[1]!, inputs[2]!),
  // The branches choose how elements are read: int64 branches stay exact under a float condition.
  modeInputs: [1, 2],
  impl: (c, a, b) => (c !== 0 ? a : b),
  implBigInt: (c, a, b) => (Number(c) !== 0 ? a : b),
  implComplex: (c, a, b) => (truthy(c) ? a : b),
  // PyTensor's Switch.L_op: gz flows to the branch taken; the condition gets zeros.
  grad: ([c, a, b], outputs, [gz]) => {
    if (isDiscrete(outputs[0]!.dtype)) return [gradZeros(c!), gradZeros(a!), gradZeros(b!)];
    return [gradZeros(c!), switch_(c!, gz!, 0), switch_(c!, 0, gz!)];
  },
  // Loose != is true for NaN (NumPy's nonzero) and works on booleans from comparison expressions.
  js: ([c, a, b]) => `(${c} != 0 ? ${a} : ${b})`,
});

const clipRule: DtypeRule = (inputs, name) => {
  inputs.forEach((d, i) => {
    if (isComplex(d)) throw new DtypeError({ op: `Elemwise{${name}}`, argument: i, expected: 'a real dtype (clip is not defined for complex numbers)', given: d });
  });
  return upcastRule(inputs, name);
};

/** x clipped to [min, max] (x < min ? min : x > max ? max : x; NaN x stays NaN). */
export const scalarClip = new ScalarOp({
  name: 'clip',
  nin: 3,
  outputDtype: clipRule,
  impl: (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x),
  implBigInt: (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x),
  // PyTensor's Clip.L_op: gz goes to x inside [min, max], to min below, to max above.
  grad: ([x, lo, hi], outputs, [gz]) => {
    if (isDiscrete(outputs[0]!.dtype)) return [gradZeros(x!), gradZeros(lo!), gradZeros(hi!)];
    return [mul(and_(ge(x!, lo!), le(x!, hi!)), gz!), mul(lt(x!, lo!), gz!), mul(gt(x!, hi!), gz!)];
  },
  js: ([x, lo, hi]) => `((x, l, h) => (x < l ? l : x > h ? h : x))(${x}, ${lo}, ${hi})`,
});
