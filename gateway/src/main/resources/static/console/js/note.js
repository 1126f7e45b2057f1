// C2SP signed notes and checkpoints, verified with Ed25519 through WebCrypto: the format of
// NoteVerifier.java, SignedNote.java and NoteKeys.java.

import { fromBase64, same, sha256, toHex, utf8 } from './bytes.js';

const DASH = '\u2014 ';
const ED25519 = 0x01;

/** A problem with a key, a note or a checkpoint; {@code reason} is one of the keys below. */
export class NoteError extends Error {
  constructor(reason, detail) {
    super(`${reason}: ${detail}`);
    this.reason = reason; // 'malformed-key' | 'malformed-note' | 'unknown-key' | 'bad-signature'
    this.detail = detail;
  }
}

/** The first four bytes of SHA-256(name || "\n" || 0x01 || public key). */
async function keyHash(name, publicKey) {
  return (await sha256(utf8(name), Uint8Array.of(0x0a, ED25519), publicKey)).slice(0, 4);
}

/** Parses and checks a verifier key {@code <name>+<hex8>+<base64(0x01 || key)>}. */
export async function parseKey(verifierKey) {
  const text = verifierKey.trim();
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new NoteError('malformed-key', text);
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  if (!/^[0-9a-f]{8}$/.test(hex) || /\s/.test(name)) throw new NoteError('malformed-key', text);
  let raw;
  try {
    raw = fromBase64(text.slice(second + 1));
  } catch {
    throw new NoteError('malformed-key', text);
  }
  if (raw.length !== 33 || raw[0] !== ED25519) throw new NoteError('malformed-key', 'not Ed25519');
  const publicKey = raw.slice(1);
  const hash = await keyHash(name, publicKey);
  if (toHex(hash) !== hex) throw new NoteError('malformed-key', 'key hash does not match');
  const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, [
    'verify',
  ]);
  return { name, hash, hashHex: hex, key, id: `${name}+${hex}` };
}

/** Splits a note into its text (up to and including the last newline before the blank line) and signatures. */
export function parseNote(note) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed-note', 'no blank line before the signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw new NoteError('malformed-note', 'signature block must end with a newline');
  const signatures = block
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      if (!line.startsWith(DASH)) throw new NoteError('malformed-note', `bad signature line: ${line}`);
      const [name, b64, extra] = line.slice(DASH.length).split(' ');
      if (!name || !b64 || extra !== undefined) throw new NoteError('malformed-note', line);
      let blob;
      try {
        blob = fromBase64(b64);
      } catch {
        throw new NoteError('malformed-note', `signature is not base64: ${line}`);
      }
      if (blob.length < 5) throw new NoteError('malformed-note', `signature too short: ${line}`);
      return { name, hash: blob.slice(0, 4), signature: blob.slice(4) };
    });
  return { text, signatures };
}

/**
 * Verifies a note against a parsed key and returns its text. Signatures by other keys are
 * ignored, as the format requires; one of this key's must be there and verify.
 */
export async function openNote(note, key) {
  const { text, signatures } = parseNote(note);
  const bytes = utf8(text);
  let verified = false;
  for (const s of signatures) {
    if (s.name !== key.name || !same(s.hash, key.hash)) continue;
    const good =
      s.signature.length === 64 &&
      (await crypto.subtle.verify({ name: 'Ed25519' }, key.key, s.signature, bytes));
    if (!good) throw new NoteError('bad-signature', key.id);
    verified = true;
  }
  if (!verified) throw new NoteError('unknown-key', key.id);
  return text;
}

/** Parses a tlog-checkpoint body: origin, size, base64 root hash (extension lines ignored). */
export function parseCheckpoint(text) {
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3 || !/^(0|[1-9][0-9]{0,18})$/.test(lines[1])) {
    throw new NoteError('malformed-note', 'not a checkpoint');
  }
  const root = fromBase64(lines[2]);
  if (root.length !== 32) throw new NoteError('malformed-note', 'root is not 32 bytes');
  return { origin: lines[0], size: BigInt(lines[1]), root, rootBase64: lines[2] };
}

/** Verifies a signed checkpoint note and returns the checkpoint. */
export async function openCheckpoint(note, key) {
  return parseCheckpoint(await openNote(note, key));
}

