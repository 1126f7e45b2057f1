// Inclusion and consistency proofs checked exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 describe
// (the same algorithm as MerkleProofs.java). Sizes and indexes are BigInt so that the bit
// arithmetic holds past 2^31. Each check answers {ok, reason}.

import { same, sha256 } from './bytes.js';

const ZERO = Uint8Array.of(0);
const ONE = Uint8Array.of(1);

/** The RFC 6962 leaf hash, SHA-256(0x00 || data). */
export function leafHash(data) {
  return sha256(ZERO, data);
}

function node(left, right) {
  return sha256(ONE, left, right);
}

const ok = () => ({ ok: true, reason: '' });
const fail = (reason) => ({ ok: false, reason });

function badPath(path) {
  const i = path.findIndex((p) => !(p instanceof Uint8Array) || p.length !== 32);
  return i < 0 ? null : `proof element ${i} is not 32 bytes`;
}

export async function verifyInclusion(index, size, leaf, path, root) {
  let fn = BigInt(index);
  let sn = BigInt(size) - 1n;
  if (fn < 0n || fn > sn) return fail(`leaf index ${index} is not below tree size ${size}`);
  const bad = badPath(path);
  if (bad) return fail(bad);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return fail('proof too long');
    if ((fn & 1n) === 1n || fn === sn) {
      r = await node(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await node(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return fail('proof too short');
  return same(r, root) ? ok() : fail('root mismatch');
}

export async function verifyConsistency(first, second, firstRoot, secondRoot, path) {
  const m = BigInt(first);
  const n = BigInt(second);
  if (m < 0n || m > n) return fail(`tree size ${first} is larger than tree size ${second}`);
  if (m === n) {
    if (path.length) return fail('proof must be empty for equal tree sizes');
    return same(firstRoot, secondRoot) ? ok() : fail('different roots for the same tree size');
  }
  if (m === 0n) return path.length ? fail('proof must be empty from size 0') : ok();
  if (!path.length) return fail('empty proof');
  const bad = badPath(path);
  if (bad) return fail(bad);
  const c = (m & (m - 1n)) === 0n ? [firstRoot, ...path] : [...path];
  let fn = m - 1n;
  let sn = n - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = c[0];
  let sr = c[0];
  for (const p of c.slice(1)) {
    if (sn === 0n) return fail('proof too long');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await node(p, fr);
      sr = await node(p, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = await node(sr, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return fail('proof too short');
  if (!same(fr, firstRoot)) return fail('first root mismatch');
  if (!same(sr, secondRoot)) return fail('second root mismatch');
  return ok();
}
