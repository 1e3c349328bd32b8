"""/api/docs/: the OpenAPI document as a page, drawn on the server by a template.

ninja's own docs page (Swagger UI) runs inline scripts, which the site's
Content-Security-Policy forbids; this page needs no script at all.
"""

import functools
from urllib.parse import urlencode

from django.http import JsonResponse
from django.views.generic import TemplateView

from directory.models import Community

from .endpoints import api

# A request that shows each operation at work: its query, and for a path parameter
# the slug of a community in the directory.
EXAMPLES = {
    "list_communities": {"q": "san jose", "country": "US"},
    "list_partnerships": {"country": "JP", "year_from": 1950, "year_to": 1970},
    "list_organizations": {"country": "US"},
    "list_sources": {"page_size": 10},
}
SCHEMA_PREFIX = "#/components/schemas/"


@functools.cache
def openapi():
    return api.get_openapi_schema()


def describe(schema):
    """A short description of a JSON schema in words: its type and its bounds."""
    if "$ref" in schema:
        return schema["$ref"].removeprefix(SCHEMA_PREFIX)
    if "anyOf" in schema:
        kinds = [describe(option) for option in schema["anyOf"] if option != {"type": "null"}]
        nullable = len(kinds) < len(schema["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {describe(schema.get('items', {}))}"
    bounds = [
        f"{label} {schema[key]}"
        for key, label in (
            ("minimum", "from"),
            ("maximum", "to"),
            ("maxLength", "at most"),
            ("pattern", "matching"),
            ("format", "format"),
        )
        if key in schema
    ]
    if "maxLength" in schema:
        bounds[bounds.index(f"at most {schema['maxLength']}")] += " characters"
    return ", ".join([kind, *bounds])


def operations(example_slug):
    for path, methods in openapi()["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "required": parameter.get("required", False),
                    "type": describe(parameter["schema"]),
                    "default": parameter["schema"].get("default"),
                    "description": parameter.get("description")
                    or parameter["schema"].get("description", ""),
                }
                for parameter in operation.get("parameters", [])
            ]
            example = path.replace("{slug}", example_slug)
            query = EXAMPLES.get(operation["operationId"])
            if query:
                example += "?" + urlencode(query)
            yield {
                "id": operation["operationId"],
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": parameters,
                "responses": [
                    (status, describe(answer["content"]["application/json"]["schema"]))
                    for status, answer in operation["responses"].items()
                ],
                "example": example,
            }


def schemas():
    for name, schema in openapi()["components"]["schemas"].items():
        if name.endswith("Query"):  # parameters, listed with each operation
            continue
        fields = [
            (field, describe(spec), spec.get("description", ""))
            for field, spec in schema.get("properties", {}).items()
        ]
        yield {"name": name, "description": schema.get("description", ""), "fields": fields}


class DocsView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        hub = Community.objects.order_by("-partner_count", "pk").values_list("slug", flat=True)
        return super().get_context_data(
            info=openapi()["info"],
            operations=list(operations(hub.first() or "miami-dade-county")),
            schemas=list(schemas()),
            **kwargs,
        )


def not_found(request):
    return JsonResponse({"detail": "Not Found"}, status=404)
