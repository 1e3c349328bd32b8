"""Pages of results: a page number and a bounded page size in, the rows of that page with
the number of rows in all and the addresses of the next and previous pages out."""

from math import ceil

from ninja import Field, Schema
from pydantic import create_model

from directory.opendata.licences import ATTRIBUTION

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Deep pages cost an OFFSET scan; nobody reads a million rows a page at a time (the
# downloads give them all at once).
MAX_PAGE = 10_000


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE,
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Results per page, from 1 to {MAX_PAGE_SIZE}.",
    )


def page_of(item_schema, name):
    """The schema of a page of ``item_schema``."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="How many results there are in all.")),
        next=(str | None, Field(description="Address of the next page; null on the last.")),
        previous=(
            str | None,
            Field(description="Address of the previous page; null on the first."),
        ),
        results=(list[item_schema], ...),
        attribution=(
            str,
            Field(
                description="Whom to credit when you reuse the results, and where "
                "each source's terms are."
            ),
        ),
    )


def paginate(request, queryset, query):
    """The page ``query.page`` of ``queryset``; a page after the last is empty."""
    count = queryset.count()
    start = (query.page - 1) * query.page_size
    results = list(queryset[start : start + query.page_size]) if start < count else []
    last = max(1, ceil(count / query.page_size))

    def address(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return {
        "count": count,
        "next": address(query.page + 1) if query.page < last else None,
        "previous": address(min(query.page - 1, last)) if query.page > 1 else None,
        "results": results,
        "attribution": ATTRIBUTION,
    }
