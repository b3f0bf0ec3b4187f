#!/bin/sh
# The browser tests drive Debian's Chromium (no browser download: playwright-core only).
# Installs it when missing and this user may; otherwise says how.
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "Chromium is missing at $CHROMIUM. Install it: apt-get install -y chromium (as root), or set CHROMIUM_PATH." >&2
      exit 1
    fi
  fi
  echo "Installing Debian's Chromium for the browser tests..." >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
  exit 0
fi
echo "Chromium is missing at $CHROMIUM and apt-get is not available: install Chromium and set CHROMIUM_PATH." >&2
exit 1
