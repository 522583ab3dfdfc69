/**
 * Trust and the client's felt safety over the turns, with rupture episodes
 * shaded and markers labelled. Felt safety is a state the session responds to,
 * not the Safety score (100 minus harm done). The turn-by-turn review below it
 * carries the same numbers as text.
 */
import type { AttemptResult } from '../../engine/play.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 260;
const PAD = { left: 40, right: 16, top: 52, bottom: 32 };
/** Marker labels closer than this step to the side onto the next row, so they never overlap. */
const LABEL_WIDTH = 96;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

export function scoreChart(result: AttemptResult, initial: { trust: number; safety: number }, titleId: string): SVGSVGElement {
  const points = [{ trust: initial.trust, safety: initial.safety }, ...result.turns.map((t) => ({ trust: t.trust, safety: t.safety }))];
  const steps = Math.max(1, points.length - 1);
  const x = (i: number) => PAD.left + (i / steps) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / 100) * (HEIGHT - PAD.top - PAD.bottom);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': titleId, class: 'score-chart' });

  // Episodes: from the turn they opened to the turn they resolved, or to the end.
  const labelRows: number[] = [];
  for (const episode of result.episodes) {
    const end = episode.resolvedAt ?? points.length - 1;
    chart.append(svg('rect', {
      x: x(episode.openedAt), y: PAD.top, width: Math.max(4, x(end) - x(episode.openedAt)), height: HEIGHT - PAD.top - PAD.bottom,
      class: `episode ${episode.status}`,
    }));
    for (const marker of episode.markers) {
      chart.append(svg('line', { x1: x(marker.turn), x2: x(marker.turn), y1: PAD.top, y2: HEIGHT - PAD.bottom, class: 'marker-line' }));
      let row = labelRows.findIndex((end) => end < x(marker.turn));
      if (row < 0) row = labelRows.length;
      labelRows[row] = x(marker.turn) + LABEL_WIDTH;
      chart.append(svg('text', { x: x(marker.turn) + 3, y: PAD.top - 6 - 13 * row, class: 'marker-label' }, marker.marker.startsWith('wd_') ? 'withdrawal' : 'confrontation'));
    }
  }
  for (const level of [0, 50, 100]) {
    chart.append(svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(level), y2: y(level), class: 'grid' }));
    chart.append(svg('text', { x: PAD.left - 6, y: y(level) + 4, class: 'axis', 'text-anchor': 'end' }, String(level)));
  }
  points.forEach((_, i) => {
    if (i % Math.ceil(points.length / 12) === 0) chart.append(svg('text', { x: x(i), y: HEIGHT - 10, class: 'axis', 'text-anchor': 'middle' }, i === 0 ? 'start' : `${i}`));
  });
  const line = (key: 'trust' | 'safety') => points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  chart.append(svg('path', { d: line('trust'), class: 'line-trust' }));
  chart.append(svg('path', { d: line('safety'), class: 'line-safety' }));
  // Legend, top right: the dashed line is the client's felt safety, a state, not the Safety score.
  const legendX = WIDTH - PAD.right - 262;
  chart.append(svg('line', { x1: legendX, x2: legendX + 22, y1: 12, y2: 12, class: 'line-trust' }));
  chart.append(svg('text', { x: legendX + 28, y: 16, class: 'axis' }, 'trust'));
  chart.append(svg('line', { x1: legendX + 72, x2: legendX + 94, y1: 12, y2: 12, class: 'line-safety' }));
  chart.append(svg('text', { x: legendX + 100, y: 16, class: 'axis' }, 'client\'s felt safety (state)'));
  return chart;
}
