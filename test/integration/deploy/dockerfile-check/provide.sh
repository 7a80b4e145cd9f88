#!/usr/bin/env bash
# Provides dockerfile-check (BuildKit's Dockerfile parser and instruction decoder, see main.go) and
# prints the path of its binary. No Docker engine is needed: it is a plain Go program.
#
# First match wins:
#   1. $FERRY_DOCKERFILE_CHECK, a prebuilt binary;
#   2. the versioned cache ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/dockerfile-check-<hash>/,
#      where <hash> covers go.mod, go.sum and main.go, so an edit to any of them builds anew;
#   3. a build with the machine's `go` from the Go module proxy into that cache.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { echo "[dockerfile-check] $*" >&2; }

if [ -n "${FERRY_DOCKERFILE_CHECK:-}" ]; then
  [ -x "$FERRY_DOCKERFILE_CHECK" ] || { log "FERRY_DOCKERFILE_CHECK=$FERRY_DOCKERFILE_CHECK is not executable"; exit 1; }
  echo "$FERRY_DOCKERFILE_CHECK"; exit 0
fi

hash=$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-16)
cache_root="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
dir="$cache_root/dockerfile-check-$hash"
binary="$dir/dockerfile-check"

if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

command -v go >/dev/null || { log "Go is required to build dockerfile-check (or set FERRY_DOCKERFILE_CHECK)"; exit 1; }
mkdir -p "$dir"
# One build at a time per cache directory (parallel test runs may race).
exec 9>"$dir/.build.lock"
flock 9
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

start=$(date +%s)
log "building from $here with $(go version | cut -d' ' -f3) into $dir"
cd "$here"
# -mod=readonly: go.mod and go.sum are the pins; a build never rewrites them.
GOFLAGS="-mod=readonly -buildvcs=false" CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
  go build -trimpath -ldflags "-s -w" -o "$binary.tmp" .
mv "$binary.tmp" "$binary"
log "built in $(( $(date +%s) - start ))s: $binary"
echo "$binary"
