#!/usr/bin/env bash
# Provides the template oracle (Go's text/template + Sprig, executed as External Secrets Operator
# does, see main.go) and prints the path of its binary: $FERRY_TEMPLATE_ORACLE if set, else a build
# cached by the hash of this folder's go.mod, go.sum and main.go (test/tools/provide-go-program.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$here/../tools/provide-go-program.sh" template-oracle "$here" FERRY_TEMPLATE_ORACLE
