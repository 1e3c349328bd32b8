# Sister Cities Directory: gunicorn serving Django, static files through whitenoise.
#   docker build -t sistercities .
#   docker run --rm -e SECRET_KEY=... -e DATABASE_URL=postgres://... sistercities python manage.py release
#   docker run -e SECRET_KEY=... -e DATABASE_URL=postgres://... -p 8000:8000 sistercities
#
# Both stages start from PYTHON_IMAGE (Python 3.11.3 or later, which the lock needs). Pin
# it by digest for a build that cannot change under you:
#   docker build --build-arg PYTHON_IMAGE=python:3.11-slim@sha256:<digest> -t sistercities .
ARG PYTHON_IMAGE=python:3.11-slim

# Build stage: the dependencies pinned, with their hashes, in requirements/base.txt (made
# from pyproject.toml by `make lock`), in a virtualenv; the Spanish catalogue compiled,
# the static files collected (hashed, gzip- and brotli-compressed, served by whitenoise),
# the code byte-compiled. Then what only this stage needs leaves the virtualenv: Babel,
# which compiles the catalogue, and pip and setuptools.
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN python -m venv /venv
COPY requirements/base.txt requirements/base.txt
RUN /venv/bin/pip install --require-hashes -r requirements/base.txt
COPY . .
RUN /venv/bin/pybabel --quiet compile -i locale/es/LC_MESSAGES/django.po -o locale/es/LC_MESSAGES/django.mo \
    && SECRET_KEY=collectstatic-only DEBUG=0 /venv/bin/python manage.py collectstatic --noinput -v0 \
    && /venv/bin/python -m compileall -q manage.py gunicorn.conf.py directory sistercities \
    && /venv/bin/python -m pip uninstall --yes --quiet babel setuptools pip

# Runtime stage: the virtualenv and the prepared code, run as a non-root user. The base
# image's own pip, setuptools and wheel go too: nothing installs anything here.
FROM ${PYTHON_IMAGE}
ENV PATH="/venv/bin:$PATH" PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 PORT=8000
RUN python -m pip uninstall --yes --quiet pip setuptools wheel \
    && useradd --create-home --uid 1000 app
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app /app
RUN mkdir -p var && chown app:app var
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["python", "bin/healthcheck"]
# gunicorn with gunicorn.conf.py and the task worker, as `make serve` does after its
# release step. The database is prepared once per deploy, before: `python manage.py
# release` (a platform's release phase); bin/start refuses a database it has not prepared.
CMD ["bin/start"]
