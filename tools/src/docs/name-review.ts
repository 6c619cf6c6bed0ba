/**
 * The hand review of docs/pytensor-names.md: what the naming rules of
 * names-draft.ts cannot find by themselves. Each entry was checked against the
 * code; '—' entries (no `ts`) carry the reason we provide no counterpart.
 */

/** A reviewed row: `ts`/`pkg` when we provide the name under another spelling, else a reason. */
export interface Review {
  readonly ts?: string;
  readonly pkg?: string;
  readonly note?: string;
}

/** PyTensor classes whose TypeScript class has another name. */
export const CLASS_ALIASES: Readonly<Record<string, string>> = {
  // The operator mixin's methods are the variable's methods here.
  'pytensor.tensor.variable._tensor_py_operators': 'TensorVariable',
  'pytensor.gradient.numeric_grad': 'NumericGrad',
  // One SparseScale Op (props axis, format) does what the two CSC-only Ops did.
  'pytensor.sparse.basic.ColScaleCSC': 'SparseScale',
  'pytensor.sparse.basic.RowScaleCSC': 'SparseScale',
  'theano.sparse.basic.ColScaleCSC': 'SparseScale',
  'theano.sparse.basic.RowScaleCSC': 'SparseScale',
  'pytensor.graph.op.HasInnerGraph': 'OpFromGraph',
};

const C_CODE: Review = { note: 'C code generation: the backends generate JS (@proj/backend-js) and WASM (@proj/backend-wasm) instead' };

/** Members we do not provide on any class, by PyTensor name. */
export const MEMBER_REASONS: Readonly<Record<string, Review>> = {
  c_code: C_CODE,
  c_code_cache_version: C_CODE,
  make_py_thunk: { note: 'Python thunks: makeThunk builds the JS thunk; there is no separate Python/C path' },
  conf: { note: 'not a PyTensor API in practice (a documentation artefact next to conj); use conj' },
};

const SCALE_NOTE = 'one SparseScale Op (props axis, format) replaces ColScaleCSC/RowScaleCSC';

/** Rows settled by hand, by qualified PyTensor name. */
export const OVERRIDES: Readonly<Record<string, Review>> = {
  'pytensor.gradient.DisconnectedType': { ts: 'DisconnectedType', pkg: '@proj/graph', note: 'lives in @proj/graph (next to NullType) so Ops can use it without the gradient package' },
  'pytensor.gradient.DisconnectedType.filter': { ts: 'DisconnectedType.filter', pkg: '@proj/graph', note: 'refuses every value, as in PyTensor' },
  'pytensor.gradient.as_list_or_tuple': { note: 'Python sequence helper: TS functions take and return arrays, overloads give the single-value forms' },
  'pytensor.graph.op.HasInnerGraph': { ts: 'hasInnerGraph', pkg: '@proj/graph', note: 'an interface (`type HasInnerGraph`) with the type guard hasInnerGraph; OpFromGraph implements it' },
  'pytensor.graph.op.Op.add_tag_trace': { ts: 'addTagTrace', pkg: '@proj/graph', note: 'a module function rather than a static method' },
  'pytensor.sparse.basic.ColScaleCSC': { ts: 'SparseScale', pkg: '@proj/sparse', note: SCALE_NOTE },
  'pytensor.sparse.basic.RowScaleCSC': { ts: 'SparseScale', pkg: '@proj/sparse', note: SCALE_NOTE },
  'theano.sparse.basic.ColScaleCSC': { ts: 'SparseScale', pkg: '@proj/sparse', note: SCALE_NOTE },
  'theano.sparse.basic.RowScaleCSC': { ts: 'SparseScale', pkg: '@proj/sparse', note: SCALE_NOTE },
  'pytensor.sparse.basic.SparseConstantSignature': { ts: 'SparseConstant.signature', pkg: '@proj/sparse', note: 'the constant\'s hashing key is a method, not a tuple subclass' },
  'pytensor.sparse.basic.csm_grad': { ts: 'CSMGrad', pkg: '@proj/sparse', note: 'an alias of the CSMGrad class in PyTensor too' },
  'theano.sparse.basic.csm_grad': { ts: 'CSMGrad', pkg: '@proj/sparse', note: 'an alias of the CSMGrad class in Theano too' },
  'pytensor.sparse.basic.sparse_formats': { note: "a type here: `SparseFormat` is `'csr' | 'csc'` (types do not exist at run time)" },
  'theano.sparse.basic.sparse_formats': { note: "a type here: `SparseFormat` is `'csr' | 'csc'` (types do not exist at run time)" },
  'theano.sparse.basic.get_item_2lists': { ts: 'getItem2Lists', pkg: '@proj/sparse' },
  'pytensor.sparse.toarray': { ts: 'SparseVariable.toarray', pkg: '@proj/sparse', note: 'x.toarray() is denseFromSparse(x)' },
  'pytensor.sparse.shape': { ts: 'csmShape', pkg: '@proj/sparse', note: 'the page\'s "x.shape" of a sparse variable: csmShape(x) (SparseVariable has no shape property)' },
  'pytensor.tensor.variable._tensor_py_operators': { ts: 'TensorVariable', pkg: '@proj/tensor', note: 'the operator mixin: its methods are TensorVariable methods' },
};
