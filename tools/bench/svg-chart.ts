/**
 * A benchmark figure as a grouped horizontal bar chart in plain SVG (no
 * plotting dependency): one group per row, one bar per series, the value at
 * the end of each bar. A log scale is used when the values span more than 50x.
 */
import type { Figure } from './report';

const COLORS = ['#2a7ab9', '#e8871e', '#5aa469', '#c2453d', '#8a6bbd', '#7f7f7f'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The SVG text of a figure's chart.
 *
 * @example
 * fs.writeFileSync('gemm.svg', svgChart(fig));
 */
export function svgChart(fig: Figure): string {
  const values = fig.rows.flatMap((r) => r.values).filter((v): v is number => v !== null && v > 0);
  const max = Math.max(...values, 1e-12);
  const min = Math.min(...values, max);
  const log = max / min > 50;
  const lo = log ? Math.log10(min) - 0.3 : 0;
  const scale = (v: number) => (log ? (Math.log10(v) - lo) / (Math.log10(max) - lo) : v / max);
  const labelW = 12 + 7 * Math.max(...fig.rows.map((r) => r.label.length), 4);
  const plotW = 460;
  const barH = 14;
  const groupH = fig.series.length * barH + 12;
  const top = 44;
  const height = top + fig.rows.length * groupH + 28;
  const width = labelW + plotW + 90;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="Helvetica,Arial,sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="13" font-weight="bold">${esc(fig.title)} (${esc(fig.unit)}, ${fig.higherIsBetter ? 'higher' : 'lower'} is better${log ? ', log scale' : ''})</text>`,
  ];
  fig.series.forEach((s, k) => {
    const x = 10 + k * 150;
    out.push(`<rect x="${x}" y="26" width="10" height="10" fill="${COLORS[k % COLORS.length]}"/><text x="${x + 14}" y="35">${esc(s)}</text>`);
  });
  fig.rows.forEach((r, i) => {
    const y0 = top + i * groupH;
    out.push(`<text x="${labelW - 6}" y="${y0 + (fig.series.length * barH) / 2 + 4}" text-anchor="end">${esc(r.label)}</text>`);
    r.values.forEach((v, k) => {
      const y = y0 + k * barH;
      if (v === null || v <= 0) {
        out.push(`<text x="${labelW + 4}" y="${y + barH - 3}" fill="#999">not measured</text>`);
        return;
      }
      const w = Math.max(1, scale(v) * plotW);
      out.push(`<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${COLORS[k % COLORS.length]}"/>`);
      out.push(`<text x="${(labelW + w + 4).toFixed(1)}" y="${y + barH - 3}">${v.toPrecision(3)}</text>`);
    });
  });
  out.push(`<line x1="${labelW}" y1="${top - 4}" x2="${labelW}" y2="${height - 24}" stroke="#444"/>`, '</svg>');
  return out.join('\n');
}
