#!/usr/bin/env bash
# Provides etcd, kube-apiserver and kube-controller-manager for the pinned Kubernetes release and
# prints the directory that holds all three.
#
# Where each binary comes from, first match wins:
#   1. $FERRY_K8S_BIN_DIR, then $KUBEBUILDER_ASSETS (envtest's convention; it ships no
#      kube-controller-manager, so that one may still come from 2 or 3);
#   2. the versioned cache ${XDG_CACHE_HOME:-~/.cache}/ferry/k8s-<version>/bin;
#   3. a build from the Go module proxy into that cache.
#
# Why a wrapper module: k8s.io/kubernetes requires its ~30 staging modules at v0.0.0 and replaces
# them with local folders, so `go install k8s.io/kubernetes/cmd/...@vX` fails. The wrapper requires
# k8s.io/kubernetes and replaces every staging module with its published v0.<minor>.<patch>. etcd is
# built in the same module graph, at the version Kubernetes itself selects.
set -euo pipefail

# v1.37.2 is not served by the module proxy (403), so the newest patch it serves is pinned.
K8S_VERSION="${FERRY_K8S_VERSION:-v1.37.1}"
CACHE_ROOT="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
CACHE_DIR="$CACHE_ROOT/k8s-$K8S_VERSION"
BINARIES=(etcd kube-apiserver kube-controller-manager)

log() { echo "[control-plane] $*" >&2; }

have_all() { local d="$1"; for b in "${BINARIES[@]}"; do [ -x "$d/$b" ] || return 1; done; }

# 1 + 2: an explicit directory (possibly partial) completed from the cache.
explicit="${FERRY_K8S_BIN_DIR:-${KUBEBUILDER_ASSETS:-}}"
if [ -n "$explicit" ] && have_all "$explicit"; then
  echo "$explicit"; exit 0
fi
if [ -n "$explicit" ] && [ -x "$explicit/etcd" ] && [ -x "$explicit/kube-apiserver" ]; then
  log "$explicit has etcd and kube-apiserver but no kube-controller-manager; completing it from $CACHE_DIR"
fi
if have_all "$CACHE_DIR/bin"; then
  if [ -n "$explicit" ] && [ -x "$explicit/etcd" ] && [ -x "$explicit/kube-apiserver" ]; then
    mixed="$CACHE_DIR/mixed-$(echo -n "$explicit" | sha256sum | cut -c1-12)"
    mkdir -p "$mixed"
    ln -sf "$explicit/etcd" "$mixed/etcd"; ln -sf "$explicit/kube-apiserver" "$mixed/kube-apiserver"
    ln -sf "$CACHE_DIR/bin/kube-controller-manager" "$mixed/kube-controller-manager"
    echo "$mixed"; exit 0
  fi
  echo "$CACHE_DIR/bin"; exit 0
fi

# 3: build from the Go module proxy.
command -v go >/dev/null || { log "Go is required to build the test control plane (or set KUBEBUILDER_ASSETS)"; exit 1; }
minor_patch="${K8S_VERSION#v1.}"          # 37.2
staging_version="v0.$minor_patch"        # v0.37.2
work="$CACHE_DIR/build"
mkdir -p "$work" "$CACHE_DIR/bin"
# One build at a time per cache directory (CI and a person's dev-cluster may race).
exec 9>"$CACHE_DIR/.build.lock"
flock 9
if have_all "$CACHE_DIR/bin"; then echo "$CACHE_DIR/bin"; exit 0; fi

start=$(date +%s)
log "building Kubernetes $K8S_VERSION control plane from the Go module proxy into $CACHE_DIR (cold: 15-30 min on 2 cores)"
cd "$work"
export GOFLAGS="-mod=mod" GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" CGO_ENABLED=0

download=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" 2>&1) || {
  log "could not download k8s.io/kubernetes@$K8S_VERSION:"; echo "$download" >&2; exit 1; }
kube_mod=$(echo "$download" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
go_directive=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$kube_mod" | head -1)
{
  echo "module ferry.dev/test-control-plane"
  echo
  echo "go $go_directive"
  echo
  echo "require k8s.io/kubernetes $K8S_VERSION"
  echo
  echo "replace ("
  sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$kube_mod" | while read -r m; do
    echo "	$m => $m $staging_version"
  done
  echo ")"
} > go.mod
cat > tools.go <<'GO'
//go:build tools

// Package tools pins the commands this module builds.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
)
GO
log "resolving modules ($(grep -c '=>' go.mod) staging replacements at $staging_version)"
go get "k8s.io/kubernetes/cmd/kube-apiserver@$K8S_VERSION" "k8s.io/kubernetes/cmd/kube-controller-manager@$K8S_VERSION" >&2
etcd_version=$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)
log "etcd: go.etcd.io/etcd/server/v3@$etcd_version (the version Kubernetes $K8S_VERSION selects)"
go get "go.etcd.io/etcd/server/v3@$etcd_version" >&2
[ "$(go list -m -f '{{.Version}}' k8s.io/kubernetes)" = "$K8S_VERSION" ] || { log "module graph moved k8s.io/kubernetes off $K8S_VERSION"; exit 1; }

# The same version stamps Kubernetes' own build sets, so /version reports the real release.
pkg_version="k8s.io/component-base/version"
ldflags="-s -w -X $pkg_version.gitVersion=$K8S_VERSION -X $pkg_version.gitMajor=1 -X $pkg_version.gitMinor=${minor_patch%%.*}"
ldflags="$ldflags -X $pkg_version.gitTreeState=clean -X $pkg_version.buildDate=1970-01-01T00:00:00Z"
ldflags="$ldflags -X k8s.io/client-go/pkg/version.gitVersion=$K8S_VERSION"
for target in "go.etcd.io/etcd/server/v3:etcd" "k8s.io/kubernetes/cmd/kube-apiserver:kube-apiserver" \
              "k8s.io/kubernetes/cmd/kube-controller-manager:kube-controller-manager"; do
  pkg="${target%%:*}"; name="${target##*:}"
  t0=$(date +%s)
  log "compiling $name ($pkg) ..."
  if [ "$name" = etcd ]; then
    go build -trimpath -ldflags "-s -w" -o "$CACHE_DIR/bin/$name.tmp" "$pkg"
  else
    go build -trimpath -ldflags "$ldflags" -o "$CACHE_DIR/bin/$name.tmp" "$pkg"
  fi
  mv "$CACHE_DIR/bin/$name.tmp" "$CACHE_DIR/bin/$name"
  log "compiled $name in $(( $(date +%s) - t0 ))s"
done
log "control plane ready in $(( $(date +%s) - start ))s: $CACHE_DIR/bin"
echo "$CACHE_DIR/bin"
