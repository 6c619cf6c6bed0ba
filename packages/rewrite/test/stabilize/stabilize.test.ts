/**
 * The stabilize rewrites: each one's graph before and after, values on seeded
 * random inputs equal before and after, values where the naive graph
 * overflows or underflows (SciPy / mpmath fixtures), and where it must not fire.
 */
import { FunctionGraph } from '@proj/graph';
import * as pt from '@proj/tensor';
import { FAST_RUN_QUERY, rewriteGraph, stabilizeRewrites, type NodeRewriter } from '../../src';
import { expm1FromExp } from '../../src/rewrites/stabilize/expm1';
import { log1mexpFromExpm1, log1mexpFromLog } from '../../src/rewrites/stabilize/log1mexp';
import { logSumExp } from '../../src/rewrites/stabilize/logsumexp';
import { logOneMinusSigmoid, logSigmoid, oneMinusSigmoid } from '../../src/rewrites/stabilize/sigmoid';
import { decodeArray, decodeNumbers, expectClose, loadFixture, printed, randomArray, rewriteWith, values, type Enc } from './check';

type Case = { x: Enc; y: Enc };
const fixture = loadFixture<Record<string, Case>>('stabilize');

interface UnaryCase {
  rewrite: NodeRewriter;
  build: (x: pt.TensorVariable) => pt.TensorVariable;
  after: string;
  /** The random inputs of the value test are drawn from [lo, hi): where the naive graph is accurate in float32 too. */
  range: [number, number];
  fixture: string;
  /** What the naive graph gives at the fixture points (the reason for the rewrite). */
  naive: (got: number[], want: number[]) => void;
}

const someInfinite = (got: number[]) => expect(got.some((v) => !Number.isFinite(v))).toBe(true);
const someWrong = (got: number[], want: number[]) => expect(got.some((v, k) => Math.abs(v - want[k]!) > 1e-3 * Math.abs(want[k]!) + 1e-300)).toBe(true);

const unaryCases: UnaryCase[] = [
  {
    rewrite: expm1FromExp,
    build: (x) => pt.sub(pt.exp(x), 1),
    after: 'Elemwise{expm1} [id A]\n └─ x [id B]',
    range: [-3, 3],
    fixture: 'expm1',
    naive: someWrong,
  },
  {
    rewrite: logSigmoid,
    build: (x) => pt.log(pt.sigmoid(x)),
    after: 'Elemwise{neg} [id A]\n └─ Elemwise{softplus} [id B]\n    └─ Elemwise{neg} [id C]\n       └─ x [id D]',
    range: [-30, 30],
    fixture: 'logSigmoid',
    naive: someInfinite,
  },
  {
    rewrite: logOneMinusSigmoid,
    build: (x) => pt.log(pt.sub(1, pt.sigmoid(x))),
    after: 'Elemwise{neg} [id A]\n └─ Elemwise{softplus} [id B]\n    └─ x [id C]',
    range: [-4, 4],
    fixture: 'logOneMinusSigmoid',
    naive: someInfinite,
  },
  {
    rewrite: oneMinusSigmoid,
    build: (x) => pt.sub(1, pt.sigmoid(x)),
    after: 'Elemwise{sigmoid} [id A]\n └─ Elemwise{neg} [id B]\n    └─ x [id C]',
    range: [-4, 4],
    fixture: 'oneMinusSigmoid',
    naive: someWrong,
  },
  {
    rewrite: log1mexpFromLog,
    build: (x) => pt.log(pt.sub(1, pt.exp(x))),
    after: 'Elemwise{log1mexp} [id A]\n └─ x [id B]',
    range: [-20, -0.01],
    fixture: 'log1mexp',
    naive: someInfinite,
  },
  {
    rewrite: log1mexpFromExpm1,
    build: (x) => pt.log(pt.neg(pt.expm1(x))),
    after: 'Elemwise{log1mexp} [id A]\n └─ x [id B]',
    range: [-20, -0.01],
    fixture: 'log1mexp',
    naive: someWrong,
  },
];

