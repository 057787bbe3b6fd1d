#!/usr/bin/env bash
# Jaeger v2 for bangkom's trace test and local use, built from its Go module once and
# cached (there is no release binary on Maven Central or in Debian).
#
#   scripts/jaeger.sh install   build jaeger into the cache if missing; print its path
#   scripts/jaeger.sh path      print the cached binary's path (fails if not built)
#
# The test starts the binary itself with deploy/jaeger/config.yaml and free ports. A
# first build takes about five minutes on these machines, then it is a no-op.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=${JAEGER_VERSION:-v1.75.0}
CACHE=${BANGKOM_CACHE:-$HOME/.cache/bangkom}/jaeger/$VERSION
BINARY=$CACHE/jaeger

log() { printf '[jaeger.sh] %s\n' "$*" >&2; }

install() {
  if [[ -x $BINARY ]]; then
    echo "$BINARY"
    return
  fi
  command -v go >/dev/null || { log "Go is needed to build Jaeger (apt-get install golang)"; exit 1; }
  log "building Jaeger $VERSION from its Go module (once; about five minutes)"
  local work
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' RETURN
  # `go install module@version` refuses modules with replace directives (Jaeger has
  # some): download the module, then build its cmd/jaeger inside it.
  GOPATH=$work/gopath GOFLAGS=-modcacherw go mod download -json \
    "github.com/jaegertracing/jaeger@$VERSION" >"$work/module.json"
  local source
  source=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Dir"])' "$work/module.json")
  cp -r "$source" "$work/src"
  chmod -R u+w "$work/src"
  mkdir -p "$CACHE"
  (cd "$work/src" && GOPATH=$work/gopath GOFLAGS=-modcacherw CGO_ENABLED=0 \
    go build -trimpath -o "$BINARY.partial" ./cmd/jaeger)
  mv "$BINARY.partial" "$BINARY"
  log "built $BINARY"
  echo "$BINARY"
}

case "${1:-}" in
  install) install ;;
  path) [[ -x $BINARY ]] && echo "$BINARY" || { log "not built: scripts/jaeger.sh install"; exit 1; } ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
