/**
 * The random generator as a graph value (PyTensor's RandomGeneratorType): the
 * sparse probability Ops take a generator state as an input and return the
 * advanced state as an output, so no Op hides state in its props and a call is
 * reproducible (the same state in gives the same draws out). A shared generator
 * advances between compiled calls through an update [rng, nextRng(draw)].
 */
import { ArgumentError, SharedVariable, Type, TypeMismatchError, Variable, describeThing, type FilterOptions } from '@proj/graph';
import { SeededRandom } from '../values/random';

/**
 * The Type of generator states (values: SeededRandom). Values are never changed
 * in place: the Ops draw from a clone and output it as the next state.
 *
 * @example
 * const rng = randomGeneratorType.makeVariable('rng');
 */
export class RandomGeneratorType extends Type<SeededRandom> {
  /** A SeededRandom as is; an integer seeds a new one (unless strict). */
  filter(value: unknown, options: FilterOptions = {}): SeededRandom {
    if (value instanceof SeededRandom) return value;
    if (!options.strict && typeof value === 'number' && Number.isInteger(value)) return new SeededRandom(value);
    throw new TypeMismatchError({
      op: 'RandomGeneratorType.filter',
      argument: 'value',
      expected: options.strict ? 'a SeededRandom' : 'a SeededRandom or an integer seed',
      given: describeThing(value),
    });
  }

  hash(): string {
    return 'RandomGeneratorType';
  }

  toString(): string {
    return 'RandomGeneratorType';
  }

  override valueSignature(value: SeededRandom): string {
    return `rng(${value.state.join(',')})`;
  }

  override copyValue(value: SeededRandom): SeededRandom {
    return value.clone();
  }

  override valueToString(value: SeededRandom): string {
    return `SeededRandom(${value.state.join(',')})`;
  }
}

/** The one RandomGeneratorType instance. */
export const randomGeneratorType = new RandomGeneratorType();

/**
 * A shared generator seeded with `seed` (a fresh seed when absent): the `rng`
 * input of the sparse probability Ops (PyTensor's `shared(np.random.default_rng(seed))`).
 *
 * @example
 * const rng = sp.randomGenerator(42, 'rng');
 * const y = sp.poisson(x, { rng });
 * compile([x], y, { updates: [[rng, sp.nextRng(y)]] }); // new draws each call
 */
export function randomGenerator(seed?: number, name?: string): SharedVariable<RandomGeneratorType> {
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new ArgumentError({ op: 'randomGenerator', argument: 'seed', expected: 'an integer', given: String(seed) });
  }
  const s = seed ?? Math.floor(Math.random() * 4294967296);
  return new SharedVariable(randomGeneratorType, new SeededRandom(s), { name, borrow: true });
}

/** What the probability functions accept as `rng`: a generator variable, a SeededRandom, or a seed. */
export type RngLike = Variable | SeededRandom | number;

/**
 * `rng` as a generator Variable: variables of RandomGeneratorType pass through,
 * SeededRandom values and integer seeds become constants; absent, a fresh shared generator.
 */
export function asRandomGenerator(op: string, rng: RngLike | undefined): Variable {
  if (rng === undefined) return randomGenerator();
  if (rng instanceof Variable) {
    if (!(rng.type instanceof RandomGeneratorType)) {
      throw new TypeMismatchError({ op, argument: 'rng', expected: 'a random generator (RandomGeneratorType)', given: `${rng} of type ${rng.type}` });
    }
    return rng;
  }
  return randomGeneratorType.makeConstant(randomGeneratorType.copyValue(randomGeneratorType.filter(rng)));
}

/**
 * The generator state after the draw `v` (the first output of its node): the
 * update that advances a shared generator.
 *
 * @example
 * const y = sp.poisson(x, { rng }); const next = sp.nextRng(y);
 */
export function nextRng(v: Variable): Variable {
  const out = v.owner?.outputs[0];
  if (out === undefined || !(out.type instanceof RandomGeneratorType)) {
    throw new ArgumentError({ op: 'nextRng', argument: 0, expected: 'the output of a random Op (poisson, binomial, multinomial)', given: describeThing(v) });
  }
  return out;
}
