#!/usr/bin/env bash
# Provides Lowkey Vault's runnable jar (lowkey-vault-app, the Azure Key Vault API server the azurekv
# provider is tested against) and prints its path. Messages go to stderr; stdout is only the path.
#
# The 7.x line is pinned (7.3.74 is known to work; it needs Java 25, see find-java.sh). The Maven
# registry reachable here does not serve its runnable jar, so a person builds it once from Lowkey
# Vault's sources and names it with FERRY_LOWKEY_VAULT_JAR. The Makefile sets that variable, unless
# it is set already, to a jar the team keeps beside the project (../shared/tools/lowkey-vault/).
set -euo pipefail

VERSION=7.3.74

how_to_build="build lowkey-vault-app $VERSION from Lowkey Vault's sources (https://github.com/nagyesta/lowkey-vault, tag v$VERSION: its Gradle build, or Maven with the tag's dependency versions; Java 25) and set FERRY_LOWKEY_VAULT_JAR to the jar"

if [ -z "${FERRY_LOWKEY_VAULT_JAR:-}" ]; then
  echo "[lowkey-vault] Lowkey Vault's jar is not provided: $how_to_build." >&2
  exit 1
fi
if [ ! -f "$FERRY_LOWKEY_VAULT_JAR" ]; then
  echo "[lowkey-vault] FERRY_LOWKEY_VAULT_JAR=$FERRY_LOWKEY_VAULT_JAR is not a file: $how_to_build." >&2
  exit 1
fi
# The version its build wrote into the jar; a jar of another line starts with other flags, or not at all.
if command -v unzip >/dev/null; then
  built="$(unzip -p "$FERRY_LOWKEY_VAULT_JAR" BOOT-INF/classes/application.properties 2>/dev/null |
    sed -n 's/^application.version=//p' | tr -d '\r')" || true
  if [ -n "$built" ] && [ "${built%%.*}" != "${VERSION%%.*}" ]; then
    echo "[lowkey-vault] FERRY_LOWKEY_VAULT_JAR=$FERRY_LOWKEY_VAULT_JAR is Lowkey Vault $built; the tests run the ${VERSION%%.*}.x line: $how_to_build." >&2
    exit 1
  fi
fi
echo "$FERRY_LOWKEY_VAULT_JAR"
