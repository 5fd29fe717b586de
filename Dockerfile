# The always-on Slack bot (`pnpm bot`), in Socket Mode by default: no public URL needed.
# Build: docker build -t sync360-bot .   Run: docker run --env-file bot.env sync360-bot
FROM node:22-bookworm-slim

WORKDIR /app
RUN npm install -g pnpm@10.34.8 && npm cache clean --force

# Manifests first, so the dependency layer is reused when only the code changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/runner/package.json apps/runner/
COPY apps/slack-bot/package.json apps/slack-bot/
COPY packages packages
COPY tools tools
RUN pnpm install --frozen-lockfile && pnpm store prune

COPY . .

# Non-root at run time; the bot writes nothing but tsx's cache under /tmp.
USER node
ENV NODE_ENV=production \
    HEALTH_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["pnpm", "bot"]
