# syntax=docker/dockerfile:1
# Roleport's container image: Next.js standalone output on Node 20, run as a non-root user.
# scripts/standalone/dockerfile-plan.ts reads the runtime stage (WORKDIR, ENV, COPY --from=build, USER, CMD) and the
# standalone e2e test assembles the same folder from it, so this file is what the test proves. Keep COPY sources
# under the build stage's WORKDIR and one instruction per line.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN node node_modules/next/dist/bin/next build

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
ENV NEXT_TELEMETRY_DISABLED=1
ENV PORT=3000
ENV HOSTNAME=0.0.0.0
# Next.js would exit at once on SIGTERM; the portal's own handler drains and releases its jobs first.
ENV NEXT_MANUAL_SIG_HANDLE=true
# The standalone server with the node_modules it traced, then the static assets it does not copy itself.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
# The image's unprivileged `node` user (uid 1000); nothing in /app needs root.
USER node
EXPOSE 3000
# Liveness only (the process serves); Container Apps' readiness probe uses /api/ready, which also checks dependencies.
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reaches node directly (exec form): workers release their jobs and the process exits within ROLEPORT_SHUTDOWN_TIMEOUT_SECONDS.
# The heap flags are scripts/support/portal-node-flags.ts (npm start and the bench use the same; its test compares them).
CMD ["node", "--max-old-space-size=512", "--max-semi-space-size=32", "server.js"]
