"""A FilterSet applied as the HTML search pages apply it, for downloads and the API:
the same input gives the same rows, in the same order."""

from directory.views import CONTROL_CHARACTERS


def filtered(filterset_class, params, queryset):
    """(rows, errors) for the query parameters ``params``: ``errors`` maps each invalid
    field (``__all__`` for the form as a whole) to its messages, and is empty when the
    filters are valid.

    As on the search pages (django-filter's FilterView): no parameters at all leave the
    queryset in its default order, and control characters are dropped.
    """
    data = None
    if params:
        data = params.copy()
        for name, values in data.lists():
            data.setlist(name, [CONTROL_CHARACTERS.sub("", value) for value in values])
    filterset = filterset_class(data=data, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        return queryset.none(), {field: list(errors) for field, errors in filterset.errors.items()}
    return filterset.qs, {}
