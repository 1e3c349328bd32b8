"""The API against its own OpenAPI document, with schemathesis: every operation with
generated parameters, valid and invalid. No answer may be a server error, and every
answer must be one the document declares: its status code, its content type, its body.

The schema is loaded from the running application (through WSGI, in this process), after
the factories have filled the test database: the examples are requests to that same
database connection, inside the test's transaction, and they only read it.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.specs.openapi import checks as openapi_checks

from tests.factories import (
    CommunityFactory,
    OrganizationFactory,
    PartnershipFactory,
    SourceFactory,
)

# Every check schemathesis has: no server error; the status code, content type, headers
# and body the document declares; data the document calls valid accepted
# (positive_data_acceptance) and data it calls invalid rejected (negative_data_rejection);
# methods the document does not declare refused with 405 and an Allow header.
# The OpenAPI checks register themselves when their module is imported.
CHECKS = REGISTERED_CHECKS.get_all()
assert openapi_checks.positive_data_acceptance in CHECKS, CHECKS
# Enough to reach every parameter and its bounds; the whole run stays well under a minute.
EXAMPLES = 100


@pytest.fixture
def keep_connection():
    """Requests reach the application as they would from a server, and Django closes a
    connection in a transaction at the end of each: the test's own, on PostgreSQL. As
    Django's test client does, keep it open for the test."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def api_schema(db, keep_connection):
    """The API's document, loaded from the application, over a few records."""
    sources = [SourceFactory(slug="first-list"), SourceFactory(slug="wikipedia-twin-towns")]
    places = [
        CommunityFactory(name="São Paulo", country="BR", latitude="-23.5", longitude="-46.6"),
        CommunityFactory(name="Łódź", country="PL", region="Łódź Voivodeship"),
        CommunityFactory(name="San José", country="US", region="California"),
        CommunityFactory(name="San José", country="CR", kind="city"),
        CommunityFactory(name="County Cork", country="IE", kind="county"),
    ]
    for n, (a, b) in enumerate([(0, 1), (0, 2), (2, 3), (1, 4), (3, 4)]):
        PartnershipFactory(
            community_a=places[a],
            community_b=places[b],
            established_year=None if n == 4 else 1950 + 10 * n,
            ended_year=2015 if n == 1 else None,
            status="friendship" if n % 2 else "sister",
            cited_in=sources[n % 2],
        )
    OrganizationFactory(name="San José Sister Cities", home_community=places[2], kind="nonprofit")
    OrganizationFactory(name="Cork Twinning", membership="member")
    # A new application, which reads the settings of this test (plain HTTP) as it starts.
    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_is_declared_and_none_is_a_server_error(api_schema, mode, subtests):
    """Each operation in turn, with parameters that fit the document (positive) and
    parameters that break it (negative: wrong types, out of bounds, missing)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 5
    for operation in operations:
        with subtests.test(operation.label):

            @given(case=operation.as_strategy(mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            )
            def call(case):
                case.call_and_validate(checks=CHECKS)

            call()
