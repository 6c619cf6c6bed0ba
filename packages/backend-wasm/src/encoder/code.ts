/**
 * A function body under construction: locals, and instructions appended as
 * bytes through small typed helpers (the generators never write raw bytes).
 */
import { signedLeb128, unsignedLeb128 } from './leb128';
import { Op, Simd, ValType } from './opcodes';

/** Block type of block/loop/if: no result. */
const EMPTY_BLOCK = 0x40;
const F64_BYTES = new Float64Array(1);
const F32_BYTES = new Float32Array(1);

/**
 * The body of one WebAssembly function: params are locals 0..n-1, `local(type)`
 * adds more. Every helper returns `this`, so code reads as a chain.
 *
 * @example
 * const c = new Code([ValType.f64, ValType.f64], [ValType.f64]);
 * c.get(0).get(1).op(Op.f64Add);
 */
export class Code {
  readonly bytes: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
  ) {}

  /** Declares a new local of `type` and returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  /** Appends a one-byte opcode (see Op). */
  op(code: number): this {
    this.bytes.push(code);
    return this;
  }

  /** Appends a SIMD opcode (0xfd prefix and its sub-opcode, see Simd). */
  simd(sub: number): this {
    this.bytes.push(0xfd);
    unsignedLeb128(sub, this.bytes);
    return this;
  }

  get(index: number): this {
    this.bytes.push(Op.localGet);
    unsignedLeb128(index, this.bytes);
    return this;
  }

  set(index: number): this {
    this.bytes.push(Op.localSet);
    unsignedLeb128(index, this.bytes);
    return this;
  }

  tee(index: number): this {
    this.bytes.push(Op.localTee);
    unsignedLeb128(index, this.bytes);
    return this;
  }

  i32(value: number): this {
    this.bytes.push(Op.i32Const);
    signedLeb128(value | 0, this.bytes);
    return this;
  }

  i64(value: number | bigint): this {
    this.bytes.push(Op.i64Const);
    signedLeb128(BigInt.asIntN(64, BigInt(value)), this.bytes);
    return this;
  }

  f64(value: number): this {
    this.bytes.push(Op.f64Const);
    F64_BYTES[0] = value;
    this.bytes.push(...new Uint8Array(F64_BYTES.buffer));
    return this;
  }

  f32(value: number): this {
    this.bytes.push(Op.f32Const);
    F32_BYTES[0] = value;
    this.bytes.push(...new Uint8Array(F32_BYTES.buffer));
    return this;
  }

  /** v128.const from 16 raw bytes. */
  v128(bytes: ArrayLike<number>): this {
    this.simd(Simd.v128Const);
    for (let i = 0; i < 16; i++) this.bytes.push(bytes[i]! & 0xff);
    return this;
  }

  /** v128.const holding `value` in both f64 lanes. */
  f64x2(value: number, value1 = value): this {
    return this.v128(new Uint8Array(new Float64Array([value, value1]).buffer));
  }

  /** v128.const holding `value` in both i64 lanes. */
  i64x2(value: bigint): this {
    return this.v128(new Uint8Array(new BigInt64Array([value, value]).buffer));
  }

  /** A memory instruction (one-byte opcode) with alignment log2 and byte offset. */
  mem(code: number, alignLog2: number, offset = 0): this {
    this.bytes.push(code);
    unsignedLeb128(alignLog2, this.bytes);
    unsignedLeb128(offset, this.bytes);
    return this;
  }

  /** A SIMD memory instruction with alignment log2 and byte offset. */
  simdMem(sub: number, alignLog2: number, offset = 0): this {
    this.simd(sub);
    unsignedLeb128(alignLog2, this.bytes);
    unsignedLeb128(offset, this.bytes);
    return this;
  }

  /** A SIMD load/store-lane instruction (memarg then lane). */
  simdMemLane(sub: number, alignLog2: number, offset: number, lane: number): this {
    this.simdMem(sub, alignLog2, offset);
    this.bytes.push(lane);
    return this;
  }

  /** A SIMD extract/replace-lane instruction. */
  lane(sub: number, lane: number): this {
    this.simd(sub);
    this.bytes.push(lane);
    return this;
  }

  /** i8x16.shuffle with 16 lane indices. */
  shuffle(lanes: readonly number[]): this {
    this.simd(Simd.i8x16Shuffle);
    for (let i = 0; i < 16; i++) this.bytes.push(lanes[i]!);
    return this;
  }

  block(): this {
    this.bytes.push(Op.block, EMPTY_BLOCK);
    return this;
  }

  loop(): this {
    this.bytes.push(Op.loop, EMPTY_BLOCK);
    return this;
  }

  /** `if` without a result. */
  if(): this {
    this.bytes.push(Op.if, EMPTY_BLOCK);
    return this;
  }

  else(): this {
    return this.op(Op.else);
  }

  end(): this {
    return this.op(Op.end);
  }

  br(depth: number): this {
    this.bytes.push(Op.br);
    unsignedLeb128(depth, this.bytes);
    return this;
  }

  brIf(depth: number): this {
    this.bytes.push(Op.brIf);
    unsignedLeb128(depth, this.bytes);
    return this;
  }

  call(funcIndex: number): this {
    this.bytes.push(Op.call);
    unsignedLeb128(funcIndex, this.bytes);
    return this;
  }

  /** The encoded body (local declarations, instructions, final `end`), without its size prefix. */
  encode(): number[] {
    const out: number[] = [];
    // Runs of equal types compress into (count, type) entries.
    const runs: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === t) last[0]++;
      else runs.push([1, t]);
    }
    unsignedLeb128(runs.length, out);
    for (const [n, t] of runs) {
      unsignedLeb128(n, out);
      out.push(t);
    }
    for (const b of this.bytes) out.push(b);
    out.push(Op.end);
    return out;
  }
}