describe.each(unaryCases)('$rewrite.name', ({ rewrite, build, after, range, fixture: key, naive }) => {
  it('rewrites the graph', () => {
    const x = pt.dvector('x');
    const fg = new FunctionGraph([x], [build(x)], { clone: false });
    expect(rewriteWith(fg, rewrite)).toBe(1);
    expect(printed(fg)).toBe(after);
    expect(fg.outputs[0]!.type.equals(build(x).type)).toBe(true);
  });

  it.each(['float64', 'float32'] as const)('computes the same values on random %s inputs', (dtype) => {
    const x = new pt.TensorType(dtype, [null]).makeVariable('x');
    const fg = new FunctionGraph([x], [build(x)], { clone: false });
    const input = randomArray(dtype, [50], 7, ...range);
    const before = values(fg, [input]);
    expect(rewriteWith(fg, rewrite)).toBe(1);
    expectClose(values(fg, [input])[0]!, before[0]!, dtype === 'float32' ? 1e-5 : 1e-10, dtype === 'float32' ? 1e-6 : 1e-13);
  });

  it('is exact where the naive graph over- or underflows', () => {
    const c = fixture[key]!;
    const x = pt.dvector('x');
    const fg = new FunctionGraph([x], [build(x)], { clone: false });
    const want = decodeNumbers(c.y);
    naive(values(fg, [decodeArray(c.x)])[0]!, want);
    rewriteWith(fg, rewrite);
    expectClose(values(fg, [decodeArray(c.x)])[0]!, want, 1e-14, 1e-300);
  });
});

describe('the stabilize rewrites do not fire', () => {
  const x = pt.dvector('x');
  const i = pt.ivector('i');
  const cases: [string, NodeRewriter, pt.TensorVariable][] = [
    ['exp(x) - 2', expm1FromExp, pt.sub(pt.exp(x), 2)],
    ['1 - exp(x)', expm1FromExp, pt.sub(1, pt.exp(x))],
    ['exp(i) - 1 for integers', expm1FromExp, pt.sub(pt.exp(i), 1)],
    ['log(sigmoid(i)) for integers (neg of int32 wraps)', logSigmoid, pt.log(pt.sigmoid(i))],
    ['log(2 - sigmoid(x))', logOneMinusSigmoid, pt.log(pt.sub(2, pt.sigmoid(x)))],
    ['sigmoid(x) - 1', oneMinusSigmoid, pt.sub(pt.sigmoid(x), 1)],
    ['log(1 + exp(x))', log1mexpFromLog, pt.log(pt.add(1, pt.exp(x)))],
    ['log(expm1(x))', log1mexpFromExpm1, pt.log(pt.expm1(x))],
    ['log(sum(x))', logSumExp, pt.log(pt.sum(x))],
    ['log(prod(exp(x)))', logSumExp, pt.log(pt.prod(pt.exp(x)))],
    ['log(sum(exp(i))) for integers', logSumExp, pt.log(pt.sum(pt.exp(i)))],
  ];
  it.each(cases)('%s', (_text, rewrite, out) => {
    const fg = new FunctionGraph([x, i], [out], { clone: false });
    const text = printed(fg);
    expect(rewriteWith(fg, rewrite)).toBe(0);
    expect(printed(fg)).toBe(text);
  });

  it('does not fire where the replacement would broadcast (a constant 1 with several elements)', () => {
    const s = pt.dscalar('s');
    const fg = new FunctionGraph([s], [pt.sub(pt.constant([1, 1], { dtype: 'float64' }), pt.sigmoid(s))], { clone: false });
    expect(rewriteWith(fg, oneMinusSigmoid)).toBe(0);
  });
});

describe('log(sigmoid) of a negation and through 1 - sigmoid', () => {
  it('log(sigmoid(-y)) -> -softplus(y), without a double negation', () => {
    const y = pt.dvector('y');
    const fg = new FunctionGraph([y], [pt.log(pt.sigmoid(pt.neg(y)))], { clone: false });
    rewriteWith(fg, logSigmoid);
    expect(printed(fg)).toBe('Elemwise{neg} [id A]\n └─ Elemwise{softplus} [id B]\n    └─ y [id C]');
  });

  it('log(1 - sigmoid(x)) ends as -softplus(x) whichever of the two rewrites fires first', () => {
    const x = pt.dvector('x');
    const fg = new FunctionGraph([x], [pt.log(pt.sub(1, pt.sigmoid(x)))], { clone: false });
    rewriteWith(fg, oneMinusSigmoid);
    rewriteWith(fg, logSigmoid);
    expect(printed(fg)).toBe('Elemwise{neg} [id A]\n └─ Elemwise{softplus} [id B]\n    └─ x [id C]');
  });
});

