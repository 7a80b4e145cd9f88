#!/usr/bin/env bash
# Provides Lowkey Vault's runnable jar (com.github.nagyesta.lowkey-vault:lowkey-vault-app) and
# prints its path. Progress goes to stderr.
#
# Where the jar comes from, first match wins:
#   1. $FERRY_LOWKEY_VAULT_JAR (a jar a person built or downloaded);
#   2. the versioned cache ${XDG_CACHE_HOME:-~/.cache}/ferry/lowkey-vault-<version>/;
#   3. Maven Central through mvn (maven-dependency-plugin's copy goal) into that cache.
#
# The 3.4 line is pinned: it is the last that runs on Java 17, and it serves Key Vault API 7.6.
set -euo pipefail

VERSION="${FERRY_LOWKEY_VAULT_VERSION:-3.4.33}"
ARTIFACT="com.github.nagyesta.lowkey-vault:lowkey-vault-app:$VERSION:jar"
CACHE_ROOT="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
CACHE_DIR="$CACHE_ROOT/lowkey-vault-$VERSION"
JAR="$CACHE_DIR/lowkey-vault-app-$VERSION.jar"

log() { echo "[lowkey-vault] $*" >&2; }

if [ -n "${FERRY_LOWKEY_VAULT_JAR:-}" ]; then
  [ -f "$FERRY_LOWKEY_VAULT_JAR" ] || { log "FERRY_LOWKEY_VAULT_JAR=$FERRY_LOWKEY_VAULT_JAR is not a file"; exit 1; }
  echo "$FERRY_LOWKEY_VAULT_JAR"; exit 0
fi
if [ -f "$JAR" ]; then echo "$JAR"; exit 0; fi

command -v mvn >/dev/null || { log "mvn is required to fetch Lowkey Vault (or set FERRY_LOWKEY_VAULT_JAR)"; exit 1; }
command -v java >/dev/null || { log "java (17 or newer) is required to run Lowkey Vault"; exit 1; }
mkdir -p "$CACHE_DIR"
# One download at a time per cache directory (parallel test runs and a person's dev setup may race).
exec 9>"$CACHE_DIR/.fetch.lock"
flock 9
if [ -f "$JAR" ]; then echo "$JAR"; exit 0; fi

start=$(date +%s)
work="$CACHE_DIR/fetch"
rm -rf "$work"
mkdir -p "$work"
# A private local repository keeps the fetch independent of ~/.m2 and is removed afterwards. mvn's
# output goes to a file: where the registry lacks the jar (as the one reachable here does), its [ERROR]
# block would say no more than the one line below.
mvn_log="$CACHE_DIR/mvn.log"
if ! mvn -B -q -Dmaven.repo.local="$work/m2" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$ARTIFACT" -DoutputDirectory="$work/out" -Dmdep.overWriteReleases=true >"$mvn_log" 2>&1; then
  log "not available: mvn could not fetch $ARTIFACT (the Maven registry reachable here does not serve it; mvn's output: $mvn_log); build it from Lowkey Vault's sources and set FERRY_LOWKEY_VAULT_JAR"
  exit 1
fi
mv "$work/out/lowkey-vault-app-$VERSION.jar" "$JAR.tmp"
mv "$JAR.tmp" "$JAR"
rm -rf "$work"
log "Lowkey Vault $VERSION ready in $(( $(date +%s) - start ))s: $JAR"
echo "$JAR"
