/**
 * The project's main job (`npm run main`), a placeholder until the higher
 * packages exist: builds z = (x + y) * x with nothing but the public API of
 * @proj/graph, prints the graph and evaluates it for x = 2, y = 3.
 */
import { Apply, Op, Type, TypeMismatchError, Variable, debugprint, evaluate, type StorageCell } from '@proj/graph';

/** A scalar JS number, the smallest Type that makes a graph (tensor's types come later). */
class ScalarNumber extends Type<number> {
  filter(value: unknown): number {
    if (typeof value !== 'number') {
      throw new TypeMismatchError({ op: 'ScalarNumber.filter', argument: 0, expected: 'a number', given: typeof value });
    }
    return value;
  }

  hash(): string {
    return 'ScalarNumber';
  }

  toString(): string {
    return 'ScalarNumber';
  }
}

const scalar = new ScalarNumber();

/** A binary Op over two scalars; subclasses give the arithmetic. */
abstract class BinaryScalarOp extends Op {
  protected abstract apply(a: number, b: number): number;

  makeNode(a: Variable, b: Variable): Apply {
    const inputs = [a, b].map((v) => scalar.filterVariable(v));
    return new Apply(this, inputs, [scalar.makeVariable()]);
  }

  override perform(_node: Apply, [a, b]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = this.apply(a as number, b as number);
  }
}

class Add extends BinaryScalarOp {
  protected apply(a: number, b: number): number {
    return a + b;
  }
}

class Mul extends BinaryScalarOp {
  protected apply(a: number, b: number): number {
    return a * b;
  }
}

const add = new Add();
const mul = new Mul();

const x = scalar.makeVariable('x');
const y = scalar.makeVariable('y');
const z = mul.call(add.call(x, y), x);
z.name = 'z';

console.log(debugprint(z, { printType: true }));
const [viaEvaluate] = evaluate([z], [
  [x, 2],
  [y, 3],
]);
const viaEval = z.eval({ x: 2, y: 3 });
if (viaEvaluate !== viaEval) throw new Error(`evaluate gave ${viaEvaluate}, z.eval gave ${viaEval}`);
console.log(`z = (x + y) * x at x = 2, y = 3: ${viaEval}`);
