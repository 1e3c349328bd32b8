# Sister Cities Directory: gunicorn serving Django, static files through whitenoise.
#   docker build -t sistercities .
#   docker run -e SECRET_KEY=... -e DATABASE_URL=postgres://... -p 8000:8000 sistercities

# Build stage: the dependencies pinned, with their hashes, in requirements/base.txt (made
# from pyproject.toml by `make lock`), in a virtualenv copied below.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /venv
COPY requirements/base.txt requirements/base.txt
RUN /venv/bin/pip install --require-hashes -r requirements/base.txt

# Runtime stage: the code, the collected static files, a non-root user.
FROM python:3.11-slim
ENV PATH="/venv/bin:$PATH" PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 PORT=8000
RUN useradd --create-home --uid 1000 app
WORKDIR /app
COPY --from=build /venv /venv
COPY . .
# The Spanish catalogue compiled; hashed, gzip- and brotli-compressed static files, served
# by whitenoise.
RUN pybabel --quiet compile -i locale/es/LC_MESSAGES/django.po -o locale/es/LC_MESSAGES/django.mo \
    && SECRET_KEY=collectstatic-only DEBUG=0 python manage.py collectstatic --noinput -v0 \
    && mkdir -p var && chown app:app var
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python", "bin/healthcheck"]
# Migrate, seed a new database, then gunicorn with gunicorn.conf.py: as `make serve`.
CMD ["bin/start"]
