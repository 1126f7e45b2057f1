// The console's shell: sign-in, the views behind the hash (#events, #charts, #compliance,
// #checkpoint), the shared filter, the language switch and what to say when a call fails.

import { ApiError, finishSignIn, session, signIn, signOut } from './auth.js';
import { $ } from './dom.js';
import * as filter from './filter.js';
import { has, language, onLanguageChange, setLanguage, t, translate } from './i18n.js';
import * as charts from './views/charts.js';
import * as checkpoint from './views/checkpoint.js';
import * as compliance from './views/compliance.js';
import * as events from './views/events.js';
import * as tz from './tz.js';

const VIEWS = { events, charts, compliance, checkpoint };
let loads = 0;

function current() {
  const name = location.hash.replace(/^#/, '');
  return VIEWS[name] ? name : 'events';
}

function notice(kind, text) {
  const box = $('#notice');
  box.hidden = !text;
  box.dataset.kind = kind || '';
  box.textContent = text || '';
}

function handleError(e) {
  if (e instanceof ApiError && e.kind === 'refused') {
    // A token refused once is refused everywhere: show nothing but the refusal.
    $('#app').classList.add('refused');
    notice('refused', t('refused', e.code || 'HIW', e.status));
  } else if (e instanceof ApiError && e.kind === 'expired') {
    showSignedOut(t('expired'));
  } else if (e instanceof ApiError) {
    // The server's message is English; the console says it in the reader's language when it can.
    const said = e.code && has(`error.${e.code}`) ? t(`error.${e.code}`) : e.message;
    notice('failed', t('failed', e.status, said));
  } else {
    notice('failed', t('failed', '-', e.message));
    console.error(e);
  }
}

async function route() {
  const name = current();
  document.querySelectorAll('.view').forEach((v) => (v.hidden = v.id !== `view-${name}`));
  $('#filter').hidden = name === 'checkpoint'; // the checkpoint covers the whole log
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.hash === `#${name}`));
  notice();
  const view = $(`#view-${name}`);
  view.setAttribute('aria-busy', 'true');
  try {
    await VIEWS[name].show();
    view.dataset.loaded = String(++loads); // tells the tests a load finished
  } catch (e) {
    handleError(e);
  } finally {
    view.removeAttribute('aria-busy');
  }
}

function showSignedOut(message) {
  $('#app').hidden = true;
  $('#signed-out').hidden = false;
  $('#sign-out').hidden = true;
  $('#who').textContent = '';
  $('#auth-error').textContent = message || '';
}

let expiryTimers = [];

/**
 * A minute before the token ends, say so with a button to sign in again; when it ends, show the
 * signed-out page with the reason, rather than letting the tab stop working silently.
 */
function watchExpiry() {
  expiryTimers.forEach(clearTimeout);
  const s = session();
  if (!s) return;
  const left = s.expiresAt - Date.now();
  expiryTimers = [
    setTimeout(() => {
      const box = $('#notice');
      notice('expiring', t('expiring', Math.max(0, Math.round((s.expiresAt - Date.now()) / 1000))));
      const renew = document.createElement('button');
      renew.type = 'button';
      renew.id = 'renew';
      renew.textContent = t('renew');
      renew.addEventListener('click', () => signIn());
      box.append(' ', renew);
    }, Math.max(0, left - 60_000)),
    setTimeout(() => showSignedOut(t('expired')), Math.max(0, left)),
  ];
}

function showSignedIn(user) {
  watchExpiry();
  $('#signed-out').hidden = true;
  $('#app').hidden = false;
  $('#sign-out').hidden = false;
  $('#who').textContent = t('signedInAs', user);
  route();
  // The day starts with the ledger's integrity: a banner on every view if it fails.
  compliance.checkIntegrity().catch(handleError);
}

async function start() {
  $('#lang').value = language();
  $('#tz').value = tz.current();
  $('#time-header').dataset.i18nArgs = tz.label();
  translate(document);
  $('#tz').addEventListener('change', (e) => {
    tz.set(e.target.value);
    $('#time-header').dataset.i18nArgs = tz.label();
    translate(document);
    VIEWS[current()].render();
  });
  $('#lang').addEventListener('change', (e) => setLanguage(e.target.value));
  onLanguageChange(() => {
    const s = session();
    if (s) $('#who').textContent = t('signedInAs', s.user);
    VIEWS[current()].render();
  });
  $('#sign-in').addEventListener('click', () => signIn());
  $('#sign-out').addEventListener('click', () => signOut());
  $('#filter').addEventListener('submit', (e) => {
    e.preventDefault();
    events.mark(null, []);
    route();
  });
  $('#filter-reset').addEventListener('click', () => {
    filter.write({});
    route();
  });
  events.init(handleError);
  compliance.init(handleError);
  checkpoint.init(handleError, route);
  window.addEventListener('hashchange', () => session() && route());

  try {
    await finishSignIn();
  } catch (e) {
    showSignedOut(t('signInFailed', e.message));
    return;
  }
  const s = session();
  if (s) showSignedIn(s.user);
  else showSignedOut();
}

start();
