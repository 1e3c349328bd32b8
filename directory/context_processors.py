from django.utils.functional import SimpleLazyObject


def canonical_url(request):
    """``canonical_url``: the page's address without its query string. The search pages
    give their own, with the filters in use."""
    return {"canonical_url": SimpleLazyObject(lambda: request.build_absolute_uri(request.path))}
