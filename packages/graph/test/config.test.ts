import { ConfigError, FLAGS_ENV, config, parseFlags, type ConfigFlags } from '../src';

const DEFAULTS: ConfigFlags = {
  floatX: 'float64',
  computeTestValue: 'off',
  tracebackLimit: 8,
  exceptionVerbosity: 'low',
  mode: 'FAST_RUN',
  onOptError: 'warn',
};

// Every test starts and ends with the flags it found.
let saved: ConfigFlags;
beforeEach(() => {
  saved = config.snapshot();
});
afterEach(() => {
  config.floatX = saved.floatX;
  config.computeTestValue = saved.computeTestValue;
  config.tracebackLimit = saved.tracebackLimit;
  config.exceptionVerbosity = saved.exceptionVerbosity;
  config.mode = saved.mode;
  config.onOptError = saved.onOptError;
});

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('defaults', () => {
  test('the flags have the documented defaults (when PROJ_FLAGS is not set)', () => {
    if (process.env[FLAGS_ENV]) return expect(process.env[FLAGS_ENV]).toBeTruthy();
    expect(config.snapshot()).toEqual(DEFAULTS);
  });

  test('the environment variable is PROJ_FLAGS', () => {
    expect(FLAGS_ENV).toBe('PROJ_FLAGS');
  });

  test('snapshot is a copy', () => {
    const snap = config.snapshot();
    (snap as { floatX: string }).floatX = 'float16';
    expect(config.floatX).not.toBe('float16');
  });
});

describe('setters', () => {
  test('accept allowed values', () => {
    config.floatX = 'float32';
    config.computeTestValue = 'raise';
    config.tracebackLimit = 0;
    config.exceptionVerbosity = 'high';
    config.mode = 'FAST_COMPILE';
    config.onOptError = 'raise';
    expect(config.snapshot()).toEqual({
      floatX: 'float32',
      computeTestValue: 'raise',
      tracebackLimit: 0,
      exceptionVerbosity: 'high',
      mode: 'FAST_COMPILE',
      onOptError: 'raise',
    });
  });

  test('a bad enum value throws a ConfigError naming the flag and the allowed values', () => {
    const e = thrown(() => {
      (config as { floatX: string }).floatX = 'float16';
    });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.name).toBe('ConfigError');
    expect(e.message).toBe(`config.floatX: expected one of 'float64', 'float32', got "float16"`);
    expect(config.floatX).toBe(saved.floatX);
  });

  test.each([
    ['computeTestValue', 'loud', /config\.computeTestValue: expected one of 'off', 'ignore', 'warn', 'raise'/],
    ['exceptionVerbosity', 'medium', /config\.exceptionVerbosity: expected one of 'low', 'high'/],
    ['mode', 'FAST', /config\.mode: expected one of 'FAST_RUN', 'FAST_COMPILE'/],
    ['onOptError', 3, /config\.onOptError: expected one of 'warn', 'raise', 'ignore', got 3/],
  ])('%s rejects %p', (flag, value, message) => {
    const e = thrown(() => {
      (config as unknown as Record<string, unknown>)[flag] = value;
    });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(message);
  });

  test.each([-1, 1.5, NaN, '3'])('tracebackLimit rejects %p', (value) => {
    const e = thrown(() => {
      (config as unknown as Record<string, unknown>).tracebackLimit = value;
    });
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/config\.tracebackLimit: expected a non-negative integer, got/);
    expect(config.tracebackLimit).toBe(saved.tracebackLimit);
  });
});

describe('changeFlags', () => {
  test('sets flags inside fn, returns its result, restores afterwards', () => {
    const result = config.changeFlags({ floatX: 'float32', tracebackLimit: 2 }, () => {
      expect(config.floatX).toBe('float32');
      expect(config.tracebackLimit).toBe(2);
      return 'done';
    });
    expect(result).toBe('done');
    expect(config.snapshot()).toEqual(saved);
  });

  test('restores even when fn throws', () => {
    expect(() =>
      config.changeFlags({ computeTestValue: 'raise' }, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(config.computeTestValue).toBe(saved.computeTestValue);
  });

  test('nested calls restore in order', () => {
    config.changeFlags({ floatX: 'float32' }, () => {
      config.changeFlags({ floatX: 'float64', mode: 'FAST_COMPILE' }, () => {
        expect(config.floatX).toBe('float64');
        expect(config.mode).toBe('FAST_COMPILE');
      });
      expect(config.floatX).toBe('float32');
      expect(config.mode).toBe(saved.mode);
    });
    expect(config.floatX).toBe(saved.floatX);
  });

  test('a bad value throws a ConfigError, fn is not run, and nothing changes', () => {
    const fn = jest.fn();
    expect(() => config.changeFlags({ floatX: 'float32', mode: 'SLOW' as 'FAST_RUN' }, fn)).toThrow(ConfigError);
    expect(fn).not.toHaveBeenCalled();
    expect(config.snapshot()).toEqual(saved);
  });

  test('an unknown flag throws a ConfigError listing the known flags', () => {
    const e = thrown(() => config.changeFlags({ nope: 1 } as unknown as Partial<ConfigFlags>, () => 0));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toMatch(/unknown flag 'nope'; known flags: floatX, computeTestValue, tracebackLimit/);
  });

  test('flags set with setters inside fn are also restored', () => {
    config.changeFlags({}, () => {
      config.onOptError = 'ignore';
    });
    expect(config.onOptError).toBe(saved.onOptError);
  });
});

describe('parseFlags', () => {
  test('parses name=value pairs separated by commas, with spaces', () => {
    expect(parseFlags('floatX=float32,tracebackLimit=4')).toEqual({ floatX: 'float32', tracebackLimit: 4 });
    expect(parseFlags(' computeTestValue = warn , mode=FAST_COMPILE ')).toEqual({ computeTestValue: 'warn', mode: 'FAST_COMPILE' });
  });

  test('empty text and empty items give no flags', () => {
    expect(parseFlags('')).toEqual({});
    expect(parseFlags(',, ,')).toEqual({});
    expect(parseFlags('floatX=float32,')).toEqual({ floatX: 'float32' });
  });

  test('tracebackLimit is read as a number', () => {
    const flags = parseFlags('tracebackLimit=0');
    expect(flags.tracebackLimit).toBe(0);
    expect(typeof flags.tracebackLimit).toBe('number');
  });

  test('an empty tracebackLimit is an error, not 0', () => {
    expect(() => parseFlags('tracebackLimit=')).toThrow(/config\.tracebackLimit: expected a non-negative integer/);
  });

  test('an item without = throws a ConfigError naming PROJ_FLAGS and the item', () => {
    const e = thrown(() => parseFlags('floatX'));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe(`PROJ_FLAGS: expected 'name=value', got 'floatX'`);
  });

  test('bad values and unknown flags throw ConfigErrors', () => {
    expect(() => parseFlags('floatX=float16')).toThrow(/config\.floatX: expected one of 'float64', 'float32', got "float16"/);
    expect(() => parseFlags('tracebackLimit=many')).toThrow(/config\.tracebackLimit: expected a non-negative integer/);
    expect(() => parseFlags('colour=red')).toThrow(ConfigError);
    expect(() => parseFlags('colour=red')).toThrow(/unknown flag 'colour'/);
  });

  test('does not change the live config', () => {
    parseFlags('floatX=float32');
    expect(config.floatX).toBe(saved.floatX);
  });
});
