#!/usr/bin/env bash
# Provides moto's standalone server (the AWS API emulator the aws provider is tested against) and
# prints the directory that holds `moto_server`: moto[server] from PyPI, every package pinned by
# requirements.txt beside this script, in its own virtualenv in the versioned cache (see
# ../pypi-venv.sh). Progress goes to stderr; stdout is only the directory.
set -euo pipefail

MOTO_VERSION=5.2.5
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../pypi-venv.sh
. "$here/../pypi-venv.sh"

grep -qx "moto\[server\]==$MOTO_VERSION" "$here/requirements.txt" || {
  echo "[moto] requirements.txt does not pin moto[server]==$MOTO_VERSION; update both together" >&2; exit 1; }
provide_pypi_venv moto "$MOTO_VERSION" "$here/requirements.txt" moto_server --help
