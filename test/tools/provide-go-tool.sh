#!/usr/bin/env bash
# Provides a command-line tool built from the Go module proxy and prints the path of its binary.
#   provide-go-tool.sh kustomize   ->  .../kustomize-v5.8.3/bin/kustomize
#   provide-go-tool.sh helm        ->  .../helm-v3.22.0/bin/helm
# Tools are pinned here, built once with `go install` into a versioned cache directory outside the
# repo (under flock, so parallel runs wait for one build) and reused; a second run prints the path
# at once. $FERRY_<NAME>_BIN (e.g. FERRY_HELM_BIN) points at a binary of your own instead.
set -euo pipefail

name="${1:?usage: provide-go-tool.sh kustomize|helm}"
case "$name" in
  kustomize) module="sigs.k8s.io/kustomize/kustomize/v5"; version="v5.8.2" ;;  # v5.8.3 needs a kube-openapi the proxy refuses (403)
  helm) module="helm.sh/helm/v3/cmd/helm"; version="v3.22.0" ;;
  *) echo "provide-go-tool.sh: unknown tool '$name' (known: kustomize, helm)" >&2; exit 2 ;;
esac

override_var="FERRY_$(echo "$name" | tr '[:lower:]' '[:upper:]')_BIN"
if [ -n "${!override_var:-}" ]; then echo "${!override_var}"; exit 0; fi

cache_root="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
dir="$cache_root/$name-$version"
binary="$dir/bin/$name"
log() { echo "[$name] $*" >&2; }

if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
command -v go >/dev/null || { log "Go is required to build $name $version (or set $override_var)"; exit 1; }
mkdir -p "$dir/bin"
exec 9>"$dir/.build.lock"
flock 9
if [ -x "$binary" ]; then echo "$binary"; exit 0; fi

start=$(date +%s)
log "building $module@$version from the Go module proxy into $dir"
# The version stamp helm prints (helm version); kustomize reads its own from the module.
ldflags="-s -w"
[ "$name" = helm ] && ldflags="$ldflags -X helm.sh/helm/v3/internal/version.version=$version"
GOBIN="$dir/bin.tmp" CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
  go install -trimpath -ldflags "$ldflags" "$module@$version" >&2
mv "$dir/bin.tmp/$name" "$binary"
rmdir "$dir/bin.tmp"
log "built in $(( $(date +%s) - start ))s: $binary"
echo "$binary"
