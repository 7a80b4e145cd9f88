#!/usr/bin/env bash
# Provides a small Go program kept in this repository (a folder with go.mod, go.sum and main.go)
# and prints the path of its binary:
#   provide-go-program.sh <name> <folder> <override variable>
# First match wins:
#   1. $<override variable>, a prebuilt binary;
#   2. the versioned cache ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/<name>-<hash>/, where
#      <hash> covers go.mod, go.sum and main.go, so an edit to any of them builds anew;
#   3. a build with the machine's `go` from the Go module proxy into that cache, under flock so that
#      parallel runs wait for one build.
set -euo pipefail

name="${1:?usage: provide-go-program.sh <name> <folder> <override variable>}"
here="$(cd "${2:?folder}" && pwd)"
override_var="${3:?override variable}"
log() { echo "[$name] $*" >&2; }

if [ -n "${!override_var:-}" ]; then
  [ -x "${!override_var}" ] || { log "$override_var=${!override_var} is not executable"; exit 1; }
  echo "${!override_var}"; exit 0
fi

hash=$(cat "$here/go.mod" "$here/go.sum" "$here/main.go" | sha256sum | cut -c1-16)
cache_root="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
dir="$cache_root/$name-$hash"
binary="$dir/$name"

if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

command -v go >/dev/null || { log "Go is required to build $name (or set $override_var)"; exit 1; }
mkdir -p "$dir"
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
