#!/usr/bin/env bash
# The Shopify Admin API 2026-10 schema (introspection JSON, ISC) ships inside @shopify/dev-mcp.
# Fetch it with a pinned `npm pack`, check its hash, and cache it outside git.
set -euo pipefail
cd "$(dirname "$0")/.."
package_version=1.16.0
schema_sha256=f3b522f264556925eada700e795e4a002a9cba83444ebcc6c0d724254a0c6593
target=.cache/shopify/admin_2026-10.json.gz
shared_cache="${XDG_CACHE_HOME:-$HOME/.cache}/orderbridge/admin_2026-10-$schema_sha256.json.gz"

verify() { echo "$schema_sha256  $1" | sha256sum --check --status; }

if [ -f "$target" ] && verify "$target"; then exit 0; fi
mkdir -p "$(dirname "$target")" "$(dirname "$shared_cache")"
if [ -f "$shared_cache" ] && verify "$shared_cache"; then
  cp "$shared_cache" "$target"
  exit 0
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && npm pack --silent "@shopify/dev-mcp@$package_version" >/dev/null)
tar -xzf "$scratch/shopify-dev-mcp-$package_version.tgz" -C "$scratch" package/dist/data/admin_2026-10.json.gz
if ! verify "$scratch/package/dist/data/admin_2026-10.json.gz"; then
  echo "admin_2026-10.json.gz from @shopify/dev-mcp@$package_version does not match the pinned sha256" >&2
  exit 1
fi
cp "$scratch/package/dist/data/admin_2026-10.json.gz" "$target"
cp "$target" "$shared_cache"
echo "Shopify Admin schema 2026-10 cached at $target"
