# The portal's image: web, worker, scheduler and release all run from it (Procfile).
# Build: docker build -t commit-portal .   Dependencies come from uv.lock, never re-resolved.
FROM python:3.11-slim-bookworm AS build
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=/app/.venv
# PyICU (the database search backend's word breaks) builds against ICU.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential pkg-config libicu-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN uv sync --frozen --no-dev

FROM python:3.11-slim-bookworm
# gettext for compilemessages at build time; ICU for PyICU; supercronic runs deploy/crontab.
ARG SUPERCRONIC_VERSION=v0.2.33
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext curl ca-certificates libicu72 \
    && curl -fsSLo /usr/local/bin/supercronic \
       "https://github.com/aptible/supercronic/releases/download/${SUPERCRONIC_VERSION}/supercronic-linux-amd64" \
    && chmod 0755 /usr/local/bin/supercronic \
    && apt-get purge -y curl && apt-get autoremove -y && rm -rf /var/lib/apt/lists/* \
    && groupadd --system portal && useradd --system --gid portal --home-dir /app portal
WORKDIR /app
COPY --from=build --chown=portal:portal /app /app
ENV PATH="/app/.venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PYTHONUNBUFFERED=1 \
    MEDIA_ROOT=/app/media
# Catalogues and hashed static files are built into the image; collectstatic needs no
# secrets, so throwaway values stand in for the production variables here only.
RUN SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.db ALLOWED_HOSTS=build REDIS_URL=redis://build:6379/0 \
    sh -c "python manage.py compilemessages --ignore=.venv -v0 && python manage.py collectstatic --noinput -v0" \
    && mkdir -p /app/media && chown -R portal:portal /app/media /app/staticfiles
USER portal
# The uvicorn workers' metrics files, summed by /metrics (portal/metrics.py). Set after the
# build steps, so none of them makes the directory as root.
ENV PROMETHEUS_MULTIPROC_DIR=/tmp/portal-metrics
EXPOSE 8000
CMD ["sh", "-c", "uvicorn config.asgi:application --host 0.0.0.0 --port ${PORT:-8000} --workers ${WEB_CONCURRENCY:-2} --ws websockets-sansio --proxy-headers --forwarded-allow-ips \"${FORWARDED_ALLOW_IPS:-127.0.0.1}\" --no-access-log"]
