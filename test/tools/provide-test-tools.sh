#!/usr/bin/env bash
# Provides every heavy tool and test server the integration tests use, BEFORE they start, so that no
# cold build runs inside a test's timeout: the control plane, helm, kustomize, promtool and the
# prometheus-operator CRDs, the Dockerfile checker, moto, OpenBao, drongo, and a Node.js older than
# Ferry supports (for the test that its entries say so). Each is cached under a versioned directory
# (~/.cache/ferry/<tool>-<version>/) by its own script, so a warm run takes seconds. Lowkey Vault is a
# jar a person provides (FERRY_LOWKEY_VAULT_JAR, which the Makefile sets where the team keeps one),
# checked here with the Java 25 that runs it. Progress goes to stderr, one line per tool with its
# time; a tool that cannot be had stops the run with its own message (Lowkey Vault: see below).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

provide() {
  local name="$1"
  shift
  local start=$SECONDS
  echo "[test-tools] $name ..." >&2
  "$@" >/dev/null
  echo "[test-tools] $name ready ($((SECONDS - start)) s)" >&2
}

provide "control plane" bash "$root/test/controlplane/provide-binaries.sh"
provide helm bash "$root/test/tools/provide-go-tool.sh" helm
provide kustomize bash "$root/test/tools/provide-go-tool.sh" kustomize
provide "prometheus-operator CRDs" bash "$root/test/support/provide-prometheus-tools.sh" operator-crds
provide promtool bash "$root/test/support/provide-prometheus-tools.sh" promtool
provide dockerfile-check bash "$root/test/integration/deploy/dockerfile-check/provide.sh"
provide moto bash "$root/test/provider-servers/moto/provide.sh"
provide openbao bash "$root/test/provider-servers/openbao/provide.sh"
provide drongo bash "$root/test/provider-servers/gcp-secret-manager/provide.sh"
# Lowkey Vault cannot come from a registry: without its jar or a Java 25 (each says how to provide
# it), the Azure Key Vault cases are skipped and say so, rather than failing every other suite too.
if ! provide "lowkey-vault jar" bash "$root/test/provider-servers/lowkey-vault/provide.sh" ||
  ! provide "lowkey-vault java" bash "$root/test/provider-servers/lowkey-vault/find-java.sh"; then
  echo "[test-tools] WARNING: Lowkey Vault is not available (see above): the Azure Key Vault cases will be SKIPPED" >&2
fi
provide "old Node.js" bash "$root/test/tools/provide-old-node.sh"
