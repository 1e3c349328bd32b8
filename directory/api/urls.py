"""/api/: the operations and /api/openapi.json from ninja, /api/docs/ from a template, and
a JSON 404 for any other address under /api/."""

from django.urls import path, re_path

from . import docs
from .endpoints import api

app_name = "api"

operations, _, _ = api.urls

urlpatterns = [
    path("docs/", docs.DocsView.as_view(), name="docs"),
    *operations,
    re_path(r"", docs.not_found),
]
