#!/usr/bin/env bash
# Writes deploy/compose/.env from .env.example with every empty value replaced by a fresh random secret
# (openssl rand -base64 32). Refuses to overwrite an existing .env: secrets already in use must not change silently.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -e .env ]]; then
  echo ".env exists; move it away first if you really mean to replace every secret" >&2
  exit 1
fi
umask 077
# Signing keys are Ed25519 keys (the base64 line of PKCS#8); the matching public key fills <NAME>_PUBLIC_KEY.
declare -A public
while IFS= read -r line; do
  if [[ "$line" =~ ^([A-Z0-9_]+)_SIGNING_KEY=$ ]]; then
    pem="$(openssl genpkey -algorithm ed25519)"
    public["${BASH_REMATCH[1]}"]="$(printf '%s\n' "$pem" | openssl pkey -pubout | sed -n 2p)"
    printf '%s_SIGNING_KEY=%s\n' "${BASH_REMATCH[1]}" "$(printf '%s\n' "$pem" | sed -n 2p)"
  elif [[ "$line" =~ ^([A-Z0-9_]+)_PUBLIC_KEY=$ ]]; then
    printf '%s_PUBLIC_KEY=%s\n' "${BASH_REMATCH[1]}" "${public[${BASH_REMATCH[1]}]}"
  elif [[ "$line" =~ ^([A-Z0-9_]+)=$ && "$line" != TRIBUTARY_CORS_ALLOWED_ORIGINS=* ]]; then
    printf '%s=%s\n' "${BASH_REMATCH[1]}" "$(openssl rand -base64 32)"
  else
    printf '%s\n' "$line"
  fi
done < .env.example > .env
echo "wrote $(pwd)/.env (mode 600); keep a copy of the NODE_*_PII_KEY values somewhere safe"
