# Production image: the same code serves web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1

# WeasyPrint needs Pango; fonts for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml constraints.txt ./
RUN pip install -c constraints.txt .
COPY . .
RUN useradd --create-home --uid 1000 shop && mkdir -p /data && chown shop /data
USER shop

# collectstatic needs settings to import; the real values come at run time.
RUN DJANGO_SECRET_KEY=build ALLOWED_HOSTS=build SITE_URL=http://build DATABASE_URL=postgres://build/build \
    python manage.py collectstatic --noinput

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
