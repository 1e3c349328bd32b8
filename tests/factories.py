"""Test data, built the way the application builds it: through save()."""

import factory

from directory.models import (
    Citation,
    Community,
    CorrectionReport,
    Listing,
    Organization,
    Partnership,
    Source,
    StatusChange,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Test list {n}")
    slug = factory.Sequence(lambda n: f"test-list-{n}")


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    name = factory.Sequence(lambda n: f"Town {n}")
    country = "FR"


class PartnershipFactory(factory.django.DjangoModelFactory):
    """A partnership between a US town and a French one, cited in ``cited_in`` (a Source;
    a new one when not given)."""

    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    community_a = factory.SubFactory(CommunityFactory, country="US")
    community_b = factory.SubFactory(CommunityFactory)
    status = Partnership.Status.SISTER

    @factory.post_generation
    def cited_in(partnership, create, source, **kwargs):
        if create:
            Citation.objects.create(
                partnership=partnership, source=source or SourceFactory(), **kwargs
            )


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Twinning Society {n}")


class StatusChangeFactory(factory.django.DjangoModelFactory):
    """An entry of a partnership's status history; saving it sets the partnership's
    current status."""

    class Meta:
        model = StatusChange

    partnership = factory.SubFactory(PartnershipFactory)
    status = StatusChange.Status.SISTER
    year = 2000


class CorrectionReportFactory(factory.django.DjangoModelFactory):
    """A report on a partnership's first community, from the public form."""

    class Meta:
        model = CorrectionReport

    community = factory.SubFactory(CommunityFactory)
    what = "The year is wrong."
    evidence = "https://example.org/minutes"
    email = "reporter@example.org"


class ListingFactory(factory.django.DjangoModelFactory):
    """An open listing: confirmed today."""

    class Meta:
        model = Listing

    community = factory.SubFactory(CommunityFactory)
    interests = factory.LazyFunction(lambda: ["culture"])
    offers = "A choir and a youth orchestra."
    seeks = "A town to exchange pupils with."
