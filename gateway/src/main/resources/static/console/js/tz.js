// The time zone the console shows times in: Korea's (KST) by default, UTC on request. The API
// speaks UTC (ISO 8601 with Z); only what is shown changes.

const STORE = 'hiway.console.tz';
let zone = localStorage.getItem(STORE) === 'UTC' ? 'UTC' : 'Asia/Seoul';

export function current() {
  return zone;
}

export function label() {
  return zone === 'UTC' ? 'UTC' : 'KST';
}

export function set(next) {
  zone = next === 'UTC' ? 'UTC' : 'Asia/Seoul';
  localStorage.setItem(STORE, zone);
}

/** An ISO 8601 instant as "YYYY-MM-DD HH:mm:ss" in the chosen zone; '' for none. */
export function format(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Swedish writes dates as ISO 8601 does.
  return d.toLocaleString('sv-SE', { timeZone: zone, hour12: false });
}
