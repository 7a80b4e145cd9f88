#!/usr/bin/env bash
# Provides drongo, an in-memory Google Cloud server whose Secret Manager speaks the v1 REST API,
# and prints the directory holding its `drongo` command.
#
# Why drongo: the Go module proxy refuses github.com/blackwell-systems/gcp-secret-manager-emulator
# (a gRPC emulator) at every version, so the Secret Manager server comes from PyPI instead. Source,
# first match wins:
#   1. $FERRY_GCPSM_SERVER_DIR (a directory with an executable `drongo`);
#   2. its own virtualenv in the versioned cache, every package pinned by requirements.txt beside
#      this script, installed from PyPI when missing (see ../pypi-venv.sh).
set -euo pipefail

DRONGO_VERSION="0.8.0"
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../pypi-venv.sh
. "$here/../pypi-venv.sh"

if [ -n "${FERRY_GCPSM_SERVER_DIR:-}" ] && [ -x "$FERRY_GCPSM_SERVER_DIR/drongo" ]; then
  echo "$FERRY_GCPSM_SERVER_DIR"; exit 0
fi
grep -qx "drongo==$DRONGO_VERSION" "$here/requirements.txt" || {
  echo "[gcp-secret-manager] requirements.txt does not pin drongo==$DRONGO_VERSION; update both together" >&2; exit 1; }
provide_pypi_venv drongo "$DRONGO_VERSION" "$here/requirements.txt" python -c 'import drongo.server, drongo.services'
