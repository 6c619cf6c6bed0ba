/**
 * LEB128, the variable-length integer encoding of the WebAssembly binary format.
 */

/**
 * Appends the unsigned LEB128 bytes of `value` (a non-negative integer below 2^53).
 *
 * @example
 * const out: number[] = []; unsignedLeb128(624485, out); // out = [0xe5, 0x8e, 0x26]
 */
export function unsignedLeb128(value: number, out: number[]): number[] {
  let v = value;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/**
 * Appends the signed LEB128 bytes of `value` (an integer or BigInt; i64 constants need BigInt beyond 2^53).
 *
 * @example
 * const out: number[] = []; signedLeb128(-123456, out); // out = [0xc0, 0xbb, 0x78]
 */
export function signedLeb128(value: number | bigint, out: number[]): number[] {
  let v = BigInt(value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const signBit = (byte & 0x40) !== 0;
    if ((v === 0n && !signBit) || (v === -1n && signBit)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
