#!/bin/sh
# The browser tests drive Debian's Chromium (playwright-core only; no browser download).
# Installs it when missing and this user may, otherwise says how. A Korean font is added when
# possible so that the screenshots the tests save show Korean text (the tests pass without it).
set -e
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; fi
can_install() { command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = "0" ] || [ -n "$SUDO" ]; }; }

if [ ! -x "$CHROMIUM" ]; then
  if ! can_install; then
    echo "Chromium is missing at $CHROMIUM: install it (apt-get install chromium) or set CHROMIUM_PATH." >&2
    exit 1
  fi
  echo "Installing Debian's Chromium and a Korean font for the browser tests..." >&2
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >&2
elif command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=ko)" ] && can_install; then
  echo "Adding a Korean font (fonts-noto-cjk) for readable screenshots..." >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >&2 || true
fi
