// The filter form shared by the entries, the charts, the export and the compliance check.

import { $ } from './dom.js';

const FIELDS = ['type', 'from', 'to', 'hospital', 'recipient', 'purpose', 'consent', 'patient'];

/** What each API accepts of the filter. */
export const FOR_EVENTS = FIELDS;
export const FOR_STATS = ['from', 'to', 'hospital', 'recipient', 'purpose'];
export const FOR_COMPLIANCE = ['from', 'to', 'hospital'];

export function read() {
  const form = $('#filter');
  return Object.fromEntries(FIELDS.map((f) => [f, form.elements[f].value.trim()]));
}

/** Replaces the whole filter (fields not given are cleared). */
export function write(values) {
  const form = $('#filter');
  FIELDS.forEach((f) => (form.elements[f].value = values[f] || ''));
}

function nextDay(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The filter as query parameters for an API taking {@code names}. The form's end date is
 * inclusive; the APIs' {@code to} is exclusive, so it becomes the next day.
 */
export function params(names, values = read()) {
  const q = new URLSearchParams();
  for (const name of names) {
    const value = values[name];
    if (!value) continue;
    q.set(name, name === 'to' ? nextDay(value) : value);
  }
  return q;
}
