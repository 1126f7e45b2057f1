// Bar charts as inline SVG, each bar labelled with its count so that the numbers are readable
// without hovering (and by tests): columns per day, rows per category.

import { el, svg } from './dom.js';
import { t } from './i18n.js';

const WIDTH = 640;

/** Every UTC day from the first to the last, so that quiet days show as gaps (at most 400). */
export function fillDays(rows, from, to, empty) {
  const days = rows.map((r) => r.day);
  const first = from || days[0];
  const last = to || days[days.length - 1];
  if (!first || !last) return rows;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out = [];
  for (let d = new Date(`${first}T00:00:00Z`); d <= new Date(`${last}T00:00:00Z`); ) {
    const day = d.toISOString().slice(0, 10);
    out.push(byDay.get(day) || empty(day));
    if (out.length > 400) return rows;
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

function frame(id, title, body, legend) {
  return el('figure', { class: 'chart', id }, el('figcaption', {}, title), legend, body);
}

function emptyChart(id, title) {
  return frame(id, title, el('p', { class: 'muted' }, t('charts.empty')));
}

/**
 * Columns per day; {@code series} names the count fields drawn side by side in each day, with
 * their CSS classes (and legend labels).
 */
export function dayColumns(id, title, days, series) {
  if (!days.length) return emptyChart(id, title);
  const height = 130;
  const top = 18;
  const bottom = 34;
  const left = 8;
  const max = Math.max(1, ...days.flatMap((d) => series.map((s) => d[s.field])));
  const slot = (WIDTH - left * 2) / days.length;
  const bar = Math.max(2, Math.min(28, (slot - 4) / series.length));
  const font = Math.max(7, Math.min(11, bar + 1));
  const every = Math.ceil(days.length / 12);
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height + top + bottom}`,
    role: 'img',
    'aria-label': title,
  });
  chart.append(svg('line', { x1: left, x2: WIDTH - left, y1: top + height, y2: top + height, class: 'axis' }));
  days.forEach((d, i) => {
    const group = svg('g', { 'data-key': d.day, class: 'day' });
    const x0 = left + i * slot + (slot - bar * series.length) / 2;
    series.forEach((s, j) => {
      const value = d[s.field];
      const h = (value / max) * height;
      const x = x0 + j * bar;
      group.append(
        svg(
          'rect',
          { x, y: top + height - h, width: bar - 1, height: h, class: `bar ${s.css}` },
          svg('title', {}, `${d.day} ${s.label}: ${value}`),
        ),
      );
      if (value > 0) {
        group.append(
          svg(
            'text',
            { x: x + bar / 2, y: top + height - h - 3, class: `count ${s.css}`, 'data-series': s.field, 'font-size': font },
            value,
          ),
        );
      }
    });
    if (i % every === 0) {
      group.append(
        svg('text', { x: left + i * slot + slot / 2, y: top + height + 14, class: 'tick' }, d.day.slice(5)),
      );
    }
    chart.append(group);
  });
  const legend =
    series.length > 1
      ? el('p', { class: 'legend' }, series.map((s) => el('span', { class: `swatch ${s.css}` }, s.label)))
      : null;
  return frame(id, title, chart, legend);
}

/** One row per key, longest first, with the count after each bar. */
export function rows(id, title, items, keyField, note) {
  if (!items.length) return emptyChart(id, title);
  const row = 20;
  const label = 130;
  const max = Math.max(1, ...items.map((r) => r.count));
  const room = WIDTH - label - 50;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${items.length * row + 4}`,
    role: 'img',
    'aria-label': title,
  });
  items.forEach((r, i) => {
    const y = i * row + 2;
    const w = Math.max(1, (r.count / max) * room);
    chart.append(
      svg(
        'g',
        { 'data-key': r[keyField], class: 'row' },
        svg('text', { x: label - 6, y: y + 14, class: 'label' }, r[keyField]),
        svg('rect', { x: label, y, width: w, height: row - 5, class: 'bar disclosure' }),
        svg('text', { x: label + w + 5, y: y + 14, class: 'count' }, r.count),
      ),
    );
  });
  return frame(id, title, chart, note ? el('p', { class: 'muted' }, note) : null);
}
