#!/usr/bin/env bash
# Makes sure a Firefox ESR for the end-to-end tests is present (FIREFOX_PATH or /usr/bin/firefox-esr).
# Installs Debian's package when run as root with apt-get; otherwise says exactly what is missing.
set -u
bin="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
if [ -x "$bin" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-firefox: $bin not found; installing Debian's firefox-esr package (about 30 s)..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null) || {
    echo "ensure-firefox: apt-get install firefox-esr failed" >&2
    exit 1
  }
  [ -x "$bin" ] && exit 0
fi
echo "ensure-firefox: the Firefox end-to-end tests need Firefox ESR at $bin." >&2
echo "  Install it (Debian/Ubuntu: sudo apt-get install -y firefox-esr) or set FIREFOX_PATH to a Firefox binary (geckodriver is not needed)." >&2
exit 1
