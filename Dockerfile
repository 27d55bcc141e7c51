FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
# collectstatic runs with the production settings (DEBUG=0), so the manifest the running portal needs exists.
RUN DEBUG=1 DATABASE_URL=postgres://build@localhost/none python manage.py compilemessages --ignore=.venv \
    && DEBUG=0 SECRET_KEY=collectstatic-at-build-time-only DATABASE_URL=postgres://build@localhost/none \
       python manage.py collectstatic --noinput \
    && useradd --system --home /app portale && mkdir -p /app/var/media && chown -R portale /app/var
USER portale
EXPOSE 8000
CMD ["gunicorn", "costellazioni.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
