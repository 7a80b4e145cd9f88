# syntax=docker/dockerfile:1
# Ferry's container image: the production build (dist/, one esbuild bundle) and the production
# dependencies (the cloud SDKs that the bundle loads when a store first needs them) on a distroless
# Node.js 24 base: no shell, no package manager, a non-root numeric user.
#
#   docker build -t ferry:0.1.0 .
#   kind load docker-image ferry:0.1.0      # or: minikube image load ferry:0.1.0
#   kubectl apply --server-side -k config/default
#
# Both bases are pinned by tag; distroless tags name the Node.js major only (nodejs24), so the patch
# release follows its rebuilds. To pin by digest too (a re-pushed tag then cannot change the image),
# look the digest up with `docker buildx imagetools inspect <image>:<tag>` and write
# `FROM <image>:<tag>@sha256:<digest>`; Renovate and Dependabot keep such pins current.

# The Node.js of .node-version, for the build only.
FROM node:24.21.0-trixie-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json ./
COPY operator ./operator
# The bundle, then node_modules without the dev dependencies (the bundler, test and lint tools).
RUN npm run build && npm prune --omit=dev

# distroless, Debian 13 as the build stage: glibc, CA certificates and node; nonroot is 65532.
FROM gcr.io/distroless/nodejs24-debian13:nonroot
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
# Numeric, so the kubelet can verify runAsNonRoot without reading /etc/passwd. The files above stay
# root's: the operator cannot change its own code.
USER 65532:65532
ENV NODE_ENV=production
# V8 heap flags are not set here but in the Deployment (NODE_OPTIONS), beside the memory limit they
# are sized from, so the two change together.
ENTRYPOINT ["/nodejs/bin/node", "dist/main.mjs"]
