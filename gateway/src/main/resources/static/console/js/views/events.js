// The entries view: the ledger searched with the filter, a page at a time, with an inclusion
// check per entry and the export of the whole selection.

import { call, json } from '../auth.js';
import { $, el } from '../dom.js';
import * as filter from '../filter.js';
import { language, t } from '../i18n.js';
import * as tz from '../tz.js';
import { showInclusion } from './inclusion.js';

const PAGE = 50;
let pages = [-1]; // the "after" of each page seen, for going back
let answer = null;
let marked = { index: null, related: [] };
let onError = () => {};

/** Entries to mark when the list shows next: a violation and the entries of its consent. */
export function mark(index, related) {
  marked = { index, related };
}

export function init(handleError) {
  onError = handleError;
  $('#export-csv').addEventListener('click', () => exportAs('csv').catch(onError));
  $('#export-ndjson').addEventListener('click', () => exportAs('ndjson').catch(onError));
  $('#events-prev').addEventListener('click', () => {
    pages.pop();
    load().catch(onError);
  });
  $('#events-next').addEventListener('click', () => {
    pages.push(answer.events[answer.events.length - 1].index);
    load().catch(onError);
  });
}

export async function show() {
  pages = [-1];
  $('#inclusion').replaceChildren();
  await loadHospitalNames();
  await load();
}

async function load() {
  const q = filter.params(filter.FOR_EVENTS);
  q.set('_count', String(PAGE));
  const after = pages[pages.length - 1];
  if (after >= 0) q.set('after', String(after));
  answer = await json(`/regulator/events?${q}`);
  render();
}

export function render() {
  if (!answer) return;
  const events = answer.events;
  const body = $('#events tbody');
  body.replaceChildren(...events.map(row));
  $('#events-empty').hidden = events.length > 0;
  $('#events-page').textContent = events.length
    ? t('events.page', events.length, events[0].index, events[events.length - 1].index)
    : '';
  $('#events-prev').disabled = pages.length <= 1;
  $('#events-next').disabled = !answer.next;
}

function list(value) {
  return Array.isArray(value) ? value.join(' ') : value || '';
}

// Hospital names by code, fetched once: shown beside the codes.
let hospitalNames = null;

async function loadHospitalNames() {
  if (hospitalNames) return;
  try {
    const all = await json('/regulator/hospitals');
    hospitalNames = Object.fromEntries(all.map((h) => [h.code, h]));
  } catch {
    hospitalNames = {}; // the codes alone still say which hospital
  }
}

/** A long list (a disclosure from many hospitals) folded behind its count; short ones as they are. */
function folded(text, count, key) {
  if (count <= 4) return text;
  return el('details', { class: 'folded' }, el('summary', {}, t(key, count)), text);
}

/** "snuh (서울대학교병원)" in Korean, "snuh (Seoul National University Hospital)" in English. */
function hospitalList(codes) {
  return codes
    .map((c) => {
      const h = hospitalNames && hospitalNames[c];
      const name = h ? (language() === 'en' ? h.nameEn : h.nameKo) : null;
      return name ? `${c} (${name})` : c;
    })
    .join(', ');
}

function filterBy(field, value) {
  return el(
    'button',
    {
      type: 'button',
      class: 'link',
      title: value,
      onclick: () => {
        filter.write({ [field]: value });
        show().catch(onError);
      },
    },
    value,
  );
}

function row(e) {
  const x = e.entry;
  const classes = [
    e.index === marked.index ? 'violation' : '',
    marked.related.includes(e.index) ? 'related' : '',
    e.intact === false || x.type === 'unreadable' ? 'broken' : '',
  ].join(' ');
  const hospitals = x.hospitalCodes
    ? x.hospitalCodes.length
      ? folded(hospitalList(x.hospitalCodes), x.hospitalCodes.length, 'events.hospitalsFolded')
      : x.type === 'consent-granted'
        ? t('events.allHospitals')
        : ''
    : '';
  return el(
    'tr',
    { 'data-index': e.index, 'data-type': x.type, class: classes.trim() || null },
    el('td', { class: 'num' }, e.index),
    el('td', { class: 'time', title: x.time || '' }, tz.format(x.time)),
    el('td', {}, el('span', { class: `badge ${x.type}` }, t(`type.${x.type}`))),
    el('td', { class: 'id' }, x.consentId ? filterBy('consent', x.consentId) : ''),
    el('td', { class: 'id' }, x.patient ? filterBy('patient', x.patient) : ''),
    el('td', {}, x.recipient || x.actor || ''),
    el('td', {}, x.purpose || list(x.purposes)),
    el('td', {}, folded(list(x.resourceTypes), (x.resourceTypes || []).length, 'events.typesFolded')),
    el('td', { class: 'hospitals' }, hospitals),
    el(
      'td',
      {},
      el(
        'button',
        {
          type: 'button',
          class: 'check-inclusion',
          onclick: () => showInclusion($('#inclusion'), e.index).catch(onError),
        },
        t('events.check'),
      ),
    ),
  );
}

/** The whole selection from the export API, saved as a file. */
async function exportAs(format) {
  const q = filter.params(filter.FOR_EVENTS);
  q.set('format', format);
  const accept = format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const blob = await (await call(`/regulator/export?${q}`, { accept })).blob();
  const name = `consent-ledger.${format}`;
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  const status = $('#export-status');
  status.dataset.format = format;
  status.dataset.bytes = String(blob.size);
  status.textContent = t('export.done', name, blob.size);
}