describe('logSumExp', () => {
  it('rewrites log(sum(exp(x), axis)) to the max-shifted form', () => {
    const x = pt.dmatrix('x');
    const fg = new FunctionGraph([x], [pt.log(pt.sum(pt.exp(x), { axis: 1 }))], { clone: false });
    expect(rewriteWith(fg, logSumExp)).toBe(1);
    expect(printed(fg)).toBe(
      [
        'Elemwise{add} [id A]',
        ' ├─ Elemwise{log} [id B]',
        ' │  └─ Sum{axis=1} [id C]',
        ' │     └─ Elemwise{exp} [id D]',
        ' │        └─ Elemwise{sub} [id E]',
        ' │           ├─ x [id F]',
        ' │           └─ Elemwise{switch} [id G]',
        ' │              ├─ Elemwise{isinf} [id H]',
        ' │              │  └─ DimShuffle{(0,x)} [id I]',
        ' │              │     └─ Max{axis=1} [id J]',
        ' │              │        └─ x [id F]',
        ' │              ├─ DimShuffle{(x,x)} [id K]',
        ' │              │  └─ 0 [id L]',
        ' │              └─ DimShuffle{(0,x)} [id I]',
        ' └─ DimShuffle{(0)} [id M]',
        '    └─ Elemwise{switch} [id G]',
      ].join('\n'),
    );
    // The rewritten graph holds log(sum(exp(...))) again: it must not be rewritten a second time.
    expect(rewriteWith(fg, logSumExp)).toBe(0);
  });

  const cases: [string, Enc, Enc, (x: pt.TensorVariable) => pt.TensorVariable][] = [
    ['axis 1', fixture.logSumExpAxis1!.x, fixture.logSumExpAxis1!.y, (x) => pt.log(pt.sum(pt.exp(x), { axis: 1 }))],
    ['axis 0 with keepdims', fixture.logSumExpAxis0!.x, fixture.logSumExpAxis0!.y, (x) => pt.log(pt.sum(pt.exp(x), { axis: 0, keepdims: true }))],
    ['all axes', fixture.logSumExpAll!.x, fixture.logSumExpAll!.y, (x) => pt.log(pt.sum(pt.exp(x)))],
  ];
  it.each(cases)('over %s: the same values on random inputs, and exact where exp overflows (SciPy), with rows of -inf and +inf', (_axes, xEnc, yEnc, build) => {
    const x = pt.dmatrix('x');
    const out = build(x);
    const fg = new FunctionGraph([x], [out], { clone: false });
    const input = randomArray('float64', [4, 3], 11, -5, 5);
    const before = values(fg, [input]);
    const naive = values(fg, [decodeArray(xEnc)])[0]!;
    expect(rewriteWith(fg, logSumExp)).toBe(1);
    expect(fg.outputs[0]!.type.equals(out.type)).toBe(true);
    expectClose(values(fg, [input])[0]!, before[0]!, 1e-12);
    const want = decodeNumbers(yEnc);
    expect(naive.some((v, k) => v !== want[k])).toBe(true);
    expectClose(values(fg, [decodeArray(xEnc)])[0]!, want, 1e-14);
  });

  it('keeps float32', () => {
    const x = pt.fmatrix('x');
    const fg = new FunctionGraph([x], [pt.log(pt.sum(pt.exp(x), { axis: 0 }))], { clone: false });
    const input = randomArray('float32', [5, 2], 3, -3, 3);
    const before = values(fg, [input]);
    expect(rewriteWith(fg, logSumExp)).toBe(1);
    expect(fg.outputs[0]!.type.toString()).toContain('float32');
    expectClose(values(fg, [input])[0]!, before[0]!, 1e-6);
  });
});

describe('the stabilize phase of FAST_RUN', () => {
  it('holds each stabilize rewrite, tagged stabilize and fast_run', () => {
    expect(stabilizeRewrites.map((r) => r.name)).toEqual(
      expect.arrayContaining(['log1pFromLog', 'expm1FromExp', 'logSigmoid', 'logOneMinusSigmoid', 'oneMinusSigmoid', 'log1mexpFromLog', 'log1mexpFromExpm1', 'logSumExp']),
    );
    for (const r of stabilizeRewrites) expect(r.tags).toEqual(expect.arrayContaining(['stabilize', 'fast_run']));
  });

  it('makes log(sigmoid(x)) finite at x = -800 through the whole pipeline', () => {
    const x = pt.dvector('x');
    const fg = new FunctionGraph([x], [pt.log(pt.sigmoid(x))], { clone: false });
    rewriteGraph(fg, FAST_RUN_QUERY);
    expectClose(values(fg, [[-800, 0, 3]])[0]!, decodeNumbers({ dtype: 'float64', shape: [3], data: [-800, -0.6931471805599453, -0.04858735157374206] }), 1e-14);
  });
});
