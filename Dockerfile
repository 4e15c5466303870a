# syntax=docker/dockerfile:1
# Image for the kg GraphQL service (also runs `kg load` for the compose loader job).
#   docker build -t budget-kg:local .
# Base images are pinned to exact tags: bump the two python stages together.

# --- GraphiQL assets, served by the app without a CDN (same steps as `make setup`) ---
FROM node:20.18.1-bookworm-slim AS playground
WORKDIR /src/app/playground
COPY app/playground/package.json app/playground/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error \
 && mkdir -p assets \
 && cp node_modules/react/umd/react.production.min.js \
       node_modules/react-dom/umd/react-dom.production.min.js \
       node_modules/graphiql/graphiql.min.js \
       node_modules/graphiql/graphiql.min.css assets/

# --- the explorer (/explore): typed operations generated from schema.graphql, bundled by Vite
# (same steps as `make setup`; Vite 7 needs Node 20.19+ or 22.12+) ---
FROM node:22.12.0-bookworm-slim AS explorer
WORKDIR /src/app/explorer/web
COPY app/explorer/web/package.json app/explorer/web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY schema.graphql /src/schema.graphql
COPY app/explorer/web ./
RUN npm run build

# --- build: install the project (not editable) into a self-contained venv ---
FROM python:3.11.13-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY app ./app
COPY loaders ./loaders
COPY vocab ./vocab
COPY graph ./graph
COPY --from=playground /src/app/playground/assets ./app/playground/assets
COPY --from=explorer /src/app/explorer/web/dist ./app/explorer/web/dist
RUN pip install --no-cache-dir .

# --- runtime ---
FROM python:3.11.13-slim-bookworm AS runtime
# libgomp1/libstdc++6: needed by the FalkorDB module of the embedded store (KG_STORE=embedded).
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgomp1 libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 kg \
 && useradd --system --uid 10001 --gid kg --no-log-init --create-home --home-dir /home/kg kg \
 && mkdir -p /data \
 && chown kg:kg /data
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KG_DATA_DIR=/data
WORKDIR /home/kg
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["kg", "serve", "--host", "0.0.0.0", "--port", "8000"]
