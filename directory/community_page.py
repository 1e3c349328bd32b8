"""A community's page (/cities/<slug>/): its facts and other names, the map of its
partners, the partner table, the organizations that run its partnerships, the
communities with the same partners, its structured data, its feed and the code to embed
its list on another site. The parts below the facts are cached fragments
(templates/jinja2/directory/community_detail.jinja): each property is read only when its
fragment is out of date."""

from django.conf import settings
from django.db.models import OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from . import embeds, feeds, partner_table, structured_data
from .folding import fold
from .maps import community_map
from .models import Community, Listing, Organization, Partnership, communities_sharing_partners
from .opendata.licences import credits

# A community page lists a few of its other names, not every spelling on record.
OTHER_NAMES = 8


class CommunityDetailView(DetailView):
    """A community and its partners. The partner table and what follows it are a cached
    fragment: these properties are read only when it is out of date."""

    template_name = "directory/community_detail.jinja"

    def get_queryset(self):
        """With the address of its open listing on /seeking/, if it has one, read in the
        same query: few communities have one."""
        listing = Listing.objects.open().filter(community=OuterRef("pk")).values("pk")[:1]
        return Community.objects.defer("search_text").annotate(open_listing_pk=listing)

    @cached_property
    def partnerships(self):
        return Partnership.objects.of(self.object)

    @cached_property
    def other_names(self):
        """A few of its other names, each once: those a curator or a source gave it,
        then the spellings under which the sources printed it."""
        community = self.object
        published = (c.own_as_published for p in self.partnerships for c in p.cited)
        names = {fold(community.name): None}
        for name in (*community.alternate_name_list, *published):
            names.setdefault(fold(name), name)
        return [name for name in names.values() if name][:OTHER_NAMES]

    @property
    def gazetteer_name_count(self):
        return len(self.object.gazetteer_names.splitlines())

    @cached_property
    def table(self):
        """What the partner table says once above its rows."""
        return partner_table.summarize(self.partnerships)

    @cached_property
    def credits(self):
        """The sources of the partnerships on the page, with their terms."""
        cited = (citation.source for p in self.partnerships for citation in p.cited)
        return credits(cited)

    @cached_property
    def open_listing_url(self):
        """The address of its listing on /seeking/, when it is looking for new partners:
        the listing's get_absolute_url(), which needs only its key."""
        pk = self.object.open_listing_pk
        return None if pk is None else Listing(pk=pk).get_absolute_url()

    @property
    def maps(self):
        return settings.MAPS

    @cached_property
    def partner_map(self):
        return community_map(self.object, self.partnerships)

    @cached_property
    def organizations(self):
        return list(
            Organization.objects.filter(partnerships__in=[p.pk for p in self.partnerships])
            .select_related("home_community")
            .only("name", "slug", "home_community", "home_community__name")
            .distinct()
        )

    @cached_property
    def json_ld(self):
        return structured_data.community(self.request, self.object, self.partnerships)

    @cached_property
    def feed(self):
        name = self.object.name
        return feeds.announced(
            _("Partnerships of %(name)s added or changed") % {"name": name},
            "directory:community-feed",
            self.object.slug,
        )

    @property
    def embed_snippet(self):
        return embeds.snippet(self.request, self.object)

    @cached_property
    def sharing(self):
        partners = [partnership.partner for partnership in self.partnerships]
        return communities_sharing_partners(self.object, partners)
