#!/usr/bin/env bash
# Signs in as a demo patient the way a SMART app does (standalone launch: authorization code with
# PKCE S256, through the sign-in form; see sign-in.sh) and fetches the patient's records from every
# hospital.
#
#   scripts/fetch-everything.sh [username] [password]      (default: patient47 patient47)
#
# Needs curl and openssl. BASE overrides the gateway address (default http://localhost:8080);
# SCOPE the scopes asked for. Prints the token response's patient id on stderr and the Bundle on
# stdout.
set -euo pipefail

BASE=${BASE:-http://localhost:8080}
USERNAME=${1:-patient47}
PASSWORD=${2:-$USERNAME}
export BASE CLIENT=demo-app SCOPE=${SCOPE:-openid fhirUser launch/patient patient/*.rs}

tokens=$("$(dirname "$0")/sign-in.sh" "$USERNAME" "$PASSWORD")
access=$(printf '%s' "$tokens" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
patient=$(printf '%s' "$tokens" | sed -n 's/.*"patient":"\([^"]*\)".*/\1/p')
[ -n "$access" ] && [ -n "$patient" ] || { echo "no patient context: $tokens" >&2; exit 1; }
echo "signed in as $USERNAME: Patient/$patient" >&2

# Everything, from every hospital, in one call.
[ -n "${TOKEN_OUT:-}" ] && echo "$access $patient" > "$TOKEN_OUT"
curl -s -H "Authorization: Bearer $access" -H 'Accept: application/fhir+json' \
  "$BASE/fhir/Patient/$patient/\$everything?_count=1000"
echo
