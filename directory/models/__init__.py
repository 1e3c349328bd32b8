"""The directory's records: communities, partnerships and the sources citing them,
organizations, and the curated FAQ and history."""

from .base import FIRST_YEAR, validate_not_future_date, validate_not_future_year
from .citation import Citation
from .community import Community, CoordinatesCheck, PlaceStatus
from .content import HistoryEvent, Question, founded_per_year, timeline
from .corrections import CorrectionReport
from .counts import Count
from .generation import Generation
from .imports import ImportJob
from .organization import Organization
from .partnership import Partnership, communities_sharing_partners
from .redirect import CommunityRedirect
from .seeking import Listing
from .source import Source
from .status import StatusChange

__all__ = [
    "FIRST_YEAR",
    "Citation",
    "Community",
    "CommunityRedirect",
    "CoordinatesCheck",
    "CorrectionReport",
    "Count",
    "Generation",
    "HistoryEvent",
    "Listing",
    "Organization",
    "Partnership",
    "ImportJob",
    "PlaceStatus",
    "Question",
    "Source",
    "StatusChange",
    "communities_sharing_partners",
    "founded_per_year",
    "timeline",
    # Named by the migrations.
    "validate_not_future_date",
    "validate_not_future_year",
]
