#!/usr/bin/env bash
# Prints the path of a Node.js older than package.json's engines allow, for the tests that Ferry's
# production entries say what they need instead of failing while loading. First match wins:
#   1. $FERRY_OLD_NODE_BIN;
#   2. the machine's /usr/bin/node when it is older (Debian 12's is Node.js 20, as a newcomer has it);
#   3. Node.js 20 from the npm registry (node-linux-<arch>, as the Makefile installs the pinned one)
#      into ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/node-v<version>/, under flock.
set -euo pipefail

version="20.20.2"
log() { echo "[old-node] $*" >&2; }

if [ -n "${FERRY_OLD_NODE_BIN:-}" ]; then echo "$FERRY_OLD_NODE_BIN"; exit 0; fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
minimum_major=$(sed -n 's/^ *"node": ">=\([0-9]*\).*/\1/p' "$root/package.json")
if [ -x /usr/bin/node ]; then
  system_major=$(/usr/bin/node -p 'process.versions.node.split(".")[0]')
  if [ "$system_major" -lt "$minimum_major" ]; then echo /usr/bin/node; exit 0; fi
fi

cache_root="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
dir="$cache_root/node-v$version"
binary="$dir/node_modules/.bin/node"
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
command -v npm >/dev/null || { log "npm is required to fetch Node.js $version (or set FERRY_OLD_NODE_BIN)"; exit 1; }
mkdir -p "$dir"
exec 9>"$dir/.install.lock"
flock 9
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
arch=$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
log "installing node-linux-$arch@$version from the npm registry into $dir"
npm install --prefix "$dir" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
  "node-linux-$arch@$version" >&2
echo "$binary"
