# Ferry — every workflow is a target; `make help` lists them.
SHELL := /usr/bin/env bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# The project brings its own Node.js (the machine's may be too old): the npm registry's
# node-linux-<arch> package, pinned, cached outside the repo under a versioned directory.
NODE_VERSION := $(shell cat .node-version)
NPM_VERSION := 11.19.1
CACHE_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ferry
##= XDG_CACHE_HOME Where the pinned Node.js, the test control plane and the test tools are cached: its ferry/ folder (default ~/.cache/ferry/).
NODE_ARCH := $(subst x86_64,x64,$(subst aarch64,arm64,$(shell uname -m)))
NODE_DIR := $(CACHE_DIR)/node-v$(NODE_VERSION)
NODE_BIN := $(NODE_DIR)/node_modules/.bin
export PATH := $(NODE_BIN):$(CURDIR)/node_modules/.bin:$(PATH)

DEPS_STAMP := node_modules/.ferry-deps-installed
DEV_KUBECONFIG := $(CURDIR)/.dev/kubeconfig
# make run's own defaults: health and metrics on loopback only, readable logs. Each is left out when
# its FERRY_* variable is set, since the operator's flags win over its environment; RUN_FLAGS come
# last, so a flag there wins over both.
RUN_DEFAULT_FLAGS := $(if $(FERRY_METRICS_ADDRESS),,--metrics-address=127.0.0.1:8080) $(if $(FERRY_LOG_FORMAT),,--log-format=text)
RUN_FLAGS ?=
##= KUBECONFIG The cluster `make run` uses; when unset or not answering, the dev cluster (.dev/kubeconfig), started if needed.
##= RUN_FLAGS More flags for the operator in `make run`, such as RUN_FLAGS="--namespace=app --log-level=debug". `node operator/main.ts --help` lists them with their FERRY_* variables, which work too: FERRY_METRICS_ADDRESS (default 127.0.0.1:8080 here) and FERRY_LOG_FORMAT (text here) replace make run's defaults.
# V8 heap sizing for the operator process, as a 200 MiB container would need it. The default young
# generation (2 x 32 MiB semi-spaces) alone is a third of that; the old generation is capped above
# the live heap of 10000 ExternalSecrets (~66 MiB) with room to collect. With the production build,
# N=10000 peaks at ~187 MiB RSS (make bench; ~460 MiB with V8's defaults). Raise the cap for more
# ExternalSecrets; the deploy manifests give 112 MiB within a 512Mi limit, for headroom.
OPERATOR_NODE_OPTIONS ?= --max-semi-space-size=4 --max-old-space-size=96
##= OPERATOR_NODE_OPTIONS Node.js (V8) flags of the operator in `make run` and `make bench` (default --max-semi-space-size=4 --max-old-space-size=96).
# Lowkey Vault, the Azure Key Vault server of the tests, is a jar no registry reachable here serves.
# Where the team keeps one beside the project, the test targets and `make dev-providers` use it,
# unless FERRY_LOWKEY_VAULT_JAR names another; without either, the harness says how to build one.
# Here rather than in .ci/run: `make dev-providers` and a person's `make test` need it as CI does.
# "Beside the project" is beside this checkout, or beside the checkout it was cloned from (CI runs a
# clean clone in a temporary directory).
LOWKEY_VAULT_SHARED_JAR := shared/tools/lowkey-vault/lowkey-vault-app-7.3.74.jar
CLONED_FROM := $(patsubst file://%,%,$(shell git -C "$(CURDIR)" config --get remote.origin.url 2>/dev/null))
export FERRY_LOWKEY_VAULT_JAR ?= $(firstword $(wildcard $(abspath $(CURDIR)/../$(LOWKEY_VAULT_SHARED_JAR)) $(if $(filter /%,$(CLONED_FROM)),$(abspath $(CLONED_FROM)/../$(LOWKEY_VAULT_SHARED_JAR)))))

##@ General

.PHONY: help
help: ## Show this help: the targets, then the variables that change what they do.
	@if [ -t 1 ] && [ -z "$${NO_COLOR:-}" ]; then tty=1 cols=$$(tput cols 2>/dev/null || echo 0); else tty=0 cols=0; fi; \
	  awk -v tty=$$tty -v cols=$$cols -f scripts/make-help.awk $(MAKEFILE_LIST)

##@ Development

$(NODE_BIN)/node:
	@echo "Installing Node.js $(NODE_VERSION) and npm $(NPM_VERSION) into $(NODE_DIR)"
	@mkdir -p $(NODE_DIR)
	npm install --prefix $(NODE_DIR) --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
	  node-linux-$(NODE_ARCH)@$(NODE_VERSION) npm@$(NPM_VERSION)
	@test "$$($(NODE_BIN)/node --version)" = "v$(NODE_VERSION)"

# One install at a time (two make runs must not clean node_modules under each other); the one that
# waited finds the work done.
$(DEPS_STAMP): $(NODE_BIN)/node package.json package-lock.json
	@flock $(NODE_DIR)/npm-ci.lock sh -c '\
	  if [ $@ -nt package.json ] && [ $@ -nt package-lock.json ]; then exit 0; fi; \
	  npm ci --no-audit --no-fund && touch $@'

.PHONY: deps
deps: $(DEPS_STAMP) ## Install the pinned Node.js and the npm dependencies.

.PHONY: build
build: deps ## The production build in dist/: the operator (node dist/main.mjs) and the ferry CLI (dist/ferry.mjs).
	npm run build

.PHONY: image
image: ## Build the container image ferry:<version> (needs a Docker engine; docs/install.md loads it into kind or minikube).
	docker build -t ferry:$$(sed -n 's/^  "version": "\(.*\)",$$/\1/p' package.json) .

.PHONY: typecheck
typecheck: deps ## Type-check everything (operator and tests).
	npm run typecheck

.PHONY: lint
lint: deps typecheck ## Lint, format check, type check and import-direction check.
	npm run lint

.PHONY: format
format: deps ## Rewrite files with prettier.
	npm run format

.PHONY: crds
crds: deps ## Generate crds/ from the zod schemas in operator/api, with its copies in config/crd and the Helm chart.
	node operator/api/v1alpha1/generate-crds.ts

##@ Test

.PHONY: test
test: lint test-unit test-template test-integration ## Everything CI runs: lint, unit, template and integration tests.

.PHONY: test-unit
test-unit: deps ## Unit tests (pure logic, fast).
	npm run test:unit

.PHONY: test-template
test-template: deps ## The template engine against Go's own text/template + Sprig (the oracle is built with go, cached).
	npm run test:template

.PHONY: control-plane
control-plane: ## Build or find etcd, kube-apiserver and kube-controller-manager (cached).
	@bash test/controlplane/provide-binaries.sh >/dev/null

.PHONY: test-tools
test-tools: ## Build or find every tool and test server the integration tests use (cached), before they start.
	@bash test/tools/provide-test-tools.sh

.PHONY: test-integration
test-integration: deps test-tools ## Integration tests against a real etcd + kube-apiserver + kube-controller-manager.
	npm run test:integration

##@ Run

.PHONY: dev-providers
dev-providers: deps ## Start the provider test servers in the background; endpoints in .dev/providers.env.
	node test/provider-servers/dev-providers.ts up

.PHONY: dev-providers-down
dev-providers-down: deps ## Stop the provider test servers.
	node test/provider-servers/dev-providers.ts down

.PHONY: dev-cluster
dev-cluster: deps ## Start the test control plane in the background; kubeconfig in .dev/kubeconfig.
	node test/controlplane/dev-cluster.ts up

.PHONY: dev-cluster-down
dev-cluster-down: deps ## Stop the background control plane.
	node test/controlplane/dev-cluster.ts down

.PHONY: run
run: deps ## Run the operator against the cluster of KUBECONFIG, else against the dev cluster (started if needed).
	@if [ -n "$${KUBECONFIG:-}" ] && node test/controlplane/dev-cluster.ts reachable; then \
	  echo "Running against KUBECONFIG=$$KUBECONFIG"; \
	  exec node $(OPERATOR_NODE_OPTIONS) operator/main.ts $(RUN_DEFAULT_FLAGS) $(RUN_FLAGS); \
	else \
	  [ -n "$${KUBECONFIG:-}" ] && echo "KUBECONFIG=$$KUBECONFIG is not reachable; using the dev cluster"; \
	  node test/controlplane/dev-cluster.ts up; \
	  KUBECONFIG=$(DEV_KUBECONFIG) exec node $(OPERATOR_NODE_OPTIONS) operator/main.ts $(RUN_DEFAULT_FLAGS) $(RUN_FLAGS); \
	fi

##@ Benchmark

N ?= 1000
PROVIDER ?= fake
##= N How many ExternalSecrets `make bench` creates (default 1000; 10000 allowed).
##= PROVIDER The store `make bench` reads: fake (default) or aws (a moto server it starts).
.PHONY: bench
bench: build ## Benchmark against the dev cluster (N=1000 by default; N=10000 allowed; PROVIDER=fake|aws). Prints figures.
	node test/controlplane/dev-cluster.ts up
	KUBECONFIG=$(DEV_KUBECONFIG) node test/bench/sync-benchmark.ts --n=$(N) --provider=$(PROVIDER) --node-options="$(OPERATOR_NODE_OPTIONS)"

BURST ?= 2000
##= BURST How many ExternalSecrets `make bench-neighbours` applies at once in one namespace (default 2000).
.PHONY: bench-neighbours
bench-neighbours: build ## Fairness: another namespace's first-sync latency p50/p99 during a burst of BURST (2000) ExternalSecrets in one namespace.
	node test/controlplane/dev-cluster.ts up
	KUBECONFIG=$(DEV_KUBECONFIG) node test/bench/sync-benchmark.ts --neighbours --n=$(BURST) --node-options="$(OPERATOR_NODE_OPTIONS)"

TARPIT ?= 300
.PHONY: bench-tarpit
bench-tarpit: build ## A dead store: another namespace's first-sync latency p50/p99 while TARPIT (300) ExternalSecrets wait on a server that never answers.
	node test/controlplane/dev-cluster.ts up
	KUBECONFIG=$(DEV_KUBECONFIG) node test/bench/store-faults-benchmark.ts --scenario=tarpit --n=$(TARPIT) --node-options="$(OPERATOR_NODE_OPTIONS)"

OUTAGE ?= 60
.PHONY: bench-outage
bench-outage: build ## An outage: time until OUTAGE (60) ExternalSecrets report it, and heal time after the server's return.
	node test/controlplane/dev-cluster.ts up
	KUBECONFIG=$(DEV_KUBECONFIG) node test/bench/store-faults-benchmark.ts --scenario=outage --n=$(OUTAGE) --node-options="$(OPERATOR_NODE_OPTIONS)"

STORES ?= 10000
STORES_PER_NAMESPACE ?= 10
STORES_REFRESH_SECONDS ?= 60
.PHONY: bench-stores
bench-stores: build ## Memory: STORES (10000) SecretStores of PROVIDER, one ExternalSecret each, STORES_PER_NAMESPACE (10; =STORES: one namespace) to a namespace, under the manifests' heap settings.
	node test/controlplane/dev-cluster.ts up
	KUBECONFIG=$(DEV_KUBECONFIG) node test/bench/sync-benchmark.ts --stores=$(STORES) --stores-per-namespace=$(STORES_PER_NAMESPACE) --provider=$(PROVIDER) --refresh-seconds=$(STORES_REFRESH_SECONDS)
