// The compliance view: every disclosure checked against the log; each violation opens the
// entries of its consent, the violating one marked.

import { json } from '../auth.js';
import { $, el } from '../dom.js';
import * as filter from '../filter.js';
import { t } from '../i18n.js';
import * as events from './events.js';

let report = null;
let audit = null;
let onError = () => {};

export function init(handleError) {
  onError = handleError;
  $('#compliance-run').addEventListener('click', () => show().catch(onError));
  $('#integrity-run').addEventListener('click', () => checkIntegrity().catch(onError));
}

export async function show() {
  report = await json(`/regulator/compliance?${filter.params(filter.FOR_COMPLIANCE)}`);
  if (report.integrity) audit = report.integrity;
  render();
}

/** A full audit of the ledger (every entry recomputed); the banner follows its verdict. */
export async function checkIntegrity() {
  audit = await json('/regulator/integrity');
  render();
  return audit;
}

function renderIntegrity() {
  const banner = $('#integrity-banner');
  const summary = $('#integrity-summary');
  const table = $('#integrity-problems');
  if (!audit) {
    banner.hidden = true;
    return;
  }
  banner.hidden = audit.intact;
  banner.textContent = audit.intact ? '' : t('integrity.banner');
  summary.className = audit.intact ? 'good' : 'bad';
  summary.dataset.intact = String(audit.intact);
  summary.textContent = audit.intact
    ? t('integrity.ok', audit.entries, audit.tookMs)
    : t('integrity.bad', audit.problemCount, audit.entries, audit.cosignedSize);
  table.hidden = audit.problems.length === 0;
  table.querySelector('tbody').replaceChildren(
    ...audit.problems.map((p) =>
      el(
        'tr',
        { class: 'problem', 'data-kind': p.kind, 'data-index': p.index },
        el('td', {}, p.kind),
        el('td', {}, p.lastIndex != null ? `#${p.index}–#${p.lastIndex}` : `#${p.index}`),
        el('td', { class: 'hash' }, p.storedHash || '-'),
        el('td', { class: 'hash' }, p.recomputedHash || '-'),
      ),
    ),
  );
}

/** The consent's whole history (not only the filtered range), the violating entry marked. */
function open(v) {
  filter.write({ consent: v.consentId });
  events.mark(v.index, v.related);
  location.hash = '#events';
}

export function render() {
  renderIntegrity();
  if (!report) return;
  const summary = $('#compliance-summary');
  summary.textContent = t('compliance.summary', report.checked, report.violations.length);
  summary.className = report.compliant ? 'good' : 'bad';
  summary.dataset.checked = report.checked;
  summary.dataset.violations = report.violations.length;
  $('#violations').replaceChildren(
    ...(report.compliant
      ? [el('li', { class: 'good' }, t('compliance.ok'))]
      : report.violations.map((v) =>
          el(
            'li',
            { class: 'violation', 'data-index': v.index, 'data-consent': v.consentId },
            el(
              'button',
              { type: 'button', class: 'link open-violation', onclick: () => open(v) },
              t('compliance.violation', v.index, v.consentId),
            ),
            el('ul', { class: 'problems' }, v.problems.map((p) => el('li', {}, p))),
            v.related.length
              ? el('p', { class: 'muted' }, t('compliance.related', v.related.map((i) => `#${i}`).join(', ')))
              : null,
          ),
        )),
  );
}
