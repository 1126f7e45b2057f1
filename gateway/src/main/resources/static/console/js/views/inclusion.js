// The result of an inclusion check, as a block of text with the hashes it used.

import { toBase64 } from '../bytes.js';
import { el } from '../dom.js';
import { t } from '../i18n.js';
import { checkConsistency, checkInclusion, latestCheckpoint, signCheckpoint, trusted } from '../ledger.js';

/** Checks entry {@code index} against the latest verified checkpoint and shows it in {@code box}. */
export async function showInclusion(box, index) {
  delete box.dataset.status;
  box.replaceChildren(el('p', { class: 'muted' }, t('loading')));
  const { checkpoint, key } = await latestCheckpoint();
  // Only a checkpoint consistent with the one this browser accepted before: a forked log signed
  // with any key would otherwise prove inclusion in itself.
  const consistency = await checkConsistency(checkpoint, key);
  if (!trusted(consistency)) {
    box.dataset.status = 'untrusted';
    box.dataset.index = String(index);
    box.replaceChildren(el('p', { class: 'bad' }, '✗ ', t('inclusion.untrusted', index)));
    return;
  }
  const result = await checkInclusion(index, checkpoint);
  const size = String(checkpoint.size);
  const parts = [];
  if (result.status === 'ok') {
    parts.push(el('p', { class: 'good' }, '✓ ', t('inclusion.ok', index, size, result.path.length)));
  } else if (result.status === 'not-yet') {
    parts.push(
      el('p', { class: 'warn' }, t('inclusion.notYet', index, size)),
      el(
        'button',
        {
          type: 'button',
          class: 'sign-checkpoint',
          onclick: async () => {
            await signCheckpoint();
            await showInclusion(box, index);
          },
        },
        t('checkpoint.sign'),
      ),
    );
  } else {
    parts.push(el('p', { class: 'bad' }, '✗ ', t('inclusion.bad', index, result.reason)));
  }
  if (result.leaf) {
    parts.push(
      el(
        'dl',
        { class: 'hashes' },
        el('dt', {}, t('inclusion.leaf')),
        el('dd', {}, el('code', {}, toBase64(result.leaf))),
        el('dt', {}, t('checkpoint.root')),
        el('dd', {}, el('code', {}, checkpoint.rootBase64)),
        result.path.map((p, i) => [el('dt', {}, `path[${i}]`), el('dd', {}, el('code', {}, toBase64(p)))]),
      ),
    );
  }
  box.dataset.status = result.status;
  box.dataset.index = String(index);
  box.replaceChildren(...parts);
}
