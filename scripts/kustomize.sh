#!/usr/bin/env bash
# kustomize for rendering deploy/k8s/overlays/*, built from its Go module once and
# cached (no release binary on Maven Central or in Debian).
#
#   scripts/kustomize.sh install         build kustomize into the cache if missing; print its path
#   scripts/kustomize.sh build OVERLAY   render an overlay (city, province or a path) to stdout
#
# A first build takes about two minutes on these machines, then it is a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."

# v5.8.2: the newest whose modules build with this machine's Go (1.26; v5.8.3's need 1.27).
VERSION=${KUSTOMIZE_VERSION:-v5.8.2}
CACHE=${BANGKOM_CACHE:-$HOME/.cache/bangkom}/kustomize/$VERSION
BINARY=$CACHE/kustomize

log() { printf '[kustomize.sh] %s\n' "$*" >&2; }

install() {
  if [[ -x $BINARY ]]; then
    echo "$BINARY"
    return
  fi
  local go
  go=$(command -v go || echo /usr/local/go/bin/go)
  [[ -x $go ]] || { log "Go is needed to build kustomize (apt-get install golang)"; exit 1; }
  log "building kustomize $VERSION from its Go module (once; about two minutes)"
  local work
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' RETURN
  mkdir -p "$CACHE"
  GOPATH=$work/gopath GOFLAGS=-modcacherw GOBIN=$work/bin CGO_ENABLED=0 GOTOOLCHAIN=local \
    "$go" install -trimpath "sigs.k8s.io/kustomize/kustomize/v5@$VERSION"
  mv "$work/bin/kustomize" "$BINARY"
  log "built $BINARY"
  echo "$BINARY"
}

build() {
  local overlay=${1:?"usage: scripts/kustomize.sh build city|province|PATH"}
  [[ -d $overlay ]] || overlay=deploy/k8s/overlays/$overlay
  "$(install)" build "$overlay"
}

case "${1:-}" in
  install) install ;;
  build) shift; build "$@" ;;
  *) sed -n '2,8p' "$0" >&2; exit 2 ;;
esac
