#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs are present for the team-index tests, which start a
# throwaway server of their own (tests/support/postgres.ts: initdb in a temporary directory).
# Installs Debian's package when run as root with apt-get; otherwise says exactly what is missing.
set -u
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgresql: no /usr/lib/postgresql/*/bin/initdb; installing Debian's postgresql package (about 30 s)..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || {
    echo "ensure-postgresql: apt-get install postgresql failed" >&2
    exit 1
  }
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && exit 0
fi
echo "ensure-postgresql: the team-index tests need PostgreSQL's server programs (initdb, postgres) under /usr/lib/postgresql/<version>/bin." >&2
echo "  Install them (Debian/Ubuntu: sudo apt-get install -y postgresql); the tests start and stop their own server." >&2
exit 1
