#!/usr/bin/env bash
# Provides the template oracle (Go's text/template + Sprig, executed as External Secrets Operator
# does) and prints the path of its binary.
#
# First match wins:
#   1. $FERRY_TEMPLATE_ORACLE, a prebuilt binary;
#   2. the versioned cache ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/template-oracle-<hash>/,
#      where <hash> covers go.mod, go.sum and main.go, so an edit to any of them builds anew;
#   3. a build with the machine's `go` from the Go module proxy into that cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "[template-oracle] $*" >&2; }

if [ -n "${FERRY_TEMPLATE_ORACLE:-}" ]; then
  [ -x "$FERRY_TEMPLATE_ORACLE" ] || { log "FERRY_TEMPLATE_ORACLE=$FERRY_TEMPLATE_ORACLE is not executable"; exit 1; }
  echo "$FERRY_TEMPLATE_ORACLE"; exit 0
fi

hash=$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-16)
CACHE_ROOT="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
CACHE_DIR="$CACHE_ROOT/template-oracle-$hash"
binary="$CACHE_DIR/template-oracle"

if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

command -v go >/dev/null || { log "Go is required to build the template oracle (or set FERRY_TEMPLATE_ORACLE)"; exit 1; }
mkdir -p "$CACHE_DIR"
# One build at a time per cache directory (parallel test runs may race).
exec 9>"$CACHE_DIR/.build.lock"
flock 9
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

start=$(date +%s)
log "building from $here with $(go version | cut -d' ' -f3) into $CACHE_DIR"
cd "$here"
# -mod=readonly: go.mod and go.sum are the pins; a build never rewrites them.
GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0 \
  go build -trimpath -ldflags "-s -w" -o "$binary.tmp" .
mv "$binary.tmp" "$binary"
log "built in $(( $(date +%s) - start ))s: $binary"
echo "$binary"
