import { AllocationError, ArgumentError, checkOptions, closestOption } from '../src';

describe('checkOptions', () => {
  const allowed = ['axis', 'keepdims', 'dtype', 'accDtype'] as const;

  it('accepts undefined, an empty object and known keys', () => {
    expect(() => checkOptions('pt.sum', undefined, allowed)).not.toThrow();
    expect(() => checkOptions('pt.sum', {}, allowed)).not.toThrow();
    expect(() => checkOptions('pt.sum', { axis: 0, keepdims: true }, allowed)).not.toThrow();
    expect(() => checkOptions('pt.sum', Object.create(null), allowed)).not.toThrow();
  });

  it('refuses an unknown key, naming the op, the argument, the allowed keys and a suggestion', () => {
    let err: unknown;
    try {
      checkOptions('pt.sum', { axes: 0 }, allowed);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArgumentError);
    const a = err as ArgumentError;
    expect(a.op).toBe('pt.sum');
    expect(a.argument).toBe('options');
    expect(a.expected).toBe('one of the options axis, keepdims, dtype, accDtype');
    expect(a.given).toBe("'axes' (did you mean 'axis'?)");
    expect(a.message).toBe("pt.sum: argument 'options' expected one of the options axis, keepdims, dtype, accDtype, got 'axes' (did you mean 'axis'?)");
  });

  it('counts a key set to undefined as given', () => {
    expect(() => checkOptions('pt.sum', { axes: undefined }, allowed)).toThrow(/'axes'/);
  });

  it('lists every unknown key, without a suggestion when none is close', () => {
    expect(() => checkOptions('compile', { modee: 'FAST_RUN', zzzzzz: 1 }, ['mode', 'givens', 'updates'])).toThrow(
      "compile: argument 'options' expected one of the options mode, givens, updates, got 'modee' (did you mean 'mode'?), 'zzzzzz'",
    );
  });

  it('says "no options" when none are allowed', () => {
    expect(() => checkOptions('f', { a: 1 }, [])).toThrow("f: argument 'options' expected no options, got 'a'");
  });

  it.each([
    [null, 'null'],
    [3, 'number 3'],
    ['axis', "the string 'axis'"],
    [[0, 1], 'an array of length 2'],
    [new Map(), 'an instance of Map'],
  ])('refuses a non-object %p', (value, given) => {
    expect(() => checkOptions('pt.sum', value, allowed)).toThrow(new ArgumentError({ op: 'pt.sum', argument: 'options', expected: 'an options object with keys among axis, keepdims, dtype, accDtype', given }));
  });
});

describe('closestOption', () => {
  it('finds typos, swaps and case slips and refuses far names', () => {
    expect(closestOption('axes', ['axis', 'keepdims'])).toBe('axis');
    expect(closestOption('keepDims', ['axis', 'keepdims'])).toBe('keepdims');
    expect(closestOption('kepedims', ['axis', 'keepdims'])).toBe('keepdims');
    expect(closestOption('accDtpye', ['dtype', 'accDtype'])).toBe('accDtype');
    expect(closestOption('banana', ['axis', 'keepdims'])).toBeUndefined();
  });
});

describe('AllocationError', () => {
  it('is an ArgumentError carrying the shape, dtype and bytes', () => {
    const e = new AllocationError({ op: 'Alloc', argument: 'shape', expected: 'at most 4294967296 elements', given: '1e12', shape: [1e6, 1e6], dtype: 'float64', bytes: 8e12 });
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.name).toBe('AllocationError');
    expect(e.shape).toEqual([1e6, 1e6]);
    expect(e.dtype).toBe('float64');
    expect(e.bytes).toBe(8e12);
    expect(e.message).toBe("Alloc: argument 'shape' expected at most 4294967296 elements, got 1e12");
  });
});
