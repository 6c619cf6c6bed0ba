import * as fs from 'node:fs';
import * as path from 'node:path';
import { DtypeError, config } from '@proj/graph';
import { DTYPES, canCastSafely, checkDtype, upcast, type Dtype } from '../src/dtype/dtypes';

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'dtypes.json'), 'utf8')) as {
  dtypes: Dtype[];
  resultType: Record<Dtype, Record<Dtype, Dtype>>;
  canCastSafe: Record<Dtype, Record<Dtype, boolean>>;
};

describe('dtype promotion (NumPy result_type fixtures)', () => {
  it('covers the same dtypes as NumPy', () => {
    expect([...DTYPES]).toEqual(fixture.dtypes);
  });

  for (const a of DTYPES) {
    it(`upcast(${a}, *) matches np.result_type`, () => {
      for (const b of DTYPES) expect([a, b, upcast(a, b)]).toEqual([a, b, fixture.resultType[a][b]]);
    });
  }

  it('canCastSafely matches np.can_cast(safe)', () => {
    for (const a of DTYPES) for (const b of DTYPES) expect([a, b, canCastSafely(a, b)]).toEqual([a, b, fixture.canCastSafe[a][b]]);
  });

  it('is associative over three dtypes as NumPy chains them', () => {
    expect(upcast('int8', 'uint8', 'float32')).toBe('float32');
    expect(upcast('int32', 'float32', 'complex64')).toBe('complex128');
  });
});

describe('checkDtype', () => {
  it('accepts the NumPy names and floatX', () => {
    expect(checkDtype('int16')).toBe('int16');
    config.changeFlags({ floatX: 'float32' }, () => expect(checkDtype('floatX')).toBe('float32'));
  });

  it('rejects an unknown dtype with a DtypeError naming the caller and the choices', () => {
    expect(() => checkDtype('float16', 'pt.vector')).toThrow(DtypeError);
    expect(() => checkDtype('double', 'pt.vector')).toThrow(/pt\.vector: argument 'dtype' expected one of bool, int8.*got "double"/);
  });
});
