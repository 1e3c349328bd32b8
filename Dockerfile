# Sister Cities Directory: gunicorn serving Django, static files through whitenoise.
FROM python:3.11-slim AS build
WORKDIR /app
RUN python -m venv /venv
COPY pyproject.toml README.md ./
COPY sistercities sistercities
COPY directory directory
RUN /venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim
ENV PATH="/venv/bin:$PATH" PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN useradd --create-home --uid 1000 app
WORKDIR /app
COPY --from=build /venv /venv
COPY --chown=app:app . .
USER app
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/admin/login/')"
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py seed && gunicorn sistercities.wsgi --bind 0.0.0.0:8000"]
