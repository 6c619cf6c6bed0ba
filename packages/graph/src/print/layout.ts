/**
 * A layered (Sugiyama-style) layout of a DAG for the HTML graph pictures:
 * longest-path layers from the sources, a few barycenter sweeps to reduce
 * crossings, then coordinates. Iterative and linear per sweep, so graphs of
 * many thousands of nodes lay out quickly.
 */

/** A box to place: its size and the indices of the boxes it reads from. */
export interface LayoutItem {
  readonly width: number;
  readonly height: number;
  readonly preds: readonly number[];
}

/** Where each item went (its centre), and the size of the whole picture. */
export interface Layout {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly layer: Int32Array;
  readonly width: number;
  readonly height: number;
}

const GAP_X = 24;
const GAP_Y = 56;
const MARGIN = 20;

/**
 * Lays out items given in topological order (every pred index smaller than its item's).
 *
 * @example
 * layered([{ width: 40, height: 20, preds: [] }, { width: 40, height: 20, preds: [0] }]).y; // [30, 106]
 */
export function layered(items: readonly LayoutItem[], sweeps = 4): Layout {
  const n = items.length;
  const layer = new Int32Array(n);
  let nLayers = 0;
  for (let i = 0; i < n; i++) {
    let l = 0;
    for (const p of items[i]!.preds) l = Math.max(l, layer[p]! + 1);
    layer[i] = l;
    nLayers = Math.max(nLayers, l + 1);
  }
  const rows: number[][] = Array.from({ length: nLayers }, () => []);
  for (let i = 0; i < n; i++) rows[layer[i]!]!.push(i);

  // Barycenter ordering: each item moves toward the mean position of its preds.
  const pos = new Float64Array(n);
  rows.forEach((row) => row.forEach((i, k) => (pos[i] = k)));
  const key = new Float64Array(n);
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < nLayers; l++) {
      const row = rows[l]!;
      for (const i of row) {
        const preds = items[i]!.preds;
        let sum = 0;
        for (const p of preds) sum += pos[p]!;
        key[i] = preds.length > 0 ? sum / preds.length : pos[i]!;
      }
      row.sort((a, b) => key[a]! - key[b]! || a - b);
      row.forEach((i, k) => (pos[i] = k));
    }
  }

  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const rowWidth = rows.map((row) => row.reduce((w, i) => w + items[i]!.width, 0) + GAP_X * Math.max(0, row.length - 1));
  const width = Math.max(0, ...rowWidth) + 2 * MARGIN;
  let top = MARGIN;
  rows.forEach((row, l) => {
    const h = Math.max(0, ...row.map((i) => items[i]!.height));
    let left = (width - rowWidth[l]!) / 2;
    for (const i of row) {
      x[i] = left + items[i]!.width / 2;
      y[i] = top + h / 2;
      left += items[i]!.width + GAP_X;
    }
    top += h + GAP_Y;
  });
  return { x, y, layer, width, height: Math.max(top - GAP_Y + MARGIN, 2 * MARGIN) };
}
