from django.db.models import Prefetch
from django.views.generic import DetailView, TemplateView

from .models import Community, Organization, Partnership


class HomeView(TemplateView):
    template_name = "directory/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            community_count=Community.objects.count(),
            partnership_count=Partnership.objects.count(),
            **kwargs,
        )


class CommunityDetailView(DetailView):
    model = Community

    def get_context_data(self, **kwargs):
        community = self.object
        partnerships = (
            Partnership.objects.involving(community)
            .select_related("community_a", "community_b", "source")
            .order_by("established_year", "pk")
        )
        partners = [(p, p.partner_of(community)) for p in partnerships]
        partners.sort(key=lambda pair: (pair[1].name, pair[0].pk))
        return super().get_context_data(partners=partners, **kwargs)


class OrganizationDetailView(DetailView):
    model = Organization

    def get_queryset(self):
        return Organization.objects.select_related("home_community").prefetch_related(
            Prefetch(
                "partnerships",
                Partnership.objects.select_related("community_a", "community_b"),
            )
        )


class CommunityListView(TemplateView):
    template_name = "directory/community_list.html"


class OrganizationListView(TemplateView):
    template_name = "directory/organization_list.html"


class FaqView(TemplateView):
    template_name = "directory/faq.html"


class HistoryView(TemplateView):
    template_name = "directory/history.html"


class PartnersView(TemplateView):
    template_name = "directory/partners.html"


class AboutView(TemplateView):
    template_name = "directory/about.html"
