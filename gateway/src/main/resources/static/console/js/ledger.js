// Verifying the ledger in the page: the latest checkpoint against the published key, consistency
// with the checkpoint this browser saw last, and inclusion of one entry.

import { fromBase64, toBase64 } from './bytes.js';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { openCheckpoint, parseKey } from './note.js';
import { call, json, publicText } from './auth.js';

const SEEN = 'hiway.console.checkpoint';

/** Whether a consistency status lets the checkpoint be relied on. */
export function trusted(consistency) {
  return ['first', 'same', 'consistent'].includes(consistency.status);
}

/** The latest checkpoint, verified: {checkpoint, key, note}; throws a NoteError if it fails. */
export async function latestCheckpoint() {
  const [keyText, note] = await Promise.all([publicText('/ledger/key'), publicText('/ledger/checkpoint')]);
  const key = await parseKey(keyText);
  return { checkpoint: await openCheckpoint(note, key), key, note };
}

/** Signs a checkpoint of the log as it is now (regulators may). */
export async function signCheckpoint() {
  await call('/ledger/checkpoint', { method: 'POST', accept: 'text/plain' });
}

/**
 * Compares a verified checkpoint with the one this browser saw last and, when the log grew,
 * checks the consistency proof between the two. Answers {status, seen, reason} with status
 * 'first', 'other-key', 'other-log', 'same', 'consistent' or 'inconsistent'. The baseline
 * remembers the log and its key: a checkpoint of another log, or one signed by another key, is
 * refused like an inconsistent one and the baseline is kept (a substituted key with a matching
 * checkpoint must not pass).
 */
export async function checkConsistency(cp, key) {
  const seen = JSON.parse(localStorage.getItem(SEEN) || 'null');
  const keep = () =>
    localStorage.setItem(
      SEEN,
      JSON.stringify({
        origin: cp.origin,
        keyId: key.id,
        size: String(cp.size),
        root: cp.rootBase64,
        seenAt: new Date().toISOString(),
      }),
    );
  if (!seen) {
    keep();
    return { status: 'first' };
  }
  if (seen.keyId && seen.keyId !== key.id) {
    return { status: 'other-key', seen };
  }
  if (seen.origin !== cp.origin) {
    return { status: 'other-log', seen };
  }
  const first = BigInt(seen.size);
  let result;
  if (first > cp.size) {
    result = { ok: false, reason: `the log shrank from ${first} to ${cp.size} entries` };
  } else {
    const proof = await json(`/ledger/proof/consistency?first=${first}&second=${cp.size}`);
    result = await verifyConsistency(first, cp.size, fromBase64(seen.root), cp.root, proof.path.map(fromBase64));
  }
  if (!result.ok) return { status: 'inconsistent', seen, reason: result.reason };
  keep();
  return { status: first === cp.size ? 'same' : 'consistent', seen };
}

/**
 * Checks that entry {@code index} is in the checkpoint: its data fetched, its leaf hash
 * recomputed, the inclusion proof's path folded up to the checkpoint's root. Answers {status,
 * leaf, path, reason} with status 'ok', 'bad' or 'not-yet' (the entry is newer than the
 * checkpoint).
 */
export async function checkInclusion(index, cp) {
  const i = BigInt(index);
  if (i >= cp.size) return { status: 'not-yet' };
  const [entry] = await json(`/ledger/entries?start=${i}&end=${i + 1n}`);
  const leaf = await leafHash(fromBase64(entry.data));
  if (toBase64(leaf) !== entry.leafHash) {
    return { status: 'bad', leaf, path: [], reason: 'the entry data does not hash to its leaf hash' };
  }
  const proof = await json(`/ledger/proof/inclusion?index=${i}&treeSize=${cp.size}`);
  const path = proof.path.map(fromBase64);
  const result = await verifyInclusion(i, cp.size, leaf, path, cp.root);
  return { status: result.ok ? 'ok' : 'bad', leaf, path, reason: result.reason };
}
