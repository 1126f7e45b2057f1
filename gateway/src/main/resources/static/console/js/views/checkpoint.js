// The checkpoint view: the latest checkpoint verified against the published key, consistency
// with the checkpoint this browser saw last, the latest entries and inclusion on demand.

import { json } from '../auth.js';
import { $, el } from '../dom.js';
import { t } from '../i18n.js';
import { checkConsistency, latestCheckpoint, signCheckpoint, trusted } from '../ledger.js';
import { NoteError } from '../note.js';
import { showInclusion } from './inclusion.js';

const TAIL = 8;
let state = null;
let onError = () => {};

/** {@code reload} shows the view afresh, as navigating to it does. */
export function init(handleError, reload) {
  onError = handleError;
  $('#checkpoint-sign').addEventListener('click', () => signCheckpoint().then(reload, onError));
  $('#inclusion-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const index = $('#inclusion-index').value.trim();
    if (/^\d+$/.test(index)) showInclusion($('#checkpoint-inclusion'), index).catch(onError);
  });
}

export async function show() {
  $('#checkpoint-inclusion').replaceChildren();
  let verified;
  try {
    verified = await latestCheckpoint();
  } catch (e) {
    if (!(e instanceof NoteError)) throw e;
    state = { error: e };
    render();
    return;
  }
  const cp = verified.checkpoint;
  const consistency = await checkConsistency(cp, verified.key);
  const start = cp.size > BigInt(TAIL) ? cp.size - BigInt(TAIL) : 0n;
  const tail = await json(`/ledger/entries?start=${start}&end=${cp.size}`);
  state = { verified, consistency, tail };
  render();
}

function seenAt(seen) {
  return seen.seenAt.replace('T', ' ').slice(0, 19);
}

export function render() {
  if (!state) return;
  const signature = $('#cp-signature');
  if (state.error) {
    signature.dataset.status = 'failed';
    signature.className = 'bad';
    signature.textContent = `✗ ${t('checkpoint.notVerified', state.error.message)}`;
    $('#cp-details').replaceChildren();
    $('#cp-consistency').replaceChildren();
    return;
  }
  const { checkpoint: cp, key } = state.verified;
  signature.dataset.status = 'verified';
  signature.className = 'good';
  signature.textContent = `✓ ${t('checkpoint.verified')}`;
  $('#cp-details').replaceChildren(
    el('dt', {}, t('checkpoint.origin')),
    el('dd', {}, cp.origin),
    el('dt', {}, t('checkpoint.size')),
    el('dd', { id: 'cp-size' }, String(cp.size)),
    el('dt', {}, t('checkpoint.root')),
    el('dd', {}, el('code', {}, cp.rootBase64)),
    el('dt', {}, t('checkpoint.key')),
    el('dd', {}, el('code', {}, key.id)),
  );
  const c = state.consistency;
  const text = {
    first: () => t('checkpoint.first'),
    'other-log': () => t('checkpoint.otherLog', c.seen.origin),
    'other-key': () => t('checkpoint.otherKey', c.seen.keyId),
    same: () => t('checkpoint.same', String(cp.size)),
    consistent: () => t('checkpoint.consistent', c.seen.size, seenAt(c.seen), String(cp.size)),
    inconsistent: () => t('checkpoint.inconsistent', c.seen.size, c.reason),
  }[c.status]();
  const box = $('#cp-consistency');
  box.dataset.status = c.status;
  const refused = !trusted(c);
  box.className = refused ? 'bad' : c.status === 'consistent' || c.status === 'same' ? 'good' : '';
  box.textContent = (refused ? '✗ ' : c.status === 'first' ? '' : '✓ ') + text;
  $('#cp-tail').replaceChildren(
    ...state.tail
      .slice()
      .reverse()
      .map((e) =>
        el(
          'li',
          { 'data-index': e.index },
          el(
            'button',
            {
              type: 'button',
              class: 'link check-inclusion',
              onclick: () => showInclusion($('#checkpoint-inclusion'), e.index).catch(onError),
            },
            `#${e.index}`,
          ),
          ' ',
          el('code', {}, e.leafHash),
        ),
      ),
  );
}
