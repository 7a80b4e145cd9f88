#!/usr/bin/env bash
# Provides drongo, an in-memory Google Cloud server whose Secret Manager speaks the v1 REST API,
# and prints the directory holding its `drongo` command.
#
# Why drongo: the Go module proxy refuses github.com/blackwell-systems/gcp-secret-manager-emulator
# (a gRPC emulator) at every version, so the Secret Manager server comes from PyPI instead. It is
# installed into its own virtualenv under the versioned cache with every package pinned, so the
# same bytes run on every machine. Source, else a build:
#   1. $FERRY_GCPSM_SERVER_DIR (a directory with an executable `drongo`);
#   2. the versioned cache ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/drongo-<version>/bin;
#   3. an install from PyPI into that cache.
set -euo pipefail

DRONGO_VERSION="0.8.0"
# drongo's runtime dependencies, pinned (drongo's own `server` uses only the standard library, but
# it imports these at start-up).
REQUIREMENTS=(
  "drongo==$DRONGO_VERSION"
  "requests==2.34.2"
  "responses==0.26.3"
  "urllib3==2.8.0"
  "idna==3.20"
  "certifi==2026.10.18"
  "charset-normalizer==3.5.2"
  "PyYAML==6.0.3"
)
CACHE_ROOT="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
CACHE_DIR="$CACHE_ROOT/drongo-$DRONGO_VERSION"

log() { echo "[gcp-secret-manager] $*" >&2; }

if [ -n "${FERRY_GCPSM_SERVER_DIR:-}" ] && [ -x "$FERRY_GCPSM_SERVER_DIR/drongo" ]; then
  echo "$FERRY_GCPSM_SERVER_DIR"; exit 0
fi
if [ -x "$CACHE_DIR/bin/drongo" ] && [ -f "$CACHE_DIR/.complete" ]; then
  echo "$CACHE_DIR/bin"; exit 0
fi

python=""
for candidate in python3 python; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    python="$candidate"; break
  fi
done
[ -n "$python" ] || { log "Python 3.10 or newer is required to install drongo (or set FERRY_GCPSM_SERVER_DIR)"; exit 1; }

mkdir -p "$CACHE_ROOT"
# One install at a time per cache directory (parallel test runs and a person's dev servers may race).
exec 9>"$CACHE_ROOT/.drongo-$DRONGO_VERSION.lock"
flock 9
if [ -x "$CACHE_DIR/bin/drongo" ] && [ -f "$CACHE_DIR/.complete" ]; then echo "$CACHE_DIR/bin"; exit 0; fi

start=$(date +%s)
log "installing drongo $DRONGO_VERSION from PyPI into $CACHE_DIR"
rm -rf "$CACHE_DIR"
"$python" -m venv "$CACHE_DIR"
"$CACHE_DIR/bin/python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps \
  "${REQUIREMENTS[@]}" >&2
# A missing pin shows up here rather than as an ImportError in the middle of a test run.
"$CACHE_DIR/bin/python" -m pip check >&2
"$CACHE_DIR/bin/python" -c 'import drongo.server, drongo.services' >&2
touch "$CACHE_DIR/.complete"
log "drongo ready in $(( $(date +%s) - start ))s: $CACHE_DIR/bin"
echo "$CACHE_DIR/bin"
