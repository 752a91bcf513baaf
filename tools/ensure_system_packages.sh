#!/usr/bin/env bash
# Make sure the system programs a make target needs are there, installing Debian's
# packages for the missing ones. Arguments: what they are needed for, among
#   tours    Chromium for the browser tours (Odoo skips them, and we fail, without it);
#   reports  wkhtmltopdf for the PDF reports;
#   lint     node and npm, in which pre-commit runs prettier and eslint;
#   axe      npm, which installs axe-core for the accessibility tests (make test-deps);
#   scale    nginx, the load balancer in front of the two Odoo nodes of make scale.
# It says what it installs and why before running apt-get, which it does only as
# root on a system that has it. With QSR_NO_APT=1 it installs nothing and fails,
# naming the missing packages and the command that installs them.
set -euo pipefail
missing=() reasons=()
need() {  # need PACKAGE REASON COMMAND...: PACKAGE is missing unless a COMMAND exists
    local package=$1 reason=$2 command
    shift 2
    for command in "$@"; do
        command -v "$command" >/dev/null && return 0
    done
    missing+=("$package")
    reasons+=("  $package: $reason")
}
for purpose in "$@"; do
    case $purpose in
    tours) need chromium "the browser tours of make test" chromium google-chrome ;;
    reports) need wkhtmltopdf "the PDF reports" wkhtmltopdf ;;
    lint)
        need nodejs "the prettier and eslint hooks of make lint" node
        need npm "the prettier and eslint hooks of make lint" npm
        ;;
    axe) need npm "axe-core of the accessibility tests (make test-deps)" npm ;;
    scale) need nginx "the load balancer of make scale" nginx ;;
    *)
        echo "ERROR: $0: unknown purpose '$purpose' (tours, reports, lint, axe, scale)" >&2
        exit 2
        ;;
    esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

command="apt-get update && apt-get install ${missing[*]}"
if [ "${QSR_NO_APT:-}" = 1 ]; then
    echo "ERROR: missing system packages (QSR_NO_APT=1, so not installing them):" >&2
    printf '%s\n' "${reasons[@]}" >&2
    echo "Install them with: $command" >&2
    exit 1
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "ERROR: missing system packages:" >&2
    printf '%s\n' "${reasons[@]}" >&2
    echo "Install them (on Debian or Ubuntu, as root: $command), then run make again." >&2
    exit 1
fi
echo "Installing Debian packages as root with apt-get (QSR_NO_APT=1 to stop this):"
printf '%s\n' "${reasons[@]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
echo "Installed ${missing[*]}"
