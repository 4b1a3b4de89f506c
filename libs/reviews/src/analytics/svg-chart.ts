export interface ChartPoint {
  label: string;
  value: number;
}

export interface BarChartInput {
  /** Unique within the page: links the SVG to its title and description. */
  id: string;
  title: string;
  description: string;
  points: ChartPoint[];
  /** How a value is written in labels and tooltips (e.g. "Rp 150.000"). */
  format: (value: number) => string;
}

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 28, right: 8, bottom: 40, left: 8 };

/**
 * A server-rendered bar chart: plain SVG (no script), scaled by its viewBox so it fits a
 * 360 px phone, named for screen readers by <title>/<desc>, each bar with its own <title>.
 * Every text is escaped here, because the result is inserted into the page as markup.
 */
export function barChart(input: BarChartInput): string {
  const id = escapeXml(input.id);
  const max = Math.max(1, ...input.points.map((p) => p.value));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / Math.max(1, input.points.length);
  const barWidth = Math.max(1, slot * 0.8);
  // Label at most ~6 bars so the axis stays readable on a phone with 30 or 700 days.
  const labelEvery = Math.max(1, Math.ceil(input.points.length / 6));
  const bars = input.points
    .map((point, i) => {
      const height = (point.value / max) * plotHeight;
      const x = PAD.left + i * slot + (slot - barWidth) / 2;
      const y = PAD.top + plotHeight - height;
      const label =
        i % labelEvery === 0
          ? `<text x="${Math.min(WIDTH - 32, Math.max(PAD.left + 32, x + barWidth / 2)).toFixed(1)}" y="${HEIGHT - PAD.bottom + 24}" text-anchor="middle" class="chart-label">${escapeXml(point.label)}</text>`
          : '';
      return `<g><title>${escapeXml(`${point.label}: ${input.format(point.value)}`)}</title><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" class="chart-bar"/>${label}</g>`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" class="chart" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(input.title)}</title><desc id="${id}-desc">${escapeXml(input.description)}</desc>` +
    `<line x1="${PAD.left}" y1="${HEIGHT - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${HEIGHT - PAD.bottom}" class="chart-axis"/>` +
    `<text x="${PAD.left}" y="${PAD.top - 8}" class="chart-label">${escapeXml(input.format(max))}</text>` +
    bars +
    `</svg>`
  );
}
