#!/usr/bin/env bash
# Prometheus and Alertmanager for bangkom's alert tests: Debian's packages, installed
# when missing (promtool comes with prometheus).
#
#   scripts/prometheus.sh install   install prometheus and prometheus-alertmanager if missing
#   scripts/prometheus.sh check     promtool check + unit tests of deploy/prometheus rules
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[prometheus.sh] %s\n' "$*" >&2; }

install() {
  if command -v promtool >/dev/null && command -v prometheus-alertmanager >/dev/null; then
    return
  fi
  log "installing Debian's prometheus and prometheus-alertmanager"
  local sudo=""
  [[ $EUID -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  # --no-install-recommends: the exporters are not needed; the packages' services are
  # not started (no systemd here), the tests start what they need themselves.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    prometheus prometheus-alertmanager >/dev/null
  log "$(promtool --version 2>&1 | head -1)"
}

case "${1:-}" in
  install) install ;;
  check)
    install
    promtool check rules deploy/prometheus/alerts.yml
    promtool test rules deploy/prometheus/alerts.test.yml
    ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
