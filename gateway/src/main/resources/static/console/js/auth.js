// Sign-in as a public OAuth client (authorization code with PKCE S256) against this gateway's
// authorization server, and the staff APIs called with the access token. The token lives in
// sessionStorage only: it ends with the tab, and a staff session lasts one token.

import { sha256, toBase64Url, utf8 } from './bytes.js';

const CLIENT_ID = 'hiway-console';
const SCOPE = 'openid regulator';
const SESSION = 'hiway.console.session';
const PENDING = 'hiway.console.pending';

/** Where the gateway is mounted: everything before /console in this page's path. */
export const BASE = location.pathname.replace(/\/console(\/.*)?$/, '');
const REDIRECT_URI = `${location.origin}${BASE}/console/callback`;

/** An API call that did not succeed; {@code kind} is 'expired', 'refused' or 'failed'. */
export class ApiError extends Error {
  constructor(kind, status, code, message) {
    super(message || `${status}`);
    this.kind = kind;
    this.status = status;
    this.code = code;
  }
}

function randomText(bytes) {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Leaves for the authorization server's sign-in; the page comes back to /console/callback. */
export async function signIn() {
  const verifier = randomText(32);
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, hash: location.hash }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    state,
    code_challenge: toBase64Url(await sha256(utf8(verifier))),
    code_challenge_method: 'S256',
  });
  location.assign(`${BASE}/oauth2/authorize?${query}`);
}

/**
 * On /console/callback: checks the state, exchanges the code and keeps the token. Returns false
 * on any other page; throws with the reason when the sign-in failed.
 */
export async function finishSignIn() {
  if (!location.pathname.endsWith('/console/callback')) return false;
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${BASE}/console/${pending?.hash || ''}`);
  if (params.get('error')) throw new Error(params.get('error_description') || params.get('error'));
  if (!pending || params.get('state') !== pending.state) throw new Error('state mismatch');
  const response = await fetch(`${BASE}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: params.get('code') || '',
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.access_token) {
    throw new Error(body.error_description || body.error || `token endpoint ${response.status}`);
  }
  sessionStorage.setItem(
    SESSION,
    JSON.stringify({
      token: body.access_token,
      user: claims(body.access_token).sub || '',
      expiresAt: Date.now() + (body.expires_in || 300) * 1000,
    }),
  );
  return true;
}

/** Shown, never trusted: the server checks the token on every call. */
function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

/** The current session {token, user, expiresAt}, or null. */
export function session() {
  const s = JSON.parse(sessionStorage.getItem(SESSION) || 'null');
  return s && s.expiresAt > Date.now() ? s : null;
}

/** Forgets the token, then ends the sign-in session at the authorization server too. */
export function signOut() {
  sessionStorage.removeItem(SESSION);
  location.assign(`${BASE}/logout`);
}

/** Calls a staff API with the token; answers the Response or throws an {@link ApiError}. */
export async function call(path, { method = 'GET', accept = 'application/json' } = {}) {
  const s = session();
  if (!s) throw new ApiError('expired', 401);
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${s.token}`, Accept: accept },
  });
  if (response.ok) return response;
  let code = '';
  let message = '';
  try {
    const issue = (await response.json()).issue?.[0];
    code = issue?.details?.coding?.[0]?.code || '';
    message = issue?.diagnostics || '';
  } catch {
    // not an OperationOutcome
  }
  // A token the API no longer takes is dropped, or a refresh would offer it again.
  if (response.status === 401) sessionStorage.removeItem(SESSION);
  const kind = response.status === 401 ? 'expired' : response.status === 403 ? 'refused' : 'failed';
  throw new ApiError(kind, response.status, code, message);
}

export async function json(path, options) {
  return (await call(path, options)).json();
}

/** A public endpoint (the checkpoint, the key), fetched without the token. */
export async function publicText(path) {
  const response = await fetch(`${BASE}${path}`, { cache: 'no-store' });
  if (!response.ok) throw new ApiError('failed', response.status, '', path);
  return response.text();
}
