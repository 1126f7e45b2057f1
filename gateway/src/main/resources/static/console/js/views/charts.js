// The charts view: counts from /regulator/stats as SVG bar charts.

import { json } from '../auth.js';
import { dayColumns, fillDays, rows } from '../charts.js';
import { $ } from '../dom.js';
import * as filter from '../filter.js';
import { t } from '../i18n.js';

let stats = null;
let range = {};

export async function show() {
  const values = filter.read();
  range = { from: values.from, to: values.to };
  stats = await json(`/regulator/stats?${filter.params(filter.FOR_STATS, values)}`);
  render();
}

export function render() {
  if (!stats) return;
  const d = stats.disclosures;
  const c = stats.consents;
  $('#totals').textContent = t('charts.totals', d.total, c.granted, c.revoked, c.expired);
  Object.assign($('#totals').dataset, {
    disclosures: d.total,
    granted: c.granted,
    revoked: c.revoked,
    expired: c.expired,
  });
  // Both day charts over the same days: the filter's, else from the first event to the last.
  const days = [...d.perDay, ...c.perDay].map((r) => r.day).sort();
  const from = range.from || days[0];
  const to = range.to || days[days.length - 1];
  const perDay = fillDays(d.perDay, from, to, (day) => ({ day, count: 0 }));
  const consentDays = fillDays(c.perDay, from, to, (day) => ({
    day,
    granted: 0,
    revoked: 0,
    expired: 0,
  }));
  $('#charts').replaceChildren(
    dayColumns('chart-per-day', t('charts.perDay'), perDay, [
      { field: 'count', css: 'disclosure', label: t('type.disclosure') },
    ]),
    dayColumns('chart-consents', t('charts.consents'), consentDays, [
      { field: 'granted', css: 'granted', label: t('charts.granted') },
      { field: 'revoked', css: 'revoked', label: t('charts.revoked') },
      { field: 'expired', css: 'expired', label: t('charts.expired') },
    ]),
    rows('chart-per-purpose', t('charts.perPurpose'), d.perPurpose, 'purpose'),
    rows('chart-per-hospital', t('charts.perHospital'), d.perHospital, 'hospital', t('charts.hospitalNote')),
    rows('chart-per-recipient', t('charts.perRecipient'), d.perRecipient || [], 'recipient'),
  );
}
