export interface Bar {
  label: string;
  value: number;
  /** The value as shown beside the bar (e.g. "42%", "Rp 1.500.000"). */
  display: string;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

// About one unit per CSS pixel on a 360 px phone, so labels stay readable there.
const ROW = 24;
const LABEL_WIDTH = 96;
const BAR_WIDTH = 140;
const WIDTH = 360;

/**
 * A horizontal bar chart as inline SVG in a captioned figure, drawn on the server: no
 * JavaScript, scales with its viewBox, and reads aloud through its <title>, <desc> and text labels.
 */
export function barChart(options: { id: string; title: string; desc: string; bars: Bar[]; max?: number }): string {
  const { id, bars } = options;
  const max = Math.max(options.max ?? 0, ...bars.map((b) => b.value), 1);
  const height = Math.max(1, bars.length) * ROW + 8;
  const rows = bars.map((bar, i) => {
    const y = 4 + i * ROW;
    const width = Math.round((Math.max(0, bar.value) / max) * BAR_WIDTH);
    return (
      `<g><text x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end" class="chart-label">${escapeXml(bar.label)}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${width}" height="${ROW - 8}" rx="3" class="chart-bar"/>` +
      `<text x="${LABEL_WIDTH + width + 6}" y="${y + 17}" class="chart-value">${escapeXml(bar.display)}</text></g>`
    );
  });
  return (
    `<figure class="curation-chart"><figcaption>${escapeXml(options.title)}</figcaption>` +
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeXml(options.title)}</title><desc id="${id}-desc">${escapeXml(options.desc)}</desc>` +
    rows.join('') +
    `</svg></figure>`
  );
}
