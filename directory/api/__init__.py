"""The read-only JSON API under /api/, made with django-ninja: its schemas are Pydantic
models, from which ninja writes the OpenAPI document at /api/openapi.json; /api/docs/ is
that document as a page."""
