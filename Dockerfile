# ldg-bot's container image: Node 20, built in one stage and run in another as the unprivileged
# `node` user. The bot runs from its TypeScript source through tsx (as `npm start` does), so there is
# no compile step; the build stage installs dependencies and generates the Prisma client.
#
#   docker build -t ldg-bot .
#   docker run --env-file .env -p 3978:3978 -v ldg-data:/app/data ldg-bot
#
# See "Deployment" in README.md, and compose.yaml for the bot beside PostgreSQL 15.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when its prebuilt binary cannot be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# npm 11 honours package.json's allowScripts: only better-sqlite3's and esbuild's install scripts
# run, never Prisma's engine downloads (the JS engine needs none). npm 10, bundled with Node 20,
# would run them all.
RUN npm install -g npm@11.19.1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# npm ci runs the project's own postinstall, `prisma generate`, into src/store/generated.
RUN npm ci
# The Prisma CLI and the rest of devDependencies are not needed to run.
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY bin ./bin
COPY prisma ./prisma
COPY adaptive-cards ./adaptive-cards
COPY src ./src
COPY --from=build /app/src/store/generated ./src/store/generated
# The default database is a SQLite file under /app/data: mount a volume there to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
# Liveness only; load balancers should route by /readyz (ready, database answering, not stopping).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is PID 1 (not npm), so SIGTERM reaches main.ts, which stops gracefully within 20 s.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
