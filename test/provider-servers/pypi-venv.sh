# Sourced by the provide.sh of servers that come from PyPI (moto, drongo). Defines
# provide_pypi_venv, which installs a requirements file, every package pinned, into its own
# virtualenv in the versioned cache and prints the venv's bin directory; nothing else on stdout.
#
#   provide_pypi_venv NAME VERSION REQUIREMENTS_FILE CHECK_COMMAND...
#
# The cache is ${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/ferry}/NAME-VERSION/venv. It is
# rebuilt when the requirements file changes (a stamp holds its hash), and built by one process
# at a time (parallel test files and `make dev-providers` may race). CHECK_COMMAND runs with the
# venv's bin first on PATH after the install, so a broken install fails here, not mid-test.
# Packages are wheels only, installed without resolving (the file pins everything), then checked
# with `pip check`. Needs Python 3.10 or newer: $FERRY_PYTHON, else python3.

provide_pypi_venv() {
  local name="$1" version="$2" requirements="$3"
  shift 3
  local cache_dir="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}/$name-$version"
  local venv="$cache_dir/venv" stamp="$cache_dir/.installed"
  local wanted
  wanted="$(sha256sum "$requirements" | cut -c1-64)"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
    echo "$venv/bin"; return 0
  fi

  mkdir -p "$cache_dir"
  exec 9>"$cache_dir/.install.lock"
  flock 9
  if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
    echo "$venv/bin"; return 0
  fi

  local python="${FERRY_PYTHON:-python3}"
  if ! command -v "$python" >/dev/null || ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "[$name] Python 3.10 or newer is required (set FERRY_PYTHON)" >&2; return 1
  fi
  local start
  start=$(date +%s)
  echo "[$name] installing $name $version from PyPI into $venv" >&2
  rm -rf "$venv" "$stamp"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --only-binary=:all: --no-deps --requirement "$requirements" >&2
  "$venv/bin/python" -m pip check >&2
  PATH="$venv/bin:$PATH" "$@" >/dev/null
  echo "$wanted" > "$stamp"
  echo "[$name] ready in $(( $(date +%s) - start ))s: $venv/bin" >&2
  echo "$venv/bin"
}
