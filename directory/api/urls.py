"""/api/: the operations and /api/openapi.json from ninja, /api/docs/ from a template
(/api/ and /api/docs lead to it), and a JSON 404 for any other address under /api/."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from . import docs
from .endpoints import api

app_name = "api"

operations, _, _ = api.urls

to_docs = RedirectView.as_view(pattern_name="api:docs")

urlpatterns = [
    path("", to_docs),
    path("docs", to_docs),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    *operations,
    re_path(r"", docs.not_found),
]
