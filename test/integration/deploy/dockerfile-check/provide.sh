#!/usr/bin/env bash
# Provides dockerfile-check (BuildKit's Dockerfile parser and instruction decoder, see main.go; no
# Docker engine needed, it is a plain Go program) and prints the path of its binary:
# $FERRY_DOCKERFILE_CHECK if set, else a build cached by the hash of this folder's go.mod, go.sum
# and main.go (test/tools/provide-go-program.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$here/../../../tools/provide-go-program.sh" dockerfile-check "$here" FERRY_DOCKERFILE_CHECK
