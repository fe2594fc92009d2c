#!/usr/bin/env bash
# Idempotent local set-up, run before `npm start` and `npm test`: the Temporal CLI (unless
# TEMPORAL_ADDRESS or TEMPORAL_CLI_PATH is set), the Shopify Admin schema, and a running PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TEMPORAL_ADDRESS:-}" ] && [ -z "${TEMPORAL_CLI_PATH:-}" ]; then
  bash scripts/ensure-temporal-cli.sh
fi
bash scripts/fetch-shopify-schema.sh
bash scripts/ensure-postgres.sh
