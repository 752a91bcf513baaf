#!/usr/bin/env bash
# Browser tours need Chromium: Odoo skips them (and we fail) without it.
set -euo pipefail
command -v chromium >/dev/null || command -v google-chrome >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tours"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "ERROR: Chromium is needed for the browser tours; install it (apt-get install chromium)." >&2
    exit 1
fi
