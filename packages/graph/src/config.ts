import { ConfigError } from './errors';

/** The configuration flags and their allowed values. */
export interface ConfigFlags {
  /** Default float dtype of constructors and of float constants. */
  floatX: 'float64' | 'float32';
  /** What Op.call does with test values (PyTensor's compute_test_value). */
  computeTestValue: 'off' | 'ignore' | 'warn' | 'raise';
  /** How many user stack frames a node records in tag.trace (0 turns tracing off). */
  tracebackLimit: number;
  /** 'high' adds the inputs' values to node errors. */
  exceptionVerbosity: 'low' | 'high';
  /** The default compilation mode. */
  mode: 'FAST_RUN' | 'FAST_COMPILE';
  /** What a failing rewrite does. */
  onOptError: 'warn' | 'raise' | 'ignore';
}

type Checker<K extends keyof ConfigFlags> = (v: unknown) => v is ConfigFlags[K];

function oneOf<K extends keyof ConfigFlags>(...allowed: string[]): Checker<K> {
  const check = (v: unknown): boolean => typeof v === 'string' && allowed.includes(v);
  Object.defineProperty(check, 'description', { value: `one of ${allowed.map((a) => `'${a}'`).join(', ')}` });
  return check as unknown as Checker<K>;
}

const nonNegativeInt = Object.assign(
  (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  { description: 'a non-negative integer' },
);

const checkers: { [K in keyof ConfigFlags]: Checker<K> } = {
  floatX: oneOf('float64', 'float32'),
  computeTestValue: oneOf('off', 'ignore', 'warn', 'raise'),
  tracebackLimit: nonNegativeInt,
  exceptionVerbosity: oneOf('low', 'high'),
  mode: oneOf('FAST_RUN', 'FAST_COMPILE'),
  onOptError: oneOf('warn', 'raise', 'ignore'),
};

const defaults: ConfigFlags = {
  floatX: 'float64',
  computeTestValue: 'off',
  tracebackLimit: 8,
  exceptionVerbosity: 'low',
  mode: 'FAST_RUN',
  onOptError: 'warn',
};

/** The environment variable read at start-up, e.g. `PROJ_FLAGS=floatX=float32,tracebackLimit=4`. */
export const FLAGS_ENV = 'PROJ_FLAGS';

function check<K extends keyof ConfigFlags>(key: K, value: unknown): ConfigFlags[K] {
  const checker = checkers[key];
  if (checker === undefined) {
    throw new ConfigError(`config: unknown flag '${String(key)}'; known flags: ${Object.keys(checkers).join(', ')}`);
  }
  if (!checker(value)) {
    const what = (checker as unknown as { description: string }).description;
    throw new ConfigError(`config.${String(key)}: expected ${what}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Parses `a=b,c=d` text (the environment variable's format) into flags. */
export function parseFlags(text: string): Partial<ConfigFlags> {
  const out: Record<string, unknown> = {};
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) throw new ConfigError(`${FLAGS_ENV}: expected 'name=value', got '${item}'`);
    const key = item.slice(0, eq).trim() as keyof ConfigFlags;
    const raw = item.slice(eq + 1).trim();
    // Number('') is 0: an empty value must be an error, not a silent 0.
    const value = key === 'tracebackLimit' ? (raw === '' ? raw : Number(raw)) : raw;
    out[key] = check(key, value);
  }
  return out as Partial<ConfigFlags>;
}

class Config implements ConfigFlags {
  private readonly values: ConfigFlags;

  constructor(initial: Partial<ConfigFlags>) {
    this.values = { ...defaults, ...initial };
  }

  get floatX() { return this.values.floatX; }
  set floatX(v) { this.values.floatX = check('floatX', v); }
  get computeTestValue() { return this.values.computeTestValue; }
  set computeTestValue(v) { this.values.computeTestValue = check('computeTestValue', v); }
  get tracebackLimit() { return this.values.tracebackLimit; }
  set tracebackLimit(v) { this.values.tracebackLimit = check('tracebackLimit', v); }
  get exceptionVerbosity() { return this.values.exceptionVerbosity; }
  set exceptionVerbosity(v) { this.values.exceptionVerbosity = check('exceptionVerbosity', v); }
  get mode() { return this.values.mode; }
  set mode(v) { this.values.mode = check('mode', v); }
  get onOptError() { return this.values.onOptError; }
  set onOptError(v) { this.values.onOptError = check('onOptError', v); }

  /** The current flags as a plain object. */
  snapshot(): ConfigFlags {
    return { ...this.values };
  }

  /**
   * Sets flags for the duration of `fn` and restores them afterwards, even when
   * `fn` throws (PyTensor's `config.change_flags`).
   *
   * @example
   * config.changeFlags({ floatX: 'float32' }, () => pt.scalar().dtype); // 'float32'
   */
  changeFlags<T>(flags: Partial<ConfigFlags>, fn: () => T): T {
    const saved = this.snapshot();
    try {
      for (const [k, v] of Object.entries(flags)) {
        const key = k as keyof ConfigFlags;
        (this.values as unknown as Record<string, unknown>)[key] = check(key, v);
      }
      return fn();
    } finally {
      Object.assign(this.values, saved);
    }
  }
}

function fromEnvironment(): Partial<ConfigFlags> {
  const text = typeof process !== 'undefined' ? process.env?.[FLAGS_ENV] : undefined;
  return text ? parseFlags(text) : {};
}

/**
 * The library's configuration. Set flags in code (`config.floatX = 'float32'`)
 * or through the `PROJ_FLAGS` environment variable (`floatX=float32,computeTestValue=warn`).
 * An unknown flag or a bad value throws a ConfigError.
 *
 * @example
 * import { config } from '@proj/graph';
 * config.floatX = 'float32';
 */
export const config = new Config(fromEnvironment());
export type { Config };
