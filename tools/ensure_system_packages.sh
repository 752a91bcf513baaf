#!/usr/bin/env bash
# System programs the addons use: Chromium for the browser tours (Odoo skips them, and
# we fail, without it) and wkhtmltopdf for the PDF reports.
set -euo pipefail
missing=()
command -v chromium >/dev/null || command -v google-chrome >/dev/null || missing+=(chromium)
command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "ERROR: please install ${missing[*]} (apt-get install ${missing[*]})." >&2
    exit 1
fi
