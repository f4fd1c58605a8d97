# shiftdesk: `docker build -t shiftdesk .`, then see README.md "Operations" (compose.yaml runs it with PostgreSQL).

ARG NODE_VERSION=20

# Build: every dependency, then tsc into dist/.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies, the build, the migrations and the policy; no sources, no compiler.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# dist/db/migrate.js reads ../../drizzle and dist/main.js ../policy.yml: both sit beside dist/.
COPY drizzle ./drizzle
COPY policy.yml ./
# `npm run import`, `export` and `job` run this first; with no src/ here it builds nothing.
COPY scripts/build-if-stale.mjs ./scripts/
# The embedded database's folder, used when DATABASE_URL is unset; mount a volume on it.
RUN mkdir /data && chown node:node /data
ENV DATA_DIR=/data PORT=3000
USER node
EXPOSE 3000
# 200 when the database answers (README "Running several copies" says what that means).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/main.js"]
