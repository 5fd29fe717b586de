# The always-on Slack bot (`pnpm bot`), in Socket Mode by default: no public URL needed.
# Build: docker build -t sync360-bot .   Run: docker run --env-file bot.env sync360-bot
#
# Stages: `pnpm` (the package manager), `deps` (the lockfile's production packages, downloaded),
# `build` (the sources, deployed as one folder with production dependencies only), `runtime`
# (that folder on a plain Node image: no pnpm, no dev dependency, no test).
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS pnpm
RUN npm install -g pnpm@10.34.8 && npm cache clean --force
WORKDIR /repo

# The lockfile and the workspace list only: this download is reused until a dependency changes,
# whatever the code does.
FROM pnpm AS deps
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch --prod

# The sources; `pnpm deploy` installs the bot's production dependencies from the store filled
# above (offline) and copies the workspace packages it imports.
FROM deps AS build
COPY . .
RUN pnpm --filter @sync360/slack-bot deploy --prod --legacy --offline /out

# tsx is a production dependency of the bot (it runs the TypeScript sources; no compile step),
# so the bot starts with `node --import tsx` and nothing from the dev toolchain.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /out ./
# Non-root at run time; the bot writes nothing but tsx's cache under /tmp.
USER node
ENV NODE_ENV=production \
    HEALTH_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
