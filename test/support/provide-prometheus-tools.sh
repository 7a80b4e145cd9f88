#!/usr/bin/env bash
# Provides what the config/prometheus tests need from the Go module proxy and prints its path:
#   provide-prometheus-tools.sh promtool       ->  .../promtool-v0.315.0-remove_all_sd/bin/promtool
#   provide-prometheus-tools.sh operator-crds  ->  .../prometheus-operator-crds-v0.85.0 (ServiceMonitor
#                                                  and PrometheusRule CRDs, one YAML file each)
# Pinned here, fetched once into a versioned cache directory outside the repo (under flock, so parallel
# runs wait for one build) and reused; a second run prints the path at once. $FERRY_PROMTOOL_BIN points
# at a promtool of your own instead.
#
# promtool is built with Prometheus' own build tag remove_all_sd, which leaves out the service-discovery
# plugins (the AWS, Azure, GCE, OpenStack, ... SDKs that only `promtool check config` reaches, for
# scrape configs' SD blocks). The tests use `check rules` and `test rules`, whose code is the same in
# both builds. Without the plugins a cold build compiles 49 MB of Go source instead of 128, fetches
# 153 MB of modules instead of 267, and took 264 s of CPU instead of 615 (user + sys, measured with
# empty Go caches on the 2-core machine).
set -euo pipefail

# Prometheus v3.15.0 is published to the Go module proxy as v0.315.0 (v0.316.0 needs module versions
# the proxy does not serve).
prometheus_module="github.com/prometheus/prometheus"
promtool_module="$prometheus_module/cmd/promtool"
promtool_version="v0.315.0"
promtool_tags="remove_all_sd"
operator_module="github.com/prometheus-operator/prometheus-operator"
operator_version="v0.85.0"
operator_crds=(monitoring.coreos.com_servicemonitors.yaml monitoring.coreos.com_prometheusrules.yaml)

what="${1:?usage: provide-prometheus-tools.sh promtool|operator-crds}"
cache_root="${FERRY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ferry}"
log() { echo "[$what] $*" >&2; }
need_go() { command -v go >/dev/null || { log "Go is required to fetch $1"; exit 1; }; }

case "$what" in
  promtool)
    if [ -n "${FERRY_PROMTOOL_BIN:-}" ]; then echo "$FERRY_PROMTOOL_BIN"; exit 0; fi
    dir="$cache_root/promtool-$promtool_version-$promtool_tags"
    binary="$dir/bin/promtool"
    if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
    need_go "$promtool_module@$promtool_version"
    mkdir -p "$dir"
    exec 9>"$dir/.build.lock"
    flock 9
    if [ -x "$binary" ]; then echo "$binary"; exit 0; fi
    start=$(date +%s)
    log "building $promtool_module@$promtool_version (-tags $promtool_tags) from the Go module proxy into $dir"
    # Prometheus' go.mod has a replace directive, which `go install pkg@version` refuses: build in a
    # writable copy of the module instead, as its main module, with its own go.mod and go.sum.
    module_dir=$(GOWORK=off GOFLAGS=-mod=mod go mod download -json "$prometheus_module@$promtool_version" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$module_dir" ] || { log "go mod download gave no module directory"; exit 1; }
    rm -rf "$dir/src"
    cp -r "$module_dir" "$dir/src"
    chmod -R u+w "$dir/src"
    (cd "$dir/src" && GOWORK=off CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" \
      go build -trimpath -tags "$promtool_tags" -ldflags "-s -w" -o "$dir/bin.tmp/promtool" ./cmd/promtool) >&2
    mkdir -p "$dir/bin"
    mv "$dir/bin.tmp/promtool" "$binary"
    rm -rf "$dir/bin.tmp" "$dir/src"
    log "built in $(($(date +%s) - start))s: $binary"
    echo "$binary"
    ;;
  operator-crds)
    dir="$cache_root/prometheus-operator-crds-$operator_version"
    if [ -f "$dir/.complete" ]; then echo "$dir"; exit 0; fi
    need_go "$operator_module@$operator_version"
    mkdir -p "$dir"
    exec 9>"$dir/.fetch.lock"
    flock 9
    if [ -f "$dir/.complete" ]; then echo "$dir"; exit 0; fi
    log "fetching $operator_module@$operator_version from the Go module proxy"
    module_dir=$(GOWORK=off GOFLAGS=-mod=mod go mod download -json "$operator_module@$operator_version" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$module_dir" ] || { log "go mod download gave no module directory"; exit 1; }
    for file in "${operator_crds[@]}"; do
      install -m 0644 "$module_dir/example/prometheus-operator-crd/$file" "$dir/$file"
    done
    touch "$dir/.complete"
    echo "$dir"
    ;;
  *)
    log "unknown (known: promtool, operator-crds)"
    exit 2
    ;;
esac
