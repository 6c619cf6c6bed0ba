import { backendCompileOptions } from '../src/spam/backend';
import { DEFAULT_OPTIONS, parseSpamArgs } from '../src/spam/options';

describe('spam command-line options', () => {
  it('fills in the defaults', () => {
    expect(parseSpamArgs([])).toEqual({ ...DEFAULT_OPTIONS });
  });

  it('reads every option', () => {
    const o = parseSpamArgs(['--backend', 'wasm', '--epochs', '3', '--seed', '7', '--limit', '500', '--batch-size', '32', '--lr', '0.1', '--l2=1e-4',
      '--test-fraction', '0.25', '--max-features', '1000', '--min-df', '3', '--no-progress']);
    expect(o).toEqual({ backend: 'wasm', epochs: 3, seed: 7, limit: 500, batchSize: 32, lr: 0.1, l2: 1e-4, testFraction: 0.25, maxFeatures: 1000, minDf: 3, progress: false, help: false });
    expect(parseSpamArgs(['-h']).help).toBe(true);
  });

  it('names the option and the value it rejects', () => {
    expect(() => parseSpamArgs(['--epochs', '0'])).toThrow(/--epochs.*integer >= 1.*"0"/);
    expect(() => parseSpamArgs(['--epochs', '2.5'])).toThrow(/--epochs/);
    expect(() => parseSpamArgs(['--lr=-1'])).toThrow(/--lr.*> 0/);
    expect(() => parseSpamArgs(['--backend', 'gpu'])).toThrow(/--backend.*'js' or 'wasm'.*"gpu"/);
    expect(() => parseSpamArgs(['--limit', '5'])).toThrow(/--limit.*>= 10/);
    expect(() => parseSpamArgs(['--bogus'])).toThrow(/bogus/);
  });

  it('the js backend needs no extra compile options', () => {
    expect(backendCompileOptions('js')).toEqual({});
  });

  it('the wasm backend passes the WASM linker to compile()', () => {
    expect(backendCompileOptions('wasm').linker?.name).toBe('wasm');
    expect(() => backendCompileOptions('gpu' as never)).toThrow(/--backend/);
  });
});
