#!/usr/bin/env bash
# Prints the path of a Java runtime that can run Lowkey Vault 7.x (class files of Java 25), found
# the way a Java user expects, first match wins:
#   1. $FERRY_JAVA, else $JAVA_HOME/bin/java — a choice someone made: a wrong one is an error, not
#      something to work around;
#   2. `java` on PATH, when it is 25 or newer;
#   3. /usr/lib/jvm/*25*/bin/java, as a last resort ($FERRY_JVM_DIR replaces /usr/lib/jvm).
# Checking the version here turns a wrong Java into one line instead of the server's
# UnsupportedClassVersionError stack. Messages go to stderr; stdout is only the path.
set -euo pipefail

REQUIRED=25
JVM_DIR="${FERRY_JVM_DIR:-/usr/lib/jvm}"

fail() {
  echo "[lowkey-vault] $* Lowkey Vault 7.x needs Java $REQUIRED or newer: install a JDK $REQUIRED (e.g. Temurin $REQUIRED) and set FERRY_JAVA (which wins over JAVA_HOME) to its bin/java." >&2
  exit 1
}

# The major version `java -version` reports ("25.0.3", "26-ea", "1.8.0_392" → 25, 26, 8), or
# nothing when it does not run.
major_version() {
  local version
  version="$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)" || true
  version="${version#1.}"
  version="${version%%[.+_-]*}"
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version"
}

# Prints the path when $1 runs and is new enough; says what it found otherwise.
accept() {
  local java="$1" origin="$2" major
  [ -x "$java" ] || { why="$origin ($java) is not an executable file."; return 1; }
  major="$(major_version "$java")" || { why="$origin ($java) does not run or does not say its version."; return 1; }
  [ "$major" -ge "$REQUIRED" ] || { why="$origin ($java) is Java $major."; return 1; }
  echo "$java"
}

why=""
if [ -n "${FERRY_JAVA:-}" ]; then
  accept "$FERRY_JAVA" FERRY_JAVA || fail "$why"
  exit 0
fi
if [ -n "${JAVA_HOME:-}" ]; then
  accept "$JAVA_HOME/bin/java" JAVA_HOME || fail "$why"
  exit 0
fi
found=()
if on_path="$(command -v java)"; then
  accept "$on_path" "java on PATH" && exit 0
  found+=("$why")
fi
shopt -s nullglob
for home in "$JVM_DIR"/*"$REQUIRED"*; do
  accept "$home/bin/java" "$home" && exit 0
done
[ ${#found[@]} -gt 0 ] && fail "${found[0]} There is none under $JVM_DIR/*$REQUIRED*."
fail "There is no java on PATH and none under $JVM_DIR/*$REQUIRED*."
