import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { ArgumentError, DtypeError } from '@proj/graph';
import { NpyFormatError, loadNpy, loadNpz, saveNpy, saveNpz } from '../src';
import { decode, expectArray, type Enc } from './helpers/encoded-array';

const dir = path.join(__dirname, 'fixtures', 'npy');
const expected: Record<string, Enc & { fortran?: boolean }> = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
const read = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(dir, name)));

describe('loadNpy reads files written by numpy.save', () => {
  it.each(Object.keys(expected))('%s', (name) => {
    const x = loadNpy(read(`${name}.npy`));
    expectArray(x, expected[name]!);
    if (expected[name]!.fortran) expect(x.strides).toEqual([1, x.shape[0]]);
  });

  it('never aliases the bytes it was given', () => {
    const bytes = read('f8_2x3.npy');
    const x = loadNpy(bytes);
    bytes.fill(0, bytes.length - 48);
    expectArray(x, expected.f8_2x3!);
  });
});

describe('saveNpy', () => {
  it.each(Object.keys(expected))('round-trips %s through loadNpy', (name) => {
    const x = decode(expected[name]!);
    expectArray(loadNpy(saveNpy(x)), expected[name]!);
  });

  it('writes the header NumPy writes (version 1.0, data aligned to 64 bytes)', () => {
    const ours = saveNpy(decode(expected.f8_2x3!));
    const numpys = read('f8_2x3.npy');
    expect(Buffer.from(ours).equals(Buffer.from(numpys))).toBe(true);
  });

  it('writes a strided view as C-ordered data', () => {
    const x = loadNpy(read('f8_fortran.npy'));
    const back = loadNpy(saveNpy(x));
    expect(back.strides).toEqual([4, 1]);
    expectArray(back, expected.f8_fortran!);
  });
});

describe('npz archives', () => {
  it('reads numpy.savez (stored) archives', () => {
    const z = loadNpz(read('plain.npz'));
    expect(Object.keys(z).sort()).toEqual(['b', 'n', 'w']);
    expectArray(z.w!, expected.f8_2x3!);
    expectArray(z.b!, expected.f4_4!);
    expectArray(z.n!, expected.i8_3x2!);
  });

  it('reads numpy.savez_compressed (deflated) archives', () => {
    const z = loadNpz(read('compressed.npz'));
    expectArray(z.w!, expected.f8_2x3!);
    expectArray(z.flags!, expected.b1_2x2!);
  });

  it.each([false, true])('round-trips through saveNpz (compressed: %s)', (compressed) => {
    const z = loadNpz(saveNpz({ a: decode(expected.c16_2!), b: decode(expected.u8_2!) }, { compressed }));
    expectArray(z.a!, expected.c16_2!);
    expectArray(z.b!, expected.u8_2!);
  });
});

describe('bad input', () => {
  it('refuses bytes without the magic', () => {
    expect(() => loadNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toThrow(NpyFormatError);
    expect(() => loadNpy(new Uint8Array(12))).toThrow(/loadNpy.*\.npy magic/);
  });

  it('refuses a file cut short', () => {
    const bytes = read('f8_2x3.npy');
    expect(() => loadNpy(bytes.subarray(0, bytes.length - 8))).toThrow(/48 data bytes for shape \(2, 3\) of float64.*40/);
  });

  it('refuses object and structured dtypes', () => {
    const bytes = read('i1_3.npy');
    const text = new TextDecoder('latin1').decode(bytes);
    const patched = new Uint8Array(Buffer.from(text.replace("'|i1'", "'|O8'"), 'latin1'));
    expect(() => loadNpy(patched)).toThrow(DtypeError);
    expect(() => loadNpy(patched)).toThrow(/descr.*'\|O8'/);
  });

  it('refuses a non-Uint8Array and a zip member that is not .npy', () => {
    expect(() => loadNpy('x.npy' as never)).toThrow(ArgumentError);
    expect(() => loadNpz(new Uint8Array([1, 2, 3]))).toThrow(/loadNpz.*zip archive/);
    const bad = zipSync({ 'x.npy': new Uint8Array([1, 2, 3]) });
    expect(() => loadNpz(bad)).toThrow(/member 'x.npy'/);
  });

  it('refuses to save what is not an ndarray', () => {
    expect(() => saveNpy([1, 2] as never)).toThrow(/saveNpy.*a dense ndarray value/);
  });
});
