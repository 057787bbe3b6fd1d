#!/usr/bin/env bash
# Chromium for the console's browser tests: Debian's package (Playwright drives it
# through executable_path; no browser is downloaded at run time).
#
#   scripts/chromium.sh install   install Debian's chromium if /usr/bin/chromium is missing
set -euo pipefail

log() { printf '[chromium.sh] %s\n' "$*" >&2; }

case "${1:-}" in
  install)
    if [[ -x /usr/bin/chromium ]]; then exit 0; fi
    log "installing Debian's chromium"
    sudo=""
    [[ $EUID -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
      chromium fonts-dejavu-core >/dev/null
    log "$(/usr/bin/chromium --version 2>/dev/null | head -1)"
    ;;
  *) sed -n '2,6p' "$0" >&2; exit 2 ;;
esac
