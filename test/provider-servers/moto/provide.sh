#!/usr/bin/env bash
# Provides moto's standalone server (the AWS API emulator the aws provider is tested against) and
# prints the directory that holds `moto_server`.
#
# A Python virtual environment with moto[server] from PyPI, every package pinned by
# requirements.txt beside this script, in the versioned cache
# ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/moto-<version>/. A change of
# requirements.txt rebuilds it. Progress goes to stderr; stdout is only the directory.
set -euo pipefail

MOTO_VERSION=5.2.5
here="$(cd "$(dirname "$0")" && pwd)"
requirements="$here/requirements.txt"
CACHE_ROOT="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
CACHE_DIR="$CACHE_ROOT/moto-$MOTO_VERSION"
VENV="$CACHE_DIR/venv"
STAMP="$CACHE_DIR/.installed"
PYTHON="${FERRY_PYTHON:-python3}"

log() { echo "[moto] $*" >&2; }

grep -qx "moto\[server\]==$MOTO_VERSION" "$requirements" || {
  log "requirements.txt does not pin moto[server]==$MOTO_VERSION; update both together"; exit 1; }
wanted="$(sha256sum "$requirements" | cut -c1-64)"
installed() { [ -x "$VENV/bin/moto_server" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$wanted" ]; }

if installed; then echo "$VENV/bin"; exit 0; fi

mkdir -p "$CACHE_DIR"
# One install at a time per cache directory (parallel test runs and `make dev-providers` may race).
exec 9>"$CACHE_DIR/.install.lock"
flock 9
if installed; then echo "$VENV/bin"; exit 0; fi

command -v "$PYTHON" >/dev/null || { log "Python 3 is required to run moto (set FERRY_PYTHON)"; exit 1; }
start=$(date +%s)
log "installing moto[server] $MOTO_VERSION into $VENV"
rm -rf "$VENV" "$STAMP"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  --only-binary=:all: --requirement "$requirements" >&2
"$VENV/bin/moto_server" --help >/dev/null
echo "$wanted" > "$STAMP"
log "moto ready in $(( $(date +%s) - start ))s: $VENV/bin"
echo "$VENV/bin"
