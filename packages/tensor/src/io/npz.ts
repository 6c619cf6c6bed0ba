/**
 * NumPy's .npz archives (numpy.savez / savez_compressed): a zip of .npy files,
 * one per named array. Bytes in, bytes out.
 */
import { ArgumentError } from '@proj/graph';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { NDArray } from '../value/ndarray';
import { NpyFormatError, loadNpy, saveNpy } from './npy';

/**
 * Reads an .npz archive into { name: value } (the `.npy` suffix dropped from
 * member names, as numpy.load does). Stored and deflated members are read.
 *
 * @example
 * const { w, b } = loadNpz(fs.readFileSync('params.npz')); // numpy.savez('params.npz', w=w, b=b)
 */
export function loadNpz(bytes: Uint8Array): Record<string, NDArray> {
  if (!(bytes instanceof Uint8Array)) throw new ArgumentError({ op: 'loadNpz', argument: 'bytes', expected: 'a Uint8Array (e.g. fs.readFileSync(path))', given: Object.prototype.toString.call(bytes) });
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (e) {
    throw new NpyFormatError({ op: 'loadNpz', argument: 'bytes', expected: 'a zip archive of .npy files', given: `bytes the zip reader refused (${(e as Error).message})` });
  }
  const out: Record<string, NDArray> = {};
  for (const [name, data] of Object.entries(members)) {
    const key = name.endsWith('.npy') ? name.slice(0, -4) : name;
    try {
      out[key] = loadNpy(data);
    } catch (e) {
      if (e instanceof Error) e.message = `loadNpz: member '${name}': ${e.message}`;
      throw e;
    }
  }
  return out;
}

/**
 * Writes { name: value } as an .npz archive (numpy.load reads it);
 * `compressed: true` deflates the members as numpy.savez_compressed does.
 *
 * @example
 * fs.writeFileSync('params.npz', saveNpz({ w, b }, { compressed: true }));
 */
export function saveNpz(arrays: Readonly<Record<string, NDArray>>, options: { compressed?: boolean } = {}): Uint8Array {
  if (typeof arrays !== 'object' || arrays === null) throw new ArgumentError({ op: 'saveNpz', argument: 'arrays', expected: 'an object { name: value }', given: String(arrays) });
  const files: Zippable = {};
  for (const [name, value] of Object.entries(arrays)) files[`${name}.npy`] = saveNpy(value);
  return zipSync(files, { level: options.compressed ? 6 : 0 });
}
