#!/usr/bin/env bash
# Signs in through the gateway's authorization server the way a native app does (authorization
# code with PKCE S256, through the sign-in form, loopback redirect) and prints the token response
# (JSON) on stdout.
#
#   scripts/sign-in.sh username [password]          (password defaults to the username)
#
# CLIENT chooses the client (default demo-app), SCOPE the scopes (default a patient's), BASE the
# gateway (default http://localhost:8080), UNTICK the record types to untick on the authorization
# page (default none). Staff sign in through the console client:
#   CLIENT=hiway-console SCOPE='openid regulator' scripts/sign-in.sh regulator
# Needs curl and openssl.
set -euo pipefail

BASE=${BASE:-http://localhost:8080}
USERNAME=${1:?usage: sign-in.sh username [password]}
PASSWORD=${2:-$USERNAME}
CLIENT=${CLIENT:-demo-app}
SCOPE=${SCOPE:-openid fhirUser launch/patient patient/*.rs}
REDIRECT=http://127.0.0.1:8765/callback

jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

verifier=$(openssl rand 32 | b64url)
challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)
state=$(openssl rand 8 | b64url)

# 1. The authorization request; not signed in yet, so it leads to the sign-in form.
curl -s -o /dev/null -b "$jar" -c "$jar" -H 'Accept: text/html' -G "$BASE/oauth2/authorize" \
  --data-urlencode response_type=code --data-urlencode "client_id=$CLIENT" \
  --data-urlencode "redirect_uri=$REDIRECT" --data-urlencode "scope=$SCOPE" \
  --data-urlencode "state=$state" --data-urlencode "aud=$BASE/fhir" \
  --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256

# 2. The sign-in form, with its CSRF token.
csrf=$(curl -s -b "$jar" -c "$jar" "$BASE/login" |
  sed -n 's/.*name="_csrf"[^>]*value="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$csrf" ] || { echo "no sign-in form at $BASE/login" >&2; exit 1; }
back=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" -H 'Accept: text/html' \
  --data-urlencode "username=$USERNAME" --data-urlencode "password=$PASSWORD" \
  --data-urlencode "_csrf=$csrf" "$BASE/login")
case "$back" in *error*|"") echo "sign-in refused for $USERNAME" >&2; exit 1 ;; esac

# 3. Back to the authorization request, now signed in: it redirects with the code.
callback=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" -H 'Accept: text/html' "$back")

# 3b. An app the patient chose shows the authorization page first: allow what it asks for, except
#     the record types UNTICK names (space-separated, e.g. UNTICK='Observation Condition').
case "$callback" in
*/oauth2/consent*)
  page=$(curl -s -b "$jar" -c "$jar" -H 'Accept: text/html' "$callback" |
    sed -n '/id="allow"/,/<\/form>/p')
  fields=()
  while IFS=$'\t' read -r kind name value; do
    value=${value//&amp;/&}
    if [ "$kind" = checkbox ]; then
      type=${value#patient/}
      type=${type%%.*}
      case " ${UNTICK:-} " in *" $type "*) continue ;; esac
    fi
    fields+=(--data-urlencode "$name=$value")
  done < <(printf '%s\n' "$page" | grep -o '<input type="[a-z]*" name="[^"]*"[^>]*value="[^"]*"' |
    sed 's/<input type="\([a-z]*\)" name="\([^"]*\)".*value="\([^"]*\)"/\1\t\2\t\3/')
  callback=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" \
    -H 'Accept: text/html' "${fields[@]}" "$BASE/oauth2/authorize")
  ;;
esac
code=$(printf '%s' "$callback" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
[ -n "$code" ] || { echo "no authorization code (got: $callback)" >&2; exit 1; }

# 4. The code and the PKCE verifier for tokens.
tokens=$(curl -s "$BASE/oauth2/token" -d grant_type=authorization_code \
  --data-urlencode "client_id=$CLIENT" --data-urlencode "code=$code" \
  --data-urlencode "redirect_uri=$REDIRECT" --data-urlencode "code_verifier=$verifier")
case "$tokens" in *access_token*) ;; *) echo "token request failed: $tokens" >&2; exit 1 ;; esac
printf '%s\n' "$tokens"
