#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster when nothing answers on 127.0.0.1:5432 (CI machines,
# a rebooted laptop). Skipped when DATABASE_URL points somewhere else.
set -euo pipefail
url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/orderbridge}"
case "$url" in
  *@127.0.0.1:5432/*|*@localhost:5432/*) ;;
  *) exit 0 ;;
esac
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then exit 0; fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
for _ in $(seq 1 30); do
  if pg_isready -q -h 127.0.0.1 -p 5432; then exit 0; fi
  sleep 1
done
echo "PostgreSQL does not answer on 127.0.0.1:5432: start it, or set DATABASE_URL." >&2
exit 1
