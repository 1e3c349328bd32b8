"""The addresses of merged communities: /cities/<old-slug>/ and its sub-pages answer
301 to the same page of the community they were merged into."""

import functools

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from directory.models import Community, CommunityRedirect


def follows_merges(view):
    """Wrap a view taking a community's ``slug``: where it finds no such community but
    a redirect, answer 301 to the same view of the community the slug now leads to.
    Costs a query only when the view answers 404."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get("slug")
            target = (
                CommunityRedirect.objects.filter(old_slug=slug)
                .values_list("community__slug", flat=True)
                .first()
            )
            if target is None or Community.objects.filter(slug=slug).exists():
                raise
            match = request.resolver_match
            url = reverse(match.view_name, args=args, kwargs={**kwargs, "slug": target})
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    return wrapper
