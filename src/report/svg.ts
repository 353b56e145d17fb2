import { clip, htmlText } from './escape.js';

/**
 * The pieces of the report's inline SVG charts: a fixed-size plot area, a band scale for
 * iterations, a linear scale from zero, axes with labels, and the accessible frame. Colours
 * are CSS classes (styled for light and dark in html-style.ts); no script is needed.
 */

export const WIDTH = 720;
export const HEIGHT = 312;
export const PLOT = { left: 64, right: 16, top: 48, bottom: 56 } as const;
const LEGEND_NAME = 28;
export const plotWidth = WIDTH - PLOT.left - PLOT.right;
export const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;

export const n1 = (x: number) => (Math.round(x * 10) / 10).toString();

/** Centre and width of band i of n across the plot. */
export function band(i: number, n: number): { centre: number; width: number } {
  const width = plotWidth / Math.max(1, n);
  return { centre: PLOT.left + width * (i + 0.5), width };
}

/** y of a value on a 0..max scale. */
export function yOf(value: number, max: number): number {
  return PLOT.top + plotHeight * (1 - (max <= 0 ? 0 : Math.min(1, Math.max(0, value / max))));
}

/** A round upper bound and tick step for counts (1, 2 or 5 × 10^k per step, about five ticks). */
export function countScale(max: number): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? power * 10);
  return { max: Math.ceil(max / step) * step, step };
}

/** Gridlines and labels of the y axis, with its title turned along the axis. */
export function yAxis(max: number, step: number, format: (v: number) => string, title: string): string {
  const parts: string[] = [];
  for (let v = 0; v <= max + step / 1000; v += step) {
    const y = n1(yOf(v, max));
    parts.push(`<line class="grid" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="tick" x="${PLOT.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${htmlText(format(v))}</text>`);
  }
  const mid = n1(PLOT.top + plotHeight / 2);
  parts.push(`<text class="axis-title" transform="translate(16 ${mid}) rotate(-90)" text-anchor="middle">${htmlText(title)}</text>`);
  return parts.join('');
}

/** Labels of the x axis (one per band, thinned when crowded) and its title. */
export function xAxis(labels: readonly string[], title: string): string {
  const every = Math.max(1, Math.ceil(labels.length / 24));
  const parts = [`<line class="axis" x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight}"/>`];
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    parts.push(`<text class="tick" x="${n1(band(i, labels.length).centre)}" y="${PLOT.top + plotHeight + 16}" text-anchor="middle">${htmlText(label)}</text>`);
  });
  parts.push(`<text class="axis-title" x="${n1(PLOT.left + plotWidth / 2)}" y="${HEIGHT - 12}" text-anchor="middle">${htmlText(title)}</text>`);
  return parts.join('');
}

/** The legend above the plot: a swatch (class) and a name per series, wrapped onto a second row when long. */
export function legend(items: ReadonlyArray<{ className: string; name: string }>): string {
  let x = PLOT.left;
  let y = 8;
  return items
    .map((item) => {
      const name = clip(item.name, LEGEND_NAME);
      const width = 28 + name.length * 6.5;
      if (x + width > WIDTH - PLOT.right && x > PLOT.left) {
        x = PLOT.left;
        y += 16;
      }
      const piece = `<rect class="swatch ${item.className}" x="${n1(x)}" y="${y}" width="12" height="12"/><text class="legend" x="${n1(x + 16)}" y="${y + 10}">${htmlText(name)}</text>`;
      x += width;
      return piece;
    })
    .join('');
}

/** The chart's frame: an image with a title and a description that name what it shows. */
export function svgFrame(id: string, title: string, description: string, body: string): string {
  return (
    `<svg class="chart" id="${id}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${htmlText(title)}</title><desc id="${id}-desc">${htmlText(description)}</desc>${body}</svg>`
  );
}

/** Said inside a chart with nothing to plot. */
export function emptyNote(text: string): string {
  return `<text class="empty" x="${n1(PLOT.left + plotWidth / 2)}" y="${n1(PLOT.top + plotHeight / 2)}" text-anchor="middle">${htmlText(text)}</text>`;
}
