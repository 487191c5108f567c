#!/usr/bin/env bash
# Makes sure a Chromium for the end-to-end tests is present (CHROMIUM_PATH or /usr/bin/chromium).
# Installs Debian's package when run as root with apt-get; otherwise says exactly what is missing.
set -u
bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $bin not found; installing Debian's chromium package (about 30 s)..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
    echo "ensure-chromium: apt-get install chromium failed" >&2
    exit 1
  }
  [ -x "$bin" ] && exit 0
fi
echo "ensure-chromium: the end-to-end tests need Chromium at $bin." >&2
echo "  Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary." >&2
exit 1
