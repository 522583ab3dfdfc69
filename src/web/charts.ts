/**
 * The programme page's charts, drawn by Chart.js (with its matrix plugin for the
 * heatmap). Each chart is a canvas with a role and a one-sentence summary for
 * screen readers; the numbers behind it are always in a table beside it.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import type { ChartConfiguration } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { h } from '../browser/dom.js';

Chart.register(BarController, BarElement, CategoryScale, LineController, LineElement, LinearScale, PointElement, Legend, Tooltip, MatrixController, MatrixElement);
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.color = '#26231f';
// The page changes with the filter; charts appear at once rather than animating each time.
Chart.defaults.animation = false;

/** Trust, safety and repair keep the game's colours; cohorts take a palette that stays apart for common colour blindness. */
export const SCORE_COLOURS = { trust: '#2f6b5a', safety: '#8a4b1d', repair: '#1f5fbf' } as const;
export const SERIES_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#000000', '#7a5195'];

const charts = new WeakMap<HTMLCanvasElement, Chart>();

/** A canvas that screen readers announce by `summary`; an old chart on it is replaced. */
function chartOn(canvas: HTMLCanvasElement, config: ChartConfiguration): void {
  charts.get(canvas)?.destroy();
  charts.set(canvas, new Chart(canvas, config));
}

export function chartFigure(summary: string, height = 18): { figure: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas', { role: 'img', 'aria-label': summary });
  const figure = h('div', { class: 'chart', style: `height: ${height}rem` }, canvas);
  return { figure, canvas };
}

export interface Series {
  readonly label: string;
  readonly colour: string;
  readonly points: readonly { readonly x: number; readonly y: number | null }[];
}

const dayLabel = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** Scores (0–100) over time, across the range shown (times in ms). */
export function timeLines(canvas: HTMLCanvasElement, series: readonly Series[], range: { readonly from: number; readonly to: number }): void {
  chartOn(canvas, {
    type: 'line',
    data: {
      datasets: series.map((s) => ({
        label: s.label, data: s.points.map((p) => ({ x: p.x, y: p.y })), borderColor: s.colour, backgroundColor: s.colour,
        spanGaps: true, tension: 0, pointRadius: 3,
      })),
    },
    options: {
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: { type: 'linear', min: range.from, max: range.to, ticks: { callback: (value) => dayLabel(Number(value)), maxTicksLimit: 8 } },
        y: { min: 0, max: 100, title: { display: true, text: 'Score (0–100)' } },
      },
      plugins: { tooltip: { callbacks: { title: (items) => (items[0] ? dayLabel(items[0].parsed.x ?? 0) : '') } } },
    },
  });
}

/** One horizontal bar per row, stacked by part (e.g. done, overdue, open), as percentages. */
export function stackedBars(canvas: HTMLCanvasElement, rows: readonly string[], parts: readonly { readonly label: string; readonly colour: string; readonly values: readonly number[] }[]): void {
  chartOn(canvas, {
    type: 'bar',
    data: { labels: [...rows], datasets: parts.map((p) => ({ label: p.label, data: [...p.values], backgroundColor: p.colour })) },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: { x: { stacked: true, min: 0, max: 100, title: { display: true, text: '% of assignments due' } }, y: { stacked: true } },
    },
  });
}

/**
 * Colour for a recognition rate: red at half the time or less, through amber, to
 * green at every time. Below a half the scale stays red: a marker missed as
 * often as it is met needs attention however rarely it is missed beyond that.
 */
const RATE_FLOOR = 0.5;
export function rateColour(rate: number | null): string {
  if (rate === null) return '#ece6de';
  const share = Math.max(0, Math.min(1, (rate - RATE_FLOOR) / (1 - RATE_FLOOR)));
  return `hsl(${Math.round(120 * share)} 60% ${share < 0.5 ? 70 : 62}%)`;
}

/** Writes each matrix cell's percentage on it, so the heatmap reads without colour too. */
const cellLabels = {
  id: 'securebase-cell-labels',
  afterDatasetsDraw(chart: Chart) {
    const { ctx } = chart;
    const meta = chart.getDatasetMeta(0);
    if (meta.type !== 'matrix') return;
    ctx.save();
    ctx.fillStyle = '#1b1916';
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    meta.data.forEach((element, index) => {
      const raw = chart.data.datasets[0]!.data[index] as unknown as { v: number };
      const { x, y, width, height } = element.getProps(['x', 'y', 'width', 'height']) as { x: number; y: number; width: number; height: number };
      // The matrix element's x and y are its top-left corner.
      ctx.fillText(`${Math.round(raw.v * 100)}%`, x + width / 2, y + height / 2);
    });
    ctx.restore();
  },
};

export interface HeatCell {
  readonly row: string;
  readonly column: string;
  /** 0 to 1, or null where nothing was met. */
  readonly rate: number | null;
  readonly met: number;
}

/** Rows × columns, each cell coloured by its rate. */
export function heatmap(canvas: HTMLCanvasElement, rows: readonly string[], columns: readonly string[], cells: readonly HeatCell[]): void {
  chartOn(canvas, {
    type: 'matrix',
    plugins: [cellLabels],
    data: {
      datasets: [{
        label: 'Recognition rate',
        // Cells where the marker was never met are left out, so they show as blank.
        data: cells.filter((c) => c.rate !== null).map((c) => ({ x: c.column, y: c.row, v: c.rate!, met: c.met })),
        backgroundColor: (context: { raw: unknown }) => rateColour((context.raw as { v: number } | undefined)?.v ?? null),
        borderColor: '#fffdf9',
        borderWidth: 1,
        width: ({ chart }) => (chart.chartArea?.width ?? 0) / columns.length - 1,
        height: ({ chart }) => (chart.chartArea?.height ?? 0) / rows.length - 1,
      }],
    },
    options: {
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item) => {
              const raw = item.raw as { x: string; y: string; v: number; met: number };
              return `${raw.y}, ${raw.x}: recognised ${Math.round(raw.v * 100)}% of ${raw.met} times`;
            },
          },
        },
      },
      scales: {
        x: { type: 'category', labels: [...columns], offset: true, grid: { display: false }, ticks: { autoSkip: false, maxRotation: 60, minRotation: 45 } },
        y: { type: 'category', labels: [...rows], offset: true, grid: { display: false } },
      },
    },
  });
}
