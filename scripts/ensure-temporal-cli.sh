#!/usr/bin/env bash
# Puts the Temporal CLI at .tools/bin/temporal: from the shared cache (~/.cache/orderbridge) when an
# earlier clone built it, else with `go install` (several minutes the first time), then caches it.
set -euo pipefail
cd "$(dirname "$0")/.."
version=v1.5.1
target=.tools/bin/temporal
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/orderbridge"
cached="$cache_dir/temporal-$version"

if [ -x "$target" ]; then exit 0; fi
mkdir -p .tools/bin "$cache_dir"
# Clones set up side by side build the CLI once: the others wait here, then copy the cached binary.
exec 9>"$cache_dir/temporal-$version.lock"
flock 9
if [ -x "$cached" ]; then
  cp "$cached" "$target"
  echo "temporal CLI $version: copied from $cached"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "The Temporal CLI is missing and Go is not installed: install Go, or set TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS." >&2
  exit 1
fi
echo "Building the Temporal CLI $version with go install (first time only)..."
started=$(date +%s)
GOBIN="$PWD/.tools/bin" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@$version"
cp "$target" "$cached.partial" && mv "$cached.partial" "$cached"
echo "temporal CLI $version built in $(( $(date +%s) - started )) s and cached at $cached"
