import type { Apply, Variable } from '../basic';

/** How debugprint names things: letters (A, B, ... BA), object ids, counters, or nothing. */
export type IdsType = 'CHAR' | 'id' | 'int' | '';

/** Letters in base 26 (A..Z, BA, BB...), as PyTensor prints ids. */
export function charId(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
}

/** Hands out one stable id per node (or owner-less variable) in order of first use. */
export class IdAssigner {
  private readonly ids = new Map<Apply | Variable, string>();

  constructor(private readonly kind: IdsType) {}

  /** The id text (`[id A]`) of `v`: by its owner node when it has one. */
  of(v: Variable): string {
    if (this.kind === '') return '';
    const key: Apply | Variable = v.owner ?? v;
    let id = this.ids.get(key);
    if (id === undefined) {
      const n = this.ids.size;
      id = this.kind === 'CHAR' ? charId(n) : this.kind === 'int' ? String(n) : String(key.id);
      this.ids.set(key, id);
    }
    return ` [id ${id}]`;
  }

  /** Whether `v` (or its owner) already has an id. */
  has(v: Variable): boolean {
    return this.ids.has(v.owner ?? v);
  }
}
